package scriptorium.knowledge;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One citation in an agent's text, in the form the prompts ask for and the server can check (PROTOCOL §7):
 * {@code [note:ID]} cites a note, {@code [note:ID "quoted text"]} quotes it. Curly (“…”) and French (« … »)
 * quotation marks are read too, since models type them; the quote itself must not contain the closing mark.
 *
 * @param quote the quoted text as written, or "" for a citation of the note alone
 */
public record Citation(String noteId, String quote) {

    private static final Pattern FORM = Pattern.compile(
            "\\[note:\\s*([A-Za-z0-9][A-Za-z0-9_.-]{0,63})(?:\\s+(?:\"([^\"]*)\"|“([^”]*)”|«([^»]*)»))?\\s*]");

    public Citation {
        quote = quote == null ? "" : quote.strip();
    }

    /** Every citation of {@code text}, in order, each distinct one once. */
    public static List<Citation> parse(String text) {
        var found = new LinkedHashSet<Citation>();
        Matcher matcher = FORM.matcher(text == null ? "" : text);
        while (matcher.find()) {
            String quote = matcher.group(2) != null ? matcher.group(2)
                    : matcher.group(3) != null ? matcher.group(3) : matcher.group(4);
            found.add(new Citation(matcher.group(1), quote));
        }
        return new ArrayList<>(found);
    }
}
