package scriptorium.llm.stream;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Where a provider's calls go and the header lines they all carry, written once as the bytes that open every
 * request: only the content length and the body differ from one call to the next.
 *
 * @param origin the server, which the connection pool is keyed by
 * @param head {@code POST path HTTP/1.1}, the fixed headers, and {@code content-length: } waiting for its value
 */
public record Endpoint(Origin origin, byte[] head) {

    /** A server: {@code https} (TLS, hostname verified) or plain {@code http}. */
    public record Origin(boolean tls, String host, int port) {}

    /**
     * A JSON POST to {@code url} with these headers ({@code name, value, name, value...}) after ours: the response
     * is awaited as a stream ({@code accept: text/event-stream}) and never compressed, so that tokens are read as
     * they come, never held back by a gzip window.
     */
    public static Endpoint streaming(String url, String... headers) {
        return post(url, "application/json", "text/event-stream", headers);
    }

    /** A POST of {@code contentType} to {@code url}, answered in {@code accept}. */
    public static Endpoint post(String url, String contentType, String accept, String... headers) {
        URI uri = URI.create(url);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("url: must be http:// or https:// with a host, got " + url);
        }
        boolean tls = scheme.equals("https");
        int port = uri.getPort() >= 0 ? uri.getPort() : tls ? 443 : 80;
        String host = uri.getHost();
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        var head = new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\n");
        line(head, "host", uri.getPort() >= 0 ? host + ":" + port : host);
        line(head, "user-agent", "scriptorium");
        line(head, "accept", accept);
        line(head, "accept-encoding", "identity");
        line(head, "content-type", contentType);
        if (headers.length % 2 != 0) {
            throw new IllegalArgumentException("headers: a value for every name");
        }
        for (int i = 0; i < headers.length; i += 2) {
            line(head, headers[i], headers[i + 1]);
        }
        head.append("content-length: ");
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host; // an IPv6 literal
        return new Endpoint(new Origin(tls, bare, port), head.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void line(StringBuilder head, String name, String value) {
        if (name.isEmpty() || (name + value).chars().anyMatch(c -> c == '\r' || c == '\n')) {
            throw new IllegalArgumentException("header " + name + ": a name, and no line break in it or its value");
        }
        head.append(name).append(": ").append(value).append("\r\n");
    }

    /** A request of this endpoint: its head, the length of {@code body}, and {@code body}, in one array. */
    public ProviderRequest request(byte[] body) {
        byte[] length = (body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = new byte[head.length + length.length + body.length];
        System.arraycopy(head, 0, bytes, 0, head.length);
        System.arraycopy(length, 0, bytes, head.length, length.length);
        System.arraycopy(body, 0, bytes, head.length + length.length, body.length);
        return new ProviderRequest(origin, bytes);
    }
}
