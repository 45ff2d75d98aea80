package scriptorium.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** A running Scriptorium server, as the commands that talk to it see it. */
record Server(String base, HttpClient http) {

    /** How long a command waits to learn whether a server is up before working without it. */
    private static final Duration PROBE = Duration.ofSeconds(2);

    /** {@code --url}, else {@code $SCRIPTORIUM_URL}, else this machine on {@code $PORT} (the server's default, 8080). */
    static String url(String option) {
        String url = option != null ? option : System.getenv("SCRIPTORIUM_URL");
        if (url == null) {
            url = "http://localhost:" + System.getenv().getOrDefault("PORT", "8080");
        }
        return url.replaceAll("/+$", "");
    }

    static HttpClient client() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The server at {@code url} if it answers {@code /health}; empty when nothing (or something else) answers. */
    static Optional<Server> find(String url) throws InterruptedException {
        HttpClient http = client();
        try {
            var health = HttpRequest.newBuilder(URI.create(url + "/health")).timeout(PROBE).GET().build();
            HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"status\":\"ok\"")
                    ? Optional.of(new Server(url, http)) : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            // Nothing listens there (or the URL is not one): the caller works without a server, or says it can't.
            return Optional.empty();
        }
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path));
    }
}
