package dev.skein.quarkus.runtime.config;

import io.quarkus.runtime.annotations.ConfigDocMapKey;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import java.util.Map;

/** Skein's configuration, read when the application starts. */
@ConfigMapping(prefix = "quarkus.skein")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface SkeinRuntimeConfig {

    /**
     * Named policies, shared by every task that names them ({@code @Task(policy = "payment")}) and by
     * {@code Policies.get("payment")}: retry, circuit breaker, rate limit, timeout and bulkhead, from
     * SmallRye Fault Tolerance. A policy has the strategies configured for it; each is off until one of
     * its keys is set ({@code enabled=true} turns one on with its defaults). The extension defines these
     * policies when the application starts, before the graphs are built. A policy named by a task must be
     * configured where the build sees it (e.g. {@code application.properties}): the build checks the name.
     */
    @ConfigDocMapKey("policy-name")
    Map<String, PolicyConfig> policy();
}
