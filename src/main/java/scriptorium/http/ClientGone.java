package scriptorium.http;

/** A write to a stream failed: the client left. Its stream ends; the run goes on (PROTOCOL §4.4). */
final class ClientGone extends RuntimeException {
    ClientGone(Throwable cause) {
        super("client left", cause, false, false);
    }
}
