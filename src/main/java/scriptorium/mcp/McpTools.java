package scriptorium.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scriptorium.knowledge.NoteException;
import scriptorium.run.Failure;

/**
 * Our tools as the SDK serves them. Every call ends as a tool result: a refusal (missing scope, bad argument, unknown
 * id, stale version, a run that failed) is {@code isError: true} with one sentence, and so is an unexpected failure
 * (logged here, once, with its stack trace, which the client never sees). Only what the SDK decides before a handler
 * runs (an unknown tool, a malformed request) is a protocol error.
 */
final class McpTools {

    private static final Logger log = LoggerFactory.getLogger(McpTools.class);

    private final McpJsonMapper json;

    McpTools(McpJsonMapper json) {
        this.json = json;
    }

    SyncToolSpecification specification(McpTool tool) {
        var annotations = McpSchema.ToolAnnotations.builder()
                .readOnlyHint(tool.hints().readOnly())
                .destructiveHint(tool.hints().destructive())
                .idempotentHint(tool.hints().idempotent())
                .openWorldHint(false)
                .build();
        var definition = McpSchema.Tool.builder(tool.name(), json, tool.inputSchema())
                .description(tool.description())
                .annotations(annotations)
                .build();
        return SyncToolSpecification.builder().tool(definition)
                .callHandler((exchange, request) -> call(tool, exchange, request)).build();
    }

    private CallToolResult call(McpTool tool, McpSyncServerExchange exchange, CallToolRequest request) {
        McpCaller caller = McpEndpoint.caller(exchange.transportContext());
        if (!caller.may(tool.scope())) {
            return error(tool.name() + " needs scope " + tool.scope().id() + ", which this token does not have");
        }
        try {
            var answer = tool.handler().call(new Arguments(request.arguments()),
                    new McpTool.Call(caller, progress(exchange, request)));
            return CallToolResult.builder().addTextContent(answer.text()).structuredContent(answer.structured())
                    .isError(false).build();
        } catch (ToolRefusal | NoteException e) {
            return error(e.getMessage());
        } catch (RuntimeException e) {
            Failure failure = Failure.of(e); // the HTTP API's mapping: a database outage reads the same here
            if (!failure.expected()) {
                log.error("MCP tool {} failed", tool.name(), e);
            }
            return error(failure.message());
        }
    }

    /** Progress notifications only when the client asked for them, with a token (MCP: "progress"). */
    private static Progress progress(McpSyncServerExchange exchange, CallToolRequest request) {
        Object token = request.progressToken();
        if (token == null) {
            return Progress.NONE;
        }
        return (step, message) -> exchange.progressNotification(
                McpSchema.ProgressNotification.builder(token, step).message(message).build());
    }

    static CallToolResult error(String sentence) {
        return CallToolResult.builder().addTextContent(sentence).isError(true).build();
    }
}
