package scriptorium.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import scriptorium.json.Jackson;

/**
 * {@code scriptorium login --url U}: asks for a username and password, signs in, creates a personal token (scopes
 * read, write, chat; 90 days), signs out, and keeps the token for {@code U} ({@link CliCredentials}), which
 * {@code scriptorium chat} then sends. The password is only ever sent to the server, never stored.
 */
@Command(name = "login", mixinStandardHelpOptions = true, description = "Sign in to a server in accounts mode and keep a personal token for the CLI.")
public final class LoginCommand implements Callable<Integer> {

    @Option(names = "--url", description = "Server URL (default: $SCRIPTORIUM_URL or http://localhost:8080).")
    String url;

    @Option(names = "--user", description = "Username (asked when not given).")
    String user;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public Integer call() throws IOException, InterruptedException {
        String base = Server.url(url);
        var stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Console console = System.console();
        String username = user != null ? user : ask(console, stdin, "Username: ");
        String password = console != null ? new String(console.readPassword("Password: ")) : ask(null, stdin, "Password: ");
        try {
            var signIn = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/session")),
                    "POST", Jackson.MAPPER.createObjectNode().put("username", username).put("password", password));
            if (signIn.statusCode() != 200) {
                return refused("sign-in", signIn);
            }
            String cookie = signIn.headers().firstValue("Set-Cookie").orElse("").split(";", 2)[0];
            var body = Jackson.MAPPER.createObjectNode().put("label", "scriptorium CLI").put("expires_in_days", 90);
            body.putArray("scopes").add("read").add("write").add("chat");
            var created = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/tokens")).header("Cookie", cookie),
                    "POST", body);
            send(HttpRequest.newBuilder(URI.create(base + "/api/v1/session")).header("Cookie", cookie), "DELETE", null);
            if (created.statusCode() != 201) {
                return refused("creating a token", created);
            }
            var credentials = CliCredentials.ofUser(System.getenv());
            credentials.save(base, Jackson.MAPPER.readTree(created.body()).path("token").asText());
            System.out.println("Signed in as " + username + "; token kept in " + credentials.file()
                    + " (expires in 90 days; revoke it from the page's token list)");
            return 0;
        } catch (ConnectException e) {
            System.err.println("scriptorium: cannot reach " + base + ": is `scriptorium serve` running?");
            return 2;
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String method, JsonNode body)
            throws IOException, InterruptedException {
        var publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString());
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.method(method, publisher).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int refused(String what, HttpResponse<String> response) {
        String message = response.body();
        try {
            message = Jackson.MAPPER.readTree(response.body()).path("error").path("message").asText(message);
        } catch (IOException e) {
            // not JSON (a proxy's page): print it as it is
        }
        System.err.println("scriptorium login: " + what + " refused (" + response.statusCode() + "): " + message);
        return 2;
    }

    private static String ask(Console console, BufferedReader stdin, String prompt) throws IOException {
        if (console != null) {
            return console.readLine(prompt);
        }
        System.err.print(prompt);
        String line = stdin.readLine();
        return line == null ? "" : line.strip();
    }
}
