package scriptorium.knowledge;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What a valid note is: the limits every entry point (HTTP, tools, import) shares. */
final class NoteRules {

    static final int MAX_TITLE = 200;
    static final int MAX_CONTENT_BYTES = 1024 * 1024;
    static final int MAX_TAGS = 20;
    static final int MAX_TAG = 50;

    private NoteRules() {}

    static String title(String title) {
        String trimmed = title == null ? "" : title.strip().replaceAll("\\s+", " ");
        if (trimmed.isEmpty() || trimmed.length() > MAX_TITLE) {
            throw new NoteException.Invalid("title", "must be 1.." + MAX_TITLE + " characters after trim");
        }
        return trimmed;
    }

    static String content(String content) {
        if (content == null) {
            throw new NoteException.Invalid("content", "required (may be empty)");
        }
        if (content.length() <= MAX_CONTENT_BYTES / 3) {
            return content; // three bytes of UTF-8 at most per char (a surrogate pair: four for two)
        }
        int bytes = content.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_CONTENT_BYTES) {
            throw new NoteException.TooLarge("content: must be at most 1 MiB (" + MAX_CONTENT_BYTES
                    + " bytes of UTF-8), got " + bytes);
        }
        return content;
    }

    /** Trimmed, without a leading '#', duplicates dropped (first kept), order kept. */
    static List<String> tags(List<String> tags) {
        Set<String> clean = new LinkedHashSet<>();
        for (String tag : tags) {
            String trimmed = tag == null ? "" : tag.strip().replaceFirst("^#", "").strip();
            if (trimmed.isEmpty() || trimmed.length() > MAX_TAG) {
                throw new NoteException.Invalid("tags", "each tag must be 1.." + MAX_TAG + " characters");
            }
            clean.add(trimmed);
        }
        if (clean.size() > MAX_TAGS) {
            throw new NoteException.Invalid("tags", "at most " + MAX_TAGS + " tags");
        }
        return new ArrayList<>(clean);
    }

    static String hash(String content) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
