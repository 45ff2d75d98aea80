package scriptorium.config;

import java.time.Duration;
import java.util.Set;

/** Which model the agents speak through; {@code App} switches over it to build the adapter. */
public sealed interface ModelSettings {

    /** What the startup line and {@code /health} say (never a key). */
    String describe();

    /**
     * The built-in Offline model (PROTOCOL: {@code model = "offline"}).
     *
     * @param chunkDelay pause between streamed chunks, so text arrives as it would from a model
     */
    record Offline(Duration chunkDelay) implements ModelSettings {
        @Override
        public String describe() {
            return "offline";
        }
    }

    static ModelSettings from(Env env) {
        String chosen = env.oneOf("SCRIPTORIUM_MODEL", "", Set.of("offline", "anthropic", "openai"));
        Duration chunkDelay = env.millis("OFFLINE_CHUNK_DELAY_MS", 12, 0, 10_000);
        return switch (chosen) {
            case "", "offline" -> new Offline(chunkDelay);
            default -> {
                env.problem("SCRIPTORIUM_MODEL=" + chosen + ": this build has only the offline model");
                yield new Offline(chunkDelay);
            }
        };
    }
}
