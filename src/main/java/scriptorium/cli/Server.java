package scriptorium.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A running Scriptorium server, as the commands that talk to it see it. Over {@link HttpURLConnection}, not the
 * JDK's {@code HttpClient}: building the latter sets up TLS and its threads, about 0.4 s of CPU at every command
 * here (docs/benchmarks.md), for a plain-HTTP request or two.
 */
record Server(String base, String token) {

    /** How long a command waits to learn whether a server is up before working without it. */
    private static final int PROBE_MILLIS = 2_000;
    private static final int CONNECT_MILLIS = 5_000;

    /** {@code --url}, else {@code $SCRIPTORIUM_URL}, else this machine on {@code $PORT} (the server's: 8080). */
    static String url(String option) {
        String url = option != null ? option : System.getenv("SCRIPTORIUM_URL");
        if (url == null) {
            url = "http://localhost:" + System.getenv().getOrDefault("PORT", "8080");
        }
        return url.replaceAll("/+$", "");
    }

    /** The server at {@code base}, with the caller's token for it ($SCRIPTORIUM_TOKEN, else `scriptorium login`'s). */
    static Server at(String base) {
        return new Server(base, CliCredentials.ofUser(System.getenv()).token(base, System.getenv()).orElse(null));
    }

    /**
     * The server at {@code url} if it answers {@code /health}, ready or still starting (it then holds our requests
     * until it is ready); empty when nothing (or something else) answers.
     */
    static Optional<Server> find(String url) {
        var server = Server.at(url);
        try {
            HttpURLConnection health = server.open("GET", "/health");
            health.setConnectTimeout(PROBE_MILLIS);
            health.setReadTimeout(PROBE_MILLIS);
            int status = health.getResponseCode();
            String body = body(health);
            boolean up = status == 200 && body.contains("\"status\":\"ok\"")
                    || status == 503 && body.contains("\"status\":\"starting\"");
            return up ? Optional.of(server) : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            // Nothing listens there (or the URL is not one): the caller works without a server, or says it can't.
            return Optional.empty();
        }
    }

    /** A request to {@code path}, not yet sent; no read deadline (streams stay open while a run goes on). */
    HttpURLConnection open(String method, String path) throws IOException {
        var connection = (HttpURLConnection) URI.create(base + path).toURL().openConnection();
        connection.setRequestMethod(method);
        connection.setConnectTimeout(CONNECT_MILLIS);
        if (token != null) {
            connection.setRequestProperty("Authorization", "Bearer " + token);
        }
        return connection;
    }

    /** Sends {@code json} as the request's body. */
    static void send(HttpURLConnection connection, String json) throws IOException {
        connection.setRequestProperty("Content-Type", "application/json");
        connection.setDoOutput(true);
        try (OutputStream out = connection.getOutputStream()) {
            out.write(json.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The whole response body, an error's included. */
    static String body(HttpURLConnection connection) throws IOException {
        InputStream in = connection.getResponseCode() < 400 ? connection.getInputStream() : connection.getErrorStream();
        if (in == null) {
            return "";
        }
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
