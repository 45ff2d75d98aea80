package scriptorium.store;

/** The database failed; the cause is kept. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
