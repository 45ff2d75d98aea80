package scriptorium.llm.openai;

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
import scriptorium.llm.ModelReply;
import scriptorium.llm.ModelRequest;
import scriptorium.llm.Pricing;
import scriptorium.llm.stream.ErrorStatuses;
import scriptorium.llm.stream.Endpoint;
import scriptorium.llm.stream.EventStream;
import scriptorium.llm.stream.ProviderHttp;
import scriptorium.llm.stream.StreamingCall;

/**
 * OpenAI's chat completions API, or any server speaking it (Ollama, llama.cpp, vLLM), streamed.
 *
 * <p>Why the wire format and not LangChain4j's {@code OpenAiStreamingChatModel}: the same reasons as
 * {@code AnthropicModel} (the {@code retry-after} header, cancelling before the first token, the first-token and whole-message deadlines),
 * and one code path for both providers' timeouts and failures ({@link StreamingCall}).
 *
 * <p>Thread-safe; one instance serves every run. {@link #close} releases the HTTP client.
 */
public final class OpenAiCompatibleModel implements ChatModel, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OpenAiCompatibleModel.class);
    private static final ObjectMapper JSON = Jackson.MAPPER;

    private final ModelSettings.OpenAiCompatible settings;
    private final Pricing pricing;
    private final ProviderHttp connection;
    private final Endpoint completions;

    public OpenAiCompatibleModel(ModelSettings.OpenAiCompatible settings, Pricing pricing) {
        this.settings = settings;
        this.pricing = pricing;
        this.connection = new ProviderHttp(settings.calls().connect());
        String url = settings.baseUrl() + "/chat/completions";
        this.completions = settings.apiKey().value().isEmpty() // local servers need none
                ? Endpoint.streaming(url)
                : Endpoint.streaming(url, "authorization", "Bearer " + settings.apiKey().value());
    }

    @Override
    public ModelReply call(ModelRequest request, Consumer<ModelEvent> sink) {
        AgentModel agent = request.agent().pick(settings.plume(), settings.mimir());
        var http = completions.request(ProviderHttp.json(OpenAiRequest.body(request, agent)));
        OpenAiReader.Result result = StreamingCall.run(connection, http, settings.calls(), "OpenAI-compatible",
                new OpenAiReader(sink), OpenAiCompatibleModel::classify);
        if ("length".equals(result.finishReason())) {
            // The reply is kept (the user saw it) but is cut short: say which setting to raise.
            log.warn("OpenAI-compatible reply of {} stopped at its {} max tokens: raise {}_MAX_TOKENS", request.agent(),
                    agent.maxTokens(), request.agent().id().toUpperCase(Locale.ROOT));
        }
        String model = "openai/" + agent.model();
        return new ModelReply(result.text(), result.toolCalls(), result.usage(),
                pricing.cost(model, result.usage()), model);
    }

    /** An error answer: {@code {"error": {"message", "type", "code"}}} when the server follows OpenAI's shape. */
    static ModelException classify(EventStream.Head head, String body) {
        String detail = "";
        try {
            JsonNode error = JSON.readTree(body).path("error");
            String message = error.isTextual() ? error.asText() : error.path("message").asText("");
            String type = error.path("type").asText("");
            detail = type.isEmpty() ? message : type + ": " + message;
        } catch (IOException notJson) {
            detail = ""; // a proxy's HTML page: the status alone decides
        }
        return ErrorStatuses.exception("OpenAI-compatible server", head, ErrorStatuses.kind(head.status()), detail,
                "OPENAI_API_KEY");
    }

    @Override
    public void close() {
        connection.close();
    }
}
