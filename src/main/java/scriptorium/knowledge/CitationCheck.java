package scriptorium.knowledge;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;
import scriptorium.store.Note;

/**
 * Whether a {@link Citation} holds against the archive: the note exists, is still at the version the run read,
 * and contains the quote. A quote is found when it appears in the note (title or content) once both are
 * reduced to their words: case, accents, punctuation, Markdown marks and spacing do not count; an ellipsis
 * ("…" or "...") in the quote stands for left-out text, so its parts must appear in order. Pure.
 */
public final class CitationCheck {

    /** The outcome of one check; every case but {@code VERIFIED} is a reason PROTOCOL §7 names. */
    public enum Verdict {
        VERIFIED, UNKNOWN_NOTE, QUOTE_NOT_FOUND, NOTE_CHANGED;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern ELLIPSIS = Pattern.compile("…|\\.{3,}|\\[…]|\\[\\.\\.\\.]");

    private CitationCheck() {}

    /**
     * @param note        the note as it is now, or null when no note has the cited id (any more)
     * @param readVersion the version of the note the run's tools returned, or 0 when the run did not read it
     *                    (then the note as it is now is the reference)
     */
    public static Verdict check(Citation citation, Note note, long readVersion) {
        if (note == null) { // gone since the run read it (in the trash, say) is a change; never seen is unknown
            return readVersion > 0 ? Verdict.NOTE_CHANGED : Verdict.UNKNOWN_NOTE;
        }
        if (readVersion > 0 && note.version() != readVersion) {
            return Verdict.NOTE_CHANGED;
        }
        return contains(note.title() + "\n" + note.content(), citation.quote())
                ? Verdict.VERIFIED : Verdict.QUOTE_NOT_FOUND;
    }

    /** Whether {@code quote} appears in {@code text}, near-exactly (see the class comment); "" always does. */
    static boolean contains(String text, String quote) {
        String haystack = words(text);
        int from = 0;
        boolean any = false;
        for (String part : ELLIPSIS.split(quote)) {
            String needle = words(part);
            if (needle.isEmpty()) {
                continue;
            }
            int at = haystack.indexOf(needle, from);
            if (at < 0) {
                return false;
            }
            from = at + needle.length();
            any = true;
        }
        return any || words(quote).isEmpty();
    }

    /** The words of {@code text}: lower case, without accents, one space between them and around them. */
    static String words(String text) {
        String plain = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKD)).replaceAll("");
        String spaced = NOT_WORD.matcher(plain.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
        return spaced.isEmpty() ? "" : " " + spaced + " ";
    }
}
