package dev.skein.docs.pages;

import dev.skein.graph.TaskKey;
import dev.skein.scope.Scope;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import java.util.List;

/**
 * What the documentation's examples use without declaring it: the order shop of README.md and docs/,
 * its services and values. Every page's snippets are compiled in a class that extends its page's context
 * ({@code ConceptsPage} for docs/concepts.md, ...), which extends this one, or this one itself when the page
 * has no context of its own. The snippets are compiled, never run: the fields stay null.
 */
public class Page {

    public record OrderRequest(String customer, List<String> items) {
    }

    public record Order(String id) {
    }

    public record Reservation(Order order) {
    }

    public record Payment(Order order, long cents) {
    }

    public record Confirmation(Reservation reservation, Payment payment) {
    }

    public record Receipt(Reservation reservation, Payment payment) {
    }

    public record Charge(Order order, String status) {
        public static Charge deferred() {
            return new Charge(null, "deferred");
        }
    }

    /** A payment the gateway refused: a failure no retry can change. */
    public static final class PaymentDeclined extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    public interface Orders {
        Order create(OrderRequest request) throws Exception;

        void cancel(Order order) throws Exception;

        Confirmation confirm(Reservation reservation, Payment payment) throws Exception;
    }

    public interface Inventory {
        Reservation reserve(Order order) throws Exception;

        void release(Reservation reservation) throws Exception;
    }

    public interface Payments {
        Payment authorise(Order order) throws Exception;

        void refund(Payment payment) throws Exception;

        void refundAnyCharge(Order order) throws Exception;
    }

    public interface PaymentGateway {
        Charge charge(Order order) throws Exception;
    }

    protected static final TaskKey<Order> CREATE_ORDER = TaskKey.of("create order", Order.class);
    protected static final TaskKey<Reservation> RESERVE_STOCK = TaskKey.of("reserve stock", Reservation.class);
    protected static final TaskKey<Payment> AUTHORISE_PAYMENT = TaskKey.of("authorise payment", Payment.class);
    protected static final TaskKey<Confirmation> CONFIRM = TaskKey.of("confirm order", Confirmation.class);
    protected static final TaskKey<Charge> CHARGE = TaskKey.of("charge", Charge.class);

    protected static Orders orders;
    protected static Inventory inventory;
    protected static Payments payments;
    protected static PaymentGateway gateway;

    protected static OrderRequest request;
    protected static Order order;
    /** An open scope, for snippets that fork into one. */
    protected static Scope scope;
    /** The application's OpenTelemetry (its SDK). */
    protected static OpenTelemetry openTelemetry;
    /** The OpenTelemetry SDK's in-memory exporter, as a test that asserts spans has it. */
    protected static InMemorySpanExporter exporter;
}
