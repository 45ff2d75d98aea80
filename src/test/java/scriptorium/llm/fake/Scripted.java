package scriptorium.llm.fake;

import java.time.Duration;
import java.util.List;

/** What a fake provider answers to one request: data, enqueued before the call (MockWebServer style). */
public sealed interface Scripted {

    /** A streamed reply: text in {@code chunks}, then tool calls, spoiled by {@code fault}. */
    record Reply(List<String> chunks, List<ToolUse> toolUses, Fault fault) implements Scripted {
        public Reply {
            chunks = List.copyOf(chunks);
            toolUses = List.copyOf(toolUses);
        }

        public static Reply text(String... chunks) {
            return new Reply(List.of(chunks), List.of(), new Fault.None());
        }

        public static Reply tool(String id, String name, String argumentsJson) {
            return new Reply(List.of(), List.of(new ToolUse(id, name, argumentsJson)), new Fault.None());
        }

        public Reply with(Fault fault) {
            return new Reply(chunks, toolUses, fault);
        }
    }

    /** An error answer before any stream: {@code status} with the provider's error body. */
    record Status(int status, String errorType, String retryAfter) implements Scripted {
        public static Status of(int status, String errorType) {
            return new Status(status, errorType, null);
        }
    }

    record ToolUse(String id, String name, String argumentsJson) {}

    /** What goes wrong in a streamed reply. */
    sealed interface Fault {
        /** Whether this fault strikes just before text chunk {@code chunk} (or after the last, at their count). */
        default boolean firesAt(int chunk) {
            return switch (this) {
                case CutAfter cut -> cut.chunks() == chunk;
                case ErrorEvent error -> error.chunks() == chunk;
                case Hang hang -> hang.chunks() == chunk;
                case None none -> false;
                case Stall stall -> false;
            };
        }

        /** How long the first token is held back. */
        default Duration stall() {
            return switch (this) {
                case Stall stall -> stall.delay();
                case None none -> Duration.ZERO;
                case CutAfter cut -> Duration.ZERO;
                case ErrorEvent error -> Duration.ZERO;
                case Hang hang -> Duration.ZERO;
            };
        }

        record None() implements Fault {}

        /** Headers and the stream's opening go out at once, the first token only after {@code delay}. */
        record Stall(Duration delay) implements Fault {}

        /** The connection is dropped after {@code chunks} text chunks, with no end of message. */
        record CutAfter(int chunks) implements Fault {}

        /** An in-stream error event of {@code type} after {@code chunks} text chunks. */
        record ErrorEvent(String type, int chunks) implements Fault {}

        /** After {@code chunks} text chunks the server keeps the stream open (pinging) until the client leaves. */
        record Hang(int chunks) implements Fault {}
    }
}
