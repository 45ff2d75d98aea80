package scriptorium.knowledge;

/** The search index's files failed (disk full, corrupt segment); the cause is kept. */
public final class SearchIndexException extends RuntimeException {
    public SearchIndexException(String message, Throwable cause) {
        super(message, cause);
    }
}
