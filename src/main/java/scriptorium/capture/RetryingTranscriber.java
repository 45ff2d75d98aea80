package scriptorium.capture;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import scriptorium.config.ModelSettings.ModelCalls;
import scriptorium.llm.ModelEvent;
import scriptorium.llm.ModelException;
import scriptorium.llm.ModelException.Kind;
import scriptorium.llm.RetryingModel;

/**
 * Tries a transcription again when it failed for a reason that may pass (429, 5xx, unreachable), with the chat
 * models' policy ({@link RetryingModel#delay}); each retry is told to {@code retries} first (the run shows it as
 * a `warning`). The last failure is thrown with the earlier ones suppressed in it.
 */
final class RetryingTranscriber {

    private final Transcriber transcriber;
    private final ModelCalls calls;

    RetryingTranscriber(Transcriber transcriber, ModelCalls calls) {
        this.transcriber = transcriber;
        this.calls = calls;
    }

    Transcript transcribe(Audio audio, Consumer<ModelEvent.Retrying> retries) {
        List<ModelException> earlier = new ArrayList<>();
        for (int attempt = 1; ; attempt++) {
            try {
                return transcriber.transcribe(audio);
            } catch (ModelException failure) {
                Optional<Duration> retryIn = attempt >= calls.attempts()
                        ? Optional.empty() : RetryingModel.delay(failure, attempt, calls);
                if (retryIn.isEmpty()) {
                    earlier.forEach(failure::addSuppressed);
                    throw failure;
                }
                earlier.add(failure);
                retries.accept(new ModelEvent.Retrying(attempt, failure.kind(), retryIn.get(), failure.getMessage()));
                sleep(retryIn.get(), failure);
            }
        }
    }

    String describe() {
        return transcriber.describe();
    }

    private static void sleep(Duration delay, ModelException cause) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            var cancelled = new ModelException(Kind.CANCELLED, "transcription cancelled while waiting to retry", e);
            cancelled.addSuppressed(cause);
            throw cancelled;
        }
    }
}
