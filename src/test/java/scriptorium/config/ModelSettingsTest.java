package scriptorium.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelSettingsTest {

    private static ModelSettings model(Map<String, String> env) {
        return Settings.from(env).model();
    }

    @Test
    void withoutAnyKeyTheModelIsOffline() {
        assertThat(model(Map.of())).isInstanceOf(ModelSettings.Offline.class);
        assertThat(model(Map.of()).describe()).isEqualTo("offline");
    }

    @Test
    void anAnthropicKeyPicksClaudeWithTheDocumentedDefaults() {
        var settings = (ModelSettings.Anthropic) model(Map.of("ANTHROPIC_API_KEY", "sk-ant-secret"));
        assertThat(settings.baseUrl()).isEqualTo("https://api.anthropic.com/v1");
        assertThat(settings.plume()).isEqualTo(new ModelSettings.AgentModel("claude-sonnet-4-5", 0.3, 4096));
        assertThat(settings.mimir()).isEqualTo(new ModelSettings.AgentModel("claude-sonnet-4-5", 0.2, 4096));
        assertThat(settings.calls().firstToken()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.calls().wholeMessage()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.calls().attempts()).isEqualTo(3);
        assertThat(settings.promptCaching()).isTrue();
    }

    @Test
    void claudeApiKeyIsAcceptedAndTheBaseUrlGetsV1Appended() {
        var settings = (ModelSettings.Anthropic) model(Map.of("CLAUDE_API_KEY", "k",
                "ANTHROPIC_BASE_URL", "http://127.0.0.1:9999/", "MODEL_MIMIR", "claude-haiku-4-5",
                "MIMIR_TEMPERATURE", "0.5", "MIMIR_MAX_TOKENS", "1000", "MODEL_FIRST_TOKEN_TIMEOUT_SECONDS", "5"));
        assertThat(settings.baseUrl()).isEqualTo("http://127.0.0.1:9999/v1");
        assertThat(settings.apiKey().value()).isEqualTo("k");
        assertThat(settings.mimir()).isEqualTo(new ModelSettings.AgentModel("claude-haiku-4-5", 0.5, 1000));
        assertThat(settings.calls().firstToken()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aBaseUrlGivenWithV1IsNotDoubled() {
        var settings = (ModelSettings.Anthropic) model(Map.of("ANTHROPIC_API_KEY", "k",
                "ANTHROPIC_BASE_URL", "https://proxy.example/v1"));
        assertThat(settings.baseUrl()).isEqualTo("https://proxy.example/v1");
    }

    @Test
    void anOpenAiBaseUrlAlonePicksTheCompatibleAdapterWithoutKey() {
        var settings = (ModelSettings.OpenAiCompatible) model(Map.of("OPENAI_BASE_URL", "http://localhost:11434/v1",
                "MODEL_PLUME", "llama3.2"));
        assertThat(settings.baseUrl()).isEqualTo("http://localhost:11434/v1");
        assertThat(settings.apiKey().value()).isEmpty();
        assertThat(settings.plume().model()).isEqualTo("llama3.2");
    }

    @Test
    void scriptoriumModelChoosesExplicitlyOverTheKeys() {
        var both = Map.of("ANTHROPIC_API_KEY", "a", "OPENAI_API_KEY", "o");
        assertThat(model(both)).isInstanceOf(ModelSettings.Anthropic.class);
        assertThat(model(Map.of("ANTHROPIC_API_KEY", "a", "OPENAI_API_KEY", "o", "SCRIPTORIUM_MODEL", "openai")))
                .isInstanceOf(ModelSettings.OpenAiCompatible.class);
        assertThat(model(Map.of("ANTHROPIC_API_KEY", "a", "SCRIPTORIUM_MODEL", "offline")))
                .isInstanceOf(ModelSettings.Offline.class);
    }

    @Test
    void choosingAProviderWithoutItsKeyAndBadValuesAreAllReportedTogether() {
        var e = catchThrowableOfType(ConfigException.class, () -> Settings.from(Map.of("SCRIPTORIUM_MODEL", "anthropic",
                "ANTHROPIC_BASE_URL", "api.anthropic.com", "PLUME_TEMPERATURE", "3")));
        assertThat(e.problems()).hasSize(3);
        assertThat(e.getMessage()).contains("ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL", "PLUME_TEMPERATURE");
    }

    @Test
    void aWholeMessageTimeoutShorterThanTheFirstTokenOneIsRefused() {
        var e = catchThrowableOfType(ConfigException.class, () -> Settings.from(Map.of("ANTHROPIC_API_KEY", "k",
                "MODEL_FIRST_TOKEN_TIMEOUT_SECONDS", "90", "MODEL_MESSAGE_TIMEOUT_SECONDS", "30")));
        assertThat(e.getMessage()).contains("MODEL_MESSAGE_TIMEOUT_SECONDS=30", "(90)");
    }

    @Test
    void theDescriptionNamesTheModelsButNeverTheKey() {
        var settings = model(Map.of("ANTHROPIC_API_KEY", "sk-ant-secret"));
        assertThat(settings.describe()).contains("anthropic", "claude-sonnet-4-5").doesNotContain("sk-ant-secret");
        assertThat(settings.toString()).doesNotContain("sk-ant-secret");
    }
}
