package dev.skein.quarkus.test.journal;

import dev.skein.quarkus.Compensates;
import dev.skein.quarkus.GraphInput;
import dev.skein.quarkus.Task;
import dev.skein.quarkus.TaskGraph;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** A durable saga: a seat reserved, then a card charged; a declined card releases the seat. */
@ApplicationScoped
@TaskGraph(value = "book trip", durable = true)
public class TripSaga {

    public record Trip(String id, boolean declined) {
    }

    public record Seat(String trip, String number) {
    }

    private final AtomicBoolean seatServiceDown = new AtomicBoolean();
    private final AtomicInteger releases = new AtomicInteger();

    /** While down, releasing a seat fails: the run is parked. (Methods: the injected bean is a client proxy.) */
    public void seatServiceDown(boolean down) {
        seatServiceDown.set(down);
    }

    /** {@return how many seats were released} */
    public int releases() {
        return releases.get();
    }

    @Task(value = "reserve seat", compensationRetries = 0)
    Seat reserve(@GraphInput Trip trip) {
        return new Seat(trip.id(), "12A");
    }

    @Compensates("reserve seat")
    void release(Seat seat) {
        if (seatServiceDown.get()) {
            throw new IllegalStateException("seat service unreachable");
        }
        releases.incrementAndGet();
    }

    @Task("charge card")
    String charge(@GraphInput Trip trip, Seat seat) {
        if (trip.declined()) {
            throw new IllegalStateException("card declined for " + trip.id());
        }
        return "charged " + trip.id();
    }
}
