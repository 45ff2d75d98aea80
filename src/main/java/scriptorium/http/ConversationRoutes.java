package scriptorium.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import scriptorium.run.RunService;
import scriptorium.store.Conversation;
import scriptorium.store.ConversationStore;
import scriptorium.store.StoredMessage;

/** Conversations and their messages. */
final class ConversationRoutes {

    private final ConversationStore conversations;
    private final RunService runs;

    ConversationRoutes(ConversationStore conversations, RunService runs) {
        this.conversations = conversations;
        this.runs = runs;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/v1/conversations", this::list);
        routes.get("/api/v1/conversations/{id}", this::show);
        routes.delete("/api/v1/conversations/{id}", this::delete);
    }

    private void list(Context ctx) {
        int limit = Paging.limit(ctx, 50, 200);
        int offset = Paging.offset(ctx);
        ObjectNode json = Json.object();
        ArrayNode items = json.putArray("conversations");
        conversations.list(AccessFilter.caller(ctx).userId(), limit, offset).forEach(c -> items.add(conversation(c)));
        json.put("limit", limit).put("offset", offset);
        ctx.json(json);
    }

    private void show(Context ctx) {
        String id = ctx.pathParam("id");
        String owner = AccessFilter.caller(ctx).userId();
        runs.awaitStored(id); // a client that has `complete` reads the run's answer in its conversation
        Conversation conversation = conversations.find(owner, id)
                .orElseThrow(() -> ApiException.notFound("conversation " + id + ": unknown"));
        ObjectNode json = conversation(conversation);
        ArrayNode messages = json.putArray("messages");
        var citations = conversations.citations(owner, id);
        for (StoredMessage m : conversations.messages(owner, id)) {
            ObjectNode message = messages.addObject().put("id", m.id()).put("run_id", m.runId())
                    .put("author", m.author()).put("to", m.recipient())
                    .put("kind", m.kind().name().toLowerCase(Locale.ROOT)).put("content", m.content())
                    .put("incomplete", m.incomplete()).put("created_at", m.createdAt().toString());
            if (m.kind() != StoredMessage.Kind.QUESTION) { // PROTOCOL §7's fields, as the `citation` events had them
                ArrayNode cited = message.putArray("citations");
                citations.getOrDefault(m.id(), List.of()).forEach(c -> {
                    ObjectNode item = cited.addObject().put("note_id", c.noteId()).put("quote", c.quote())
                            .put("verified", c.verified());
                    if (c.reason() != null) {
                        item.put("reason", c.reason());
                    }
                });
            }
        }
        ctx.json(json);
    }

    private void delete(Context ctx) {
        String id = ctx.pathParam("id");
        if (!conversations.delete(AccessFilter.caller(ctx).userId(), id)) {
            throw ApiException.notFound("conversation " + id + ": unknown");
        }
        ctx.status(204);
    }

    private static ObjectNode conversation(Conversation c) {
        return Json.object().put("id", c.id()).put("session_id", c.id()).put("title", c.title())
                .put("created_at", c.createdAt().toString()).put("updated_at", c.updatedAt().toString());
    }
}
