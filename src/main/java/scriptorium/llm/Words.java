package scriptorium.llm;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message's words as the router and the Offline model read them, split one way: lower case, accents
 * folded ("Qu'est-ce que" -> [qu, est, ce, que]), so that a cue matches however it is typed. Both read a
 * request to save a note from the same {@link #SAVE_CUES}.
 */
public record Words(List<String> folded) {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    /** The user asks for a note to be written: Plume's route, and the Offline Plume's {@code create_note}. */
    public static final List<String> SAVE_CUES = List.of(
            "note que", "notez que", "prends note", "prendre note", "cree une note", "creer une note",
            "nouvelle note", "enregistre", "sauvegarde", "retiens que", "ecris", "save this", "write down",
            "take a note", "take note", "make a note", "create a note", "note that", "jot down");

    public Words {
        folded = List.copyOf(folded);
    }

    public static Words of(String text) {
        return new Words(split(text).stream().map(Words::fold).toList());
    }

    /** Lower-case words with their accents (for display), split on anything that is not a letter or a digit. */
    public static List<String> split(String text) {
        Matcher matcher = WORD.matcher(text.toLowerCase(Locale.ROOT));
        List<String> words = new ArrayList<>();
        while (matcher.find()) {
            words.add(matcher.group());
        }
        return words;
    }

    /** {@code word} without its accents, lower case. */
    public static String fold(String word) {
        return Normalizer.normalize(word, Normalizer.Form.NFD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
    }

    public boolean contains(String word) {
        return folded.contains(word);
    }

    /** Whether one of {@code phrases} (folded words separated by spaces) appears, its words in a row. */
    public boolean containsAny(List<String> phrases) {
        return phrases.stream().anyMatch(phrase -> Collections.indexOfSubList(folded, List.of(phrase.split(" "))) >= 0);
    }

    public boolean asksToSave() {
        return containsAny(SAVE_CUES);
    }
}
