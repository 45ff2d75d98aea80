package scriptorium.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import scriptorium.json.Jackson;

/**
 * The SDK's transport behind one check of each POSTed body, so that a message the transport cannot read is answered
 * as JSON-RPC says (400 with {@code -32700} "Parse error" for a body that is not JSON, {@code -32600} "Invalid
 * Request" for JSON that is not one JSON-RPC 2.0 message, batches included: MCP dropped them in 2025-06-18), rather
 * than with the transport's own wording and an ERROR line in our log per malformed request. A body over
 * {@link #MAX_BODY} is refused (413) before it is read whole.
 */
final class McpServlet extends HttpServlet {

    /** A note's content is at most 1 MiB; its JSON escaping, a little more. The HTTP API takes 2 MiB too. */
    static final int MAX_BODY = 2 * 1024 * 1024;
    private static final int PARSE_ERROR = -32700;
    private static final int INVALID_REQUEST = -32600;

    private final HttpServlet transport;

    McpServlet(HttpServlet transport) {
        this.transport = transport;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        if (!request.getMethod().equals("POST")) {
            transport.service(request, response);
            return;
        }
        if (request.getContentLengthLong() > MAX_BODY) {
            response.sendError(413, "a JSON-RPC message is at most " + MAX_BODY + " bytes");
            return;
        }
        byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            response.sendError(413, "a JSON-RPC message is at most " + MAX_BODY + " bytes");
            return;
        }
        String refusal = check(body);
        if (refusal != null) {
            response.setStatus(400);
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(refusal);
            response.getWriter().flush();
            return;
        }
        transport.service(new ReadBody(request, body), response);
    }

    /** The JSON-RPC error for a body that is not one JSON-RPC 2.0 message; null when it is one. */
    static String check(byte[] body) {
        JsonNode message;
        try {
            message = Jackson.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            return RefusalJson.error(PARSE_ERROR, "Parse error: the body is not JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            return RefusalJson.error(PARSE_ERROR, "Parse error: the body could not be read");
        }
        if (message == null || !message.isObject() || !"2.0".equals(message.path("jsonrpc").asText(null))) {
            return RefusalJson.error(INVALID_REQUEST, "Invalid Request: the body must be one JSON-RPC 2.0 message,"
                    + " an object with \"jsonrpc\": \"2.0\" (no batches)");
        }
        return null;
    }

    /** The request with its body already read, for the transport to read again. */
    private static final class ReadBody extends HttpServletRequestWrapper {
        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            var in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            InputStream in = new ByteArrayInputStream(body);
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }
    }
}
