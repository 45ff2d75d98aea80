package scriptorium.run;

/** A run asked to continue another user's conversation: answered as an unknown one (PROTOCOL §8). */
final class ConversationNotYours extends Refusal {

    ConversationNotYours(String sessionId) {
        super(404, "not_found", "session_id: conversation " + sessionId + " is not one of yours");
    }
}
