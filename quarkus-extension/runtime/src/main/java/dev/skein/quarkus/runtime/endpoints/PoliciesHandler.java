package dev.skein.quarkus.runtime.endpoints;

import dev.skein.internal.Text;
import dev.skein.policy.Policies;
import dev.skein.policy.Policy;
import dev.skein.policy.PolicyConfig;
import dev.skein.policy.PolicyState;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /q/skein/policies}: the named policies, sorted by name, as a JSON array of
 * {@code {"name", "strategies", "breaker", "retries", "breakerRejections", "rateLimitRejections",
 * "bulkheadRejections", "timeouts"}} ({@code breaker} is null without a circuit breaker). A policy whose
 * state cannot be read has {@code "error"} instead; the others are still listed.
 */
public class PoliciesHandler implements Handler<RoutingContext> {

    @Override
    public void handle(RoutingContext ctx) {
        JsonArray policies = new JsonArray();
        for (Policy policy : Policies.all()) {
            JsonObject json = new JsonObject().put("name", Text.name(policy.name().orElseThrow()))
                    .put("strategies", strategies(policy.config()));
            try {
                PolicyState state = policy.state();
                json.put("breaker", state.breaker().map(Enum::name).orElse(null))
                        .put("retries", state.retries())
                        .put("breakerRejections", state.breakerRejections())
                        .put("rateLimitRejections", state.rateLimitRejections())
                        .put("bulkheadRejections", state.bulkheadRejections())
                        .put("timeouts", state.timeouts());
            } catch (Throwable t) { // one broken breaker must not hide the other policies
                json.put("error", Text.describe(t));
            }
            policies.add(json);
        }
        Responses.json(ctx, policies.encode());
    }

    private static JsonArray strategies(PolicyConfig config) {
        JsonArray strategies = new JsonArray();
        config.retry().ifPresent(r -> strategies.add("retry"));
        config.circuitBreaker().ifPresent(cb -> strategies.add("circuit-breaker"));
        config.rateLimit().ifPresent(rl -> strategies.add("rate-limit"));
        config.timeout().ifPresent(t -> strategies.add("timeout"));
        config.bulkhead().ifPresent(b -> strategies.add("bulkhead"));
        return strategies;
    }
}
