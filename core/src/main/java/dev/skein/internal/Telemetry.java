package dev.skein.internal;

import dev.skein.context.Cancellation;
import dev.skein.context.CancellationReason;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongUpDownCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * OpenTelemetry for scopes and branches: a span per scope and per branch, parented as the scope tree is;
 * branch metrics; and the OpenTelemetry {@link Context} (spans, baggage) of the thread that opened a scope
 * made current in every branch of it. Without a tracer (none installed, or a scope that turned tracing off) no span is
 * made, but a non-root context still travels into the branches. Nothing here may break a scope: what the
 * SDK throws is logged.
 */
public final class Telemetry {

    public static final AttributeKey<String> SCOPE_KIND = AttributeKey.stringKey("skein.scope.kind");
    public static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("skein.outcome");
    public static final AttributeKey<String> CANCEL_REASON = AttributeKey.stringKey("skein.cancel.reason");
    public static final AttributeKey<String> CANCEL_ORIGIN = AttributeKey.stringKey("skein.cancel.origin");
    public static final AttributeKey<Long> DEADLINE_REMAINING_MS = AttributeKey.longKey("skein.deadline.remaining_ms");
    public static final AttributeKey<Long> BRANCH_INDEX = AttributeKey.longKey("skein.branch.index");
    public static final AttributeKey<Boolean> LEAKED = AttributeKey.booleanKey("skein.leaked");
    /** The outcome that no span records: a scope's or branch's span without {@link #OUTCOME} succeeded. */
    static final String SUCCEEDED = "succeeded";

    /** {@code -Dskein.telemetry=off} takes this code path out entirely (to measure what it costs). */
    static final boolean ON = !"off".equals(System.getProperty("skein.telemetry"));

    public static final AttributeKey<String> SCOPE = AttributeKey.stringKey("skein.scope");
    public static final AttributeKey<String> BRANCH = AttributeKey.stringKey("skein.branch");

    private static volatile Tracer tracer;
    private static volatile Instruments instruments;

    /**
     * The metrics of branches (and so of tasks). Branches ended are counted by the duration histogram's count, by
     * the same attributes, as OpenTelemetry's conventions count requests by {@code http.server.request.duration}'s:
     * a counter beside it cost every branch another measurement for nothing new.
     */
    record Instruments(DoubleHistogram duration, LongUpDownCounter active) {
    }

    /** What a scope carries into its branches: the context they run in, and the scope's span if any. */
    record ScopeTrace(Context context, Span span, Tracer tracer, Instruments metrics, Attributes scopeAttributes,
            Object[] carried) {
    }

    private static final UnaryOperator<String> IDENTITY = UnaryOperator.identity();
    private static volatile UnaryOperator<String> spanNames = IDENTITY;

    /** Sets how Skein's span names are made from the names users give; identity by default. */
    public static void useSpanNames(UnaryOperator<String> names) {
        spanNames = names;
    }

    /** {@return the span name for a scope, branch or attempt that users named {@code name}} */
    public static String spanName(String name) {
        UnaryOperator<String> names = spanNames;
        if (names == IDENTITY) {
            return name;
        }
        try {
            String renamed = names.apply(name);
            return renamed == null || renamed.isBlank() ? name : renamed;
        } catch (Throwable e) {
            Events.telemetryFailed(e);
            return name;
        }
    }

    /** A carrier of thread context other than OpenTelemetry's; see {@code dev.skein.telemetry.ContextCarrier}. */
    public interface Carrier {
        Object capture();

        AutoCloseable install(Object captured);
    }

    private static volatile Carrier[] carriers = ON ? Slf4jMdc.defaults() : new Carrier[0];

    /** Adds a carrier for scopes opened from now on. */
    public static synchronized void addCarrier(Carrier carrier) {
        Carrier[] more = java.util.Arrays.copyOf(carriers, carriers.length + 1);
        more[carriers.length] = carrier;
        carriers = more;
    }

    private Telemetry() {
    }

    /** Installs the tracer scopes opened from now on use; null turns spans off. */
    public static void useTracer(Tracer t) {
        tracer = t;
    }

