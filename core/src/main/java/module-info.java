/**
 * Skein core: scopes with guaranteed completion, context (deadlines, cancellation, values) and
 * diagnostics, on virtual threads; task graphs with saga compensation. {@code dev.skein.internal} is not exported.
 *
 * <p>SmallRye Fault Tolerance 6.10.1 and the MicroProfile Fault Tolerance API 4.1.2 ship no module
 * descriptor and no {@code Automatic-Module-Name}: on the module path they are automatic modules named
 * after their jar files ({@code smallrye.fault.tolerance.api}, ...), which is why the build warns about
 * "filename-based automodules" and why javac's {@code requires-automatic} lint is suppressed here.
 * Keep their jars named {@code artifactId-version.jar} (Maven and Gradle do).
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
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
    // Not used by Skein itself. SmallRye Fault Tolerance's jars are automatic modules, which cannot say what
    // they need: on the module path every automatic module is resolved, but jboss-logging is a named module
    // nothing requires, so the first policy call failed with NoClassDefFoundError: org/jboss/logging/BasicLogger.
    requires org.jboss.logging;
    requires transitive io.opentelemetry.api;
    requires transitive io.opentelemetry.context;
    requires static org.slf4j;
}
