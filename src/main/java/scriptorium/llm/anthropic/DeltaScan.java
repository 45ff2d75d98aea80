package scriptorium.llm.anthropic;

import java.nio.charset.StandardCharsets;

/**
 * Reads a {@code content_block_delta} as Anthropic sends one per token, straight from its UTF-8 bytes:
 * {@code {"type":"content_block_delta","index":N,"delta":{"type":T,"text"|"partial_json":V}}}, fields in any order.
 * It allocates the value's string and nothing else (a JSON parser costs a parser, its context, buffers and a symbol
 * table per token). Anything else in the bytes (another field, a value of another kind, a name with an escape, bad
 * JSON) makes it answer null, and the general parser reads the event instead: this is a fast path, never a judge.
 */
final class DeltaScan {

    private static final byte[] CONTENT_BLOCK_DELTA = ascii("content_block_delta");
    private static final byte[] TEXT_DELTA = ascii("text_delta");
    private static final byte[] INPUT_JSON_DELTA = ascii("input_json_delta");

    private final byte[] in;
    private int at;
    /** The length of the name {@link #name} read last. */
    private int nameLength;

    private DeltaScan(byte[] in) {
        this.in = in;
    }

    /** The delta, or null when the bytes are not exactly of the common shape. */
    static AnthropicReader.Delta read(byte[] data) {
        try {
            return new DeltaScan(data).event();
        } catch (RuntimeException notTheCommonShape) { // an index past the end, a bad escape: Jackson will say
            return null;
        }
    }

    private AnthropicReader.Delta event() {
        int index = 0;
        boolean typed = false;
        String[] delta = null;
        if (!open()) {
            return null;
        }
        do {
            int name = name();
            if (is(name, "type")) {
                typed = stringIs(CONTENT_BLOCK_DELTA);
                if (!typed) {
                    return null;
                }
            } else if (is(name, "index")) {
                index = number();
            } else if (is(name, "delta")) {
                delta = delta();
                if (delta == null) {
                    return null;
                }
            } else {
                return null;
            }
        } while (next());
        space();
        return typed && delta != null && at == in.length ? new AnthropicReader.Delta(index, delta[0], delta[1]) : null;
    }

    /** The inner object: its type, and its text or JSON fragment. */
    private String[] delta() {
        String type = null;
        String value = "";
        if (!open()) {
            return null;
        }
        do {
            int name = name();
            if (is(name, "type")) {
                type = stringIs(TEXT_DELTA) ? "text_delta" : stringIs(INPUT_JSON_DELTA) ? "input_json_delta" : null;
                if (type == null) {
                    return null;
                }
            } else if (is(name, "text") || is(name, "partial_json")) {
                value = string();
            } else {
                return null;
            }
        } while (next());
        return type == null ? null : new String[] {type, value};
    }

    /** After {@code {}: true if a field follows (then {@link #at} is on its name's quote). */
    private boolean open() {
        space();
        if (in[at] != '{') {
            return false;
        }
        at++;
        space();
        return in[at] == '"';
    }

    /** After a value: true at a comma (moved past it, onto the next name), false at the closing brace (past it). */
    private boolean next() {
        space();
        byte b = in[at++];
        if (b == ',') {
            space();
            return true;
        }
        if (b != '}') {
            throw new IllegalStateException("not an object");
        }
        return false;
    }

    /** A field name without escapes and its colon; returns where the name starts ({@link #at} is then on the value). */
    private int name() {
        int start = ++at;
        while (in[at] != '"') {
            if (in[at] == '\\') {
                throw new IllegalStateException("an escaped name");
            }
            at++;
        }
        int end = at++;
        space();
        if (in[at++] != ':') {
            throw new IllegalStateException("no colon");
        }
        space();
        nameLength = end - start;
        return start;
    }

    private boolean is(int name, String expected) {
        if (nameLength != expected.length()) {
            return false;
        }
        for (int i = 0; i < nameLength; i++) {
            if (in[name + i] != expected.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the string value at {@link #at} is exactly {@code expected}; moves past it only when it is. */
    private boolean stringIs(byte[] expected) {
        int end = at + 1 + expected.length;
        if (in[at] != '"' || end >= in.length || in[end] != '"') {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (in[at + 1 + i] != expected[i]) {
                return false;
            }
        }
        at = end + 1;
        return true;
    }

    private int number() {
        int value = 0;
        int start = at;
        while (at < in.length && in[at] >= '0' && in[at] <= '9' && at - start < 9) {
            value = value * 10 + in[at++] - '0';
        }
        if (at == start) {
            throw new IllegalStateException("not a small natural number");
        }
        return value;
    }

    /** A string value: decoded from UTF-8 at once when it holds no escape, else unescaped. */
    private String string() {
        if (in[at] != '"') {
            throw new IllegalStateException("not a string");
        }
        int start = ++at;
        while (in[at] != '"') {
            if (in[at] == '\\') {
                return escaped(start);
            }
            if ((in[at] & 0xff) < 0x20) {
                throw new IllegalStateException("a raw control character");
            }
            at++;
        }
        return new String(in, start, at++ - start, StandardCharsets.UTF_8);
    }

    /** The rest of a string that has escapes, from {@code start}. */
    private String escaped(int start) {
        var text = new StringBuilder(new String(in, start, at - start, StandardCharsets.UTF_8));
        int run = at;
        while (in[at] != '"') {
            if ((in[at] & 0xff) < 0x20) {
                throw new IllegalStateException("a raw control character");
            }
            if (in[at] != '\\') {
                at++;
                continue;
            }
            text.append(new String(in, run, at - run, StandardCharsets.UTF_8));
            byte e = in[at + 1];
            at += 2;
            switch (e) {
                case '"', '\\', '/' -> text.append((char) e);
                case 'n' -> text.append('\n');
                case 'r' -> text.append('\r');
                case 't' -> text.append('\t');
                case 'b' -> text.append('\b');
                case 'f' -> text.append('\f');
                case 'u' -> {
                    int unit = 0;
                    for (int end = at + 4; at < end; at++) {
                        int digit = Character.digit(in[at], 16);
                        if (digit < 0) {
                            throw new IllegalStateException("a bad unicode escape");
                        }
                        unit = unit << 4 | digit;
                    }
                    text.append((char) unit);
                }
                default -> throw new IllegalStateException("a bad escape");
            }
            run = at;
        }
        text.append(new String(in, run, at - run, StandardCharsets.UTF_8));
        at++;
        return text.toString();
    }

    private void space() {
        while (at < in.length && (in[at] == ' ' || in[at] == '\t' || in[at] == '\n' || in[at] == '\r')) {
            at++;
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
