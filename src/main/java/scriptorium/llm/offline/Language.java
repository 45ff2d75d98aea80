package scriptorium.llm.offline;

import java.text.Normalizer;
import java.util.Set;
import scriptorium.llm.Words;

/** French or English, told apart by their most common words: enough to answer in the user's language. */
enum Language {
    FRENCH, ENGLISH;

    private static final Set<String> FRENCH_WORDS = Set.of("le", "la", "les", "un", "une", "des", "est", "et", "de",
            "du", "que", "qui", "pour", "sur", "dans", "avec", "mes", "peux", "tu", "vous", "ce", "cette", "je",
            "pas", "ne", "au", "aux", "quoi", "quel", "quelle", "comment", "pourquoi", "ou", "trouve", "note");
    private static final Set<String> ENGLISH_WORDS = Set.of("the", "a", "an", "is", "are", "and", "of", "to", "in",
            "for", "on", "with", "my", "can", "you", "this", "that", "i", "not", "what", "which", "how", "why",
            "find", "about", "please", "write", "save", "it", "be");

    static Language of(String text) {
        int french = 0;
        int english = 0;
        for (String word : Words.of(text).folded()) {
            if (FRENCH_WORDS.contains(word)) {
                french++;
            }
            if (ENGLISH_WORDS.contains(word)) {
                english++;
            }
        }
        boolean accents = !Normalizer.normalize(text, Normalizer.Form.NFD).equals(text);
        return french > english || (french == english && accents) ? FRENCH : ENGLISH;
    }

    /** Picks the French or the English text. */
    String say(String french, String english) {
        return this == FRENCH ? french : english;
    }

}
