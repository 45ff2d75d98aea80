package scriptorium.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * The statements of one transaction. Those {@link #add}ed are queued and sent in batches, one per statement text
     * (one round trip each, one statement prepared), before any statement that answers and before the commit.
     */
    static final class Transaction {
        private final Connection connection;
        /** The queued batches in the order they are sent, each statement text's newest last in {@code byText}. */
        private final List<Queued> queued = new ArrayList<>();
        private final Map<String, Queued> byText = new HashMap<>();
        /** Sent or queued before: the statements the caller has run or queued, for the record. */
        private int statements;
        /** Where the current write's next statement may join a batch: never before one its earlier statements joined. */
        private int floor;

        private record Queued(int position, PreparedStatement statement) {}

        private Transaction(Connection connection) {
            this.connection = connection;
        }

        /**
         * Queues a statement whose answer no one needs (an insert, an update by key). It joins the queued batch of
         * the same text unless that batch would be sent before a statement this write queued earlier: each write's
         * statements run in the order it queued them. Statements of different writes (see {@link #nextWrite}) may
         * run in another order than they were queued: writes grouped in one transaction must not depend on each other.
         */
        void add(String sql, Object... params) throws SQLException {
            statements++;
            Queued batch = byText.get(sql);
            if (batch == null || batch.position() < floor) {
                batch = new Queued(queued.size(), connection.prepareStatement(sql));
                queued.add(batch);
                byText.put(sql, batch);
            }
            bind(batch.statement(), params);
            batch.statement().addBatch();
            floor = batch.position();
        }

        /** The next statements belong to another write, independent of the earlier ones (see {@link #add}). */
        void nextWrite() {
            floor = 0;
        }

        /** Sends what is queued, in order; a write's next statement then comes after all of it. */
        void flush() throws SQLException {
            try {
                for (Queued batch : queued) {
                    batch.statement().executeBatch();
                }
            } finally {
                for (Queued batch : queued) {
                    batch.statement().close();
                }
                queued.clear();
                byText.clear();
                floor = 0;
            }
        }

        /** How many statements were run or queued in this transaction. */
        int statements() {
            return statements;
        }

        int update(String sql, Object... params) throws SQLException {
            flush();
            statements++;
            try (PreparedStatement statement = prepare(connection, sql, params)) {
                return statement.executeUpdate();
            }
        }

        /** The first column of the first row of a query, as a number. */
        long queryLong(String sql, Object... params) throws SQLException {
            flush();
            statements++;
            try (PreparedStatement statement = prepare(connection, sql, params);
                 var rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw new SQLException("no row for " + sql);
                }
                return rows.getLong(1);
            }
        }

        <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) throws SQLException {
            flush();
            statements++;
            try (PreparedStatement statement = prepare(connection, sql, params);
                 ResultSet rows = statement.executeQuery()) {
                List<T> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(mapper.map(rows));
                }
                return result;
            }
        }

        /** One statement run once per row of parameters, queued as {@link #add} queues it: sent together. */
        void batch(String sql, List<Object[]> rows) throws SQLException {
            for (Object[] params : rows) {
                add(sql, params);
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
            var transaction = new Transaction(connection);
            try {
                T answer = work.run(transaction);
                transaction.flush();
                connection.commit();
                return answer;
            } catch (SQLException | RuntimeException e) { // statements still queued close with the connection (Hikari)
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
