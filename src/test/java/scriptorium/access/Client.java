package scriptorium.access;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import scriptorium.json.Jackson;
import scriptorium.testing.TestServer;

/**
 * Requests as one caller of a server in accounts mode: a session cookie, a bearer token, or nothing. Each request
 * may add headers (name, value, name, value...) over the defaults.
 */
record Client(TestServer server, String header, String value) {

    static Client anonymous(TestServer server) {
        return new Client(server, null, null);
    }

    static Client session(TestServer server, String username, String password) {
        return new Client(server, "Cookie", server.signIn(username, password));
    }

    Client bearer(String token) {
        return new Client(server, "Authorization", "Bearer " + token);
    }

    HttpResponse<String> send(String method, String path, String json, String... headers) {
        var request = HttpRequest.newBuilder(server.uri(path)).method(method, json == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (header != null) {
            request.header(header, value);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        return server.send(request.build());
    }

    HttpResponse<String> get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    HttpResponse<String> post(String path, String json, String... headers) {
        return send("POST", path, json, headers);
    }

    /** The JSON body of a request expected to answer {@code status}. */
    JsonNode json(int status, String method, String path, String json) {
        var response = send(method, path, json);
        if (response.statusCode() != status) {
            throw new AssertionError(method + " " + path + ": expected " + status + ", got " + response.statusCode()
                    + " " + response.body());
        }
        return read(response.body());
    }

    /** A personal token of this (signed-in) caller with {@code scopes}. */
    String token(String... scopes) {
        var body = Jackson.MAPPER.createObjectNode().put("label", "test").put("expires_in_days", 1);
        var array = body.putArray("scopes");
        for (String scope : scopes) {
            array.add(scope);
        }
        return json(201, "POST", "/api/v1/tokens", body.toString()).path("token").asText();
    }

    static JsonNode read(String body) {
        try {
            return body.isEmpty() ? Jackson.MAPPER.createObjectNode() : Jackson.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
