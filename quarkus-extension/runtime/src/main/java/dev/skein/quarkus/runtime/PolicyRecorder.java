package dev.skein.quarkus.runtime;

import dev.skein.internal.Text;
import dev.skein.policy.OverrideSource;
import dev.skein.policy.Policies;
import dev.skein.policy.RateLimitStore;
import dev.skein.quarkus.runtime.config.SkeinRuntimeConfig;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.ShutdownContext;
import io.quarkus.runtime.annotations.Recorder;
import java.util.List;

/** Defines the named policies of {@code quarkus.skein.policy} at start-up, before the graphs that name them are built. */
@Recorder
public class PolicyRecorder {

    /**
     * Why a shared rate limit has no store, and the fix: the build's check and the start-up's say the same.
     * Follows "{@code quarkus.skein.policy."<name>".rate-limit.shared=true, but }".
     */
    public static final String NO_STORE = "the application has no CDI bean of type " + RateLimitStore.class.getName()
            + " (with no qualifier) to count the limit in: produce one, e.g. with skein-shared-limits, on the default"
            + " data source: @Produces @Singleton RateLimitStore rateLimitStore(AgroalDataSource dataSource) { return"
            + " PostgresRateLimitStore.of(dataSource); } (docs/shared-limits.md, \"In Quarkus\"); or set it to false";

    private final RuntimeValue<SkeinRuntimeConfig> config;

    public PolicyRecorder(RuntimeValue<SkeinRuntimeConfig> config) {
        this.config = config;
    }

    /** Defines them, and forgets them when the application stops (dev mode starts it again). */
    public void defineNamedPolicies(ShutdownContext shutdown) {
        List<String> defined = NamedPolicies.define(config.getValue().policy(), PolicyRecorder::applicationStore);
        shutdown.addShutdownTask(() -> {
            defined.forEach(Policies::remove);
            Policies.useOverrides(OverrideSource.systemProperties());
        });
    }

    /**
     * {@return the application's {@code RateLimitStore} bean} A normal-scoped bean is its client proxy: the bean
     * is created on the first call, and a failure then is the store's, as when it cannot be reached.
     * @throws IllegalStateException saying why there is none to use
     */
    private static RateLimitStore applicationStore() {
        InjectableInstance<RateLimitStore> stores = Arc.container().select(RateLimitStore.class);
        if (stores.isUnsatisfied()) {
            throw new IllegalStateException(NO_STORE);
        }
        if (stores.isAmbiguous()) {
            throw new IllegalStateException("the application has several CDI beans of type " + RateLimitStore.class.getName()
                    + " (with no qualifier): keep one, or give the others a qualifier");
        }
        try {
            return stores.get();
        } catch (Throwable t) { // the application's producer: its failure is a start-up problem like the others
            throw new IllegalStateException("the application's " + RateLimitStore.class.getSimpleName()
                    + " bean could not be created: " + Text.describe(t));
        }
    }
}
