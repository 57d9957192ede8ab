package dev.skein.quarkus.runtime.health;

import dev.skein.internal.Text;
import dev.skein.quarkus.runtime.Names;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness {@value #NAME}: DOWN while a breaker of {@code quarkus.skein.health.critical-breakers} is open (or
 * cannot be read, or is no longer defined), UP otherwise; its data has every named breaker's state, by policy
 * name (up to {@value Breakers#MOST}). Its own keys contain a dot, which no policy name can.
 */
@Readiness
@ApplicationScoped
public class BreakersReadinessCheck implements HealthCheck {

    static final String NAME = "skein-breakers";

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).up();
        Map<String, String> states = Breakers.states();
        int shown = 0;
        for (Map.Entry<String, String> e : states.entrySet()) {
            if (shown++ < Breakers.MOST) {
                response.withData(Text.name(e.getKey()), e.getValue());
            }
        }
        if (states.size() > Breakers.MOST) {
            response.withData("breakers.not-shown", states.size() - Breakers.MOST);
        }
        List<String> notReady = new ArrayList<>();
        for (String critical : HealthSettings.current().criticalBreakers()) {
            String state = states.get(critical);
            if (state == null) {
                notReady.add(critical);
                response.withData(Text.name(critical), "NOT DEFINED");
            } else if (!state.equals("CLOSED") && !state.equals("HALF_OPEN")) {
                notReady.add(critical);
            }
        }
        if (!notReady.isEmpty()) {
            response.down().withData("critical.not-closed", Names.list(notReady));
        }
        return response.build();
    }
}
