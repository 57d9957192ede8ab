package dev.skein.quarkus.test.context;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.RequestScoped;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** The user of the request, set by a filter. */
@RequestScoped
public class RequestState {

    /** The user of every instance destroyed, in order (whichever test's requests they were). */
    static final Queue<String> DESTROYED = new ConcurrentLinkedQueue<>();

    private volatile String user;

    public String user() {
        return user;
    }

    public void user(String user) {
        this.user = user;
    }

    @PreDestroy
    void destroyed() {
        DESTROYED.add(String.valueOf(user));
    }
}
