package dev.skein.quarkus.runtime;

import io.quarkus.runtime.annotations.Recorder;

/**
 * Makes the context of a Quarkus request reach every branch of the scopes opened in it. The CDI request
 * context through {@link RequestContextCarrier}. The OpenTelemetry context and the MDC need nothing here:
 * the core carries the OpenTelemetry {@code Context} itself (under {@code quarkus-opentelemetry} too, whose
 * storage falls back to a thread local on a branch's thread, which has no Vert.x context), and SLF4J's MDC,
 * which in Quarkus is the JBoss LogManager MDC that {@code org.jboss.logging.MDC} and the log format read.
 */
@Recorder
public class ContextRecorder {

    /** Registers the request context's carrier with the core (once: it serves every later start). */
    public void carryRequestContext() {
        RequestContextCarrier.register();
    }
}
