package dev.skein.durable;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/** The machine's PostgreSQL (127.0.0.1:5432, database test, user postgres), as the tests tagged "postgres" reach it. */
final class Postgres {

    static final int PORT = 5432;

    private Postgres() {
    }

    /** {@return a data source reaching {@code schema} on PostgreSQL on {@code port} (5432, or a proxy's), with short timeouts} */
    static PGSimpleDataSource dataSource(int port, String schema) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {"127.0.0.1"});
        dataSource.setPortNumbers(new int[] {port});
        dataSource.setDatabaseName("test");
        dataSource.setUser("postgres");
        dataSource.setCurrentSchema(schema);
        dataSource.setConnectTimeout(2);
        dataSource.setSocketTimeout(5);
        return dataSource;
    }

    /** Drops {@code schema} with everything in it, creates it again with the tables of {@code db/skein}. {@return a data source on it} */
    static PGSimpleDataSource freshSchema(String schema) throws SQLException {
        PGSimpleDataSource dataSource = dataSource(PORT, schema);
        execute(dataSource, "drop schema if exists " + schema + " cascade", "create schema " + schema);
        Flyway.configure().dataSource(dataSource).schemas(schema).locations("classpath:db/skein")
                .table("skein_schema_history").load().migrate();
        return dataSource;
    }

    static void execute(DataSource dataSource, String... statements) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }
}
