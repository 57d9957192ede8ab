package dev.skein.telemetry;

import dev.skein.diagnostics.Diagnostics;
import dev.skein.internal.Telemetry;
import dev.skein.policy.FailDirection;
import dev.skein.policy.Policies;
import dev.skein.policy.Policy;
import dev.skein.policy.PolicyListener;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.api.metrics.ObservableLongGauge;
import java.util.Locale;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Turns on OpenTelemetry spans and metrics for scopes and branches (so for graph runs and tasks too,
 * which are scopes and branches) and for policies. {@code skein-core} depends on the OpenTelemetry API only; the SDK is the
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
 * {@code skein.deadline.remaining_ms} (at the start, when there is a deadline); on a scope or branch that did
 * not succeed, {@code skein.outcome} ({@code failed}, {@code cancelled}, {@code deadline_exceeded}),
 * {@code skein.cancel.reason} and {@code skein.cancel.origin} for a cancelled one, and
 * {@code skein.branch.index} for an unnamed branch. One that succeeded has no outcome and its status unset,
 * as OpenTelemetry's conventions do with {@code error.type}. A failure is recorded as an exception event and
 * sets the status to ERROR.</li>
 * <li>Metrics: {@code skein.branch.duration} (a histogram, in seconds, whose count is the branches ended) by
 * {@code skein.scope}, {@code skein.branch}, {@code skein.outcome} and {@code skein.cancel.reason};
 * {@code skein.branch.active} (an up-down counter) by {@code skein.scope};
 * {@code skein.policy.rejections}, {@code skein.policy.breaker.state},
 * {@code skein.policy.shared_limit.unreachable} and {@code skein.policy.shared_limit.reachable} for policies.</li>
 * </ul>
 * Every span is ended: a scope never ends while a branch runs, and a branch's span ends before its
 * scope learns that it has. Without {@code install}, or for a scope configured
 * {@link dev.skein.scope.ScopeConfig#withoutTracing()}, no span is made; the OpenTelemetry context
 * (spans and baggage) of the thread that opened a scope is made current in its branches all the same.
 */
public final class SkeinTelemetry {

    /** The instrumentation scope name of Skein's tracer and meter. */
    public static final String INSTRUMENTATION_NAME = "dev.skein";

    private static final AttributeKey<String> POLICY = AttributeKey.stringKey("skein.policy");
    private static final AttributeKey<String> REJECTION = AttributeKey.stringKey("skein.rejection");
    private static final AttributeKey<String> FAIL_DIRECTION = AttributeKey.stringKey("skein.fail_direction");

    /** What {@link #uninstall} must undo: the policy listener and the policy gauges. */
    private static AutoCloseable policyMetrics;

    private SkeinTelemetry() {
    }

    /**
     * Carries another kind of thread context into the branches of scopes opened from now on (SLF4J's
     * MDC is carried already when SLF4J is present). Carriers cannot be removed.
     */
    public static void carry(ContextCarrier carrier) {
        Objects.requireNonNull(carrier, "carrier");
        Telemetry.addCarrier(new Telemetry.Carrier() {
            @Override
            public Object capture() {
                return carrier.capture();
            }

            @Override
            public AutoCloseable install(Object captured) {
                return carrier.install(captured);
            }
        });
    }

    /** Makes scopes opened from now on trace, and measure, with {@code openTelemetry}. */
    public static synchronized void install(OpenTelemetry openTelemetry) {
        Objects.requireNonNull(openTelemetry, "openTelemetry");
        uninstall();
        // a no-op provider (no SDK, e.g. GlobalOpenTelemetry with nothing registered) installs nothing,
        // so that Skein does not build spans and attributes only to drop them
        if (openTelemetry.getTracerProvider() != TracerProvider.noop()) {
            Telemetry.useTracer(openTelemetry.getTracer(INSTRUMENTATION_NAME));
        }
        if (openTelemetry.getMeterProvider() != MeterProvider.noop()) {
            Meter meter = openTelemetry.getMeter(INSTRUMENTATION_NAME);
            Telemetry.useMeter(meter);
            policyMetrics = policyMetrics(meter);
        }
    }

    /**
     * Sets how span names are made from the names users give scopes, branches, graphs, tasks and
     * policies (by default, those names as they are), e.g. {@code name -> "skein " + name}. Keep the result
     * low-cardinality: no ids. A function that throws or returns a blank name leaves the name as it was.
     */
    public static void nameSpans(UnaryOperator<String> names) {
        Telemetry.useSpanNames(Objects.requireNonNull(names, "names"));
    }

    /** Like {@link #install}, with {@link GlobalOpenTelemetry#get()}. */
    public static void installGlobal() {
        install(GlobalOpenTelemetry.get());
    }

    /** Turns spans and metrics off for scopes opened from now on (the context still travels). */
    public static synchronized void uninstall() {
        Telemetry.useTracer(null);
        Telemetry.useMeter(null);
        if (policyMetrics != null) {
            try {
                policyMetrics.close();
            } catch (Exception e) {
                System.getLogger(INSTRUMENTATION_NAME).log(System.Logger.Level.WARNING, "closing policy metrics failed", e);
            }
            policyMetrics = null;
        }
    }

    /**
     * {@code skein.policy.rejections} (a counter, by policy and rejection),
     * {@code skein.policy.breaker.state} (a gauge per named policy with a breaker: 0 closed, 1 half-open,
     * 2 open), {@code skein.policy.shared_limit.unreachable} (a counter of calls that found a shared rate limit's
     * store unreachable, by policy and fail direction) and {@code skein.policy.shared_limit.reachable} (a gauge
     * per named policy with a shared rate limit: 1 if its store answered the last call, 0 if not).
     */
    private static AutoCloseable policyMetrics(Meter meter) {
        LongCounter rejections = meter.counterBuilder("skein.policy.rejections").setUnit("{call}")
                .setDescription("Calls that failed because a policy rejected them, by policy and rejection").build();
        LongCounter unreachable = meter.counterBuilder("skein.policy.shared_limit.unreachable").setUnit("{call}")
                .setDescription("Calls that found their policy's shared rate limit store unreachable, by policy and fail"
                        + " direction (open: admitted, closed: rejected)").build();
        Diagnostics.Registration listening = Policies.addListener(new PolicyListener() {
            @Override
            public void onRejection(Policy policy, Rejection rejection) {
                rejections.add(1, Attributes.of(POLICY, policy.name().orElse("(unnamed)"),
                        REJECTION, rejection.name().toLowerCase(Locale.ROOT)));
            }

            @Override
            public void onStoreUnreachable(Policy policy, FailDirection direction, Throwable failure) {
                unreachable.add(1, Attributes.of(POLICY, policy.name().orElse("(unnamed)"),
                        FAIL_DIRECTION, direction.name().toLowerCase(Locale.ROOT)));
            }
        });
        ObservableLongGauge breakers = meter.gaugeBuilder("skein.policy.breaker.state").ofLongs()
                .setDescription("The circuit breaker of each named policy: 0 closed, 1 half-open, 2 open")
                .buildWithCallback(gauge -> {
                    for (Policy policy : Policies.all()) {
                        policy.state().breaker().ifPresent(state -> gauge.record(switch (state) {
                            case CLOSED -> 0L;
                            case HALF_OPEN -> 1L;
                            case OPEN -> 2L;
                        }, Attributes.of(POLICY, policy.name().orElseThrow())));
                    }
                });
        ObservableLongGauge reachable = meter.gaugeBuilder("skein.policy.shared_limit.reachable").ofLongs()
                .setDescription("The store of each named policy's shared rate limit: 1 if it answered the policy's last"
                        + " call, 0 if not")
                .buildWithCallback(gauge -> {
                    for (Policy policy : Policies.all()) {
                        policy.sharedLimit().ifPresent(shared -> gauge.record(shared.reachable() ? 1L : 0L,
                                Attributes.of(POLICY, policy.name().orElseThrow())));
                    }
                });
        return () -> {
            listening.close();
            breakers.close();
            reachable.close();
        };
    }
}
