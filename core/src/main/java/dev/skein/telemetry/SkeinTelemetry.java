package dev.skein.telemetry;

import dev.skein.internal.Telemetry;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import java.util.Objects;

/**
 * Turns on OpenTelemetry spans for scopes and branches (so for graph runs and tasks too, which are
 * scopes and branches). {@code skein-core} depends on the OpenTelemetry API only; the SDK is the
 * application's.
 * {@snippet :
 * SkeinTelemetry.install(openTelemetry);   // e.g. the SDK the application built, or GlobalOpenTelemetry.get()
 * }
 *
 * <h2>What it makes</h2>
 * <ul>
 * <li>A span per scope, named after the scope, child of the OpenTelemetry context current where the scope
 * was opened (an HTTP server span, or the span of the branch it was opened in).</li>
 * <li>A span per branch, named after the branch ({@code "branch"} for an unnamed one), child of its
 * scope's span; it is current while the branch's body runs, so spans and log lines that user code makes
 * there (a JDBC call, an HTTP client) nest under it.</li>
 * <li>Attributes: {@code skein.scope.kind} ({@code fail-fast}, {@code supervisor}),
 * {@code skein.deadline.remaining_ms} (at the start, when there is a deadline), {@code skein.outcome}
 * ({@code succeeded}, {@code failed}, {@code cancelled}, {@code deadline_exceeded}),
 * {@code skein.cancel.reason} and {@code skein.cancel.origin} for a cancelled one, and
 * {@code skein.branch.index} for an unnamed branch. A failure is recorded as an exception event and sets
 * the status to ERROR.</li>
 * </ul>
 * Every span is ended: a scope never ends while a branch runs, and a branch's span ends before its
 * scope learns that it has. Without {@code install}, or for a scope configured
 * {@link dev.skein.scope.ScopeConfig#withoutTracing()}, no span is made; the OpenTelemetry context
 * (spans and baggage) of the thread that opened a scope is made current in its branches all the same.
 */
public final class SkeinTelemetry {

    /** The instrumentation scope name of Skein's tracer. */
    public static final String INSTRUMENTATION_NAME = "dev.skein";

    private SkeinTelemetry() {
    }

    /** Makes scopes opened from now on trace with {@code openTelemetry}'s tracer provider. */
    public static void install(OpenTelemetry openTelemetry) {
        Objects.requireNonNull(openTelemetry, "openTelemetry");
        Telemetry.useTracer(openTelemetry.getTracer(INSTRUMENTATION_NAME));
    }

    /** Like {@link #install}, with {@link GlobalOpenTelemetry#get()}. */
    public static void installGlobal() {
        install(GlobalOpenTelemetry.get());
    }

    /** Turns spans off for scopes opened from now on (the context still travels). */
    public static void uninstall() {
        Telemetry.useTracer(null);
    }
}
