package scriptorium.llm.stream;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One Server-Sent Event: its {@code event:} name (null when the server sent none) and its joined {@code data:}, kept
 * as the UTF-8 bytes that came: a provider's JSON is parsed from them as they are, with no string in between (one
 * event per token).
 */
public record SseEvent(String event, byte[] utf8) {

    public SseEvent(String event, String data) {
        this(event, data.getBytes(StandardCharsets.UTF_8));
    }

    /** The data as text. */
    public String data() {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    /** Whether the data is exactly {@code text} (ASCII), spaces around it aside: {@code [DONE]}, without decoding. */
    public boolean dataIs(String text) {
        int from = 0;
        int to = utf8.length;
        while (from < to && utf8[from] == ' ') {
            from++;
        }
        while (to > from && (utf8[to - 1] == ' ' || utf8[to - 1] == '\r' || utf8[to - 1] == '\n')) {
            to--;
        }
        if (to - from != text.length()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (utf8[from + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SseEvent that && Objects.equals(event, that.event)
                && Arrays.equals(utf8, that.utf8);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hashCode(event) + Arrays.hashCode(utf8);
    }

    @Override
    public String toString() {
        return "SseEvent[event=" + event + ", data=" + data() + "]";
    }
}
