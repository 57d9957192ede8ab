package dev.skein.docs.pages;

/** docs/quarkus-fault-tolerance.md: the fault-tolerance annotations, and a pricing service. */
@SnippetImports({"dev.skein.quarkus.*", "jakarta.enterprise.context.ApplicationScoped",
        "org.eclipse.microprofile.faulttolerance.Retry", "org.eclipse.microprofile.faulttolerance.Timeout",
        "org.eclipse.microprofile.faulttolerance.Fallback", "java.time.temporal.ChronoUnit"})
public class QuarkusFaultTolerancePage extends Page {

    public record Price(long cents) {
        public static Price list(Order order) {
            return new Price(1_000);
        }
    }

    public interface Pricing {
        Price quote(Order order);
    }

    public interface PaymentService {
        Payment charge(Order order, Price price);
    }

    protected static Pricing pricing;
    protected static PaymentService payments;
}
