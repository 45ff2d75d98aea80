package scriptorium.capture;

/**
 * Speech to text: the seam transcription servers sit behind, as {@code ChatModel} is the models'.
 *
 * <p>{@link #transcribe} blocks the calling (virtual) thread until the whole transcript is in. An interrupt
 * cancels the call. Failures are {@code llm.ModelException}s only, classified as the chat models' are (429
 * rate limited, 5xx unavailable, 401 auth...), so a voice note's run ends with the same error codes a chat's does.
 * Thread-safe.
 */
public interface Transcriber {

    /** No transcription configured: every call is refused with {@code TranscriptionSettings.HOW_TO_ENABLE}. */
    Transcriber OFF = new Transcriber() {
        @Override
        public Transcript transcribe(Audio audio) {
            throw Voice.unavailable();
        }

        @Override
        public String describe() {
            return "off";
        }
    };

    Transcript transcribe(Audio audio);

    /** Which server and model, for logs and the `transcribe` action (never a key). */
    String describe();
}
