package scriptorium.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A long document cut at its headings into parts of a readable size: at the highest heading level it has (# before
 * ##), small neighbours merged; a document without headings is cut between paragraphs. A short one stays whole.
 */
final class Sections {

    /** Past this many characters a document is split: a note stays something one reads in a sitting. */
    static final int SPLIT_OVER = 12_000;

    record Part(String title, String text) {}

    private Sections() {}

    static List<Part> of(String title, String body) {
        if (body.length() <= SPLIT_OVER) {
            return List.of(new Part(title, body));
        }
        for (int level = 1; level <= 3; level++) {
            List<Part> parts = atHeadings(title, body, level);
            if (parts.size() > 1) {
                return merged(parts);
            }
        }
        return merged(paragraphs(title, body));
    }

    private static List<Part> atHeadings(String title, String body, int level) {
        Matcher heading = Pattern.compile("(?m)^#{" + level + "}\\s+(.+?)\\s*#*\\s*$").matcher(body);
        List<Part> parts = new ArrayList<>();
        int start = 0;
        String name = title;
        while (heading.find()) {
            if (!body.substring(start, heading.start()).isBlank()) {
                parts.add(new Part(name, body.substring(start, heading.start()).strip()));
            }
            start = heading.start();
            name = heading.group(1);
        }
        parts.add(new Part(name, body.substring(start).strip()));
        return parts;
    }

    private static List<Part> paragraphs(String title, String body) {
        List<Part> parts = new ArrayList<>();
        var current = new StringBuilder();
        for (String paragraph : body.split("\\n\\s*\\n")) {
            if (current.length() + paragraph.length() > SPLIT_OVER && !current.isEmpty()) {
                parts.add(new Part(title, current.toString().strip()));
                current.setLength(0);
            }
            current.append(paragraph).append("\n\n");
        }
        if (!current.toString().isBlank()) {
            parts.add(new Part(title, current.toString().strip()));
        }
        return parts;
    }

    /** Neighbours joined while they fit, so a run of short sections makes one note rather than many. */
    private static List<Part> merged(List<Part> parts) {
        List<Part> out = new ArrayList<>();
        for (Part part : parts) {
            Part last = out.isEmpty() ? null : out.getLast();
            if (last != null && last.text().length() + part.text().length() < SPLIT_OVER / 2) {
                out.set(out.size() - 1, new Part(last.title(), last.text() + "\n\n" + part.text()));
            } else {
                out.add(part);
            }
        }
        return out;
    }
}
