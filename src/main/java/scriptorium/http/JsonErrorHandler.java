package scriptorium.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import scriptorium.run.Failure;

/**
 * Jetty refuses some requests before Javalin sees them (a malformed URI, an ambiguous path, a bad header):
 * those refusals are written as our JSON error too, never as an HTML page.
 */
final class JsonErrorHandler extends ErrorHandler {

    private static final String JSON = "application/json;charset=utf-8";

    @Override
    protected void generateResponse(Request request, Response response, int status, String message, Throwable cause,
                                    Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
        response.write(true, body(status, message), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, JSON);
        return body(status, reason);
    }

    private static ByteBuffer body(int status, String message) {
        String text = message == null || message.isBlank() ? HttpStatus.getMessage(status) : message;
        Failure failure = Failure.ofStatus(status, text);
        return ByteBuffer.wrap(Json.error(failure.code(), failure.message()).getBytes(StandardCharsets.UTF_8));
    }
}
