package dev.skein.internal;

import dev.skein.context.Cancellation;
import dev.skein.context.CancellationReason;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The root scopes that are open right now (the roots of the live tree), and the detection of root
 * scopes whose handle was garbage collected before they were closed. Detection needs no thread: the
 * reference queue is polled whenever a scope opens and whenever the tree is inspected.
 */
final class LiveScopes {

    private static final Set<LeakRef> ROOTS = ConcurrentHashMap.newKeySet();
    private static final ReferenceQueue<Object> COLLECTED = new ReferenceQueue<>();

    /** Weakly refers to the user's handle, strongly to the scope it should have closed. */
    static final class LeakRef extends WeakReference<Object> {
        final ScopeCore scope;

        LeakRef(Object handle, ScopeCore scope) {
            super(handle, COLLECTED);
            this.scope = scope;
        }
    }

    private LiveScopes() {
    }

    static void add(Object handle, ScopeCore scope) {
        LeakRef ref = new LeakRef(handle, scope);
        scope.leakRef = ref;
        ROOTS.add(ref);
    }

    static void remove(ScopeCore scope) {
        LeakRef ref = scope.leakRef;
        if (ref != null) {
            ROOTS.remove(ref);
            ref.clear();
        }
    }

    static List<ScopeCore> roots() {
        reportCollectedLeaks();
        List<ScopeCore> roots = new ArrayList<>(ROOTS.size());
        for (LeakRef ref : ROOTS) {
            roots.add(ref.scope);
        }
        roots.sort((a, b) -> Long.compare(a.id, b.id));
        return roots;
    }

    /** Reports and cancels every root scope whose handle was collected while it was still open. */
    static void reportCollectedLeaks() {
        Reference<?> collected;
        while ((collected = COLLECTED.poll()) != null) {
            LeakRef ref = (LeakRef) collected;
            if (ROOTS.remove(ref) && !ref.scope.isClosed()) {
                ScopeCore scope = ref.scope;
                // act first, report last: whatever a listener does, the leaked scope is cancelled and its span ends
                scope.cancelFromAbove(new Cancellation(CancellationReason.SCOPE_CLOSED, Text.name(scope.name), null));
                scope.endSpanOfLeak(); // nobody can close it any more
                Events.unclosedScope(scope, "scope '" + Text.name(scope.name) + "' opened at " + scope.openedAtText()
                        + " was never closed (its handle was garbage collected); Skein cancelled it."
                        + " Open scopes in try-with-resources, or use Scope.run(...)");
            }
        }
    }
}
