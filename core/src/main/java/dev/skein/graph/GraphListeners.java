package dev.skein.graph;

import dev.skein.internal.Callbacks;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The registered {@link GraphListener}s, each called through {@link Callbacks}. */
final class GraphListeners {

    static final List<GraphListener> ALL = new CopyOnWriteArrayList<>();

    private GraphListeners() {
    }

    static boolean none() {
        return ALL.isEmpty();
    }

    static void each(String event, Consumer<GraphListener> call) {
        for (GraphListener listener : ALL) {
            Callbacks.run("GraphListener." + event + " of " + listener.getClass().getName(), () -> call.accept(listener));
        }
    }
}
