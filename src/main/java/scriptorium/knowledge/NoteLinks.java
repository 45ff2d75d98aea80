package scriptorium.knowledge;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import scriptorium.store.LinkStore;
import scriptorium.store.Note;

/**
 * The links in a note's Markdown and the names it answers to (issue 14), as lower-case keys: {@code [[Title]]},
 * {@code [[Title|alias]]} and {@code [[Title#Heading]]} target {@code name:title}; {@code [[dir/Title]]} and a relative
 * Markdown link {@code [x](other.md)} target {@code path:dir/other.md}, resolved from the note's own folder in the vault
 * (from the vault's root for a note with no file). A note answers to its title, and a vault note also to its file name
 * without the extension and to its path: Obsidian resolves {@code [[Name]]} by file name. Code is not read for links.
 */
final class NoteLinks {

    private static final Pattern CODE = Pattern.compile("```.*?(?:```|\\z)|~~~.*?(?:~~~|\\z)|`[^`\\n]*`", Pattern.DOTALL);
    private static final Pattern WIKILINK = Pattern.compile("\\[\\[([^\\[\\]|#^\\n]*)(?:[#^][^\\[\\]|\\n]*)?(?:\\|[^\\[\\]\\n]*)?]]");
    private static final Pattern MARKDOWN_LINK = Pattern.compile("(?<!!)\\[[^\\]\\n]*]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern NOTE_FILE = Pattern.compile("(?i).*\\.(md|markdown)");
    /** What {@code ![[...]]} embeds and {@code [[...]]} may name besides notes ("Version 2.0" is a note's title). */
    private static final Pattern ATTACHMENT = Pattern.compile(
            "(?i).*\\.(png|jpe?g|gif|svg|webp|bmp|avif|pdf|mp3|mp4|m4a|wav|ogg|webm|mov|canvas|excalidraw)");
    /** Enough for any real note; past it a note is a link farm, and the rest are not kept. */
    private static final int MAX_LINKS = 1000;

    private NoteLinks() {}

    /** The names and link targets of {@code note}, whose file in the vault is {@code vaultPath} (null: none). */
    static LinkStore.NoteKeys of(Note note, String vaultPath) {
        Set<String> names = new LinkedHashSet<>();
        add(names, name(note.title()));
        if (vaultPath != null) {
            String file = vaultPath.substring(vaultPath.lastIndexOf('/') + 1);
            add(names, name(file.replaceFirst("\\.[^.]+$", "")));
            add(names, path(vaultPath));
        }
        return new LinkStore.NoteKeys(note.id(), note.owner(), names, targets(note.content(), vaultPath));
    }

    static Set<String> targets(String content, String vaultPath) {
        Set<String> targets = new LinkedHashSet<>();
        // Most notes hold no link: a plain search for "[" is far cheaper than the three patterns' scans of every
        // character (a sixteenth of an import's CPU went there).
        if (content.indexOf('[') < 0) {
            return targets;
        }
        boolean code = content.indexOf('`') >= 0 || content.contains("~~~");
        String text = code ? CODE.matcher(content).replaceAll(" ") : content;
        Matcher wiki = WIKILINK.matcher(text);
        while (wiki.find() && targets.size() < MAX_LINKS) {
            String target = wiki.group(1).strip();
            if (target.isEmpty() || ATTACHMENT.matcher(target).matches()) {
                continue; // [[#Heading]] in the note itself, or an embedded image or PDF
            }
            add(targets, target.contains("/") ? path(resolve("", withExtension(target)))
                    : name(target.replaceFirst("(?i)\\.(md|markdown)$", "")));
        }
        Matcher markdown = MARKDOWN_LINK.matcher(text);
        while (markdown.find() && targets.size() < MAX_LINKS) {
            String target = markdown.group(1).replaceFirst("#.*", "");
            if (target.contains(":") || !NOTE_FILE.matcher(target).matches()) {
                continue; // a URL (http:, mailto:), an anchor in this note, or a file that is not a note
            }
            String decoded;
            try {
                decoded = URLDecoder.decode(target.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                decoded = target; // a stray % is a character of the name, not an escape
            }
            String folder = vaultPath == null || !vaultPath.contains("/") ? "" : vaultPath.substring(0, vaultPath.lastIndexOf('/'));
            String resolved = decoded.startsWith("/") ? resolve("", decoded) : resolve(folder, decoded);
            add(targets, path(resolved));
        }
        return targets;
    }

    static String name(String text) {
        return "name:" + text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** @return null for null (a path that left the vault) */
    static String path(String path) {
        return path == null ? null : "path:" + path.toLowerCase(Locale.ROOT);
    }

    /** {@code target} read from {@code folder} ('/'-separated, "" for the root), or null when it leaves the vault. */
    private static String resolve(String folder, String target) {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : (folder + "/" + target).split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
        return parts.isEmpty() ? null : String.join("/", parts);
    }

    private static String withExtension(String target) {
        return NOTE_FILE.matcher(target).matches() ? target : target + ".md";
    }

    private static void add(Set<String> keys, String key) {
        if (key != null && key.length() <= LinkStore.MAX_KEY && !key.endsWith(":")) {
            keys.add(key);
        }
    }
}
