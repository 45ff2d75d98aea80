package scriptorium.llm.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import scriptorium.config.ModelSettings.AgentModel;
import scriptorium.llm.Agent;
import scriptorium.llm.ChatMessage;
import scriptorium.llm.ModelRequest;
import scriptorium.llm.ToolCall;
import scriptorium.llm.ToolSpec;
import scriptorium.llm.stream.ProviderHttp;

/** The body spliced from an agent's written head and its messages is the bytes Jackson writes for the whole tree. */
class AnthropicRequestTest {

    /** Quotes, backslashes, controls, accents, a surrogate pair, a line separator and the HTML characters. */
    private static final String AWKWARD = "« Il a dit \"non\" » \\ \t\n\u0001 é 😀 \u2028 <b>&</b> '";

    private static final AgentModel MODEL = new AgentModel("claude-sonnet-4-5", 0.3, 1024);

    private static final List<ToolSpec> TOOLS = List.of(
            new ToolSpec("search_knowledge", "Cherche dans les notes : " + AWKWARD,
                    "{\"type\":\"object\",\"properties\":{\"query\":{\"type\":\"string\","
                            + "\"description\":\"é \\\" \\u00e9\"}},\"required\":[\"query\"]}"),
            new ToolSpec("create_note", "Crée une note.", "{\"type\":\"object\",\"properties\":{}}"));

    private static final List<ChatMessage> CONVERSATION = List.of(
            new ChatMessage.User(AWKWARD),
            new ChatMessage.Peer(Agent.MIMIR, "J'ai trouvé « trois » notes."),
            new ChatMessage.Assistant("Je cherche.", List.of(new ToolCall("toolu_1", "search_knowledge",
                    "{\"query\": \"chat \\u00e9\", \"n\": 3.50}"))),
            new ChatMessage.ToolResult("toolu_1", "search_knowledge", "Aucune note : " + AWKWARD, true),
            new ChatMessage.Assistant(""),
            new ChatMessage.User("   "),
            new ChatMessage.User("Et ensuite ?"));

    @ParameterizedTest(name = "system {0}, tools {1}, caching {2}, read again {3}")
    @CsvSource({
            "true, true, true, true",
            "true, true, true, false",
            "true, false, false, true",
            "false, true, true, true",
            "false, false, false, false"})
    void theSplicedBodyIsTheWholeTreeWritten(boolean system, boolean tools, boolean caching, boolean readAgain) {
        var heads = new AnthropicRequest.Heads();
        var request = new ModelRequest(Agent.PLUME, ModelRequest.Task.DISCUSS, system ? "Tu es Plume. " + AWKWARD : "",
                CONVERSATION, tools ? TOOLS : List.of(), "Et ensuite ?", readAgain);
        byte[] whole = ProviderHttp.json(AnthropicRequest.body(request, MODEL, caching));

        assertThat(new String(AnthropicRequest.bytes(request, MODEL, caching, heads), StandardCharsets.UTF_8))
                .isEqualTo(new String(whole, StandardCharsets.UTF_8));
        assertThat(AnthropicRequest.bytes(request, MODEL, caching, heads)).as("from the written head").isEqualTo(whole);

        var nextTurn = new ModelRequest(Agent.PLUME, ModelRequest.Task.DISCUSS, request.system(),
                CONVERSATION.subList(0, 2), request.tools(), "", readAgain);
        assertThat(AnthropicRequest.bytes(nextTurn, MODEL, caching, heads))
                .isEqualTo(ProviderHttp.json(AnthropicRequest.body(nextTurn, MODEL, caching)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"claude-haiku-4-5, 0.7", "claude-sonnet-4-5, 0.3"})
    void anotherModelOrSettingGetsItsOwnHead(String model, double temperature) {
        var heads = new AnthropicRequest.Heads();
        var request = new ModelRequest(Agent.MIMIR, ModelRequest.Task.ANSWER, "Tu es Mimir.", CONVERSATION, TOOLS,
                "Et ensuite ?");
        AnthropicRequest.bytes(request, MODEL, true, heads);
        var other = new AgentModel(model, temperature, 512);
        assertThat(AnthropicRequest.bytes(request, other, true, heads))
                .isEqualTo(ProviderHttp.json(AnthropicRequest.body(request, other, true)));
        assertThat(AnthropicRequest.bytes(request, MODEL, false, heads))
                .isEqualTo(ProviderHttp.json(AnthropicRequest.body(request, MODEL, false)));
    }
}
