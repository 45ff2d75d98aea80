package scriptorium.run;

import java.util.List;
import scriptorium.events.Mode;

/**
 * A validated chat request (PROTOCOL §1).
 *
 * @param sessionId the conversation to continue, or null to start a new one
 */
public record RunRequest(String message, Mode mode, String sessionId, List<String> contextIds) {
    public RunRequest {
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("message: required");
        }
        contextIds = List.copyOf(contextIds);
    }
}
