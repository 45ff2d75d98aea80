package scriptorium.llm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scriptorium.config.ModelSettings.ModelCalls;
import scriptorium.llm.ModelException.Kind;

/**
 * Tries a model call again when it failed before its first token for a reason that may pass (429, 529, 5xx,
 * an unreachable server): exponential backoff with jitter, at least what {@code retry-after} asked, at most
 * {@link ModelCalls#attempts()} tries. Each retry is announced to the sink as {@link ModelEvent.Retrying}
 * (the run turns it into a {@code warning}).
 *
 * <p>Never retries once a token reached the sink: the user has seen it, a second reply would not continue it.
 * The last failure is thrown with the earlier ones suppressed in it. Sink exceptions pass through unchanged;
 * an interrupt while waiting cancels ({@link Kind#CANCELLED}). Thread-safe if the wrapped model is.
 */
public final class RetryingModel implements ChatModel {

    private static final Logger log = LoggerFactory.getLogger(RetryingModel.class);

    private final ChatModel model;
    private final ModelCalls calls;

    public RetryingModel(ChatModel model, ModelCalls calls) {
        this.model = model;
        this.calls = calls;
    }

    @Override
    public ModelReply call(ModelRequest request, Consumer<ModelEvent> sink) {
        List<ModelException> earlier = new ArrayList<>();
        for (int attempt = 1; ; attempt++) {
            var tracking = new Tracking(sink);
            try {
                return model.call(request, tracking);
            } catch (ModelException failure) {
                Optional<Duration> retryIn = tracking.started || attempt >= calls.attempts()
                        ? Optional.empty() : delay(failure, attempt, calls);
                if (retryIn.isEmpty()) {
                    earlier.forEach(failure::addSuppressed);
                    throw failure;
                }
                Duration delay = retryIn.get();
                earlier.add(failure);
                // DEBUG: the Retrying event becomes a `warning` that the run logs at WARN once.
                log.debug("model call failed ({}), retry {} of {} in {} ms: {}", failure.kind().code(), attempt,
                        calls.attempts() - 1, delay.toMillis(), failure.getMessage());
                sink.accept(new ModelEvent.Retrying(attempt, failure.kind(), delay, failure.getMessage()));
                sleep(delay, failure);
            }
        }
    }

    /**
     * How long to wait before attempt {@code attempt + 1}; empty when this failure is not worth one. The one
     * retry policy of provider calls: the chat models' and the transcriber's.
     */
    public static Optional<Duration> delay(ModelException failure, int attempt, ModelCalls calls) {
        // One meaning of retryable (ModelException.Kind): the same call may succeed if sent again. A failure after
        // text reached the user is never retried here (the caller checks that first), whatever its kind.
        boolean worthRetry = failure.kind().retryable();
        if (!worthRetry) {
            return Optional.empty();
        }
        long base = calls.retryBase().toMillis() << Math.min(attempt - 1, 20);
        long jittered = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1); // 50..100% of base
        Duration backoff = Duration.ofMillis(Math.min(jittered, calls.retryMaxWait().toMillis()));
        Duration asked = failure.retryAfter().orElse(Duration.ZERO);
        if (asked.compareTo(calls.retryMaxWait()) > 0) {
            return Optional.empty(); // the provider wants a longer pause than a user should sit through: report it now
        }
        return Optional.of(asked.compareTo(backoff) > 0 ? asked : backoff);
    }

    private static void sleep(Duration delay, ModelException cause) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            var cancelled = new ModelException(Kind.CANCELLED, "model call cancelled while waiting to retry", e);
            cancelled.addSuppressed(cause);
            throw cancelled;
        }
    }

    /** Passes events on and remembers whether a token went through. */
    private static final class Tracking implements Consumer<ModelEvent> {
        private final Consumer<ModelEvent> sink;
        private boolean started;

        Tracking(Consumer<ModelEvent> sink) {
            this.sink = sink;
        }

        @Override
        public void accept(ModelEvent event) {
            switch (event) {
                case ModelEvent.TextDelta delta -> started = true;
                case ModelEvent.Retrying retrying -> { }
            }
            sink.accept(event);
        }
    }
}
