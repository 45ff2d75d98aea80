package scriptorium.orchestrator;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import scriptorium.run.Mode;
import scriptorium.run.Route;

/**
 * Routes a message (PROTOCOL §6): both names make a discussion, one name that agent, names win over
 * the mode; otherwise the mode, and in {@code auto} the intent, read from French and English cue words.
 * Words are matched whole, case- and accent-insensitive.
 */
public final class Router {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    /** Restitution, reformulation, note taking. */
    private static final List<String> PLUME_CUES = List.of(
            "reformule", "reformuler", "reformulation", "reformules", "resume", "resumer", "resumes", "synthetise",
            "restitue", "restituer", "restitution", "paraphrase", "note que", "prends note", "prendre note",
            "cree une note", "creer une note", "nouvelle note", "ecris", "enregistre", "retiens", "clarifie",
            "rephrase", "reword", "summarize", "summarise", "summary", "write down", "take a note", "take note",
            "save this", "make a note", "create a note", "note that", "jot down", "restate", "clean up");

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
        List<String> words = words(message);
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
        };
    }

    private static Routing byIntent(List<String> words, String message) {
        if (matchesAny(words, PLUME_CUES)) {
            return new Routing(Route.PLUME, "auto:restitution");
        }
        if (matchesAny(words, MIMIR_CUES)) {
            return new Routing(Route.MIMIR, "auto:search");
        }
        if (matchesAny(words, DISCUSSION_CUES)) {
            return new Routing(Route.DISCUSSION, "auto:debate");
        }
        if (message.strip().endsWith("?")) {
            return new Routing(Route.DISCUSSION, "auto:open_question");
        }
        return new Routing(Route.PLUME, "auto:capture");
    }

    /** Lower-case words without accents: "Qu'est-ce que" -> [qu, est, ce, que]. */
    static List<String> words(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT);
        Matcher matcher = WORD.matcher(folded);
        List<String> words = new java.util.ArrayList<>();
        while (matcher.find()) {
            words.add(matcher.group());
        }
        return words;
    }

    private static boolean matchesAny(List<String> words, List<String> cues) {
        return cues.stream().anyMatch(cue -> containsPhrase(words, Arrays.asList(cue.split(" "))));
    }

    private static boolean containsPhrase(List<String> words, List<String> phrase) {
        return java.util.Collections.indexOfSubList(words, phrase) >= 0;
    }
}
