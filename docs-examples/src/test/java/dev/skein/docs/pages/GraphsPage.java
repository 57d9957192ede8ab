package dev.skein.docs.pages;

/** docs/graphs.md: its Quarkus observer example. */
@SnippetImports({"jakarta.enterprise.context.ApplicationScoped", "jakarta.enterprise.event.Observes",
        "io.quarkus.logging.Log"})
public class GraphsPage extends Page {
}
