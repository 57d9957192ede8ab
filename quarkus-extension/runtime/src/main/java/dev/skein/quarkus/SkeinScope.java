package dev.skein.quarkus;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a bean method inside a Skein scope: with a deadline, and with the request's context in every
 * branch below it. One request is then one tree in {@code Diagnostics.dumpText()} and one trace.
 * {@snippet :
 * @Path("/quote")
 * public class QuoteResource {
 *     @GET
 *     @SkeinScope(timeout = "2s")            // past 2 s: DeadlineExceededException, answered 504
 *     public Quote quote(@QueryParam("sku") String sku) throws InterruptedException {
 *         return Scope.run(scope -> {        // nests under the method's scope: its deadline applies
 *             Branch<Price> price = scope.fork("price", () -> prices.of(sku));
 *             Branch<Stock> stock = scope.fork("stock", () -> inventory.of(sku));
 *             scope.join();
 *             return new Quote(price.resultNow(), stock.resultNow());
 *         });
 *     }
 * }
 * }
 *
 * <h2>What a call does</h2>
 * <ol>
 * <li>On a Vert.x event loop it fails at once with {@code io.quarkus.runtime.BlockingOperationNotAllowedException}:
 * the caller waits for the scope, and an event loop must not wait. A REST method that returns a plain type
 * is blocking already; otherwise mark it {@code @Blocking} or {@code @RunOnVirtualThread}. A method that
 * returns {@code Uni}, {@code Multi} or a {@code CompletionStage} fails the build: its work would run after
 * the scope had closed.</li>
 * <li>A scope named {@link #name()} is opened on the calling thread, with the deadline {@link #timeout()}
 * from now (a nearer deadline of an enclosing scope wins), of the {@linkplain #kind() kind} asked for.</li>
 * <li>The method runs in it as one branch (named after the method), on the calling thread itself, as
 * {@code Scope.runHere} runs one. There {@code SkeinContext.current()} has the scope's deadline and
 * cancellation; scopes and graphs it opens nest under it; the CDI request context, the OpenTelemetry context
 * and the MDC are the caller's own, and every branch below gets them carried in. When the scope is cancelled
 * (its deadline, an enclosing scope) the calling thread is interrupted while the method runs; the interrupt
 * is cleared once the method has returned, so the thread goes back to its pool uninterrupted.</li>
 * <li>The caller waits for the scope to end, then gets the method's result, or exactly what the method
 * threw. When the deadline passed: the core's {@code DeadlineExceededException} (the one a nested scope
 * threw, if the method let it through: it names the branches it cut short). When other branches of the
 * scope failed (see {@link SkeinScopes#current()}): the core's {@code BranchFailedException} listing them.</li>
 * </ol>
 * The interceptor's priority is {@code Interceptor.Priority.PLATFORM_BEFORE + 50}: interceptors with a
 * lower number run outside the scope; the others ({@code @Transactional}, fault tolerance, the application's
 * own) run inside the branch (on the same thread).
 *
 * <p>With {@code quarkus-rest}, a {@code DeadlineExceededException} that reaches the REST layer is answered
 * {@code 504 Gateway Timeout} with its message as a plain-text body, unless the application maps that
 * exception itself.
 *
 * <p>On a class, it applies to every business method of the class, as any interceptor binding does; one
 * on a method wins over the class's.
 */
@InterceptorBinding
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
public @interface SkeinScope {

    /**
     * The scope's name, as it shows in errors, diagnostics dumps and spans. Empty (the default): the
     * declaring class's simple name and the method's, e.g. {@code "QuoteResource.quote"}.
     */
    @Nonbinding
    String name() default "";

    /**
     * How long the call may take: its scope's deadline is this long after the call starts, written as
     * Quarkus configuration writes durations ({@code "2s"}, {@code "500ms"}, {@code "PT1M"}; a bare number
     * is seconds). Empty (the default): the configured default ({@code quarkus.skein.timeout}), none unless one
     * is configured.
     */
    @Nonbinding
    String timeout() default "";

    /** Whether one failing branch cancels the others ({@link Kind#FAIL_FAST}, the default) or not. */
    @Nonbinding
    Kind kind() default Kind.FAIL_FAST;

    /**
     * How many branches forked into the scope through {@link SkeinScopes#current()} run at once (the
     * method's own branch is not counted); a fork past it waits for one to end. 0 (the default): the
     * configured default ({@code quarkus.skein.max-concurrency}), no cap unless one is configured. It does not
     * cap scopes the method opens.
     */
    @Nonbinding
    int maxConcurrency() default 0;

    /** The two kinds of scope, as the core names them ({@code Scope.open} and {@code Scope.openSupervisor}). */
    enum Kind {
        /** The first failing branch cancels its siblings, the method included; the call throws that failure. */
        FAIL_FAST,
        /**
         * A failing branch does not disturb its siblings; the call waits for all of them and throws one
         * {@code BranchFailedException} listing every failure (the method's own alone is thrown as it is).
         */
        SUPERVISOR
    }
}
