package dev.skein.quarkus.runtime;

import dev.skein.graph.TaskInputs;
import dev.skein.graph.TaskKey;
import dev.skein.internal.Text;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where each argument of a task, condition or compensation method comes from; parsed once, at start-up. */
final class Arguments {

    private static final int INPUT = 0;
    private static final int RESULT = 1;
    private static final int OPTIONAL_RESULT = 2;
    private static final int FAILURE = 3;

    private final int[] kinds;
    private final TaskKey<?>[] keys;

    private Arguments(int[] kinds, TaskKey<?>[] keys) {
        this.kinds = kinds;
        this.keys = keys;
    }

    /** {@return the sources of {@code params}, each an {@link ArgumentSource}} */
    static Arguments of(List<String> params, Map<String, TaskKey<?>> keys) {
        int[] kinds = new int[params.size()];
        TaskKey<?>[] resolved = new TaskKey<?>[params.size()];
        for (int i = 0; i < kinds.length; i++) {
            String p = params.get(i);
            Optional<String> task = ArgumentSource.task(p);
            if (p.equals(ArgumentSource.INPUT)) {
                kinds[i] = INPUT;
            } else if (p.equals(ArgumentSource.FAILURE)) {
                kinds[i] = FAILURE;
            } else if (task.isPresent()) {
                kinds[i] = ArgumentSource.isOptional(p) ? OPTIONAL_RESULT : RESULT;
                resolved[i] = keys.get(task.get());
            } else {
                throw new IllegalStateException("unknown argument source '" + Text.name(p) + "' (a bug in the Skein extension)");
            }
        }
        return new Arguments(kinds, resolved);
    }

    /** {@return the arguments for one call} */
    Object[] values(TaskInputs<?> inputs, Throwable failure) {
        Object[] values = new Object[kinds.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (kinds[i]) {
                case INPUT -> inputs.input();
                case RESULT -> inputs.get(keys[i]);
                case OPTIONAL_RESULT -> inputs.find(keys[i]);
                default -> failure;
            };
        }
        return values;
    }
}
