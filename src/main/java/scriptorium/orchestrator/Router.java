package scriptorium.orchestrator;

import java.util.List;
import scriptorium.events.Mode;
import scriptorium.events.Route;
import scriptorium.llm.Words;

/**
 * Routes a message (PROTOCOL §6): both names make a discussion, one name that agent, names win over
 * the mode; otherwise the mode, and in {@code auto} the intent, read from French and English cue words.
 * Words are matched whole, case- and accent-insensitive.
 */
public final class Router {

    /** Restitution and reformulation; note taking is {@link Words#SAVE_CUES}. */
    private static final List<String> PLUME_CUES = List.of(
            "reformule", "reformuler", "reformulation", "reformules", "resume", "resumer", "resumes", "synthetise",
            "restitue", "restituer", "restitution", "paraphrase", "retiens", "clarifie", "rephrase", "reword",
            "summarize", "summarise", "summary", "restate", "clean up");

    /** Search, questions about the archive. */
    private static final List<String> MIMIR_CUES = List.of(
            "trouve", "trouver", "retrouve", "cherche", "chercher", "recherche", "mes notes", "les notes",
            "archive", "archives", "qu ai je", "ai je note", "ai je ecrit", "source", "sources", "rappelle moi",
            "find", "search", "look up", "lookup", "my notes", "the notes", "what did i", "did i write",
            "did i note", "remind me", "retrieve");

    /** Comparison, debate. */
    private static final List<String> DISCUSSION_CUES = List.of(
            "compare", "comparer", "comparaison", "versus", "vs", "debat", "debattre", "discuter", "discutez",
            "discussion", "avantages", "inconvenients", "pour et contre", "qu en pensez", "qu en penses",
            "debate", "discuss", "pros and cons", "advantages", "disadvantages", "trade offs", "tradeoffs",
            "what do you think", "difference", "differences");

    public Routing route(String message, Mode mode) {
        if (mode == Mode.CAPTURE) { // a capture is Plume's to write down, whatever names its words contain
            return new Routing(Route.PLUME, "capture");
        }
        Words words = Words.of(message);
        boolean plume = words.contains("plume");
        boolean mimir = words.contains("mimir");
        if (plume && mimir) {
            return new Routing(Route.DISCUSSION, "named:both");
        }
        if (plume || mimir) {
            return plume ? new Routing(Route.PLUME, "named:plume") : new Routing(Route.MIMIR, "named:mimir");
        }
        return switch (mode) {
            case PLUME -> new Routing(Route.PLUME, "mode");
            case MIMIR -> new Routing(Route.MIMIR, "mode");
            case DISCUSSION -> new Routing(Route.DISCUSSION, "mode");
            case AUTO -> byIntent(words, message);
            case CAPTURE -> throw new IllegalStateException("routed above");
        };
    }

    private static Routing byIntent(Words words, String message) {
        if (words.asksToSave() || words.containsAny(PLUME_CUES)) {
            return new Routing(Route.PLUME, "auto:restitution");
        }
        if (words.containsAny(MIMIR_CUES)) {
            return new Routing(Route.MIMIR, "auto:search");
        }
        if (words.containsAny(DISCUSSION_CUES)) {
            return new Routing(Route.DISCUSSION, "auto:debate");
        }
        if (message.strip().endsWith("?")) {
            return new Routing(Route.DISCUSSION, "auto:open_question");
        }
        return new Routing(Route.PLUME, "auto:capture");
    }
}
