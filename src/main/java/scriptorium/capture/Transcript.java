package scriptorium.capture;

import java.time.Duration;

/**
 * What a transcription server heard.
 *
 * @param language the language it heard (as it names it: {@code french}, {@code fr}), or the hint, or null
 * @param duration the audio's length when the server said, else null
 */
public record Transcript(String text, String language, Duration duration) {
    public Transcript {
        text = text == null ? "" : text.strip();
    }
}
