package dev.skein.docs.pages;

import dev.skein.durable.DurableGraphs;
import javax.sql.DataSource;

/** docs/durability.md: the application's data source (a connection pool's, in a real service). */
@SnippetImports({"dev.skein.durable.DurableGraphs", "dev.skein.durable.DurableRun", "dev.skein.durable.RunStatus",
        "javax.sql.DataSource"})
public class DurabilityPage extends Page {

    protected DataSource dataSource;
    protected DurableGraphs durable;
}
