package dev.skein.quarkus.test.context;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.RequestScoped;
import java.util.concurrent.atomic.AtomicInteger;

/** The user of the request, set by a filter. */
@RequestScoped
public class RequestState {

    static final AtomicInteger DESTROYED = new AtomicInteger();

    private volatile String user;

    public String user() {
        return user;
    }

    public void user(String user) {
        this.user = user;
    }

    @PreDestroy
    void destroyed() {
        DESTROYED.incrementAndGet();
    }
}
