package dev.skein.quarkus.runtime;

import dev.skein.diagnostics.Diagnostics;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.ShutdownContext;
import io.quarkus.runtime.annotations.Recorder;
import java.util.concurrent.atomic.AtomicReference;

/** Fires what graphs and policies do as CDI events while the application runs (see {@link CdiEvents}). */
@Recorder
public class EventsRecorder {

    /**
     * The registration of the running application. Skein's core outlives an application in dev mode (it
     * is not reloaded), so each start replaces what an earlier one left, should its shutdown not have run.
     */
    private static final AtomicReference<Diagnostics.Registration> CURRENT = new AtomicReference<>();

    /** Registers the application's observers with the core, until the application stops. */
    public void register(ShutdownContext shutdown) {
        Diagnostics.Registration registration = CdiEvents.register(Arc.container());
        Diagnostics.Registration earlier = CURRENT.getAndSet(registration);
        if (earlier != null) {
            earlier.close();
        }
        shutdown.addShutdownTask(() -> {
            if (CURRENT.compareAndSet(registration, null)) {
                registration.close();
            }
        });
    }
}
