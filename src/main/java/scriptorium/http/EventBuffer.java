package scriptorium.http;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Where one event is composed as UTF-8 before its single write to the response: a growable byte array, reused by
 * its stream for every event. Unlike {@link java.io.ByteArrayOutputStream} it takes no lock per write and writes
 * ASCII text and numbers without a string or a byte array in between. One stream, one thread: not thread-safe.
 */
final class EventBuffer extends OutputStream {

    private byte[] bytes;
    private int size;

    EventBuffer(int capacity) {
        bytes = new byte[capacity];
    }

    void reset() {
        size = 0;
    }

    @Override
    public void write(int b) {
        room(1);
        bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] from, int offset, int length) {
        room(length);
        System.arraycopy(from, offset, bytes, size, length);
        size += length;
    }

    @Override
    public void write(byte[] from) {
        write(from, 0, from.length);
    }

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /**
     * Writes the inside of a JSON string (no quotes) as UTF-8, escaped as Jackson's generator escapes it by default:
     * quote, backslash and control characters ({@code \n}, {@code \r}, {@code \t}, {@code \b}, {@code \f}, else
     * {@code \}{@code u00XX}), and each UTF-16 surrogate as {@code \}{@code uXXXX}; everything else as it is.
     */
    void writeJsonEscaped(String text) {
        int length = text.length();
        room(length);
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                if (size == bytes.length) {
                    room(length - i);
                }
                bytes[size++] = (byte) c;
            } else {
                escapedOrEncoded(c);
            }
        }
    }

    private void escapedOrEncoded(char c) {
        room(6);
        if (c == '"' || c == '\\') {
            bytes[size++] = '\\';
            bytes[size++] = (byte) c;
        } else if (c < 0x20) {
            char shortForm = switch (c) {
                case '\n' -> 'n';
                case '\r' -> 'r';
                case '\t' -> 't';
                case '\b' -> 'b';
                case '\f' -> 'f';
                default -> 0;
            };
            bytes[size++] = '\\';
            if (shortForm != 0) {
                bytes[size++] = (byte) shortForm;
            } else {
                unicodeEscape(c);
            }
        } else if (Character.isSurrogate(c)) {
            bytes[size++] = '\\';
            unicodeEscape(c);
        } else if (c < 0x800) {
            bytes[size++] = (byte) (0xc0 | c >> 6);
            bytes[size++] = (byte) (0x80 | c & 0x3f);
        } else {
            bytes[size++] = (byte) (0xe0 | c >> 12);
            bytes[size++] = (byte) (0x80 | c >> 6 & 0x3f);
            bytes[size++] = (byte) (0x80 | c & 0x3f);
        }
    }

    /** {@code uXXXX}, the backslash before it already written. */
    private void unicodeEscape(char c) {
        bytes[size++] = 'u';
        bytes[size++] = HEX[c >> 12 & 0xf];
        bytes[size++] = HEX[c >> 8 & 0xf];
        bytes[size++] = HEX[c >> 4 & 0xf];
        bytes[size++] = HEX[c & 0xf];
    }

    /** Writes {@code value} in decimal. */
    void writeDecimal(long value) {
        if (value < 0) {
            write('-');
            value = -value; // Long.MIN_VALUE is no seq
        }
        int digits = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            digits++;
        }
        room(digits);
        for (int i = size + digits - 1; i >= size; i--) {
            bytes[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        size += digits;
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, size);
    }

    int size() {
        return size;
    }

    /** The bytes written since the last {@link #reset}, from 0 to {@link #size}: not a copy. */
    byte[] array() {
        return bytes;
    }

    private void room(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
