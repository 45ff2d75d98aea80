package scriptorium.llm;

import java.util.function.Consumer;

/**
 * One model call, whatever the provider (Anthropic, OpenAI-compatible, Offline).
 *
 * <p>Blocks the calling (virtual) thread until the reply is complete, passing each piece to
 * {@code sink} as it arrives, in order, on the calling thread. Interrupting the calling thread
 * cancels the call: the implementation closes its upstream connection at once and throws
 * {@link ModelException} of kind {@link ModelException.Kind#CANCELLED}. Thread-safe: one instance
 * serves every run. Throws {@link ModelException} only.
 */
public interface ChatModel {

    ModelReply call(ModelRequest request, Consumer<ModelEvent> sink);
}
