package scriptorium.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import scriptorium.capture.Documents.Outcome;
import scriptorium.store.Note;

/** One file's outcome in the answer of {@code POST /api/v1/capture/document}. */
final class DocumentJson {

    private DocumentJson() {}

    /** Adds the ids and titles of the notes it created to {@code noteIds} and {@code titles}. */
    static ObjectNode of(Outcome outcome, List<String> noteIds, List<String> titles) {
        ObjectNode json = Json.object().put("name", outcome.fileName());
        switch (outcome) {
            case Outcome.Created created -> {
                json.put("status", "created").put("type", created.type());
                created.notes().forEach(note -> json.withArray("notes").add(brief(note)));
                created.notes().forEach(note -> noteIds.add(note.id()));
                titles.add(created.notes().getFirst().title());
            }
            case Outcome.Duplicate duplicate -> json.put("status", "duplicate").put("type", duplicate.type())
                    .put("reason", "already in the archive as “" + duplicate.existing().title() + "”")
                    .withArray("notes").add(brief(duplicate.existing()));
            case Outcome.Failed failed -> json.put("status", "failed").put("code", failed.reason().code())
                    .put("http_status", failed.reason().status()).put("reason", failed.reason().getMessage());
        }
        return json;
    }

    private static ObjectNode brief(Note note) {
        return Json.object().put("id", note.id()).put("title", note.title());
    }
}
