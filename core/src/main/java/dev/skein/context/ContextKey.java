package dev.skein.context;

import java.util.Objects;

/**
 * A typed key for a value carried by the {@link SkeinContext}. Keys compare by identity: keep one
 * instance in a constant.
 * {@snippet :
 * static final ContextKey<String> TENANT = ContextKey.of("tenant", String.class);
 * }
 *
 * @param <T> the type of the value
 */
public final class ContextKey<T> {

    private final String name;
    private final Class<T> type;

    private ContextKey(String name, Class<T> type) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("context key name must not be blank: name it for what it holds");
        }
        this.name = name;
        this.type = Objects.requireNonNull(type, "type");
    }

    /** {@return a new key; {@code name} is for diagnostics only} */
    public static <T> ContextKey<T> of(String name, Class<T> type) {
        return new ContextKey<>(name, type);
    }

    /** {@return the key's name} */
    public String name() {
        return name;
    }

    /** {@return the type of its values} */
    public Class<T> type() {
        return type;
    }

    /** {@return {@code value} checked against the key's type} */
    public T cast(Object value) {
        return type.cast(value);
    }

    @Override
    public String toString() {
        return name + ":" + type.getSimpleName();
    }
}
