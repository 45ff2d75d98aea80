package scriptorium.config;

import scriptorium.config.ModelSettings.ModelCalls;

/**
 * Where voice notes are transcribed: an OpenAI-compatible {@code /v1/audio/transcriptions} endpoint, or nowhere.
 *
 * <p>{@code TRANSCRIPTION_BASE_URL} names the server (with {@code /v1}, as {@code OPENAI_BASE_URL} is given); unset,
 * OpenAI's own when {@code OPENAI_API_KEY} is set, else none. The key is {@code TRANSCRIPTION_API_KEY}, or
 * {@code OPENAI_API_KEY} for OpenAI's own server only: a local server is never sent the OpenAI key.
 * {@code TRANSCRIPTION_MODEL} defaults to {@code whisper-1}. Calls follow the chat models' limits and retries.
 */
public sealed interface TranscriptionSettings {

    /** What the startup line and {@code GET /api/v1/capture} say (never a key). */
    String describe();

    /** No transcription: voice notes are refused with {@link #HOW_TO_ENABLE}. */
    record Off() implements TranscriptionSettings {
        @Override
        public String describe() {
            return "off";
        }
    }

    /** @param baseUrl the API root including {@code /v1}; {@code /audio/transcriptions} is appended */
    record OpenAiCompatible(String baseUrl, Secret apiKey, String model, ModelCalls calls)
            implements TranscriptionSettings {
        @Override
        public String describe() {
            return model + " at " + baseUrl;
        }
    }

    /** The sentence the record button and the 503 answer show while transcription is off. */
    String HOW_TO_ENABLE = "Voice notes need a transcription server: set TRANSCRIPTION_BASE_URL to an OpenAI-compatible"
            + " server (one with /v1/audio/transcriptions, such as a local Whisper server) or set OPENAI_API_KEY,"
            + " then restart Scriptorium.";

    static TranscriptionSettings from(Env env) {
        String url = env.get("TRANSCRIPTION_BASE_URL");
        String key = env.get("TRANSCRIPTION_API_KEY");
        String openAiKey = env.get("OPENAI_API_KEY");
        String model = env.string("TRANSCRIPTION_MODEL", "whisper-1");
        if (url == null && openAiKey == null) {
            return new Off();
        }
        if (url == null) {
            return new OpenAiCompatible(ModelSettings.DEFAULT_OPENAI_URL, new Secret(key != null ? key : openAiKey),
                    model, ModelSettings.calls(env));
        }
        return new OpenAiCompatible(ModelSettings.url(env, "TRANSCRIPTION_BASE_URL", ModelSettings.DEFAULT_OPENAI_URL),
                new Secret(key == null ? "" : key), model, ModelSettings.calls(env));
    }
}
