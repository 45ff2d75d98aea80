package scriptorium.llm;

/** A tool the model asks to run; {@code argumentsJson} is a JSON object as the model wrote it. */
public record ToolCall(String callId, String tool, String argumentsJson) {}
