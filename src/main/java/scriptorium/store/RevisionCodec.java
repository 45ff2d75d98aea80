package scriptorium.store;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * How a revision's content is kept: a {@code full} snapshot, or a {@code patch} of line edits from the revision
 * before, both deflated, so a revision costs about the size of what changed. A patch is text: per edit, a line
 * {@code at<TAB>removed<TAB>added} (positions in the lines of the content before, edits in ascending order),
 * then the {@code added} new lines. Lines are split on '\n' alone, so every content comes back byte for byte.
 * Pure.
 */
final class RevisionCodec {

    private RevisionCodec() {}

    static byte[] full(String content) {
        return deflate(content);
    }

    static String content(byte[] full) {
        return inflate(full);
    }

    static byte[] patch(String before, String after) {
        List<String> from = lines(before);
        var out = new StringBuilder();
        for (AbstractDelta<String> delta : DiffUtils.diff(from, lines(after)).getDeltas()) {
            List<String> added = delta.getTarget().getLines();
            out.append(delta.getSource().getPosition()).append('\t').append(delta.getSource().size()).append('\t')
                    .append(added.size()).append('\n');
            added.forEach(line -> out.append(line).append('\n'));
        }
        return deflate(out.toString());
    }

    static String apply(String before, byte[] patch) {
        List<String> result = new ArrayList<>(lines(before));
        List<String> text = lines(inflate(patch));
        record Edit(int at, int removed, List<String> added) {}
        List<Edit> edits = new ArrayList<>();
        for (int i = 0; i < text.size() - 1; ) {
            String[] head = text.get(i).split("\t");
            int added = Integer.parseInt(head[2]);
            edits.add(new Edit(Integer.parseInt(head[0]), Integer.parseInt(head[1]), text.subList(i + 1, i + 1 + added)));
            i += 1 + added;
        }
        for (Edit edit : edits.reversed()) { // from the end, so each position still points where it did
            result.subList(edit.at(), edit.at() + edit.removed()).clear();
            result.addAll(edit.at(), edit.added());
        }
        return String.join("\n", result);
    }

    static List<String> lines(String content) {
        return Arrays.asList(content.split("\n", -1));
    }

    private static byte[] deflate(String text) {
        var deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            deflater.setInput(text.getBytes(StandardCharsets.UTF_8));
            deflater.finish();
            var out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static String inflate(byte[] bytes) {
        var inflater = new Inflater();
        try {
            inflater.setInput(bytes);
            var out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && !inflater.finished() && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalStateException("a stored revision is truncated");
                }
                out.write(buffer, 0, n);
            }
            return out.toString(StandardCharsets.UTF_8);
        } catch (DataFormatException e) {
            throw new IllegalStateException("a stored revision is not deflated data", e);
        } finally {
            inflater.end();
        }
    }
}
