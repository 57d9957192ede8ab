package dev.skein.quarkus.deployment;

import io.quarkus.arc.deployment.ValidationPhaseBuildItem.ValidationErrorBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import jakarta.enterprise.inject.spi.DefinitionException;
import java.util.List;

/** How a build step reports what it found wrong: one {@code DefinitionException} per problem, ArC failing once for all. */
final class Problems {

    private Problems() {
    }

    /** Reports {@code problems} (each without the "Skein: " prefix), if there are any. */
    static void report(List<String> problems, BuildProducer<ValidationErrorBuildItem> errors) {
        if (!problems.isEmpty()) {
            errors.produce(new ValidationErrorBuildItem(problems.stream()
                    .<Throwable>map(p -> new DefinitionException("Skein: " + p)).toList()));
        }
    }
}
