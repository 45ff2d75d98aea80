package scriptorium.llm.stream;

import java.io.IOException;
import java.util.Optional;
import scriptorium.config.ModelSettings.ModelCalls;
import scriptorium.llm.ModelException;
import scriptorium.llm.ModelException.Kind;

/**
 * The loop both adapters share: send, turn an error status into a {@link ModelException}, then feed events to a
 * provider's {@link Reader} until it is finished. Two alarms bound it: the first-token deadline (until the reader
 * has seen a token) and the whole-message deadline; either cancels the stream, which ends the blocked read.
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

    public static <T> T run(ProviderHttp http, ProviderRequest request, ModelCalls calls, String provider,
                            Reader<T> reader, ErrorStatus errors) {
        EventStream stream = http.open(request);
        try (stream;
             Alarm firstToken = http.alarm(calls.firstToken(), stream::cancel);
             Alarm wholeMessage = http.alarm(calls.wholeMessage(), stream::cancel)) {
            try {
                EventStream.Head head = stream.head();
                if (!head.ok()) {
                    throw errors.classify(head, stream.body());
                }
                T result = read(stream, reader, provider, firstToken);
                stream.complete();
                return result;
            } catch (IOException e) {
                if (Thread.currentThread().isInterrupted()) { // the caller's cancellation; its flag stays set
                    throw new ModelException(Kind.CANCELLED, provider + " call cancelled", e);
                }
                if (firstToken.rang() || wholeMessage.rang()) {
                    String what = reader.started()
                            ? "the reply took longer than " + calls.wholeMessage().toSeconds() + " s"
                            : "no first token within " + calls.firstToken().toMillis() + " ms";
                    throw new ModelException(Kind.TIMEOUT, provider + ": " + what, e);
                }
                throw broken(provider, reader.started(), describe(e), e);
            }
        }
    }

    /** Feeds events to {@code reader} until it is finished; the first token disarms its deadline. */
    private static <T> T read(EventStream stream, Reader<T> reader, String provider, Alarm firstToken)
            throws IOException {
        boolean started = false;
        while (!reader.finished()) {
            Optional<SseEvent> event = stream.next();
            if (event.isEmpty()) {
                throw broken(provider, reader.started(), "the stream ended before the reply was complete", null);
            }
            reader.accept(event.get());
            if (!started && reader.started()) {
                started = true;
                firstToken.disarm();
            }
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
}
