package scriptorium.capture;

/**
 * A voice note as received, checked: its bytes are audio of {@code format}, 1 byte to {@link #MAX_BYTES}.
 *
 * @param language the speaker's language as ISO-639-1 ({@code fr}, {@code en}), or null to let the server detect it
 */
public record Audio(AudioFormat format, byte[] bytes, String language) {

    public static final int MAX_BYTES = 25 * 1024 * 1024;

    public Audio {
        if (bytes.length == 0 || bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("audio: must be 1.." + MAX_BYTES + " bytes");
        }
    }

    /** The name the transcription server reads the format from (OpenAI's does, by extension). */
    public String fileName() {
        return "voice-note." + format.extension();
    }

    @Override
    public String toString() { // a record would print every byte
        return "Audio[" + format + ", " + bytes.length + " bytes, language=" + language + "]";
    }
}
