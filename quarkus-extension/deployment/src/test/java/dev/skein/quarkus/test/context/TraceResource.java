package dev.skein.quarkus.test.context;

import dev.skein.quarkus.SkeinScope;
import dev.skein.scope.Branch;
import dev.skein.scope.Scope;
import io.opentelemetry.api.trace.Span;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.ArrayList;
import java.util.List;

/** Reports the trace id that the method and the branches below it see, in the span and in the MDC. */
@Path("/trace")
public class TraceResource {

    @GET
    @SkeinScope
    public String get() throws InterruptedException {
        List<String> seen = new ArrayList<>();
        seen.add(here());
        seen.addAll(Scope.run(scope -> {
            List<Branch<String>> branches = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                branches.add(scope.fork("trace-" + i, TraceResource::here));
            }
            scope.join();
            return branches.stream().map(Branch::resultNow).toList();
        }));
        return String.join(",", seen);
    }

    private static String here() {
        return Span.current().getSpanContext().getTraceId() + "/" + org.jboss.logging.MDC.get("traceId");
    }
}
