package scriptorium.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import scriptorium.knowledge.Exporter;
import scriptorium.knowledge.ImportReport;
import scriptorium.knowledge.Importer;
import scriptorium.knowledge.NoteService;

/**
 * What {@code scriptorium import} and {@code export} call while the server runs (it holds the database and index):
 * {@code POST /api/v1/notes/import} with {@code {"files":[{"path","content"}]}} answers what was imported, skipped
 * and refused (a bad file never fails the request); {@code GET /api/v1/notes/export} streams every note as
 * {@code {"files":[{"name","content"}],"count"}}, the Markdown files an export writes.
 */
final class NoteTransferRoutes {

    static final int MAX_FILES = 1000;
    private static final int MAX_PATH = 1000;

    private final NoteService notes;

    NoteTransferRoutes(NoteService notes) {
        this.notes = notes;
    }

    void register(RoutesConfig routes) {
        routes.post("/api/v1/notes/import", this::importFiles);
        routes.get("/api/v1/notes/export", this::export);
    }

    private void importFiles(Context ctx) {
        ImportReport report = new Importer(owned(ctx)).run(files(NoteRoutes.body(ctx)));
        ObjectNode json = Json.object().put("imported", report.imported()).put("skipped", report.skipped());
        ArrayNode failed = json.putArray("failed");
        report.failed().forEach(failure ->
                failed.addObject().put("path", failure.file().toString()).put("reason", failure.reason()));
        ctx.json(json);
    }

    private void export(Context ctx) throws IOException {
        ctx.contentType("application/json");
        // Streamed note by note: an archive of any size is never held whole in memory.
        try (JsonGenerator json = Json.MAPPER.createGenerator(ctx.outputStream())) {
            json.writeStartObject();
            json.writeArrayFieldStart("files");
            int count = new Exporter(owned(ctx)).each((name, markdown) -> {
                try {
                    json.writeStartObject();
                    json.writeStringField("name", name);
                    json.writeStringField("content", markdown);
                    json.writeEndObject();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            json.writeEndArray();
            json.writeNumberField("count", count);
            json.writeEndObject();
        }
    }

    private static List<Importer.TextFile> files(JsonNode body) {
        JsonNode files = body.get("files");
        if (files == null || !files.isArray() || files.size() > MAX_FILES) {
            throw ApiException.badRequest("invalid_field",
                    "files: required, an array of at most " + MAX_FILES + " {\"path\", \"content\"} objects");
        }
        List<Importer.TextFile> read = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            JsonNode file = files.get(i);
            String name = "files[" + i + "]";
            if (!file.isObject()) {
                throw ApiException.badRequest("invalid_field", name + ": must be an object with path and content");
            }
            JsonNode path = file.get("path");
            JsonNode content = file.get("content");
            if (path == null || !path.isTextual() || path.asText().isBlank() || path.asText().length() > MAX_PATH) {
                throw ApiException.badRequest("invalid_field",
                        name + ".path: required, the file's path (1.." + MAX_PATH + " characters)");
            }
            if (content == null || !content.isTextual()) {
                throw ApiException.badRequest("invalid_field", name + ".content: required, the file's text (a string)");
            }
            read.add(new Importer.TextFile(path(name, path.asText()), content.asText()));
        }
        return read;
    }

    private static Path path(String name, String path) {
        try {
            return Path.of(path);
        } catch (InvalidPathException e) {
            throw ApiException.badRequest("invalid_field", name + ".path: not a file path (" + e.getReason() + ")");
        }
    }

    /** The caller's archive: an import goes into it, an export reads it alone (PROTOCOL §8). */
    private NoteService owned(Context ctx) {
        return notes.forOwner(AccessFilter.caller(ctx).userId());
    }
}
