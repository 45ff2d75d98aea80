package scriptorium.store;

import java.time.Instant;

/**
 * A message of a conversation.
 *
 * @param author    {@code user}, {@code plume} or {@code mimir}
 * @param recipient who it was addressed to ({@code user}, or the other agent in a discussion)
 * @param kind      {@link Kind}: questions and answers make the history agents are given; turns do not
 * @param incomplete the model's stream broke: the content is what had arrived
 */
public record StoredMessage(String id, String conversationId, String runId, String author, String recipient,
                            Kind kind, String content, long inputTokens, long outputTokens, boolean incomplete,
                            Instant createdAt) {

    public enum Kind { QUESTION, TURN, ANSWER }
}
