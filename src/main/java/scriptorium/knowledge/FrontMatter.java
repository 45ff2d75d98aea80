package scriptorium.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Markdown file split into its front matter ({@code title}, {@code tags}) and its body. Reads the YAML subset
 * Obsidian and static-site generators write ({@code key: value}, {@code [a, b]} and {@code - a} lists) rather
 * than pulling a YAML parser in for two keys; other keys are ignored.
 *
 * @param title null when the front matter has none
 */
record FrontMatter(String title, List<String> tags, String body) {

    private static final Pattern BLOCK = Pattern.compile("\\A\\uFEFF?---\\r?\\n(.*?)\\r?\\n---[ \\t]*(?:\\r?\\n|\\z)",
            Pattern.DOTALL);
    private static final Pattern HEADING = Pattern.compile("^#\\s+(.+?)\\s*#*\\s*$", Pattern.MULTILINE);

    static FrontMatter parse(String text) {
        Matcher block = BLOCK.matcher(text);
        if (!block.find()) {
            return new FrontMatter(null, List.of(), text.replaceFirst("\\A\\uFEFF", ""));
        }
        String title = null;
        List<String> tags = new ArrayList<>();
        boolean inTagList = false;      // after "tags:" with nothing on the line, "- x" lines are tags
        for (String line : block.group(1).split("\\r?\\n")) {
            String stripped = line.strip();
            if (stripped.equals("-") || stripped.startsWith("- ")) {
                if (inTagList) {
                    tags.add(unquote(stripped.substring(1)));
                }
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || Character.isWhitespace(line.charAt(0))) {
                continue;
            }
            String key = line.substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            boolean tagKey = key.equals("tags") || key.equals("tag") || key.equals("keywords");
            inTagList = tagKey && value.isEmpty();
            if (key.equals("title") && !value.isEmpty()) {
                title = unquote(value);
            } else if (tagKey && !value.isEmpty()) {
                tags.addAll(inline(value));
            }
        }
        tags.removeIf(String::isBlank);
        return new FrontMatter(title, tags, text.substring(block.end()));
    }

    /** The title: the front matter's, else the first {@code # heading}, else {@code fallback} (the file name). */
    String titleOr(String fallback) {
        if (title != null && !title.isBlank()) {
            return title;
        }
        Matcher heading = HEADING.matcher(body);
        return heading.find() ? heading.group(1) : fallback;
    }

    /**
     * {@code original} (a vault file's text) with {@code content} as its body, for writing a note back to its file.
     * The front matter is kept as it is when {@code sameHeader} (title and tags unchanged), else written with
     * {@code title} and {@code tags} first and the file's other keys after them, as they were.
     */
    static String rewrite(String original, boolean sameHeader, String title, List<String> tags, String content) {
        Matcher block = BLOCK.matcher(original);
        boolean had = block.find();
        String header;
        if (sameHeader) {
            header = had ? original.substring(0, block.end()) : "";
        } else {
            var written = new StringBuilder("---\ntitle: ").append(quote(title)).append('\n');
            if (!tags.isEmpty()) {
                written.append("tags: [").append(String.join(", ", tags.stream().map(FrontMatter::quote).toList()))
                        .append("]\n");
            }
            header = written.append(had ? otherKeys(block.group(1)) : "").append("---\n").toString();
        }
        String body = content.endsWith("\n") ? content : content + "\n";
        return header.isEmpty() ? body : (header.endsWith("\n") ? header : header + "\n") + "\n" + body;
    }

    /** The lines of a front matter block but its title and tags (with their list items). */
    private static String otherKeys(String block) {
        var kept = new StringBuilder();
        boolean skipping = false;
        for (String line : block.split("\\r?\\n")) {
            if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0)) && !line.startsWith("-")) {
                int colon = line.indexOf(':');
                String key = colon < 0 ? "" : line.substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT);
                skipping = key.equals("title") || key.equals("tags") || key.equals("tag") || key.equals("keywords");
            }
            if (!skipping) {
                kept.append(line).append('\n');
            }
        }
        return kept.toString();
    }

    /** A YAML double-quoted scalar: what the exporter writes, so that any title reads back unchanged. */
    static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static List<String> inline(String value) {
        String list = value.startsWith("[") && value.endsWith("]") ? value.substring(1, value.length() - 1) : value;
        List<String> items = new ArrayList<>();
        for (String item : list.split(value.startsWith("[") ? "," : "[,\\s]+")) {
            items.add(unquote(item));
        }
        return items;
    }

    private static String unquote(String value) {
        String trimmed = value.strip();
        if (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")) {
            trimmed = trimmed.substring(1, trimmed.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        } else if (trimmed.length() >= 2 && trimmed.startsWith("'") && trimmed.endsWith("'")) {
            trimmed = trimmed.substring(1, trimmed.length() - 1).replace("''", "'");
        }
        return trimmed.strip();
    }
}
