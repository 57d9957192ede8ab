package dev.skein.samples.order;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Reads the database straight through JDBC: what the tests check is the rows, not the application's view of them. */
public final class Db {

    private final DataSource dataSource;

    public Db(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** {@return the product's stock} */
    public int stock(String productId) {
        return ((Number) one("select stock from product where id = ?", productId)).intValue();
    }

    /** {@return the one value of a one-row, one-column query} */
    public Object one(String sql, Object... args) {
        List<Object[]> rows = rows(sql, args);
        if (rows.size() != 1) {
            throw new AssertionError("expected one row of " + sql + ", got " + rows.size());
        }
        return rows.getFirst()[0];
    }

    /** {@return a count query's result} */
    public long count(String sql, Object... args) {
        return ((Number) one(sql, args)).longValue();
    }

    /** {@return every row of the query} */
    public List<Object[]> rows(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                int columns = r.getMetaData().getColumnCount();
                List<Object[]> rows = new ArrayList<>();
                while (r.next()) {
                    Object[] row = new Object[columns];
                    for (int i = 0; i < columns; i++) {
                        row[i] = r.getObject(i + 1);
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
