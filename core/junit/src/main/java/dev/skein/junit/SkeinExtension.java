package dev.skein.junit;

import dev.skein.diagnostics.Diagnostics;
import dev.skein.diagnostics.ScopeSnapshot;
import dev.skein.diagnostics.SkeinListener;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
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
 * test starts clean; and when Skein reported, during the test, a scope that was never closed.
 *
 * @implNote Uses only API that JUnit Jupiter 5 and 6 share. Tests that run in parallel in one JVM see each
 * other's scopes; use it with tests that run one at a time.
 */
public final class SkeinExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SkeinExtension.class);

    /** What one test's watch holds: the scopes open before it, and the leaks Skein reported during it. */
    private record Watch(Set<Long> openBefore, ConcurrentLinkedQueue<String> unclosed, Diagnostics.Registration registration) {
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Set<Long> before = Diagnostics.snapshot().stream().map(ScopeSnapshot::id).collect(Collectors.toSet());
        ConcurrentLinkedQueue<String> unclosed = new ConcurrentLinkedQueue<>();
        Diagnostics.Registration registration = Diagnostics.addListener(new SkeinListener() {
            @Override
            public void onUnclosedScope(ScopeSnapshot scope, String detail) {
                unclosed.add(detail);
            }
        });
        context.getStore(NAMESPACE).put(Watch.class, new Watch(before, unclosed, registration));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Watch watch = context.getStore(NAMESPACE).remove(Watch.class, Watch.class);
        if (watch == null) {
            return;
        }
        watch.registration().close();
        List<ScopeSnapshot> stillOpen = Diagnostics.snapshot().stream()
                .filter(scope -> !watch.openBefore().contains(scope.id()))
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
        return new SkeinTestKit();
    }
}
