package scriptorium.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import scriptorium.store.Ids;
import scriptorium.json.Jackson;
import scriptorium.llm.Agent;
import scriptorium.llm.ChatMessage;
import scriptorium.llm.ChatModel;
import scriptorium.llm.ModelEvent;
import scriptorium.llm.ModelReply;
import scriptorium.llm.ModelRequest;
import scriptorium.llm.ModelRequest.Task;
import scriptorium.llm.ToolCall;
import scriptorium.llm.Usage;
import scriptorium.events.RunEvent;
import scriptorium.events.RunEvent.ActionStatus;

/**
 * One agent message: call the model, stream its text as `agent_delta`, run the tools it asks for
 * (`agent_action` running then completed or failed), feed their results back, until the model answers;
 * then one `agent_message` with the whole text (PROTOCOL §3).
 */
public final class ToolLoop {

    private static final ObjectMapper JSON = Jackson.MAPPER;
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {};

    private final ChatModel model;
    private final Prompts prompts;
    private final int maxToolRounds;

    public ToolLoop(ChatModel model, Prompts prompts, int maxToolRounds) {
        this.model = model;
        this.prompts = prompts;
        this.maxToolRounds = maxToolRounds;
    }

    /**
     * Has {@code persona} write one message to {@code to}; returns its text.
     *
     * @param readAgain whether a later call starts with this conversation (see {@link ModelRequest})
     */
    String speak(AgentRun run, Persona persona, Task task, List<ChatMessage> conversation, Agent to, int turn,
                 boolean readAgain) {
        String messageId = Ids.next("m-");
        var messages = new ArrayList<>(conversation);
        var text = new StringBuilder();
        Usage usage = Usage.NONE;
        double cost = 0;
        String modelName = "offline";
        for (int round = 1; ; round++) {
            boolean toolsOffered = round <= maxToolRounds && !persona.tools().isEmpty();
            var request = new ModelRequest(persona.agent(), task, prompts.system(persona.agent(), task),
                    messages, toolsOffered ? persona.toolSpecs() : List.of(), run.input().message(), readAgain);
            ModelReply reply = run.interruptibly(() -> model.call(request, event -> {
                switch (event) {
                    case ModelEvent.TextDelta delta -> {
                        text.append(delta.text());
                        run.emit(new RunEvent.AgentDelta(persona.agent(), to, messageId, delta.text()));
                    }
                    case ModelEvent.Retrying retry -> run.emit(new RunEvent.Warning(RunEvent.Warning.MODEL_RETRY,
                            "The model failed (" + retry.cause().code() + "): attempt " + (retry.attempt() + 1)
                                    + " in " + retry.delay().toMillis() + " ms. " + retry.message()));
                }
            }));
            usage = usage.plus(reply.usage());
            cost += reply.costUsd();
            modelName = reply.model();
            if (!reply.wantsTools() || !toolsOffered) {
                break;
            }
            messages.add(new ChatMessage.Assistant(reply.text(), reply.toolCalls()));
            for (ToolCall call : reply.toolCalls()) {
                messages.add(runTool(run, persona, call));
            }
        }
        run.emit(new RunEvent.AgentMessage(persona.agent(), to, messageId, turn, text.toString(), usage, cost, modelName));
        return text.toString();
    }

    private ChatMessage.ToolResult runTool(AgentRun run, Persona persona, ToolCall call) {
        Agent agent = persona.agent();
        Tool tool = persona.tools().stream().filter(t -> t.name().equals(call.tool())).findFirst().orElse(null);
        Map<String, Object> arguments;
        try {
            arguments = parse(call.argumentsJson());
            if (tool == null) {
                throw new ToolException("there is no tool named " + call.tool());
            }
        } catch (ToolException e) {
            return failed(run, agent, call, e.getMessage());
        }
        run.emit(new RunEvent.AgentAction(agent, call.tool(), call.callId(), ActionStatus.RUNNING,
                tool.announce(arguments), Map.of("arguments", arguments)));
        try {
            ToolOutcome outcome = tool.run(arguments, run.tools());
            var metadata = new LinkedHashMap<String, Object>(outcome.metadata());
            metadata.put("arguments", arguments);
            run.emit(new RunEvent.AgentAction(agent, call.tool(), call.callId(), ActionStatus.COMPLETED,
                    outcome.details(), metadata));
            return new ChatMessage.ToolResult(call.callId(), call.tool(), outcome.content(), false);
        } catch (ToolException e) {
            return failed(run, agent, call, e.getMessage());
        }
    }

    private static ChatMessage.ToolResult failed(AgentRun run, Agent agent, ToolCall call, String reason) {
        run.emit(new RunEvent.AgentAction(agent, call.tool(), call.callId(), ActionStatus.FAILED, reason,
                Map.of("arguments_json", call.argumentsJson())));
        run.emit(new RunEvent.Warning(RunEvent.Warning.TOOL_FAILED, agent.displayName() + "'s " + call.tool() + " failed: " + reason));
        return new ChatMessage.ToolResult(call.callId(), call.tool(), "Error: " + reason, true);
    }

    /** The model's arguments as a map without nulls (event metadata is immutable and null-free). */
    private static Map<String, Object> parse(String json) {
        try {
            Map<String, Object> parsed = json == null || json.isBlank() ? Map.of() : JSON.readValue(json, OBJECT);
            var clean = new LinkedHashMap<String, Object>();
            parsed.forEach((key, value) -> {
                if (value != null) {
                    clean.put(key, value);
                }
            });
            return clean;
        } catch (JsonProcessingException e) {
            throw new ToolException("the arguments are not a JSON object: " + e.getOriginalMessage());
        }
    }
}
