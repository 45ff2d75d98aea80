package scriptorium.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import scriptorium.json.Jackson;

/**
 * {@code scriptorium export} while the server runs: reads {@code GET /api/v1/notes/export} as it streams and writes
 * each Markdown file it names into the folder.
 */
final class RemoteExport {

    private final Server server;
    private final PrintStream out;
    private final PrintStream err;

    RemoteExport(Server server, PrintStream out, PrintStream err) {
        this.server = server;
        this.out = out;
        this.err = err;
    }

    /** Exit 0 once every file is written, 1 if the server refused or sent something that is not an export. */
    int run(Path folder) throws IOException {
        HttpURLConnection response = server.open("GET", "/api/v1/notes/export");
        if (response.getResponseCode() != 200) {
            err.println("scriptorium export: the server refused: " + response.getResponseCode() + " "
                    + Server.body(response));
            return 1;
        }
        try (InputStream body = response.getInputStream(); JsonParser json = Jackson.MAPPER.createParser(body)) {
            Files.createDirectories(folder);
            if (json.nextToken() != JsonToken.START_OBJECT || !"files".equals(json.nextFieldName())
                    || json.nextToken() != JsonToken.START_ARRAY) {
                err.println("scriptorium export: " + server.base() + " did not answer with an export");
                return 1;
            }
            int written = 0;
            while (json.nextToken() == JsonToken.START_OBJECT) {
                JsonNode file = Jackson.MAPPER.readTree(json);
                write(folder, file.path("name").asText(), file.path("content").asText());
                written++;
            }
            out.printf("exported %d note(s) to %s (through %s)%n", written, folder.toAbsolutePath(), server.base());
            return 0;
        }
    }

    /** Only a plain {@code .md} name is written, and only inside the folder: a server does not choose paths here. */
    private static void write(Path folder, String name, String content) throws IOException {
        if (!name.endsWith(".md") || !Path.of(name).getFileName().toString().equals(name) || name.startsWith(".")) {
            throw new IOException("refusing the file name " + name + " (not a plain .md name)");
        }
        Files.writeString(folder.resolve(name), content, StandardCharsets.UTF_8);
    }
}
