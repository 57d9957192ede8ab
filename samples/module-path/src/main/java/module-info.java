/**
 * A modular application of Skein: a policy call (SmallRye Fault Tolerance, standalone), a traced scope and
 * a graph run, on the module path. {@code ModulePathTest} runs it with exactly its runtime dependencies and
 * nothing added: no {@code --add-modules}, no {@code --add-reads}.
 */
@SuppressWarnings("requires-automatic") // the OpenTelemetry SDK names its automatic modules in its manifests
module dev.skein.samples.modulepath {
    requires dev.skein.core;
    requires io.opentelemetry.sdk;
    requires io.opentelemetry.sdk.trace;
    requires io.opentelemetry.sdk.common;
}
