package scriptorium.llm.offline;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import scriptorium.llm.Words;

/**
 * Plume's work without a model: the user's own words, cleaned and structured (title, sentences as
 * paragraph or points, key terms). Nothing is added that the user did not write.
 */
record Restitution(Language language, String title, List<String> sentences, List<String> keyTerms) {

    private static final Pattern ADDRESS = Pattern.compile(
            "^\\s*@?(plume|mimir)(\\s+(et|and|&)\\s+@?(plume|mimir))?\\s*[,:;!.\\-]*\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern QUOTED = Pattern.compile("(?<!\\p{L})[«“\"']\\s*([^«»“”\"]{8,}?)\\s*[»”\"'](?=[\\s.,;:!?)]|$)");
    private static final Pattern REQUEST = Pattern.compile("^(peux-tu|pouvez-vous|merci de|can you|could you|please)?\\s*"
            + "(note que|notez que|retiens que|prends note que|write down that|note that|remember that|save this|"
            + "write down|cr[ée]e une note( sur)?|create a note( about)?|"
            + "(discuter|discutez|d[ée]battre|d[ée]battez|parler|parlez|comparer|comparez|discuss|debate|talk about|"
            + "compare)(\\s+ensemble)?(\\s+(sur|de|du|des|about|of))?)\\s*[:,]?\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?…])\\s+");
    private static final Set<String> STOPWORDS = Set.of(
            "le", "la", "les", "un", "une", "des", "est", "sont", "et", "ou", "de", "du", "que", "qui", "quoi", "pour",
            "sur", "dans", "avec", "mes", "tes", "ses", "nos", "vos", "leur", "leurs", "peux", "peut", "pouvez", "tu",
            "vous", "nous", "ils", "elles", "elle", "ce", "cette", "ces", "cet", "je", "pas", "ne", "au", "aux",
            "par", "plus", "moins", "tres", "comme", "mais", "donc", "car", "aussi", "tout", "tous", "toute", "toutes",
            "etre", "avoir", "fait", "faire", "phrase", "reformuler", "reformule", "note", "notes", "merci",
            "the", "a", "an", "is", "are", "was", "were", "and", "or", "of", "to", "in", "for", "on", "with", "my",
            "your", "can", "could", "you", "this", "that", "these", "those", "not", "what", "which", "how", "why",
            "about", "please", "write", "down", "save", "it", "its", "be", "been", "from", "by", "as", "at", "into",
            "also", "very", "more", "most", "than", "then", "there", "their", "they", "them", "have", "has", "had",
            "will", "would", "should", "plume", "mimir", "trouve", "find", "search", "cherche", "recherche",
            // the verbs and question words of a request, not its subject
            "dit", "disent", "parle", "parlent", "montre", "donne", "quel", "quels", "quelle", "quelles", "ai", "avons",
            "say", "says", "tell", "show", "give", "me", "do", "does", "did", "where", "when", "who");

    /** The restitution of what the user wrote in {@code message}. */
    static Restitution of(String message) {
        String subject = subject(message);
        List<String> sentences = new ArrayList<>();
        for (String sentence : SENTENCE_END.split(subject)) {
            String clean = tidy(sentence);
            if (!clean.isEmpty()) {
                sentences.add(clean);
            }
        }
        return new Restitution(Language.of(message), title(sentences), sentences, keyTerms(subject, 5));
    }

    /** What the message is about: a quoted passage if there is one, else the text after the request words. */
    static String subject(String message) {
        String text = ADDRESS.matcher(message.strip()).replaceFirst("");
        Matcher quoted = QUOTED.matcher(text);
        if (quoted.find()) {
            return quoted.group(1).strip();
        }
        text = REQUEST.matcher(text).replaceFirst("");
        int colon = text.indexOf(':');
        if (colon > 0 && colon < 80 && colon < text.length() - 1) {
            text = text.substring(colon + 1);
        }
        return text.strip().isEmpty() ? message.strip() : text.strip();
    }

    /** The content words of {@code text}, most frequent first: what a search for it should ask. */
    static List<String> keyTerms(String text, int limit) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String word : Words.split(text)) {
            if (word.length() >= 3 && !STOPWORDS.contains(Words.fold(word)) && !word.chars().allMatch(Character::isDigit)) {
                counts.merge(word, 1, Integer::sum);
            }
        }
        return counts.entrySet().stream()
                .sorted((a, b) -> b.getValue() - a.getValue())
                .limit(limit)
                .map(Map.Entry::getKey)
                .toList();
    }

    String markdown() {
        var out = new StringBuilder();
        if (sentences.size() <= 1) {
            out.append(language.say("**Restitution :** ", "**Restitution:** ")).append(String.join(" ", sentences))
                    .append("\n");
        } else if (sentences.size() == 2) {
            out.append("### ").append(title).append("\n\n").append(String.join(" ", sentences)).append("\n");
        } else {
            out.append("### ").append(title).append("\n\n");
            out.append(language.say("**Points clés**", "**Key points**")).append("\n\n");
            sentences.forEach(sentence -> out.append("- ").append(sentence).append("\n"));
        }
        if (!keyTerms.isEmpty()) {
            out.append("\n").append(language.say("**Termes clés :** ", "**Key terms:** "))
                    .append(String.join(", ", keyTerms)).append("\n");
        }
        return out.toString();
    }

    /** The request restated in one line, for a discussion's opening turn. */
    String restated() {
        String text = String.join(" ", sentences);
        var out = new StringBuilder(language.say("Je reformule la demande : « ", "Restating the request: “"))
                .append(text).append(language.say(" »", "”"));
        if (!keyTerms.isEmpty()) {
            out.append("\n\n").append(language.say("**Termes clés :** ", "**Key terms:** "))
                    .append(String.join(", ", keyTerms));
        }
        return out.toString();
    }

    private static String title(List<String> sentences) {
        if (sentences.isEmpty()) {
            return "Note";
        }
        String first = sentences.getFirst().replaceAll("[.!?…:;,]+$", "").strip();
        String[] words = first.split("\\s+");
        return words.length <= 10 ? first : String.join(" ", Arrays.copyOf(words, 10)) + "…";
    }

    private static String tidy(String sentence) {
        String clean = sentence.strip().replaceAll("\\s+", " ").replaceAll("^[-*•]\\s*", "");
        if (clean.isEmpty()) {
            return clean;
        }
        clean = Character.toUpperCase(clean.charAt(0)) + clean.substring(1);
        return clean.matches(".*[.!?…:]$") ? clean : clean + ".";
    }

}
