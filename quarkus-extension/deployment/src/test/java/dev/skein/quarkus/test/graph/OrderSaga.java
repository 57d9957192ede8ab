package dev.skein.quarkus.test.graph;

import dev.skein.quarkus.Compensates;
import dev.skein.quarkus.CompensatesUncertainEffect;
import dev.skein.quarkus.GraphInput;
import dev.skein.quarkus.Task;
import dev.skein.quarkus.TaskGraph;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;

/** A saga as annotated methods: dependencies from parameter types, a Uni task, a stage task, compensations. */
@ApplicationScoped
@TaskGraph("place order")
public class OrderSaga {

    public record Request(String customer, int quantity, boolean paymentFails) {
    }

    public record Order(String id, Request request) {
    }

    public record Reservation(String order, int quantity) {
    }

    public record Payment(String order) {
    }

    public record Confirmation(String order, Reservation reservation, Payment payment, List<String> notes) {
    }

    private final ConcurrentLinkedQueue<String> trail = new ConcurrentLinkedQueue<>();

    /** {@return what the tasks and compensations did, in order} (a method: the injected bean is a client proxy) */
    public List<String> trail() {
        return List.copyOf(trail);
    }

    public void clearTrail() {
        trail.clear();
    }

    @Task("create order")
    Order create(@GraphInput Request request) {
        trail.add("create " + request.customer());
        return new Order("order-of-" + request.customer(), request);
    }

    @Task("reserve stock")
    Uni<Reservation> reserve(Order order) {
        trail.add("reserve for " + order.id());
        return Uni.createFrom().item(new Reservation(order.id(), order.request().quantity()));
    }

    @Task("authorise payment")
    CompletionStage<Payment> authorise(Order order, @GraphInput Request request) {
        trail.add("authorise " + order.id());
        if (request.paymentFails()) {
            return CompletableFuture.failedFuture(new IllegalStateException("card declined"));
        }
        return CompletableFuture.completedFuture(new Payment(order.id()));
    }

    @Task("notes")
    List<String> notes(Order order) {
        return List.of("gift for " + order.request().customer());
    }

    @Task("confirm order")
    Confirmation confirm(Order order, Reservation reservation, Payment payment, List<String> notes) {
        trail.add("confirm " + order.id());
        return new Confirmation(order.id(), reservation, payment, notes);
    }

    @Compensates("create order")
    void cancel(Order order) {
        trail.add("cancel " + order.id());
    }

    @Compensates("reserve stock")
    void release(Reservation reservation) {
        trail.add("release " + reservation.order());
    }

    @Compensates("authorise payment")
    void refund(Payment payment) {
        trail.add("refund " + payment.order());
    }

    @CompensatesUncertainEffect("authorise payment")
    void refundAnything(Order order, Throwable why) {
        trail.add("refund anything for " + order.id() + " after " + why.getMessage());
    }
}
