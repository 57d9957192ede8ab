package dev.skein.quarkus.runtime.config;

import io.quarkus.runtime.annotations.ConfigDocDefault;
import java.util.Optional;

/**
 * The diagnostics endpoints under the non-application root: {@code /q/skein/scopes} (the live tree of scopes
 * and branches), {@code /q/skein/graphs} (each annotated graph as Mermaid and DOT) and {@code /q/skein/policies}
 * (each named policy's breaker state and counts).
 */
public interface EndpointsConfig {

    /**
     * Whether the endpoints are served. On in dev and test mode, off in production unless set to {@code true}.
     * When the management interface is enabled ({@code quarkus.management.enabled}), they are served on it
     * only, never on the application's port.
     */
    @ConfigDocDefault("true in dev and test mode, false in production")
    Optional<Boolean> enabled();
}
