package scriptorium.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import scriptorium.capture.Audio;
import scriptorium.capture.AudioFormat;
import scriptorium.capture.Documents;
import scriptorium.capture.Documents.Outcome;
import scriptorium.capture.QuickNotes;
import scriptorium.capture.Voice;
import scriptorium.config.TranscriptionSettings;
import scriptorium.events.Mode;
import scriptorium.run.RunService.StartedRun;
import scriptorium.store.Note;

/**
 * Captures (issue 13): a voice note starts a run and answers with its stream (or, asked for JSON, with its ids to
 * follow); documents and quick text answer with the notes they made.
 */
public final class CaptureRoutes {

    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");
    private static final int MAX_TEXT_CHARS = 100_000;

    private final Voice voice;
    private final Documents documents;
    private final QuickNotes quick;

    public CaptureRoutes(Voice voice, Documents documents, QuickNotes quick) {
        this.voice = voice;
        this.documents = documents;
        this.quick = quick;
    }

    void register(RoutesConfig routes, StreamHandler streams) {
        routes.get("/api/v1/capture", this::status);
        routes.post("/api/v1/capture/audio", ctx -> audio(ctx, streams));
        routes.post("/api/v1/capture/document", this::document);
        routes.post("/api/v1/capture/text", this::text);
    }

    private void status(Context ctx) {
        ObjectNode json = Json.object();
        json.putObject("audio").put("available", voice.available())
                .put("message", voice.available() ? null : TranscriptionSettings.HOW_TO_ENABLE)
                .put("max_bytes", Audio.MAX_BYTES).put("formats", AudioFormat.ACCEPTED);
        json.putObject("documents").put("max_bytes", Documents.MAX_BYTES)
                .put("types", "Markdown (.md), plain text (.txt), HTML (.html), PDF (.pdf)");
        ctx.json(json);
    }

    private void audio(Context ctx, StreamHandler streams) {
        var form = Uploads.of(ctx, "one file part named audio");
        List<UploadedFile> files = form.files("audio");
        if (files.size() != 1) {
            throw ApiException.badRequest("invalid_field", "audio: one file part named audio is required (got "
                    + files.size() + ")");
        }
        Mode then = mode(form.field("mode"));
        String language = form.field("language");
        if (language != null && !LANGUAGE.matcher(language.toLowerCase(Locale.ROOT)).matches()) {
            throw ApiException.badRequest("invalid_field", "language: must be an ISO-639-1 code such as fr or en");
        }
        UploadedFile file = files.getFirst();
        StartedRun run = voice.start(Uploads.read(file, Audio.MAX_BYTES), file.contentType(),
                language == null ? null : language.toLowerCase(Locale.ROOT), then, form.id("session_id"), owner(ctx));
        if (wantsJson(ctx)) { // the page and scripts that follow the run on their own: PROTOCOL §5
            ctx.status(202).header("X-Run-Id", run.runId()).header("X-Session-Id", run.sessionId())
                    .json(Json.object().put("run_id", run.runId()).put("session_id", run.sessionId())
                            .put("stream", "/api/v1/runs/" + run.runId() + "/stream"));
            return;
        }
        streams.stream(ctx, run.runId(), run.sessionId(), 0);
    }

    private void document(Context ctx) {
        var form = Uploads.of(ctx, "file parts named file");
        List<UploadedFile> files = form.files("file");
        if (files.isEmpty()) {
            throw ApiException.badRequest("invalid_field", "file: at least one file part named file is required");
        }
        boolean summarise = form.flag("summarise");
        String sessionId = form.id("session_id");
        Documents mine = documents.forOwner(owner(ctx));
        List<Outcome> outcomes = mine.add(files.stream().map(Uploads::document).toList());
        ObjectNode json = Json.object();
        ArrayNode list = json.putArray("files");
        List<String> noteIds = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        outcomes.forEach(outcome -> list.add(DocumentJson.of(outcome, noteIds, titles)));
        noteIds.forEach(json.putArray("note_ids")::add);
        if (outcomes.stream().allMatch(o -> o instanceof Outcome.Failed)) {
            var first = ((Outcome.Failed) outcomes.getFirst()).reason();
            json.putObject("error").put("code", first.code()).put("message", outcomes.getFirst().fileName() + ": "
                    + first.getMessage());
            ctx.status(first.status()).json(json);
            return;
        }
        if (summarise && !noteIds.isEmpty()) {
            StartedRun run = mine.summarise(noteIds, titles, sessionId);
            json.putObject("run").put("run_id", run.runId()).put("session_id", run.sessionId())
                    .put("stream", "/api/v1/runs/" + run.runId() + "/stream");
        }
        ctx.json(json);
    }

    private void text(Context ctx) {
        JsonNode body = NoteRoutes.body(ctx);
        String text = NoteRoutes.text(body, "text", true);
        if (text.isBlank() || text.length() > MAX_TEXT_CHARS) {
            throw ApiException.badRequest("invalid_field", "text: must be 1.." + MAX_TEXT_CHARS
                    + " characters after trim");
        }
        List<String> tags = NoteRoutes.tags(body);
        QuickNotes.Saved saved = quick.forOwner(owner(ctx)).save(text, NoteRoutes.text(body, "title", false), tags == null ? List.of() : tags);
        Note note = saved.note();
        ctx.status(saved.created() ? 201 : 200).header("Location", "/api/v1/notes/" + note.id())
                .json(NoteRoutes.note(note).put("duplicate", !saved.created()));
    }

    private static Mode mode(String value) {
        if (value == null) {
            return Mode.PLUME;
        }
        return Mode.parse(value).orElseThrow(() -> ApiException.badRequest("invalid_field",
                "mode: must be one of plume (write it down, the default), auto, mimir, discussion"));
    }

    /** JSON when asked for it alone; {@code text/event-stream}, {@code *}{@code /*} and none all stream. */
    private static boolean wantsJson(Context ctx) {
        String accept = ctx.header("Accept");
        return accept != null && accept.contains("application/json") && !accept.contains("text/event-stream");
    }

    /** Whose capture this is: it goes into the caller's archive and conversations (PROTOCOL §8). */
    private static String owner(Context ctx) {
        return AccessFilter.caller(ctx).userId();
    }
}
