package dev.skein.junit;

import dev.skein.diagnostics.Diagnostics;
import dev.skein.diagnostics.ScopeSnapshot;
import dev.skein.diagnostics.SkeinListener;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Fails a test that leaves a Skein scope open behind it, and hands tests a {@link SkeinTestKit} to wait on
 * branches without sleeping.
 * {@snippet :
 * @ExtendWith(SkeinExtension.class)
 * class CheckoutTest {
 *     @Test
 *     void paysAndReserves(SkeinTestKit kit) throws Exception { ... }
 * }
 * }
 * After each test it fails the test when a root scope opened during the test is still open (the message
 * holds the dump of those scopes, with where each was opened), cancelling those scopes so that the next
 * test starts clean; and when Skein reported a scope opened during the test that was never closed. Only
 * scopes opened during the test count against it: a scope an earlier test leaked, even when Skein finds
 * it only now (its handle garbage-collected), does not. The {@link SkeinTestKit} handed to a test or to
 * its {@code @BeforeEach} methods sees the same scopes; one handed to a constructor, those opened after
 * the kit was made.
 *
 * @implNote Uses only API that JUnit Jupiter 5 and 6 share. A test's scopes are those whose
 * {@linkplain Diagnostics#lastScopeId() id} is above the last id when the test started: tests that run in
 * parallel in one JVM see each other's scopes; use it with tests that run one at a time.
 */
public final class SkeinExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SkeinExtension.class);

    /**
     * What one test's watch holds: the last scope id before it (scopes above it are the test's), and the
     * leaks of its scopes that Skein reported during it.
     */
    private record Watch(long lastIdBefore, ConcurrentLinkedQueue<String> unclosed, Diagnostics.Registration registration) {
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        long lastIdBefore = Diagnostics.lastScopeId();
        ConcurrentLinkedQueue<String> unclosed = new ConcurrentLinkedQueue<>();
        Diagnostics.Registration registration = Diagnostics.addListener(new SkeinListener() {
            @Override
            public void onUnclosedScope(ScopeSnapshot scope, String detail) {
                if (scope.id() > lastIdBefore) {
                    unclosed.add(detail);
                }
            }
        });
        context.getStore(NAMESPACE).put(Watch.class, new Watch(lastIdBefore, unclosed, registration));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Watch watch = context.getStore(NAMESPACE).remove(Watch.class, Watch.class);
        if (watch == null) {
            return;
        }
        watch.registration().close();
        List<ScopeSnapshot> stillOpen = Diagnostics.snapshot().stream()
                .filter(scope -> scope.id() > watch.lastIdBefore())
                .toList();
        stillOpen.forEach(scope -> Diagnostics.cancel(scope.id()));
        StringBuilder problems = new StringBuilder();
        if (!stillOpen.isEmpty()) {
            problems.append(stillOpen.size()).append(" Skein scope(s) opened by this test are still open after it"
                    + " (Skein cancelled them). Close every scope, e.g. with try-with-resources or Scope.run(...):\n")
                    .append(Diagnostics.toText(stillOpen));
        }
        for (String detail : watch.unclosed()) {
            problems.append("Skein reported a scope that was never closed: ").append(detail).append('\n');
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(problems.toString());
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SkeinTestKit.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Watch watch = context.getStore(NAMESPACE).get(Watch.class, Watch.class);
        return new SkeinTestKit(watch != null ? watch.lastIdBefore() : Diagnostics.lastScopeId());
    }
}
