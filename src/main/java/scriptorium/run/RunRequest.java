package scriptorium.run;

import java.util.List;
import scriptorium.events.Mode;

/**
 * A validated chat request (PROTOCOL §1).
 *
 * @param sessionId the conversation to continue, or null to start a new one
 * @param owner     the user whose run it is: their conversation, their notes, their limits (issue 10)
 */
public record RunRequest(String message, Mode mode, String sessionId, List<String> contextIds, String owner) {
    public RunRequest {
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("message: required");
        }
        if (owner == null || owner.isBlank()) {
            throw new IllegalArgumentException("owner: required");
        }
        contextIds = List.copyOf(contextIds);
    }
}
