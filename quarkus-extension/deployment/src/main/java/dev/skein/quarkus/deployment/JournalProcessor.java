package dev.skein.quarkus.deployment;

import dev.skein.internal.Text;
import dev.skein.quarkus.runtime.JournalRecorder;
import dev.skein.quarkus.runtime.Journals;
import io.quarkus.agroal.spi.JdbcDataSourceBuildItem;
import io.quarkus.agroal.spi.JdbcDataSourceSchemaReadyBuildItem;
import io.quarkus.arc.deployment.SyntheticBeansRuntimeInitBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem.ValidationErrorBuildItem;
import io.quarkus.bootstrap.classloading.QuarkusClassLoader;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.Consume;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Produce;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.ServiceStartBuildItem;
import io.quarkus.deployment.builditem.ShutdownContextBuildItem;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The journal of durable graphs ({@code quarkus.skein.journal.*}): started at start-up on the application's Agroal
 * data source, after its own schema migrations and before the graphs are built; checked by the build where it can
 * see the configuration (a durable graph with the journal off, a journal without {@code skein-durable}, Agroal,
 * the data source it names, or Flyway for {@code migrate-at-start}). The start-up checks the same, for what only it sees.
 */
class JournalProcessor {

    static final String DURABLE_GRAPHS = "dev.skein.durable.DurableGraphs";
    private static final String KEY = "quarkus.skein.journal.";

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    @Consume(SyntheticBeansRuntimeInitBuildItem.class) // the data source is a bean
    @Produce(JournalReadyBuildItem.class)
    ServiceStartBuildItem start(JournalRecorder recorder, ShutdownContextBuildItem shutdown,
            List<JdbcDataSourceSchemaReadyBuildItem> afterTheApplicationsMigrations) {
        recorder.start(shutdown);
        return SkeinProcessor.started();
    }

    @BuildStep
    void check(List<TaskGraphBuildItem> graphs, Capabilities capabilities, List<JdbcDataSourceBuildItem> dataSources,
            BuildProducer<ValidationErrorBuildItem> errors) {
        Config config = ConfigProvider.getConfig();
        boolean enabled = isTrue(config, KEY + "enabled").orElse(false);
        List<String> problems = new ArrayList<>();
        for (TaskGraphBuildItem item : graphs) {
            String why = durable(config, item.graph());
            if (why != null && !enabled) {
                problems.add(Journals.off(item.graph().name(), why));
            }
        }
        if (enabled) {
            if (!QuarkusClassLoader.isClassPresentAtRuntime(DURABLE_GRAPHS)) {
                problems.add(JournalRecorder.missing("dev.skein:skein-durable"));
            }
            if (!capabilities.isPresent(Capability.AGROAL)) {
                problems.add(JournalRecorder.missing("quarkus-agroal and a JDBC driver extension (e.g. quarkus-jdbc-postgresql)"));
            } else {
                Optional<String> named = config.getOptionalValue(KEY + "datasource", String.class);
                boolean known = dataSources.stream().anyMatch(d -> named.map(n -> n.equals(d.getName())).orElse(d.isDefault()));
                if (!known) {
                    problems.add(KEY + "enabled=true, but the application has no JDBC data source "
                            + named.map(n -> "'" + Text.name(n) + "' (" + KEY + "datasource)").orElse("<default>")
                            + ": configure it (quarkus.datasource" + named.map(n -> ".\"" + Text.name(n) + "\"").orElse("")
                            + ".db-kind), or name another in " + KEY + "datasource; the build knows "
                            + dataSources.stream().map(JdbcDataSourceBuildItem::getName).sorted().toList());
                }
            }
            if (isTrue(config, KEY + "migrate-at-start").orElse(false)
                    && !QuarkusClassLoader.isClassPresentAtRuntime("org.flywaydb.core.Flyway")) {
                problems.add(JournalRecorder.missing("org.flywaydb:flyway-core (quarkus-flyway brings it)")
                        + " (for " + KEY + "migrate-at-start=true)");
            }
        }
        Problems.report(problems, errors);
    }

    /** {@return what makes {@code graph} durable where the build sees it, or null} The key wins over the annotation. */
    private static String durable(Config config, ScannedGraph graph) {
        for (String key : List.of("quarkus.skein.graph.\"" + graph.name() + "\".durable",
                "quarkus.skein.graph." + graph.name() + ".durable")) {
            Optional<Boolean> configured = isTrue(config, key);
            if (configured.isPresent()) {
                return configured.get() ? "quarkus.skein.graph.\"" + Text.name(graph.name()) + "\".durable=true" : null;
            }
        }
        return graph.durable() ? "@TaskGraph(durable = true)" : null;
    }

    /** {@return the boolean {@code property}, if set} A bad value is the mapping's to report. */
    private static Optional<Boolean> isTrue(Config config, String property) {
        try {
            return config.getOptionalValue(property, Boolean.class);
        } catch (IllegalArgumentException | NoSuchElementException bad) {
            return Optional.empty();
        }
    }
}
