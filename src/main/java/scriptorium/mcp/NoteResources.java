package scriptorium.mcp;

import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Optional;
import scriptorium.store.Note;

/**
 * Each note as the resource {@code note://{id}}, in Markdown ({@link NoteMarkdown}), through one resource template.
 * {@code resources/list} names none: an archive holds thousands of notes, and the tools find them; a client reads the
 * ids they return. An unknown id is the protocol's "resource not found" (-32002), as MCP says for resources.
 */
final class NoteResources {

    static final String TEMPLATE = "note://{id}";
    private static final String PREFIX = "note://";

    private final NoteTools notes;

    NoteResources(NoteTools notes) {
        this.notes = notes;
    }

    SyncResourceTemplateSpecification template() {
        var template = McpSchema.ResourceTemplate.builder(TEMPLATE, "note")
                .title("A note of the archive")
                .description("One note as Markdown: front matter with title, tags, id and version, then its content.")
                .mimeType(NoteMarkdown.MIME)
                .build();
        return new SyncResourceTemplateSpecification(template, (exchange, request) -> {
            McpCaller caller = McpEndpoint.caller(exchange.transportContext());
            String uri = request.uri();
            Optional<Note> note = caller.may(Scope.READ) && uri.startsWith(PREFIX)
                    ? notes.notes(new McpTool.Call(caller, Progress.NONE)).find(uri.substring(PREFIX.length()))
                    : Optional.empty();
            if (note.isEmpty()) {
                // Another user's note reads the same as one that does not exist (PROTOCOL §8).
                throw McpError.RESOURCE_NOT_FOUND.apply(uri);
            }
            return McpSchema.ReadResourceResult.builder(List.of(McpSchema.TextResourceContents
                    .builder(uri, NoteMarkdown.of(note.get())).mimeType(NoteMarkdown.MIME).build())).build();
        });
    }
}
