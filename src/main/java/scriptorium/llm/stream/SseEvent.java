package scriptorium.llm.stream;

/** One Server-Sent Event: its {@code event:} name (null when the server sent none) and its joined {@code data:}. */
public record SseEvent(String event, String data) {}
