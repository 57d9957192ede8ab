package dev.skein.quarkus.test.telemetry;

import dev.skein.quarkus.SkeinGraph;
import dev.skein.quarkus.test.telemetry.QuoteGraph.Order;
import dev.skein.quarkus.test.telemetry.QuoteGraph.Quote;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

/** Runs the graph inside an HTTP request (blocking: on a worker thread, with the server span current). */
@Path("/quote")
public class QuoteResource {

    @Inject
    SkeinGraph<Order, Quote> quote;

    @GET
    public String quote(@QueryParam("item") String item, @QueryParam("quantity") int quantity) throws InterruptedException {
        return String.valueOf(quote.run(new Order(item, quantity)).cents());
    }
}
