package dev.skein.quarkus.runtime;

import dev.skein.graph.Graph;
import dev.skein.graph.Journal;
import dev.skein.internal.Text;
import io.quarkus.runtime.configuration.ConfigurationException;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The journal that durable annotated graphs are built with, once {@link JournalRecorder} has started it; none while
 * {@code quarkus.skein.journal.enabled} is false. Names no type of {@code skein-durable}, which the application may
 * not have.
 */
public final class Journals {

    static final String ENABLED = ConfigKeys.PREFIX + "journal.enabled";

    private static volatile Journal journal;
    private static volatile Consumer<Graph<?>> registrar;

    private Journals() {
    }

    static void use(Journal started, Consumer<Graph<?>> register) {
        registrar = register;
        journal = started;
    }

    static void clear() {
        journal = null;
        registrar = null;
    }

    /**
     * {@return the journal for the durable graph {@code graph}}
     * @param why what makes it durable, e.g. {@code @TaskGraph(durable = true)}
     * @throws ConfigurationException naming {@value #ENABLED} when the journal is off
     */
    static Journal forGraph(String graph, String why) {
        Journal started = journal;
        if (started == null) {
            throw new ConfigurationException(off(graph, why), Set.of(ENABLED));
        }
        return started;
    }

    /** Lets this instance recover the runs of {@code graph} whose instance died. */
    static void register(Graph<?> graph) {
        registrar.accept(graph);
    }

    /** {@return why a durable graph cannot start with the journal off, and the fix} The build's check says the same. */
    public static String off(String graph, String why) {
        return "graph '" + Text.name(graph) + "' is durable (" + why + "), but the journal is off: set " + ENABLED + "=true"
                + " (with dev.skein:skein-durable, quarkus-agroal and a JDBC driver extension in the application; the"
                + " journal's tables are on the default data source, or the one quarkus.skein.journal.datasource names),"
                + " or make the graph not durable";
    }
}
