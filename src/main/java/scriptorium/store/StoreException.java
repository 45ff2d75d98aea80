package scriptorium.store;

/** The database failed; the cause is kept. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether the database could not be reached at all (no connection within the timeout, a connection lost), as
     * opposed to a statement it refused: trying the same writes one by one then only waits longer.
     */
    public boolean unreachable() {
        for (Throwable t = getCause(); t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof java.sql.SQLException e && e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }
}
