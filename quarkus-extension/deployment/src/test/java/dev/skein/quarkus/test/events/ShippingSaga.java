package dev.skein.quarkus.test.events;

import dev.skein.quarkus.Compensates;
import dev.skein.quarkus.GraphInput;
import dev.skein.quarkus.Task;
import dev.skein.quarkus.TaskGraph;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** pick -> pack -> label; label fails when asked, and the two before it are compensated. */
@ApplicationScoped
@TaskGraph("ship parcel")
public class ShippingSaga {

    public record Parcel(String id, boolean labelFails) {
    }

    public record Picked(String parcel) {
    }

    public record Packed(String parcel) {
    }

    public record Label(String parcel) {
    }

    private final ConcurrentLinkedQueue<String> trail = new ConcurrentLinkedQueue<>();

    /** {@return what the tasks and compensations did, in order} */
    public List<String> trail() {
        return List.copyOf(trail);
    }

    public void clearTrail() {
        trail.clear();
    }

    @Task("pick")
    Picked pick(@GraphInput Parcel parcel) {
        trail.add("pick " + parcel.id());
        return new Picked(parcel.id());
    }

    @Task("pack")
    Packed pack(Picked picked) {
        trail.add("pack " + picked.parcel());
        return new Packed(picked.parcel());
    }

    @Task("label")
    Label label(Packed packed, @GraphInput Parcel parcel) {
        if (parcel.labelFails()) {
            throw new IllegalStateException("printer jammed");
        }
        trail.add("label " + packed.parcel());
        return new Label(packed.parcel());
    }

    @Compensates("pick")
    void unpick(Picked picked) {
        trail.add("unpick " + picked.parcel());
    }

    @Compensates("pack")
    void unpack(Packed packed) {
        trail.add("unpack " + packed.parcel());
    }
}
