package dev.skein.limits;

import java.util.ArrayList;
import java.util.List;
import java.sql.SQLException;
import org.postgresql.ds.PGSimpleDataSource;

/** The machine's PostgreSQL (127.0.0.1:5432, database test, user postgres), as the tests tagged "postgres" reach it. */
final class Postgres {

    static final int PORT = 5432;

    private Postgres() {
    }

    /** {@return a data source reaching PostgreSQL on {@code port} (5432, or a proxy's), with short timeouts} */
    static PGSimpleDataSource dataSource(int port) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {"127.0.0.1"});
        dataSource.setPortNumbers(new int[] {port});
        dataSource.setDatabaseName("test");
        dataSource.setUser("postgres");
        dataSource.setConnectTimeout(2);
        dataSource.setSocketTimeout(5);
        return dataSource;
    }

    /** {@return whether {@code failure} or one of its causes is a {@link SQLException}} */
    static boolean causedBySql(Throwable failure) {
        List<Throwable> seen = new ArrayList<>();
        for (Throwable t = failure; t != null && !seen.contains(t); t = t.getCause()) {
            seen.add(t);
            if (t instanceof SQLException) {
                return true;
            }
        }
        return false;
    }
}
