package scriptorium.llm.stream;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import scriptorium.config.ModelSettings.ModelCalls;
import scriptorium.llm.ModelException;
import scriptorium.llm.ModelException.Kind;

/**
 * The loop both adapters share: send, wait for the head within the first-token deadline, turn an error status into a
 * {@link ModelException}, then feed events to a provider's {@link Reader} until it is finished, each wait bounded by
 * the first-token deadline (until the reader has seen a token) and the whole-message deadline.
 *
 * <p>Failures are classified here for what is common to HTTP (interrupt, timeout, a broken connection) and by the
 * provider's {@link Reader} and {@link ErrorStatus} for what the provider says. Exceptions thrown by the reader that
 * are not ours (the sink's, such as a run's cancellation) pass through unchanged; the stream is closed either way.
 */
public final class StreamingCall {

    /** Turns a provider's events into a reply; called on the calling thread, in order. */
    public interface Reader<T> {
        /** Handles one event; throws {@link ModelException} for an in-stream error event. */
        void accept(SseEvent event);

        /** True once the provider said the reply is complete. */
        boolean finished();

        /** True once a token (text or a tool call) arrived: from then on a failure is not retried. */
        boolean started();

        T result();
    }

    /** How a provider's non-2xx answer becomes a {@link ModelException}. */
    public interface ErrorStatus {
        ModelException classify(EventStream.Head head, String body);
    }

    private StreamingCall() {}

    public static <T> T run(HttpClient client, HttpRequest request, ModelCalls calls, String provider,
                            Reader<T> reader, ErrorStatus errors) {
        Instant start = Instant.now();
        Instant firstToken = start.plus(calls.firstToken());
        Instant wholeMessage = start.plus(calls.wholeMessage());
        try (EventStream stream = EventStream.open(client, request)) {
            EventStream.Head head = stream.head(earliest(firstToken, wholeMessage));
            if (!head.ok()) {
                throw errors.classify(head, stream.body(wholeMessage));
            }
            return read(stream, reader, provider, firstToken, wholeMessage);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the caller's cancellation stays visible to it
            throw new ModelException(Kind.CANCELLED, provider + " call cancelled", e);
        } catch (TimeoutException e) {
            String what = reader.started()
                    ? "the reply took longer than " + calls.wholeMessage().toSeconds() + " s"
                    : "no first token within " + calls.firstToken().toMillis() + " ms";
            throw new ModelException(Kind.TIMEOUT, provider + ": " + what, e);
        } catch (IOException e) {
            throw broken(provider, reader.started(), describe(e), e);
        }
    }

    /** Feeds events to {@code reader} until it is finished; the first-token deadline holds until a token came. */
    private static <T> T read(EventStream stream, Reader<T> reader, String provider, Instant firstToken,
                              Instant wholeMessage) throws IOException, InterruptedException, TimeoutException {
        while (!reader.finished()) {
            Instant deadline = reader.started() ? wholeMessage : earliest(firstToken, wholeMessage);
            Optional<SseEvent> event = stream.next(deadline);
            if (event.isEmpty()) {
                throw broken(provider, reader.started(), "the stream ended before the reply was complete", null);
            }
            reader.accept(event.get());
        }
        return reader.result();
    }

    private static ModelException broken(String provider, boolean started, String what, Throwable cause) {
        // Before any token a broken connection is like a refused one: worth a retry. After, the reply is partial.
        return started
                ? new ModelException(Kind.BROKEN_STREAM, provider + " stream broke mid-reply: " + what, cause)
                : new ModelException(Kind.UNAVAILABLE, provider + " unreachable: " + what, cause);
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
