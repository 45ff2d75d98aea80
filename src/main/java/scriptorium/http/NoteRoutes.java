package scriptorium.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import scriptorium.knowledge.NoteDraft;
import scriptorium.knowledge.NotePage;
import scriptorium.knowledge.NotePatch;
import scriptorium.knowledge.NoteService;
import scriptorium.knowledge.SearchHit;
import scriptorium.knowledge.VaultStatus;
import scriptorium.store.LinkStore;
import scriptorium.store.Note;

/**
 * Notes and search: {@code /api/v1/notes} (CRUD, {@code ?tag=} paged, PUT with the version read) and
 * {@code /api/v1/search?q=}, a note's links ({@code /api/v1/notes/{id}/links}) and the live vault's sync
 * ({@code /api/v1/vault}). Refusals are {@code {"error":{"code","message"}}}: 400 naming the field, 404, 409 on a stale
 * version or a vault file changed since it was read (nothing overwritten), 413 for content over 1 MiB.
 */
public final class NoteRoutes {

    private final NoteService notes;
    private final Supplier<VaultStatus> vault;

    public NoteRoutes(NoteService notes, Supplier<VaultStatus> vault) {
        this.notes = notes;
        this.vault = vault;
    }

    public void register(RoutesConfig routes) {
        // First: routes match in the order they were added, and /notes/{id} would take "export" for an id.
        new NoteTransferRoutes(notes).register(routes);
        routes.post("/api/v1/notes", this::create);
        routes.get("/api/v1/notes", this::list);
        routes.get("/api/v1/notes/{id}", ctx -> ctx.json(note(notes(ctx).get(ctx.pathParam("id")))));
        routes.put("/api/v1/notes/{id}", this::update);
        routes.delete("/api/v1/notes/{id}", ctx -> {
            notes(ctx).delete(ctx.pathParam("id"));
            ctx.status(204);
        });
        routes.get("/api/v1/notes/{id}/links", this::links);
        routes.get("/api/v1/search", this::search);
        routes.get("/api/v1/vault", this::vault);
    }

    /** What a note links to and what links to it, among the caller's notes (another user's note: 404). */
    private void links(Context ctx) {
        NoteService.Links links = notes(ctx).links(ctx.pathParam("id"));
        ObjectNode json = Json.object();
        ArrayNode outgoing = json.putArray("outgoing");
        links.outgoing().forEach(l -> outgoing.add(linked(l)));
        ArrayNode backlinks = json.putArray("backlinks");
        links.backlinks().forEach(l -> backlinks.add(linked(l)));
        links.unresolved().forEach(json.putArray("unresolved")::add);
        ctx.json(json);
    }

    private static ObjectNode linked(LinkStore.Linked linked) {
        return Json.object().put("note_id", linked.noteId()).put("title", linked.title()).put("version", linked.version());
    }

    /** The live vault's sync, for its owner; to anyone else there is none. */
    private void vault(Context ctx) {
        VaultStatus status = vault.get();
        if (!AccessFilter.caller(ctx).userId().equals(status.owner())) {
            status = VaultStatus.NONE;
        }
        ObjectNode json = Json.object().put("state", status.state().name().toLowerCase(java.util.Locale.ROOT));
        if (status.owner() != null) {
            json.put("folder", status.folder()).put("total", status.total()).put("done", status.done())
                    .put("imported", status.imported()).put("updated", status.updated()).put("moved", status.moved())
                    .put("trashed", status.trashed()).put("skipped", status.failed())
                    .put("started_at", status.startedAt() == null ? null : status.startedAt().toString())
                    .put("first_sync_ms", status.syncMillis()).put("problem", status.problem());
        }
        ctx.json(json);
    }

    private void create(Context ctx) {
        JsonNode body = body(ctx);
        Note note = notes(ctx).create(new NoteDraft(text(body, "title", true), text(body, "content", true),
                tags(body)), Note.Source.USER);
        ctx.status(201).header("Location", "/api/v1/notes/" + note.id()).json(note(note));
    }

    private void update(Context ctx) {
        JsonNode body = body(ctx);
        JsonNode version = body.get("version");
        if (version == null || !version.canConvertToLong() || !version.isIntegralNumber()) {
            throw ApiException.badRequest("invalid_field", "version: required, the version you read (a whole number)");
        }
        var patch = new NotePatch(text(body, "title", false), text(body, "content", false), tags(body));
        ctx.json(note(notes(ctx).update(ctx.pathParam("id"), version.asLong(), patch)));
    }

    private void list(Context ctx) {
        String tag = ctx.queryParam("tag");
        NotePage page = notes(ctx).list(tag == null || tag.isBlank() ? null : tag.strip(),
                Paging.limit(ctx, 50, 100), Paging.offset(ctx));
        ObjectNode json = Json.object();
        ArrayNode items = json.putArray("notes");
        page.notes().forEach(note -> items.add(note(note)));
        json.put("total", page.total()).put("limit", page.limit()).put("offset", page.offset());
        ctx.json(json);
    }

    private void search(Context ctx) {
        String query = ctx.queryParam("q");
        if (query == null || query.isBlank()) {
            throw ApiException.badRequest("invalid_field", "q: required, 1..1000 characters");
        }
        ObjectNode json = Json.object().put("query", query.strip());
        ArrayNode results = json.putArray("results");
        for (SearchHit hit : notes(ctx).search(query, Paging.limit(ctx, 10, 100))) {
            ObjectNode result = results.addObject().put("note_id", hit.noteId()).put("title", hit.title())
                    .put("snippet", hit.snippet()).put("score", hit.score());
            result.put("text_score", hit.textScore()).put("vector_score", hit.vectorScore());
            hit.tags().forEach(result.putArray("tags")::add);
        }
        ctx.json(json);
    }

    /** The caller's archive: every handler works on it, so another user's note is an unknown one (404). */
    private NoteService notes(Context ctx) {
        return notes.forOwner(AccessFilter.caller(ctx).userId());
    }

    static ObjectNode note(Note note) {
        ObjectNode json = Json.object().put("id", note.id()).put("title", note.title()).put("content", note.content());
        note.tags().forEach(json.putArray("tags")::add);
        return json.put("source", note.source().id()).put("version", note.version())
                .put("created_at", note.createdAt().toString()).put("updated_at", note.updatedAt().toString());
    }

    static JsonNode body(Context ctx) {
        try {
            JsonNode body = Json.MAPPER.readTree(ctx.body());
            if (body == null || !body.isObject()) {
                throw ApiException.badRequest("invalid_json", "body: must be a JSON object");
            }
            return body;
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("invalid_json", "body: not valid JSON (" + e.getOriginalMessage() + ")");
        }
    }

    /** The string field {@code name}; null when absent and not {@code required}. */
    static String text(JsonNode body, String name, boolean required) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                throw ApiException.badRequest("invalid_field", name + ": required");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest("invalid_field", name + ": must be a string");
        }
        return value.asText();
    }

    /** The {@code tags} array of strings; null when absent. */
    static List<String> tags(JsonNode body) {
        JsonNode value = body.get("tags");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw ApiException.badRequest("invalid_field", "tags: must be an array of strings");
        }
        List<String> tags = new ArrayList<>();
        for (JsonNode tag : value) {
            if (!tag.isTextual()) {
                throw ApiException.badRequest("invalid_field", "tags: must be an array of strings");
            }
            tags.add(tag.asText());
        }
        return tags;
    }
}
