package scriptorium.run;

/** A run asked to continue another user's conversation: answered as an unknown one (PROTOCOL §8). */
final class ConversationNotYours extends RuntimeException implements Refusal {

    ConversationNotYours(String sessionId) {
        super("session_id: conversation " + sessionId + " is not one of yours", null, false, false);
    }

    @Override
    public int status() {
        return 404;
    }

    @Override
    public String code() {
        return "not_found";
    }
}
