package dev.skein.quarkus.runtime.config;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Overrides for the scopes of {@code @SkeinScope} methods of one name
 * ({@code quarkus.skein.scope."checkout".timeout}); they win over the annotation's members.
 */
public interface ScopeOverrides {

    /** The deadline of each call, as a duration after it starts. */
    Optional<Duration> timeout();

    /** The cap on branches running at once beside the method (at least 1). */
    OptionalInt maxConcurrency();
}
