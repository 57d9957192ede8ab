package dev.skein.telemetry;

import static dev.skein.internal.Telemetry.CANCEL_REASON;
import static dev.skein.internal.Telemetry.OUTCOME;
import static dev.skein.internal.Telemetry.SCOPE_KIND;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.BranchFailedException;
import dev.skein.DeadlineExceededException;
import dev.skein.GraphFailedException;
import dev.skein.graph.Graph;
import dev.skein.graph.TaskKey;
import dev.skein.scope.Scope;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Span trees made by scopes, branches and graphs, with the real SDK and an in-memory exporter. */
class SpanTreeTest {

    private final Tracing tracing = new Tracing();
    private final Tracer tracer = tracing.sdk.getTracer("test");

    @AfterEach
    void close() {
        tracing.close();
    }

    @Test
    void aFanOutNestsUnderTheCallersSpan() throws Exception {
        Span request = tracer.spanBuilder("GET /checkout").startSpan();
        try (var current = request.makeCurrent()) {
            Scope.run(cfg -> cfg.withName("checkout"), scope -> {
                scope.fork("reserve stock", () -> "reserved");
                scope.fork("authorise payment", () -> "authorised");
                scope.join();
                return null;
            });
        } finally {
            request.end();
        }
        assertThat(List.of(tracing.edge("checkout"), tracing.edge("reserve stock"), tracing.edge("authorise payment")))
                .containsExactly("checkout <- GET /checkout", "reserve stock <- checkout", "authorise payment <- checkout");
        SpanData checkout = tracing.span("checkout");
        assertThat(checkout.getAttributes().get(SCOPE_KIND)).isEqualTo("fail-fast");
        // what succeeded says so as OpenTelemetry's conventions do: status unset, no outcome (see the next test)
        assertThat(checkout.getAttributes().get(OUTCOME)).isNull();
        assertThat(checkout.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(tracing.span("reserve stock").getAttributes().asMap()).isEmpty();
        assertThat(tracing.span("reserve stock").getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(checkout.getTraceId()).isEqualTo(request.getSpanContext().getTraceId());
    }

    @Test
    void onlyABranchThatDidNotSucceedCarriesItsOutcomeAndAnUnnamedOneItsIndex() throws Exception {
        try {
            Scope.run(cfg -> cfg.withName("fan-out"), scope -> {
                scope.fork(() -> "fine");
                scope.fork(() -> {
                    throw new IllegalStateException("broken");
                });
                scope.join();
                return null;
            });
        } catch (BranchFailedException expected) {
            // the spans are what this test is about
        }
        List<SpanData> branches = tracing.spans().stream().filter(s -> s.getName().equals("branch")).toList();
        assertThat(branches).hasSize(2);
        SpanData failed = branches.stream().filter(s -> s.getStatus().getStatusCode() == StatusCode.ERROR).findFirst()
                .orElseThrow();
        assertThat(failed.getAttributes().get(OUTCOME)).isEqualTo("failed");
        assertThat(failed.getAttributes().get(dev.skein.internal.Telemetry.BRANCH_INDEX)).isEqualTo(1L);
        SpanData fine = branches.stream().filter(s -> s != failed).findFirst().orElseThrow();
        assertThat(fine.getAttributes().asMap()).isEmpty();
        assertThat(fine.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(tracing.span("fan-out").getAttributes().get(OUTCOME)).isEqualTo("failed");
    }

    @Test
    void threeLevelsOfNestedScopesMakeThreeLevelsOfSpans() throws Exception {
        Scope.run(cfg -> cfg.withName("order"), order -> {
            order.fork("payment", () -> Scope.run(cfg -> cfg.withName("providers"), providers -> {
                providers.fork("provider x", () -> Scope.run(cfg -> cfg.withName("attempts"), attempts -> {
                    attempts.fork("attempt 1", () -> 1);
                    attempts.join();
                    return null;
                }));
                providers.join();
                return null;
            }));
            order.join();
            return null;
        });
        assertThat(List.of("order", "payment", "providers", "provider x", "attempts", "attempt 1").stream()
                .map(tracing::edge).toList()).containsExactly(
                        "order <- (none)", "payment <- order", "providers <- payment", "provider x <- providers",
                        "attempts <- provider x", "attempt 1 <- attempts");
        assertThat(tracing.spans()).extracting(SpanData::getTraceId).containsOnly(tracing.span("order").getTraceId());
    }

    @Test
    void aFailureIsAnErrorWithItsExceptionAndItsSiblingsAreCancelledWithTheCause() throws Exception {
        Checkout.failsWithASlowSiblingCancelled();
        SpanData declined = tracing.span("declined");
        assertThat(declined.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(declined.getAttributes().get(OUTCOME)).isEqualTo("failed");
        assertThat(declined.getEvents()).anySatisfy(e -> assertThat(e.getName()).isEqualTo("exception"));
        SpanData slow = tracing.span("slow");
        assertThat(slow.getAttributes().get(OUTCOME)).isEqualTo("cancelled");
        assertThat(slow.getAttributes().get(CANCEL_REASON)).isEqualTo("sibling_failed");
        assertThat(tracing.span("checkout").getAttributes().get(OUTCOME)).isEqualTo("failed");
        assertThat(tracing.span("checkout").getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    }

    @Test
    void aDeadlineCancelsTheBranchesAndMarksTheScope() throws Exception {
        try {
            Scope.run(cfg -> cfg.withName("quotes").withTimeout(Duration.ofMillis(50)), scope -> {
                scope.fork("supplier c", () -> {
                    Thread.sleep(Duration.ofMinutes(5));
                    return null;
                });
                scope.join();
                return null;
            });
        } catch (DeadlineExceededException expected) {
            // the spans are what this test is about
        }
        SpanData quotes = tracing.span("quotes");
        assertThat(quotes.getAttributes().get(OUTCOME)).isEqualTo("deadline_exceeded");
        assertThat(quotes.getAttributes().get(dev.skein.internal.Telemetry.DEADLINE_REMAINING_MS)).isBetween(1L, 50L);
        assertThat(quotes.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        SpanData supplier = tracing.span("supplier c");
        assertThat(supplier.getAttributes().get(OUTCOME)).isEqualTo("cancelled");
        assertThat(supplier.getAttributes().get(CANCEL_REASON)).isEqualTo("deadline_exceeded");
    }

    @Test
    void spansAndBaggageMadeInsideABranchNestUnderIt() throws Exception {
        AtomicReference<String> baggageSeen = new AtomicReference<>();
        try (var withBaggage = Baggage.current().toBuilder().put("tenant", "acme").build().makeCurrent()) {
            Scope.run(cfg -> cfg.withName("report"), scope -> {
                scope.fork("query", () -> {
                    baggageSeen.set(Baggage.current().getEntryValue("tenant"));
                    Span jdbc = tracer.spanBuilder("SELECT orders").startSpan(); // parent: Context.current()
                    jdbc.end();
                    return null;
                });
                scope.join();
                return null;
            });
        }
        assertThat(tracing.edge("SELECT orders")).isEqualTo("SELECT orders <- query");
        assertThat(baggageSeen).hasValue("acme");
    }

    @Test
    void withoutATracerTheCallersContextStillTravelsIntoBranches() throws Exception {
        tracing.close(); // no Skein spans from here on
        Span request = tracer.spanBuilder("GET /report").startSpan();
        AtomicReference<Span> seen = new AtomicReference<>();
        try (var current = request.makeCurrent()) {
            Scope.run(scope -> {
                scope.fork(() -> seen.set(Span.current()));
                scope.join();
                return null;
            });
        } finally {
            request.end();
        }
        assertThat(seen.get().getSpanContext()).isEqualTo(request.getSpanContext());
    }

    @Test
    void aGraphWithoutTracingMakesNoSpansAtAllNotEvenForTimeoutsAttemptsOrCompensation() throws Exception {
        TaskKey<String> order = TaskKey.of("create order", String.class);
        TaskKey<String> pay = TaskKey.of("authorise payment", String.class);
        Graph<Void> quiet = Graph.builder("quiet order", Void.class)
                .task(order, in -> "o-1", t -> t.withCompensation(o -> { }).withTimeout(Duration.ofSeconds(5)))
                .task(pay, List.of(order), in -> {
                    throw new IllegalStateException("declined");
                }, t -> t.withPolicy(dev.skein.policy.Policy.of(p -> p.withRetry(r -> r.withMaxRetries(1)))))
                .scope(cfg -> cfg.withoutTracing())
                .build();
        Span request = tracer.spanBuilder("POST /orders").startSpan();
        try (var current = request.makeCurrent()) {
            quiet.run(null);
        } catch (GraphFailedException expected) {
            // the (absent) spans are what this test is about
        } finally {
            request.end();
        }
        assertThat(tracing.names()).containsExactly("POST /orders");
    }

    @Test
    void aGraphRunIsASpanItsTasksChildrenAndItsCompensationJoinsTheCallersTrace() throws Exception {
        TaskKey<String> order = TaskKey.of("create order", String.class);
        TaskKey<String> pay = TaskKey.of("authorise payment", String.class);
        Graph<Void> graph = Graph.builder("place order", Void.class)
                .task(order, in -> "o-1", t -> t.withCompensation(o -> { }))
                .task(pay, List.of(order), in -> {
                    throw new IllegalStateException("declined");
                })
                .build();
        Span request = tracer.spanBuilder("POST /orders").startSpan();
        try (var current = request.makeCurrent()) {
            graph.run(null);
        } catch (GraphFailedException expected) {
            // the spans are what this test is about
        } finally {
            request.end();
        }
        // each attempt of a compensation is a span of the retrying policy; Skein's plumbing (the attempt's
        // timeout scope) makes none
        assertThat(List.of("place order", "create order", "authorise payment", "place order compensation",
                "compensate create order", "attempt").stream().map(tracing::edge)
                .toList()).containsExactly(
                        "place order <- POST /orders", "create order <- place order", "authorise payment <- place order",
                        "place order compensation <- POST /orders", "compensate create order <- place order compensation",
                        "attempt <- compensate create order");
        assertThat(tracing.names()).hasSize(7);
        assertThat(tracing.span("authorise payment").getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(tracing.span("place order").getAttributes().get(OUTCOME)).isEqualTo("failed");
    }

    @Test
    void aRetriedTaskHasASpanPerAttemptAndARejectionNamesItsPolicy() throws Exception {
        TaskKey<String> quote = TaskKey.of("fetch quote", String.class);
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        Graph<Void> graph = Graph.builder("quote", Void.class)
                .task(quote, in -> {
                    if (attempts.incrementAndGet() < 3) {
                        throw new IllegalStateException("busy");
                    }
                    return "42";
                }, t -> t.withPolicy(dev.skein.policy.Policy.of(p -> p.withRetry(r -> r.withMaxRetries(5)))))
                .build();
        graph.run(null);
        List<SpanData> attemptSpans = tracing.spans().stream().filter(s -> s.getName().equals("attempt")).toList();
        assertThat(attemptSpans).hasSize(3).allSatisfy(s ->
                assertThat(tracing.parentOf(s).orElseThrow().getName()).isEqualTo("fetch quote"));
        assertThat(attemptSpans).extracting(s -> s.getAttributes().get(io.opentelemetry.api.common.AttributeKey.longKey("skein.attempt")))
                .containsExactlyInAnyOrder(1L, 2L, 3L);
        assertThat(attemptSpans).filteredOn(s -> s.getStatus().getStatusCode() == StatusCode.ERROR).hasSize(2);

        dev.skein.policy.Policy bulkhead = dev.skein.policy.Policy.of(p -> p.withBulkhead(1));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try {
            Scope.runSupervisor(cfg -> cfg.withName("crowded"), scope -> {
                scope.fork("holder", bulkhead.wrap(() -> {
                    holding.countDown();
                    release.await();
                    return null;
                }));
                holding.await();
                var turnedAway = scope.fork("turned away", bulkhead.wrap(() -> null));
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> turnedAway.state().isDone());
                release.countDown(); // only now: the holder still held the bulkhead's one permit
                scope.join();
                return null;
            });
        } catch (BranchFailedException expected) {
            // "turned away" was rejected
        }
        SpanData rejected = tracing.span("turned away");
        assertThat(rejected.getAttributes().get(io.opentelemetry.api.common.AttributeKey.stringKey("skein.rejection")))
                .isEqualTo("bulkhead_full");
        assertThat(rejected.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    }

    @Test
    void spanNamesCanBeMadeFromTheNamesUsersGive() throws Exception {
        SkeinTelemetry.nameSpans(name -> "skein " + name);
        try {
            Scope.run(cfg -> cfg.withName("checkout"), scope -> {
                scope.fork("reserve stock", () -> 1);
                scope.join();
                return null;
            });
        } finally {
            SkeinTelemetry.nameSpans(java.util.function.UnaryOperator.identity());
        }
        assertThat(tracing.edge("skein reserve stock")).isEqualTo("skein reserve stock <- skein checkout");
    }
}
