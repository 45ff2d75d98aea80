package scriptorium.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import scriptorium.json.Jackson;

/**
 * The SDK's JSON mapper, except for one thing: SDK 2.1.0's servlet transport writes its HTTP refusals (no session,
 * unknown session, a wrong {@code Accept}) by serializing the {@link McpError} exception itself, which Jackson renders
 * as a bean, stack trace included. Here such an error is written as what JSON-RPC says it is:
 * {@code {"jsonrpc":"2.0","id":null,"error":{"code","message"}}}. Everything else goes to the SDK's mapper unchanged.
 */
final class RefusalJson implements McpJsonMapper {

    private final McpJsonMapper sdk;

    RefusalJson(McpJsonMapper sdk) {
        this.sdk = sdk;
    }

    /** A JSON-RPC error response without an id (the request could not be read, or was refused before it). */
    static String error(int code, String message) {
        ObjectNode response = Jackson.MAPPER.createObjectNode().put("jsonrpc", "2.0").putNull("id");
        response.putObject("error").put("code", code).put("message", message);
        return response.toString();
    }

    @Override
    public String writeValueAsString(Object value) throws IOException {
        if (value instanceof McpError e) {
            McpSchema.JSONRPCResponse.JSONRPCError rpc = e.getJsonRpcError();
            return rpc == null ? error(McpSchema.ErrorCodes.INTERNAL_ERROR, String.valueOf(e.getMessage()))
                    : error(rpc.code(), rpc.message());
        }
        return sdk.writeValueAsString(value);
    }

    @Override
    public byte[] writeValueAsBytes(Object value) throws IOException {
        return value instanceof McpError ? writeValueAsString(value).getBytes(StandardCharsets.UTF_8)
                : sdk.writeValueAsBytes(value);
    }

    @Override
    public <T> T readValue(String content, Class<T> type) throws IOException {
        return sdk.readValue(content, type);
    }

    @Override
    public <T> T readValue(byte[] content, Class<T> type) throws IOException {
        return sdk.readValue(content, type);
    }

    @Override
    public <T> T readValue(String content, TypeRef<T> type) throws IOException {
        return sdk.readValue(content, type);
    }

    @Override
    public <T> T readValue(byte[] content, TypeRef<T> type) throws IOException {
        return sdk.readValue(content, type);
    }

    @Override
    public <T> T convertValue(Object fromValue, Class<T> type) {
        return sdk.convertValue(fromValue, type);
    }

    @Override
    public <T> T convertValue(Object fromValue, TypeRef<T> type) {
        return sdk.convertValue(fromValue, type);
    }
}
