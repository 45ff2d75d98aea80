package scriptorium.llm.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Locale;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scriptorium.config.ModelSettings;
import scriptorium.config.ModelSettings.AgentModel;
import scriptorium.json.Jackson;
import scriptorium.llm.ChatModel;
import scriptorium.llm.ModelEvent;
import scriptorium.llm.ModelException;
import scriptorium.llm.ModelException.Kind;
import scriptorium.llm.ModelReply;
import scriptorium.llm.ModelRequest;
import scriptorium.llm.Pricing;
import scriptorium.llm.stream.ErrorStatuses;
import scriptorium.llm.stream.Endpoint;
import scriptorium.llm.stream.EventStream;
import scriptorium.llm.stream.ProviderHttp;
import scriptorium.llm.stream.StreamingCall;

/**
 * Claude through Anthropic's Messages API, streamed.
 *
 * <p>Why the wire format and not LangChain4j's {@code AnthropicStreamingChatModel}: its 1.19 builder can cache the
 * system prompt and tools but cannot put a {@code cache_control} breakpoint on the last message (so a discussion's
 * growing history would never be read from cache), its exceptions drop the {@code retry-after} header, and a call
 * can only be cancelled once a first partial response arrived, not while waiting for it. Speaking the documented
 * SSE format gives all three, plus exact usage events, in three small classes.
 *
 * <p>Thread-safe; one instance serves every run. {@link #close} releases the HTTP client.
 */
public final class AnthropicModel implements ChatModel, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AnthropicModel.class);
    private static final ObjectMapper JSON = Jackson.MAPPER;
    private static final String API_VERSION = "2023-06-01";

    private final ModelSettings.Anthropic settings;
    private final Pricing pricing;
    private final ProviderHttp connection;
    private final Endpoint messages;
    private final AnthropicRequest.Heads heads = new AnthropicRequest.Heads();

    public AnthropicModel(ModelSettings.Anthropic settings, Pricing pricing) {
        this.settings = settings;
        this.pricing = pricing;
        this.connection = new ProviderHttp(settings.calls().connect());
        this.messages = Endpoint.streaming(settings.baseUrl() + "/messages",
                "x-api-key", settings.apiKey().value(), "anthropic-version", API_VERSION);
    }

    @Override
    public ModelReply call(ModelRequest request, Consumer<ModelEvent> sink) {
        AgentModel agent = request.agent().pick(settings.plume(), settings.mimir());
        var http = messages.request(AnthropicRequest.bytes(request, agent, settings.promptCaching(), heads));
        AnthropicReader.Result result = StreamingCall.run(connection, http, settings.calls(), "Anthropic",
                new AnthropicReader(sink), AnthropicModel::classify);
        if ("max_tokens".equals(result.stopReason())) {
            // The reply is kept (the user saw it) but is cut short: say which setting to raise.
            log.warn("Anthropic reply of {} stopped at its {} max tokens: raise {}_MAX_TOKENS", request.agent(),
                    agent.maxTokens(), request.agent().id().toUpperCase(Locale.ROOT));
        }
        String model = "anthropic/" + agent.model();
        return new ModelReply(result.text(), result.toolCalls(), result.usage(),
                pricing.cost(model, result.usage()), model);
    }

    /** An error answer: the status decides, the body's error type refines (a 500 that says overloaded is one). */
    static ModelException classify(EventStream.Head head, String body) {
        Kind kind = ErrorStatuses.kind(head.status());
        String detail = "";
        try {
            JsonNode error = JSON.readTree(body).path("error");
            String type = error.path("type").asText("");
            if (!type.isEmpty()) {
                detail = type + ": " + error.path("message").asText("");
                Kind refined = AnthropicReader.kind(type);
                kind = refined == Kind.UNEXPECTED ? kind : refined;
            }
        } catch (IOException notJson) {
            detail = ""; // a proxy's HTML page: the status alone decides
        }
        return ErrorStatuses.exception("Anthropic", head, kind, detail, "ANTHROPIC_API_KEY (or CLAUDE_API_KEY)");
    }

    @Override
    public void close() {
        connection.close();
    }
}