    /** {@return the installed tracer, or null} For Skein's own packages (policies trace their attempts). */
    public static Tracer tracer() {
        return ON ? tracer : null;
    }

    /**
     * Bucket boundaries of {@code skein.branch.duration}, in seconds: those OpenTelemetry's semantic conventions
     * give {@code http.server.request.duration} (the SDK's default ones are meant for milliseconds).
     */
    static final List<Double> DURATION_BUCKETS = List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0,
            2.5, 5.0, 7.5, 10.0);

    /** The class of the no-op API's meters. */
    private static final Class<?> NOOP_METER = MeterProvider.noop().get("dev.skein").getClass();

    /**
     * Installs the meter branches record their metrics with; null, or a meter that records nothing, turns metrics
     * off. An SDK with no metric reader hands out the no-op API's meter: building the attributes of every branch
     * for it cost about 100 ns per branch, for nothing.
     */
    public static void useMeter(Meter meter) {
        instruments = meter == null || meter.getClass() == NOOP_METER ? null : new Instruments(
                meter.histogramBuilder("skein.branch.duration").setUnit("s")
                        .setDescription("How long branches (and graph tasks) ran, by scope, branch and outcome;"
                                + " its count is the branches ended")
                        .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS).build(),
                meter.upDownCounterBuilder("skein.branch.active").setUnit("{branch}")
                        .setDescription("Branches running now, by scope").build());
    }

    static ScopeTrace scopeOpened(ScopeCore scope, boolean tracing) {
        if (!ON) {
            return null;
        }
        try {
            Context parent = Context.current();
            Tracer t = tracer;
            Instruments metrics = instruments;
            Attributes attributes = metrics == null ? null : MetricAttributes.ofScope(scope.name());
            Object[] carried = capture();
            Span span = t == null || !tracing ? null : startScopeSpan(t, scope, parent);
            if (span != null) {
                return new ScopeTrace(parent.with(span), span, t, metrics, attributes, carried);
            }
            // no span (none wanted, or it failed to start): the context and carried values still travel
            return parent == Context.root() && metrics == null && carried == null ? null
                    : new ScopeTrace(parent, null, null, metrics, attributes, carried);
        } catch (Throwable e) {
            Events.telemetryFailed(e);
            return null;
        }
    }

    /** {@return the scope's span, or null when the SDK (a span processor, say) failed to start it} */
    private static Span startScopeSpan(Tracer t, ScopeCore scope, Context parent) {
        try {
            var builder = t.spanBuilder(spanName(scope.name())).setParent(parent)
                    .setAttribute(SCOPE_KIND, scope.kind());
            long left = scope.nanosToDeadline();
            if (left != Long.MAX_VALUE) {
                builder.setAttribute(DEADLINE_REMAINING_MS, Math.max(0, left / 1_000_000));
            }
            return builder.startSpan();
        } catch (Throwable e) {
            Events.telemetryFailed(e);
            return null;
        }
    }

    /** {@return what each carrier captured, or null when none captured anything} */
    private static Object[] capture() {
        Carrier[] all = carriers;
        if (all.length == 0) {
            return null;
        }
        Object[] captured = null;
        for (int i = 0; i < all.length; i++) {
            try {
                Object c = all[i].capture();
                if (c != null) {
                    captured = captured == null ? new Object[all.length] : captured;
                    captured[i] = c;
                }
            } catch (Throwable e) {
                Events.telemetryFailed(e);
            }
        }
        return captured;
    }

    /**
     * {@return {@code task} made to run, on another thread, in the calling thread's OpenTelemetry context
     * and carried thread context} For Skein's own threads (a {@code Uni}'s run, a compensation).
     */
    public static Runnable wrap(Runnable task) {
        if (!ON) {
            return task;
        }
        Context context = Context.current();
        Object[] carried = capture();
        return () -> {
            AutoCloseable[] undo = install(carried);
            try (var current = context.makeCurrent()) {
                task.run();
            } finally {
                uninstallCarried(undo);
            }
        };
    }

    /** {@return the tracer for spans made on the calling thread: none inside a scope that does not trace} */
    public static Tracer tracerHere() {
        Tracer t = tracer();
        BranchCore<?> branch = Current.branchOrNull();
        if (t == null || branch == null) {
            return t;
        }
        ScopeTrace trace = branch.scope.trace;
        return trace == null || trace.span() == null ? null : trace.tracer();
    }

    /** Installs what the carriers captured, on the calling thread. {@return what undoes it} */
    private static AutoCloseable[] install(Object[] carried) {
        if (carried == null) {
            return null;
        }
        Carrier[] all = carriers;
        AutoCloseable[] undo = new AutoCloseable[carried.length];
        for (int i = 0; i < carried.length && i < all.length; i++) {
            if (carried[i] != null) {
                try {
                    undo[i] = all[i].install(carried[i]);
                } catch (Throwable e) {
                    Events.telemetryFailed(e);
                }
            }
        }
        return undo;
    }

    /** Undoes what {@link #install} did, the last carrier installed first. */
    static void uninstallCarried(AutoCloseable[] undo) {
        if (undo == null) {
            return;
        }
        for (int i = undo.length - 1; i >= 0; i--) {
            AutoCloseable u = undo[i];
            if (u != null) {
                try {
                    u.close();
                } catch (Throwable e) {
                    Events.telemetryFailed(e);
                }
            }
        }
    }

    /** What a branch's thread installed before its body, to undo after it. */
    record BranchTrace(io.opentelemetry.context.Scope current, AutoCloseable[] carried, Throwable startFailure, Span span) {

        /** Fails the branch (after its span and context are in place to be undone) if starting failed. */
        void throwIfStartFailed() throws Throwable {
            if (startFailure != null) {
                throw startFailure;
            }
        }
    }

    /**
     * In the branch's thread, before its body: its span, its context made current, the carried thread
     * context installed. Kept out of {@code BranchCore.Start.run}, whose size the JIT is sensitive to.
     */
    static BranchTrace branchStarted(BranchCore<?> branch) {
        // carried context first, OpenTelemetry's last: an MDC carrier must not overwrite the trace and span
        // ids that making the branch's span current puts in the MDC (Quarkus does)
        AutoCloseable[] carried = null;
        Throwable failure = null;
        try {
            // a branch on its owner's thread (Scope.runHere) has the owner's thread context already
            carried = branch.thread == branch.scope.owner ? null : install(branch.scope.trace.carried());
        } catch (Throwable t) { // no memory left, say: the branch fails, and its span still ends
            failure = t;
        }
        Span span = startSpan(branch);
        return new BranchTrace(makeCurrent(branch.scope.trace, span), carried, failure, span);
    }

    /**
     * Counts the branch active and starts its span. {@return the span, or null when the scope makes none or the
     * SDK failed} Kept in the {@link BranchTrace}, not in the branch: only traced branches pay for it.
     */
    private static Span startSpan(BranchCore<?> branch) {
        ScopeTrace trace = branch.scope.trace;
        try {
            if (trace.metrics() != null) {
                trace.metrics().active().add(1, trace.scopeAttributes());
            }
            if (trace.span() != null) {
                return trace.tracer().spanBuilder(spanName(branch.spanName())).setParent(trace.context()).startSpan();
            }
        } catch (Throwable e) { // no span for the branch: the opener's context is still made current
            Events.telemetryFailed(e);
        }
        return null;
    }

    private static io.opentelemetry.context.Scope makeCurrent(ScopeTrace trace, Span span) {
        Context context = trace.context();
        try {
            if (span != null) {
                context = context.with(span);
            }
        } catch (Throwable e) { // the span still ends; the opener's context is made current
            Events.telemetryFailed(e);
        }
        try {
            if (span == null && context == Context.current()) {
                // already current (a new thread's root context, a branch on its owner's thread): making it current
                // again changes nothing, and costs a context storage's attach and detach (Quarkus's clears the MDC)
                return null;
            }
            return context.makeCurrent();
        } catch (Throwable e) {
            Events.telemetryFailed(e);
            return null;
        }
    }

    /**
     * In the branch's thread, after its body: the carried context is undone, the span ends with the
     * outcome, the OpenTelemetry context is restored. Never throws: even an {@link Error} from a carrier or
     * the SDK must not keep the branch from ending (join would wait for it forever).
     */
    static void branchEnded(BranchCore<?> branch, BranchTrace traced, String outcome, Throwable failure) {
        try {
            endBranch(branch, traced, outcome, failure); // in the reverse order of branchStarted
        } catch (Throwable t) {
            Events.telemetryFailed(t);
        }
        try {
            uninstallCarried(traced.carried());
        } catch (Throwable t) {
            Events.telemetryFailed(t);
        }
    }

    private static void endBranch(BranchCore<?> branch, BranchTrace traced, String outcome, Throwable failure) {
        io.opentelemetry.context.Scope current = traced.current();
        Optional<Cancellation> cancellation = branch.cancellation();
        try {
            Span span = traced.span();
            if (span != null) {
                if (!branch.isNamed() && !outcome.equals(SUCCEEDED)) { // which unnamed branch it was, when it matters
                    span.setAttribute(BRANCH_INDEX, (long) branch.index);
                }
                end(span, outcome, failure, cancellation);
            }
        } catch (Throwable e) {
            Events.telemetryFailed(e);
        }
        try {
            Instruments metrics = branch.scope.trace.metrics();
            if (metrics != null) {
                record(metrics, branch, outcome, cancellation);
            }
        } catch (Throwable e) {
            Events.telemetryFailed(e);
        } finally {
            if (current != null) {
                current.close();
            }
        }
    }

    private static void record(Instruments metrics, BranchCore<?> branch, String outcome,
            Optional<Cancellation> cancellation) {
        ScopeTrace trace = branch.scope.trace;
        metrics.active().add(-1, trace.scopeAttributes());
        String reason = isCancelled(outcome)
                ? cancellation.map(c -> c.reason().name().toLowerCase(Locale.ROOT)).orElse(null)
                : null;
        Attributes all = MetricAttributes.ofEnd(branch.scope.name(), branch.spanName(), outcome, reason);
        metrics.duration().record((System.nanoTime() - branch.startNanos) / 1e9, all);
    }

    /** When the scope closes, after every branch has ended. */
    static void scopeEnded(ScopeCore scope, String outcome, Throwable failure) {
        ScopeTrace trace = scope.trace;
        if (trace == null || trace.span() == null) {
            return;
        }
        try {
            end(trace.span(), outcome, failure, scope.cancellation());
        } catch (Throwable e) {
            Events.telemetryFailed(e);
        }
    }

    /**
     * Ends a scope's or branch's span. The outcome is an attribute only when it is not {@code succeeded}, as
     * OpenTelemetry's {@code error.type} is only set on failure: a span with attributes costs the SDK a map
     * and the exporter a copy, which made 10,000 traced branches about 9 % slower (docs/benchmarks.md,
     * "Telemetry"), and most spans succeed.
     */
    private static void end(Span span, String outcome, Throwable failure, Optional<Cancellation> cancellation) {
        try {
            if (!outcome.equals(SUCCEEDED)) {
                span.setAttribute(OUTCOME, outcome);
            }
            if (isCancelled(outcome)) {
                cancellation.ifPresent(c -> {
                    span.setAttribute(CANCEL_REASON, c.reason().name().toLowerCase(Locale.ROOT));
                    span.setAttribute(CANCEL_ORIGIN, c.origin());
                });
            }
            if (failure != null) {
                span.setStatus(StatusCode.ERROR, failure.getClass().getName());
                span.recordException(failure); // last: a hostile throwable may throw from toString()
            } else if (outcome.equals("deadline_exceeded")) {
                span.setStatus(StatusCode.ERROR, "deadline exceeded");
            }
        } finally {
            span.end();
        }
    }

    private static boolean isCancelled(String outcome) {
        return outcome.equals("cancelled") || outcome.equals("deadline_exceeded");
    }
}
