package dev.skein.quarkus.test.events;

import dev.skein.quarkus.SkeinGraph;
import dev.skein.quarkus.test.events.ShippingSaga.Label;
import dev.skein.quarkus.test.events.ShippingSaga.Parcel;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.lang.reflect.Field;
import java.util.List;

/** Ships a parcel and says what the observers saw, and how many graph listeners the core holds. */
@Path("/shipments")
public class ShipmentsResource {

    @Inject
    SkeinGraph<Parcel, Label> shipParcel;

    @Inject
    RunWatch watch;

    @GET
    public String ship() throws Exception {
        watch.clear();
        shipParcel.run(new Parcel("p", false));
        return "events=" + watch.events().size() + " listeners=" + coreGraphListeners();
    }

    /** Read from the core's internals: no API counts listeners, and this is what must not grow. */
    private static int coreGraphListeners() throws ReflectiveOperationException {
        Field all = Class.forName("dev.skein.graph.GraphListeners").getDeclaredField("ALL");
        all.setAccessible(true);
        return ((List<?>) all.get(null)).size();
    }
}
