package dev.skein.internal;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The attributes of the branch metrics, made once per scope name, and per scope, branch, outcome and cancellation
 * reason, then kept. Made anew for every branch, they cost a builder, a sort and a hash each time, and the meter's
 * lookup of a new instance an equality check of every value: in the order saga's profile that was a third of what
 * the metrics cost. At most {@value #MOST} of each kind are kept (the names are those users give, so more means a
 * name made from an id); further ones are made for each use, as before.
 */
final class MetricAttributes {

    /** The most attribute sets kept of each kind. */
    static final int MOST = 1_000;

    private static final ConcurrentHashMap<String, Attributes> SCOPES = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<End, Attributes> ENDS = new ConcurrentHashMap<>();

    /**
     * What tells the attributes of an ended branch apart; {@code reason} is null unless it was cancelled. Its own
     * {@code equals} and {@code hashCode}: a record's, made through {@code ObjectMethods}' method handles, cost as much
     * as the lookup they served in the order saga's profile. The names are mostly the very strings compared.
     */
    private record End(String scope, String branch, String outcome, String reason) {

        @Override
        public boolean equals(Object o) {
            return o instanceof End e && same(scope, e.scope) && same(branch, e.branch) && same(outcome, e.outcome)
                    && same(reason, e.reason);
        }

        @Override
        public int hashCode() {
            int h = scope.hashCode();
            h = 31 * h + branch.hashCode();
            h = 31 * h + outcome.hashCode();
            return reason == null ? h : 31 * h + reason.hashCode();
        }

        private static boolean same(String a, String b) {
            return a == b || a != null && a.equals(b);
        }
    }

    private MetricAttributes() {
    }

    /** {@return the attributes of {@code skein.branch.active} for the branches of scopes named {@code scope}} */
    static Attributes ofScope(String scope) {
        Attributes kept = SCOPES.get(scope);
        if (kept != null) {
            return kept;
        }
        Attributes made = Attributes.of(Telemetry.SCOPE, scope);
        return SCOPES.size() < MOST ? keep(SCOPES, scope, made) : made;
    }

    /** {@return the attributes of an ended branch's duration} {@code reason} is null unless cancelled. */
    static Attributes ofEnd(String scope, String branch, String outcome, String reason) {
        End key = new End(scope, branch, outcome, reason);
        Attributes kept = ENDS.get(key);
        if (kept != null) {
            return kept;
        }
        AttributesBuilder made = Attributes.builder().put(Telemetry.SCOPE, scope).put(Telemetry.BRANCH, branch)
                .put(Telemetry.OUTCOME, outcome);
        if (reason != null) {
            made.put(Telemetry.CANCEL_REASON, reason);
        }
        return ENDS.size() < MOST ? keep(ENDS, key, made.build()) : made.build();
    }

    /** {@return what {@code kept} holds for {@code key}: {@code made}, unless another thread kept its own first} */
    private static <K> Attributes keep(ConcurrentHashMap<K, Attributes> kept, K key, Attributes made) {
        Attributes first = kept.putIfAbsent(key, made);
        return first == null ? made : first;
    }
}
