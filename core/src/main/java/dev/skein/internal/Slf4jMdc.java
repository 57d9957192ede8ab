package dev.skein.internal;

import java.util.Map;
import org.slf4j.MDC;

/** SLF4J's MDC, carried into branches; used only when SLF4J is on the class path. */
final class Slf4jMdc implements Telemetry.Carrier {

    @Override
    public Object capture() {
        Map<String, String> map = MDC.getCopyOfContextMap();
        return map == null || map.isEmpty() ? null : map;
    }

    @Override
    @SuppressWarnings("unchecked")
    public AutoCloseable install(Object captured) {
        MDC.setContextMap((Map<String, String>) captured);
        return MDC::clear;
    }

    /** {@return the carriers Skein starts with: SLF4J's MDC when SLF4J is present} */
    static Telemetry.Carrier[] defaults() {
        try {
            Class.forName("org.slf4j.MDC", false, Slf4jMdc.class.getClassLoader());
            return new Telemetry.Carrier[] {new Slf4jMdc()};
        } catch (ClassNotFoundException | LinkageError absent) {
            return new Telemetry.Carrier[0];
        }
    }
}
