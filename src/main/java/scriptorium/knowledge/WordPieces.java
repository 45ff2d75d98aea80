package scriptorium.knowledge;

import java.text.Normalizer;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * MiniLM's tokenizer (BERT uncased WordPiece), in Java: lower case, accents stripped, split on spaces and
 * punctuation, each word cut greedily into the longest pieces of the vocabulary ({@code ##} marks a piece inside a
 * word). Unlike the model's own tokenizer it has no 128-piece limit and no native library: the static embedding
 * reads a whole note, and needs only a table lookup per piece. Same pieces as DJL's tokenizer on the texts tested
 * ({@code StaticEmbedderTest}). Immutable, thread-safe.
 */
final class WordPieces {

    /** BERT's own limit: a longer "word" (a URL, a hash) is one unknown piece rather than dozens of letters. */
    private static final int MAX_WORD_CHARS = 100;

    private final Map<String, Integer> vocabulary;
    private final Set<String> skipped;
    private final int unknown;

    /** @param skipped words that give no piece, in lower case; accents are stripped here */
    WordPieces(Map<String, Integer> vocabulary, Set<String> skipped) {
        this.vocabulary = Map.copyOf(vocabulary);
        this.skipped = skipped.stream().map(WordPieces::normal).collect(java.util.stream.Collectors.toSet());
        this.unknown = vocabulary.getOrDefault("[UNK]", -1);
    }

    /** Lower case, accents stripped: BERT's uncased normalisation. */
    private static String normal(String text) {
        String decomposed = Normalizer.normalize(text.toLowerCase(java.util.Locale.ROOT), Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{Mn}+", "");
    }

    /** Passes each piece's id to {@code piece}, in order; an unknown word gives one {@code [UNK]} id. */
    void pieces(String text, IntConsumer piece) {
        String normal = Normalizer.normalize(text.toLowerCase(java.util.Locale.ROOT), Normalizer.Form.NFD);
        var word = new StringBuilder();
        for (int i = 0; i < normal.length(); i++) {
            char c = normal.charAt(i);
            switch (c < ASCII.length ? ASCII[c] : kind(c)) {
                case DROPPED -> { }
                case SPACE -> word(word, piece);
                case ALONE -> {
                    word(word, piece);
                    word.append(c);
                    word(word, piece);
                }
                case PART -> word.append(c);
            }
        }
        word(word, piece);
    }

    /** What a character is to the tokenizer. */
    private enum Kind { DROPPED, SPACE, ALONE, PART }

    /** {@link #kind} of each ASCII character, looked up once: nearly every character of a note is one. */
    private static final Kind[] ASCII = new Kind[128];

    static {
        for (char c = 0; c < ASCII.length; c++) {
            ASCII[c] = kind(c);
        }
    }

    private static Kind kind(char c) {
        int type = Character.getType(c);
        if (type == Character.NON_SPACING_MARK || type == Character.CONTROL && !Character.isWhitespace(c)
                || c == 0xFFFD || type == Character.FORMAT) {
            return Kind.DROPPED;                            // accents, control characters
        }
        if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
            return Kind.SPACE;
        }
        return punctuation(c) || cjk(c) ? Kind.ALONE : Kind.PART;
    }

    /** Cuts the word into pieces, then empties it. */
    private void word(StringBuilder word, IntConsumer piece) {
        if (word.isEmpty()) {
            return;
        }
        String text = word.toString();
        word.setLength(0);
        if (skipped.contains(text)) {
            return;
        }
        if (text.length() > MAX_WORD_CHARS) {
            emitUnknown(piece);
            return;
        }
        int[] ids = new int[text.length()];
        int count = 0;
        for (int start = 0; start < text.length(); ) {
            int end = text.length();
            Integer found = null;
            while (end > start) {
                String candidate = start == 0 ? text.substring(0, end) : "##" + text.substring(start, end);
                found = vocabulary.get(candidate);
                if (found != null) {
                    break;
                }
                end--;
            }
            if (found == null) {
                emitUnknown(piece);                         // as BERT does: the whole word, not its known part
                return;
            }
            ids[count++] = found;
            start = end;
        }
        for (int i = 0; i < count; i++) {
            piece.accept(ids[i]);
        }
    }

    private void emitUnknown(IntConsumer piece) {
        if (unknown >= 0) {
            piece.accept(unknown);
        }
    }

    /** BERT counts every non-letter, non-digit ASCII symbol as punctuation, and every Unicode P* character. */
    private static boolean punctuation(char c) {
        if (c >= 33 && c <= 47 || c >= 58 && c <= 64 || c >= 91 && c <= 96 || c >= 123 && c <= 126) {
            return true;
        }
        return switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                 Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    /** CJK ideographs are single-character words in BERT (the BMP blocks; others are rare in notes). */
    private static boolean cjk(char c) {
        return c >= 0x4E00 && c <= 0x9FFF || c >= 0x3400 && c <= 0x4DBF || c >= 0xF900 && c <= 0xFAFF;
    }
}
