package dev.skein.quarkus.test.startup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.policy.Policies;
import dev.skein.quarkus.GraphInput;
import dev.skein.quarkus.SkeinGraph;
import dev.skein.quarkus.Task;
import dev.skein.quarkus.TaskGraph;
import io.quarkus.builder.BuildChainBuilder;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.ServiceStartBuildItem;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Skein is started before StartupEvent: an observer of it can run a graph that names a configured policy.
 * Quarkus orders start-up steps only by what they produce: Skein's declare themselves services to start, which
 * StartupEvent waits for (checked in the build, since an order that merely happens to be right passes too).
 */
class StartupTest {

    @ApplicationScoped
    @TaskGraph("greet")
    public static class Greeting {
        @Task(policy = "at-startup")
        String greet(@GraphInput String name) {
            return "hello " + name;
        }
    }

    @Startup
    @ApplicationScoped
    public static class AtStartup {
        private final List<String> seen = new CopyOnWriteArrayList<>();

        void onStart(@Observes StartupEvent event, SkeinGraph<String, String> greet) throws InterruptedException {
            seen.add("policy defined: " + Policies.find("at-startup").isPresent());
            seen.add(greet.run("startup"));
        }

        public List<String> seen() {
            return List.copyOf(seen);
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(Greeting.class, AtStartup.class))
            .overrideConfigKey("quarkus.skein.policy.\"at-startup\".retry.max-retries", "1")
            .addBuildChainCustomizer(StartupTest::requireSkeinAmongServicesToStart);

    private static void requireSkeinAmongServicesToStart(BuildChainBuilder chain) {
        chain.addBuildStep(context -> {
            List<String> services = context.consumeMulti(ServiceStartBuildItem.class).stream()
                    .map(ServiceStartBuildItem::getName).toList();
            if (!services.contains("skein")) {
                throw new IllegalStateException("Skein is not among the services StartupEvent waits for: " + services);
            }
            context.produce(new FeatureBuildItem("skein-startup-check"));
        }).consumes(ServiceStartBuildItem.class).produces(FeatureBuildItem.class).build();
    }

    @Inject
    AtStartup atStartup;

    @Test
    void aStartupObserverRunsAGraphThatNamesAConfiguredPolicy() {
        assertThat(atStartup.seen()).containsExactly("policy defined: true", "hello startup");
    }
}
