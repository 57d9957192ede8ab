/**
 * Skein core: scopes with guaranteed completion, context (deadlines, cancellation, values) and
 * diagnostics, on virtual threads; task graphs with saga compensation. {@code dev.skein.internal} is not exported.
 */
module dev.skein.core {
    exports dev.skein;
    exports dev.skein.context;
    exports dev.skein.scope;
    exports dev.skein.diagnostics;
    exports dev.skein.graph;
    exports dev.skein.policy;
    exports dev.skein.telemetry;

    requires transitive io.smallrye.mutiny;
    requires transitive smallrye.fault.tolerance.api;
    requires transitive microprofile.fault.tolerance.api;
    requires smallrye.fault.tolerance.standalone;
    requires transitive io.opentelemetry.api;
    requires transitive io.opentelemetry.context;
    requires static org.slf4j;
}
