package dev.skein.docs.pages;

import io.smallrye.mutiny.Uni;

/**
 * docs/quarkus.md: the order shop as CDI beans would see its services (no checked exceptions, a reactive
 * payment client), and the quote endpoint's services.
 */
@SnippetImports({"dev.skein.quarkus.*", "jakarta.inject.Inject", "jakarta.enterprise.context.ApplicationScoped",
        "jakarta.ws.rs.GET", "jakarta.ws.rs.Path", "jakarta.ws.rs.QueryParam", "io.smallrye.mutiny.Uni"})
public class QuarkusPage extends Page {

    public interface OrderService {
        Order create(OrderRequest request);

        void cancel(Order order);

        Confirmation confirm(Order order, Reservation reservation, Payment payment);
    }

    public interface StockReservations {
        Reservation reserve(Order order);

        void release(Reservation reservation);
    }

    public interface PaymentClient {
        Uni<Payment> authorise(Order order);

        void refund(Payment payment);

        void refundByOrder(Order order);

        Charge charge(Order order);
    }

    public interface Audit {
        void record(Order order);
    }

    public record Price(long cents) {
    }

    public record Stock(int items) {
    }

    public record Quote(Price price, Stock stock) {
    }

    public interface PriceService {
        Price of(String sku);
    }

    public interface StockService {
        Stock of(String sku);
    }

    protected static OrderService orders;
    protected static StockReservations inventory;
    protected static PaymentClient payments;
    protected static Audit audit;
}
