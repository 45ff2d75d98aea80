package scriptorium.capture;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The audio containers a voice note may come in, recognised by their first bytes: a declared type is a claim,
 * the bytes are the file. Each has the file extension transcription servers read the format from.
 */
public enum AudioFormat {
    WEBM("webm", "audio/webm"),
    OGG("ogg", "audio/ogg"),
    MP4("m4a", "audio/mp4"),
    MPEG("mp3", "audio/mpeg"),
    WAV("wav", "audio/wav");

    /** Declared types taken as audio: what browsers' MediaRecorder and phones' recorders send. */
    private static final Set<String> DECLARED = Set.of("audio/webm", "video/webm", "audio/ogg", "application/ogg",
            "audio/opus", "audio/mp4", "video/mp4", "audio/m4a", "audio/x-m4a", "audio/aac", "audio/mpeg",
            "audio/mp3", "audio/mpga", "audio/wav", "audio/x-wav", "audio/wave", "audio/vnd.wave",
            "application/octet-stream");

    /** Said in every refusal of a type. */
    public static final String ACCEPTED = "webm, ogg, mp4/m4a, mpeg (mp3) or wav";

    private final String extension;
    private final String mediaType;

    AudioFormat(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    public String extension() {
        return extension;
    }

    public String mediaType() {
        return mediaType;
    }

    /** Whether a part's declared {@code Content-Type} (parameters such as {@code codecs} aside) may be audio. */
    public static boolean acceptsDeclared(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true; // curl -F without ;type= and some share sheets declare nothing: the bytes decide
        }
        String bare = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return DECLARED.contains(bare);
    }

    /** The format {@code head} (the file's first bytes) starts like, if any. */
    public static Optional<AudioFormat> sniff(byte[] head) {
        if (startsWith(head, 0, new byte[] {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3})) {
            return Optional.of(WEBM); // EBML: WebM and Matroska
        }
        if (startsWith(head, 0, ascii("OggS"))) {
            return Optional.of(OGG);
        }
        if (startsWith(head, 4, ascii("ftyp"))) {
            return Optional.of(MP4);
        }
        if (startsWith(head, 0, ascii("RIFF")) && startsWith(head, 8, ascii("WAVE"))) {
            return Optional.of(WAV);
        }
        if (startsWith(head, 0, ascii("ID3"))
                || head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xE0) == 0xE0) {
            return Optional.of(MPEG); // an ID3 tag, or an MPEG audio frame's sync bits (mp3, ADTS AAC)
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
        return bytes.length >= offset + prefix.length
                && Arrays.equals(bytes, offset, offset + prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
