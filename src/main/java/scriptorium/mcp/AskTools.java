package scriptorium.mcp;

import java.util.List;
import scriptorium.events.Mode;
import scriptorium.llm.Agent;
import scriptorium.run.RunRequest;

/**
 * {@code ask_mimir} and {@code ask_plume}: a message to one agent, as a real run ({@link RunFollower}), the same a chat
 * message is: routed with that agent's mode (a message naming the other agent still goes where PROTOCOL §6 says),
 * streamed into the event log, stored with its conversation, usage and cost, and listed with the page's conversations.
 */
final class AskTools {

    private static final int MAX_MESSAGE = 10_000;

    private final RunFollower runs;
    private final McpEndpoint.RunAdmission admission;

    AskTools(RunFollower runs, McpEndpoint.RunAdmission admission) {
        this.runs = runs;
        this.admission = admission;
    }

    List<McpTool> all() {
        return List.of(
                ask(Agent.MIMIR, "ask_mimir", "question",
                        "Ask Mimir, the archivist, a question: he searches the user's notes and answers citing them;"
                                + " returns the answer, the note ids he used and the run id.",
                        new McpTool.Hints(false, false, false)),
                ask(Agent.PLUME, "ask_plume", "text",
                        "Give Plume, the scribe, text to restate faithfully or to save as a note (say so);"
                                + " returns her answer, the note ids she wrote and the run id.",
                        new McpTool.Hints(false, true, false)));
    }

    /**
     * Both may take a while (a model's whole answer), so both report progress. Neither is read-only: the run and its
     * conversation are stored, and cost tokens; Plume may also overwrite a note she was asked to update.
     */
    private McpTool ask(Agent agent, String name, String argument, String description, McpTool.Hints hints) {
        Mode mode = agent == Agent.MIMIR ? Mode.MIMIR : Mode.PLUME;
        String schema = """
                {"type":"object","properties":{
                  "%s":{"type":"string","minLength":1,"maxLength":%d},
                  "conversation_id":{"type":"string","description":"continue this conversation (a former call's conversation_id)"}},
                 "required":["%s"],"additionalProperties":false}""".formatted(argument, MAX_MESSAGE, argument);
        return new McpTool(name, description, schema, hints, Scope.CHAT, (args, call) -> {
            String message = args.text(argument).strip();
            if (message.length() > MAX_MESSAGE) {
                throw new ToolRefusal(argument + ": must be 1.." + MAX_MESSAGE + " characters, got " + message.length());
            }
            try {
                admission.admit(call.caller().owner());
            } catch (RuntimeException refused) { // over a limit: a tool error saying which and when to try again
                throw new ToolRefusal(refused.getMessage());
            }
            var request = new RunRequest(message, mode, args.optionalText("conversation_id"), List.of(),
                    call.caller().owner());
            return NoteTools.json(runs.run(request, call.progress()));
        });
    }
}
