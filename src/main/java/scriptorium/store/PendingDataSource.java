package scriptorium.store;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The data source of a {@link Database} still opening on another thread (its pool starting, its schema migrating):
 * a connection waits for the opening to end, then comes from the pool; an opening that failed fails it with the
 * opening's cause. What lets the archive open its search index beside the database, and the server listen, while the
 * database opens (issue 16); once the database is open it only hands on. The wait is bounded by the opening's own
 * (the pool's initialization timeout).
 */
public final class PendingDataSource implements DataSource {

    private final Future<? extends DataSource> pool;

    public PendingDataSource(Future<? extends DataSource> pool) {
        this.pool = pool;
    }

    private DataSource opened() throws SQLException {
        try {
            return pool.get();
        } catch (ExecutionException e) {
            throw new SQLException("the database did not open: " + e.getCause().getMessage(), "08001", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while the database opened", "08001", e);
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        return opened().getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return opened().getConnection(username, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return opened().getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        opened().setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        opened().setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return opened().getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no java.util.logging here");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : opened().unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || opened().isWrapperFor(type);
    }
}
