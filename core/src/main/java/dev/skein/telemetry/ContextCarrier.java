package dev.skein.telemetry;

/**
 * Carries thread-bound context that is not OpenTelemetry's (a logging MDC, a security context) from the
 * thread that opens a scope into every branch of it. Skein carries the OpenTelemetry context itself, and
 * SLF4J's MDC when SLF4J is present; register others with {@link SkeinTelemetry#carry}.
 * {@snippet :
 * SkeinTelemetry.carry(new ContextCarrier() {
 *     public Object capture() { return TenantHolder.get(); }
 *     public AutoCloseable install(Object tenant) {
 *         TenantHolder.set((String) tenant);
 *         return TenantHolder::clear;
 *     }
 * });
 * }
 *
 * @implSpec {@code capture} runs when a scope is opened, on the opener's thread; {@code install} runs on
 * each branch's thread before its body, and what it returns is closed after the body. Both must be quick,
 * and should not throw (what they throw is logged and the branch goes on without that context).
 */
public interface ContextCarrier {

    /** {@return what the branches should see, or null when there is nothing to carry} */
    Object capture();

    /** Installs {@code captured} on the calling (branch) thread. {@return what undoes it} */
    AutoCloseable install(Object captured);
}
