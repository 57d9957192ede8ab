package dev.skein.docs.pages;

import javax.sql.DataSource;

/** docs/shared-limits.md: the application's PostgreSQL data source (a connection pool's, in a real service). */
@SnippetImports({"dev.skein.limits.PostgresRateLimitStore", "javax.sql.DataSource"})
public class SharedLimitsPage extends Page {

    protected DataSource dataSource;
}
