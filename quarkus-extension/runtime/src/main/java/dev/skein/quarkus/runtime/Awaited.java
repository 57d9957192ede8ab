package dev.skein.quarkus.runtime;

import dev.skein.graph.TaskFunction;
import io.smallrye.mutiny.Uni;
import java.util.concurrent.CompletionStage;

/**
 * What a method returned, as its caller needs it: a {@code Uni} or a stage awaited on the calling (virtual)
 * thread, as the core awaits a task's ({@link TaskFunction#ofUni}, {@link TaskFunction#ofStage}); an interrupt
 * cancels what is awaited.
 */
final class Awaited {

    private Awaited() {
    }

    /** {@return {@code value}, awaited when {@code returns} says it is a {@code Uni} or a stage} */
    @SuppressWarnings("unchecked")
    static Object value(Object value, int returns) throws Exception {
        return switch (returns) {
            case TaskSpec.UNI -> TaskFunction.<Object, Object>ofUni(ignored -> (Uni<Object>) value).apply(null);
            case TaskSpec.STAGE -> TaskFunction.<Object, Object>ofStage(ignored -> (CompletionStage<Object>) value).apply(null);
            default -> value;
        };
    }
}
