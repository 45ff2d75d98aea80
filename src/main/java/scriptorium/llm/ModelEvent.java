package scriptorium.llm;

import java.time.Duration;

/** What a model call reports while it runs, before its {@link ModelReply}. */
public sealed interface ModelEvent {

    /** A chunk of the reply's text, as the provider produced it. */
    record TextDelta(String text) implements ModelEvent {}

    /** The call failed before its first token and is tried again after {@code delay} (becomes a `warning`). */
    record Retrying(int attempt, ModelException.Kind cause, Duration delay, String message) implements ModelEvent {}
}
