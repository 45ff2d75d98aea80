package scriptorium.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import scriptorium.knowledge.NoteHistory;
import scriptorium.run.RunService;
import scriptorium.store.Change;
import scriptorium.store.Note;
import scriptorium.store.NoteRevision;
import scriptorium.store.TrashStore;

/**
 * A note's history and the trash (issue 14): {@code GET /api/v1/notes/{id}/revisions} (newest first),
 * {@code GET .../revisions/{n}} (the revision with a unified diff against the one before), {@code POST
 * /api/v1/notes/{id}/restore {"revision": n}} (a new revision), {@code GET /api/v1/trash},
 * {@code POST /api/v1/trash/{id}/restore}, and {@code GET /api/v1/runs/{id}/revisions} (what a run's agents changed).
 */
public final class HistoryRoutes {

    private final NoteHistory history;
    private final RunService runs;

    public HistoryRoutes(NoteHistory history, RunService runs) {
        this.history = history;
        this.runs = runs;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/v1/notes/{id}/revisions", ctx -> ctx.json(revisions(history(ctx).list(ctx.pathParam("id")))));
        routes.get("/api/v1/notes/{id}/revisions/{n}", this::revision);
        routes.post("/api/v1/notes/{id}/restore", this::restore);
        routes.get("/api/v1/runs/{id}/revisions", this::byRun);
        routes.get("/api/v1/trash", this::trash);
        routes.post("/api/v1/trash/{id}/restore", ctx -> ctx.json(NoteRoutes.note(
                history(ctx).untrash(ctx.pathParam("id"), Change.by(Note.Source.USER, "restored")))));
    }

    private void revision(Context ctx) {
        long number = number(ctx.pathParam("n"), "n: must be a revision number (1 or more)");
        NoteHistory.Revision revision = history(ctx).get(ctx.pathParam("id"), number);
        ctx.json(revision(revision.revision()).put("content", revision.revision().content())
                .put("diff", revision.diff()));
    }

    private void restore(Context ctx) {
        JsonNode revision = NoteRoutes.body(ctx).get("revision");
        if (revision == null || !revision.isIntegralNumber() || revision.asLong() < 1) {
            throw ApiException.badRequest("invalid_field", "revision: required, the number of a revision (1 or more)");
        }
        Note note = history(ctx).restore(ctx.pathParam("id"), revision.asLong(), Change.by(Note.Source.USER, "restored"));
        ctx.json(NoteRoutes.note(note));
    }

    private void trash(Context ctx) {
        int limit = Paging.limit(ctx, 50, 100);
        int offset = Paging.offset(ctx);
        ObjectNode json = Json.object();
        ArrayNode items = json.putArray("notes");
        NoteHistory owned = history(ctx);
        for (TrashStore.Trashed trashed : owned.trash(limit, offset)) {
            items.add(NoteRoutes.note(trashed.note()).put("deleted_at", trashed.deletedAt().toString())
                    .put("purged_after", trashed.deletedAt().plus(NoteHistory.TRASH_RETENTION).toString()));
        }
        json.put("total", owned.trashed()).put("limit", limit).put("offset", offset);
        ctx.json(json);
    }

    private static ObjectNode revisions(java.util.List<NoteRevision> revisions) {
        ObjectNode json = Json.object();
        ArrayNode items = json.putArray("revisions");
        revisions.forEach(r -> items.add(revision(r)));
        return json;
    }

    private static ObjectNode revision(NoteRevision r) {
        ObjectNode json = Json.object().put("note_id", r.noteId()).put("revision", r.number())
                .put("created_at", r.at().toString()).put("author", r.author()).put("run_id", r.runId())
                .put("summary", r.summary()).put("title", r.title());
        r.tags().forEach(json.putArray("tags")::add);
        return json.put("stored_bytes", r.storedBytes());
    }

    private static long number(String text, String rule) {
        try {
            long value = Long.parseLong(text);
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below, as any other value out of range
        }
        throw ApiException.badRequest("invalid_field", rule);
    }

    /** The changes a run made: another user's run answers as an unknown one (PROTOCOL §8). */
    private void byRun(Context ctx) {
        String runId = ctx.pathParam("id");
        runs.find(AccessFilter.caller(ctx).userId(), runId)
                .orElseThrow(() -> ApiException.notFound("run " + runId + ": unknown"));
        ctx.json(revisions(history(ctx).byRun(runId)));
    }

    /** The caller's history: another user's notes, revisions and trash answer as unknown (PROTOCOL §8). */
    private NoteHistory history(Context ctx) {
        return history.forOwner(AccessFilter.caller(ctx).userId());
    }
}
