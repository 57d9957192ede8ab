package dev.skein.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Records events from any thread in the order they happened, and asserts on that order. */
final class Trail {

    private final ConcurrentLinkedQueue<String> events = new ConcurrentLinkedQueue<>();

    void add(String event) {
        events.add(event);
    }

    List<String> events() {
        return List.copyOf(events);
    }

    int indexOf(String event) {
        int i = events().indexOf(event);
        assertThat(i).as("event '%s' in %s", event, events()).isNotNegative();
        return i;
    }

    void assertBefore(String earlier, String later) {
        assertThat(indexOf(earlier)).as("'%s' before '%s' in %s", earlier, later, events()).isLessThan(indexOf(later));
    }
}
