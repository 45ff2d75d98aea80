package scriptorium.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Statements over a {@link DataSource}, one connection each, with every SQLException turned into a StoreException. */
final class Sql {

    private final DataSource dataSource;

    Sql(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    int update(String sql, Object... params) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = prepare(connection, sql, params)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("update failed: " + firstWords(sql), e);
        }
    }

    /** Statements run on one connection in one transaction: all of them are stored, or none. */
    @FunctionalInterface
    interface Work {
        void run(Transaction transaction) throws SQLException;
    }

    /** {@link Work} that answers something, such as whether a conditional update matched. */
    @FunctionalInterface
    interface Answering<T> {
        T run(Transaction transaction) throws SQLException;
    }

    /** The statements of one transaction. */
    static final class Transaction {
        private final Connection connection;

        private Transaction(Connection connection) {
            this.connection = connection;
        }

        int update(String sql, Object... params) throws SQLException {
            try (PreparedStatement statement = prepare(connection, sql, params)) {
                return statement.executeUpdate();
            }
        }

        /** The first column of the first row of a query, as a number. */
        long queryLong(String sql, Object... params) throws SQLException {
            try (PreparedStatement statement = prepare(connection, sql, params);
                 var rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw new SQLException("no row for " + sql);
                }
                return rows.getLong(1);
            }
        }

        <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) throws SQLException {
            try (PreparedStatement statement = prepare(connection, sql, params);
                 ResultSet rows = statement.executeQuery()) {
                List<T> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(mapper.map(rows));
                }
                return result;
            }
        }

        /** One statement run once per row of parameters, sent to the database together. */
        void batch(String sql, List<Object[]> rows) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (Object[] params : rows) {
                    bind(statement, params);
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        }
    }

    void inTransaction(String what, Work work) {
        inTransaction(what, transaction -> {
            work.run(transaction);
            return null;
        });
    }

    <T> T inTransaction(String what, Answering<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T answer = work.run(new Transaction(connection));
                connection.commit();
                return answer;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException(what + " failed", e);
        }
    }

    <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = prepare(connection, sql, params);
             ResultSet rows = statement.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(mapper.map(rows));
            }
            return result;
        } catch (SQLException e) {
            throw new StoreException("query failed: " + firstWords(sql), e);
        }
    }

    <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params) {
        List<T> rows = query(sql, mapper, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... params) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        bind(statement, params);
        return statement;
    }

    /** Instants are written as UTC timestamps with time zone: what both databases' columns hold. */
    private static void bind(PreparedStatement statement, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object param = params[i] instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : params[i];
            statement.setObject(i + 1, param);
        }
    }

    private static String firstWords(String sql) {
        String flat = sql.strip().replaceAll("\\s+", " ");
        return flat.length() > 60 ? flat.substring(0, 60) + "..." : flat;
    }
}
