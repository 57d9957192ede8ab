package dev.skein.quarkus.runtime.config;

import io.smallrye.config.WithDefault;

/**
 * Deadlines across HTTP ({@code quarkus.skein.http.*}): the time budget a request carries in a header, taken
 * by Quarkus REST endpoints and passed on by Quarkus REST Client calls.
 */
public interface HttpConfig {

    /**
     * The header that carries a request's time budget: the milliseconds it has left, as a whole number, not an
     * instant (the clocks of two machines differ; a duration does not depend on them). An HTTP token, e.g.
     * {@code X-Deadline-Ms}; any other value fails the start.
     */
    @WithDefault("Skein-Budget-Ms")
    String header();

    /** The server side: Quarkus REST endpoints. */
    Server server();

    /** The client side: Quarkus REST Client calls. */
    Client client();

    /** The server side. */
    interface Server {

        /**
         * Whether an incoming request's budget is taken: a request with budget runs its endpoint in a scope with
         * that deadline; a spent budget is answered {@code 504}, a malformed one {@code 400}, both without running
         * the endpoint. Off, the header is ignored.
         */
        @WithDefault("true")
        boolean enabled();
    }

    /** The client side. */
    interface Client {

        /**
         * Whether REST Client calls made in a scope with a deadline send the time left in the header, and a call
         * with no time left fails at once with {@code DeadlineExceededException} instead of going out. Off, calls
         * carry no budget.
         */
        @WithDefault("true")
        boolean enabled();
    }
}
