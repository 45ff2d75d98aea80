package scriptorium.config;

import java.time.Duration;
import java.util.Set;

/**
 * Which model the agents speak through; {@code App} switches over it to build the adapter.
 *
 * <p>{@code SCRIPTORIUM_MODEL} chooses explicitly ({@code offline | anthropic | openai}); unset, an Anthropic key
 * ({@code ANTHROPIC_API_KEY} or {@code CLAUDE_API_KEY}) picks Anthropic, then {@code OPENAI_API_KEY} or
 * {@code OPENAI_BASE_URL} picks the OpenAI-compatible adapter, else Offline.
 */
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

    /**
     * Anthropic's Messages API.
     *
     * @param baseUrl       the API root including {@code /v1} ({@code ANTHROPIC_BASE_URL} is given without it)
     * @param promptCaching whether requests carry {@code cache_control} breakpoints (on unless
     *                      {@code ANTHROPIC_PROMPT_CACHING=false}, which exists to measure what caching saves)
     */
    record Anthropic(String baseUrl, Secret apiKey, AgentModel plume, AgentModel mimir, ModelCalls calls,
                     boolean promptCaching) implements ModelSettings, PerAgent {
        @Override
        public String describe() {
            return "anthropic (plume: " + plume.model() + ", mimir: " + mimir.model() + ", " + baseUrl + ")";
        }
    }

    /** OpenAI's chat completions API or a compatible server (Ollama, llama.cpp, vLLM); the key may be empty. */
    record OpenAiCompatible(String baseUrl, Secret apiKey, AgentModel plume, AgentModel mimir, ModelCalls calls)
            implements ModelSettings, PerAgent {
        @Override
        public String describe() {
            return "openai (plume: " + plume.model() + ", mimir: " + mimir.model() + ", " + baseUrl + ")";
        }
    }

    /** A provider's settings for each agent. */
    interface PerAgent {
        AgentModel plume();

        AgentModel mimir();
    }

    /** One agent's model and sampling settings. */
    record AgentModel(String model, double temperature, int maxTokens) {}

    /**
     * Limits on one model call.
     *
     * @param firstToken   longest wait for the first token of a reply
     * @param wholeMessage longest a whole reply may take
     * @param attempts     tries before the first token (1 = no retry)
     * @param retryBase    first backoff delay, doubled each retry, with jitter
     * @param retryMaxWait longest we wait before a retry, {@code retry-after} included: a provider asking for more
     *                     is answered with the error instead
     */
    record ModelCalls(Duration connect, Duration firstToken, Duration wholeMessage, int attempts,
                      Duration retryBase, Duration retryMaxWait) {}

    String DEFAULT_ANTHROPIC_URL = "https://api.anthropic.com";
    String DEFAULT_OPENAI_URL = "https://api.openai.com/v1";

    static ModelSettings from(Env env) {
        String chosen = env.oneOf("SCRIPTORIUM_MODEL", "", Set.of("offline", "anthropic", "openai"));
        Duration chunkDelay = env.millis("OFFLINE_CHUNK_DELAY_MS", 12, 0, 10_000);
        String anthropicKey = env.get("ANTHROPIC_API_KEY") != null ? env.get("ANTHROPIC_API_KEY") : env.get("CLAUDE_API_KEY");
        String openAiKey = env.get("OPENAI_API_KEY");
        String openAiUrl = env.get("OPENAI_BASE_URL");
        if (chosen.isEmpty()) {
            chosen = anthropicKey != null ? "anthropic" : openAiKey != null || openAiUrl != null ? "openai" : "offline";
        }
        return switch (chosen) {
            case "anthropic" -> anthropic(env, anthropicKey);
            case "openai" -> openAi(env, openAiKey, openAiUrl);
            default -> new Offline(chunkDelay); // "offline": oneOf allows nothing else
        };
    }

    private static Anthropic anthropic(Env env, String key) {
        if (key == null) {
            env.problem("SCRIPTORIUM_MODEL=anthropic: set ANTHROPIC_API_KEY (or CLAUDE_API_KEY)");
        }
        String base = url(env, "ANTHROPIC_BASE_URL", DEFAULT_ANTHROPIC_URL);
        // The official SDKs take the root without /v1; accept it with /v1 too rather than doubling it.
        String withVersion = base.endsWith("/v1") ? base : base + "/v1";
        boolean caching = "true".equals(env.oneOf("ANTHROPIC_PROMPT_CACHING", "true", Set.of("true", "false")));
        return new Anthropic(withVersion, new Secret(key == null ? "" : key),
                agent(env, "PLUME", "claude-sonnet-4-5", 0.3), agent(env, "MIMIR", "claude-sonnet-4-5", 0.2),
                calls(env), caching);
    }

    private static OpenAiCompatible openAi(Env env, String key, String url) {
        if (key == null && url == null) {
            env.problem("SCRIPTORIUM_MODEL=openai: set OPENAI_API_KEY, or OPENAI_BASE_URL for a local server");
        }
        return new OpenAiCompatible(url(env, "OPENAI_BASE_URL", DEFAULT_OPENAI_URL),
                new Secret(key == null ? "" : key),
                agent(env, "PLUME", "gpt-4o-mini", 0.3), agent(env, "MIMIR", "gpt-4o-mini", 0.2), calls(env));
    }

    private static AgentModel agent(Env env, String name, String defaultModel, double defaultTemperature) {
        return new AgentModel(
                env.string("MODEL_" + name, defaultModel),
                env.decimal(name + "_TEMPERATURE", defaultTemperature, 0, 2),
                env.integer(name + "_MAX_TOKENS", 4096, 1, 200_000));
    }

    /** The call limits every provider call shares (the chat models', the transcriber's). */
    static ModelCalls calls(Env env) {
        var calls = new ModelCalls(
                env.seconds("MODEL_CONNECT_TIMEOUT_SECONDS", 10, 1, 600),
                env.seconds("MODEL_FIRST_TOKEN_TIMEOUT_SECONDS", 60, 1, 3600),
                env.seconds("MODEL_MESSAGE_TIMEOUT_SECONDS", 300, 1, 3600),
                env.integer("MODEL_MAX_ATTEMPTS", 3, 1, 10),
                env.millis("MODEL_RETRY_BASE_MS", 1000, 0, 60_000),
                env.seconds("MODEL_RETRY_MAX_WAIT_SECONDS", 60, 0, 3600));
        if (calls.wholeMessage().compareTo(calls.firstToken()) < 0) {
            env.problem("MODEL_MESSAGE_TIMEOUT_SECONDS=" + calls.wholeMessage().toSeconds()
                    + ": must be at least MODEL_FIRST_TOKEN_TIMEOUT_SECONDS (" + calls.firstToken().toSeconds() + ")");
        }
        return calls;
    }

    /** {@code name} as an http(s) URL without a trailing slash; a problem (and {@code fallback}) if it is not one. */
    static String url(Env env, String name, String fallback) {
        String value = env.string(name, fallback);
        String trimmed = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        if (!trimmed.startsWith("http://") && !trimmed.startsWith("https://")) {
            env.problem(name + "=" + value + ": must be an http:// or https:// URL");
            return fallback;
        }
        return trimmed;
    }
}
