package dev.skein.graph;

import java.util.Objects;

/**
 * Names a task of a {@link Graph} and the type of its result. Tasks declare their dependencies with keys,
 * read their dependencies' results with them ({@link TaskInputs#get(TaskKey)}), and a finished run hands
 * out results by key ({@link RunReport#get(TaskKey)}).
 * {@snippet :
 * static final TaskKey<Order> CREATE_ORDER = TaskKey.of("create order", Order.class);
 * }
 * Two keys are equal when their names and types are; the graph checks, when it is built, that every key
 * naming a dependency agrees with the type the task of that name produces.
 *
 * @param <T> the type of the task's result ({@code Void} for a task run for its effect)
 */
public final class TaskKey<T> {

    private final String name;
    private final Class<T> type;

    private TaskKey(String name, Class<T> type) {
        this.name = name;
        this.type = type;
    }

    /**
     * {@return a key for the task called {@code name}, producing a {@code type}} A primitive type is
     * replaced by its wrapper.
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public static <T> TaskKey<T> of(String name, Class<T> type) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (name.isBlank()) {
            throw new IllegalArgumentException("task name must not be blank");
        }
        return new TaskKey<>(name, wrap(type));
    }

    /** {@return the task's name: unique in its graph, shown in reports, dumps and pictures} */
    public String name() {
        return name;
    }

    /** {@return the type of the task's result} */
    public Class<T> type() {
        return type;
    }

    @SuppressWarnings("unchecked")
    private static <T> Class<T> wrap(Class<T> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        Class<?> wrapper = switch (type.getName()) {
            case "boolean" -> Boolean.class;
            case "byte" -> Byte.class;
            case "char" -> Character.class;
            case "short" -> Short.class;
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "float" -> Float.class;
            case "double" -> Double.class;
            default -> Void.class;
        };
        return (Class<T>) wrapper;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TaskKey<?> other && name.equals(other.name) && type == other.type;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + type.hashCode();
    }

    @Override
    public String toString() {
        return name + ":" + type.getSimpleName();
    }
}
