package dev.skein.quarkus.runtime.endpoints;

import dev.skein.internal.Text;
import dev.skein.policy.PolicyState;
import dev.skein.policy.SharedLimitState;
import dev.skein.quarkus.runtime.PolicyReading;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /q/skein/policies}: the named policies, sorted by name, as a JSON array of
 * {@code {"name", "strategies", "breaker", "retries", "breakerRejections", "rateLimitRejections",
 * "bulkheadRejections", "timeouts", "sharedLimit"}} ({@code breaker} is null without a circuit breaker;
 * {@code sharedLimit} is null unless the rate limit is shared, else {@code {"failDirection", "reachable",
 * "unreachableCalls", "lastFailure"}}). A policy whose state cannot be read has {@code "error"} instead; the
 * others are still listed.
 */
public class PoliciesHandler implements Handler<RoutingContext> {

    @Override
    public void handle(RoutingContext ctx) {
        JsonArray policies = new JsonArray();
        for (PolicyReading policy : PolicyReading.all()) {
            JsonObject json = new JsonObject().put("name", Text.name(policy.name()))
                    .put("strategies", new JsonArray(policy.strategyKinds()));
            PolicyState state = policy.state();
            if (state == null) {
                json.put("error", policy.error());
            } else {
                json.put("breaker", state.breaker().map(Enum::name).orElse(null))
                        .put("retries", state.retries())
                        .put("breakerRejections", state.breakerRejections())
                        .put("rateLimitRejections", state.rateLimitRejections())
                        .put("bulkheadRejections", state.bulkheadRejections())
                        .put("timeouts", state.timeouts())
                        .put("sharedLimit", sharedLimit(policy.sharedLimit()));
            }
            policies.add(json);
        }
        Responses.json(ctx, policies.encode());
    }

    private static JsonObject sharedLimit(SharedLimitState shared) {
        return shared == null ? null : new JsonObject().put("failDirection", shared.direction().name())
                .put("reachable", shared.reachable())
                .put("unreachableCalls", shared.unreachableCalls())
                .put("lastFailure", shared.lastFailure().map(PolicyReading::bounded).orElse(null));
    }
}
