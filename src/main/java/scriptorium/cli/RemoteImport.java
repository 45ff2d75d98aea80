package scriptorium.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import scriptorium.json.Jackson;
import scriptorium.knowledge.Importer;

/**
 * {@code scriptorium import} while the server runs: reads the files here and sends their text in batches to
 * {@code POST /api/v1/notes/import}, where the same rules as a local import apply (front matter, duplicates skipped).
 */
final class RemoteImport {

    /** Under the server's 2 MiB request limit, with room for JSON escapes. */
    private static final int BATCH_BYTES = 1024 * 1024;
    private static final int BATCH_FILES = 200;
    private static final long MAX_FILE_BYTES = 1024 * 1024;

    private final Server server;
    private final PrintStream out;
    private final PrintStream err;

    RemoteImport(Server server, PrintStream out, PrintStream err) {
        this.server = server;
        this.out = out;
        this.err = err;
    }

    /** Exit 0 once every file was sent (bad files are listed), 1 if the server refused a batch. */
    int run(Path path) throws IOException {
        long started = System.nanoTime();
        List<Path> files = Importer.filesIn(path);
        var progress = new ProgressBar(err);
        var tally = new Tally();
        ArrayNode batch = Jackson.MAPPER.createArrayNode();
        long batchBytes = 0;
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            try {
                if (Files.size(file) > MAX_FILE_BYTES) {
                    tally.failed.add(file + ": over 1 MiB");
                } else {
                    String text = Importer.read(file);
                    batch.addObject().put("path", file.toString()).put("content", text);
                    batchBytes += text.length();
                }
            } catch (IOException e) {
                tally.failed.add(file + ": " + Importer.reason(e));
            }
            boolean last = i == files.size() - 1;
            if (!batch.isEmpty() && (last || batch.size() == BATCH_FILES || batchBytes >= BATCH_BYTES)) {
                if (!send(batch, tally)) {
                    return 1;
                }
                batch = Jackson.MAPPER.createArrayNode();
                batchBytes = 0;
            }
            progress.update(i + 1, files.size());
        }
        out.printf("imported %d note(s), skipped %d already in the archive, %d failed, in %.1f s (through %s)%n",
                tally.imported, tally.skipped, tally.failed.size(), (System.nanoTime() - started) / 1e9, server.base());
        tally.failed.forEach(failure -> out.println("  failed: " + failure));
        return 0;
    }

    private boolean send(ArrayNode files, Tally tally) throws IOException {
        ObjectNode body = Jackson.MAPPER.createObjectNode();
        body.set("files", files);
        HttpURLConnection request = server.open("POST", "/api/v1/notes/import");
        Server.send(request, body.toString());
        String answer = Server.body(request);
        if (request.getResponseCode() != 200) {
            err.println("\nscriptorium import: the server refused a batch: " + request.getResponseCode() + " "
                    + answer);
            return false;
        }
        JsonNode report = Jackson.MAPPER.readTree(answer);
        tally.imported += report.path("imported").asInt();
        tally.skipped += report.path("skipped").asInt();
        report.path("failed").forEach(failure ->
                tally.failed.add(failure.path("path").asText() + ": " + failure.path("reason").asText()));
        return true;
    }

    private static final class Tally {
        final List<String> failed = new ArrayList<>();
        int imported;
        int skipped;
    }
}
