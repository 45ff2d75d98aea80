package scriptorium.llm.offline;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import scriptorium.llm.ChatMessage;
import scriptorium.llm.ChatModel;
import scriptorium.llm.ModelEvent;
import scriptorium.llm.ModelException;
import scriptorium.llm.ModelReply;
import scriptorium.llm.ModelRequest;
import scriptorium.llm.ToolCall;
import scriptorium.llm.ToolSpec;
import scriptorium.llm.Words;
import scriptorium.llm.Usage;

/**
 * The built-in model: no generation, but each agent does its job (ARCHITECTURE "The Offline model").
 * Plume restitutes the user's words and saves them when asked; Mimir searches the archive with its tools
 * and answers from what it found; in a discussion they exchange once and Plume synthesises. It speaks
 * through {@link ChatModel} like any provider: text in chunks, tool calls, usage zero.
 */
public final class OfflineModel implements ChatModel {

    static final String NAME = "offline";
    private static final Pattern CHUNK = Pattern.compile("\\S+\\s*|\\s+");

    private final Duration chunkDelay;

    /** @param chunkDelay pause between chunks, so the text streams as a model's would */
    public OfflineModel(Duration chunkDelay) {
        this.chunkDelay = chunkDelay;
    }

    @Override
    public ModelReply call(ModelRequest request, Consumer<ModelEvent> sink) {
        return switch (request.agent()) {
            case PLUME -> plume(request, sink);
            case MIMIR -> mimir(request, sink);
            case USER -> throw new ModelException(ModelException.Kind.BAD_REQUEST, "the user is not an agent");
        };
    }

    private ModelReply plume(ModelRequest request, Consumer<ModelEvent> sink) {
        Restitution restitution = Restitution.of(request.userMessage());
        Language lang = restitution.language();
        return switch (request.task()) {
            case SYNTHESIZE -> stream(Synthesis.write(request, restitution), sink);
            case DISCUSS -> stream(restitution.restated() + "\n\n" + lang.say(
                    "Mimir, que contient l'archive à ce sujet ?",
                    "Mimir, what does the archive hold on this?"), sink);
            case ANSWER -> {
                String saved = lastToolResult(request.messages());
                if (saved == null && offers(request, "create_note") && Words.of(request.userMessage()).asksToSave()) {
                    yield toolCall("create_note", ToolArguments.note(restitution));
                }
                String text = restitution.markdown();
                if (saved != null) {
                    text += "\n" + ArchiveReply.saved(saved, lang);
                }
                yield stream(text, sink);
            }
        };
    }

    private ModelReply mimir(ModelRequest request, Consumer<ModelEvent> sink) {
        Language lang = Language.of(request.userMessage());
        String query = String.join(" ", Restitution.keyTerms(Restitution.subject(request.userMessage()), 6));
        String found = lastToolResult(request.messages());
        if (found == null && offers(request, "search_knowledge")) {
            return toolCall("search_knowledge", ToolArguments.search(query.isBlank() ? request.userMessage() : query));
        }
        boolean discussing = request.task() == ModelRequest.Task.DISCUSS;
        String text = found == null ? ArchiveReply.emptyArchive(query, lang) : ArchiveReply.results(found, lang);
        if (discussing) {
            text = lang.say("Plume, ", "Plume, ") + Character.toLowerCase(text.charAt(0)) + text.substring(1)
                    + "\n\n" + ArchiveReply.conclusion(found, lang);
        }
        return stream(text, sink);
    }

    /** Streams {@code text} in word-sized chunks; interrupting the thread cancels. */
    private ModelReply stream(String text, Consumer<ModelEvent> sink) {
        Matcher chunks = CHUNK.matcher(text);
        while (chunks.find()) {
            if (!chunkDelay.isZero()) {
                pause();
            }
            sink.accept(new ModelEvent.TextDelta(chunks.group()));
        }
        return new ModelReply(text, List.of(), Usage.NONE, 0, NAME);
    }

    private void pause() {
        try {
            Thread.sleep(chunkDelay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelException(ModelException.Kind.CANCELLED, "cancelled", e);
        }
    }

    private static ModelReply toolCall(String tool, String argumentsJson) {
        return new ModelReply("", List.of(new ToolCall("offline-" + tool + "-" + System.nanoTime(), tool,
                argumentsJson)), Usage.NONE, 0, NAME);
    }

    private static boolean offers(ModelRequest request, String tool) {
        return request.tools().stream().map(ToolSpec::name).anyMatch(tool::equals);
    }

    /** The result of the tool called since the user's last message, if any. */
    private static String lastToolResult(List<ChatMessage> messages) {
        for (ChatMessage message : messages.reversed()) {
            switch (message) {
                case ChatMessage.ToolResult result -> {
                    return result.failed() ? null : result.content();
                }
                case ChatMessage.User user -> {
                    return null;
                }
                case ChatMessage.Assistant assistant -> { }
                case ChatMessage.Peer peer -> {
                    return null;
                }
            }
        }
        return null;
    }

}
