package dev.skein.quarkus.test.scope;

import dev.skein.context.SkeinContext;
import dev.skein.quarkus.SkeinScope;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;

/** The binding on the class: every business method runs in a scope; one on a method wins. */
@ApplicationScoped
@SkeinScope(timeout = "1h")
public class WholeClassService {

    public Optional<Instant> deadline() {
        return SkeinContext.current().deadline();
    }

    @SkeinScope(timeout = "1m")
    public Optional<Instant> nearerDeadline() {
        return SkeinContext.current().deadline();
    }
}
