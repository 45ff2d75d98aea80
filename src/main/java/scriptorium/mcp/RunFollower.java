package scriptorium.mcp;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import scriptorium.events.EventFeed;
import scriptorium.events.RunEvent;
import scriptorium.events.RunResult;
import scriptorium.events.Sequenced;
import scriptorium.run.RunRequest;
import scriptorium.run.RunService;

/**
 * Starts a run and reads it back through the {@link EventFeed}, as a stream does: nothing of the run is done here, so
 * it is the run a chat message makes (events, storage, usage, cost). Reports each step as progress and collects the
 * notes the run touched: those its tools found or read ({@code agent_action} metadata) and those it wrote.
 */
final class RunFollower {

    private static final Duration POLL = Duration.ofSeconds(30);

    private final RunService runs;
    private final EventFeed events;

    RunFollower(RunService runs, EventFeed events) {
        this.runs = runs;
        this.events = events;
    }

    /**
     * Blocks until the run ends; the run outlives the call if the client leaves (PROTOCOL §4.4).
     *
     * @throws ToolRefusal when the run fails or is cancelled, or the server stops while waiting
     */
    Map<String, Object> run(RunRequest request, Progress progress) {
        RunService.StartedRun started = runs.start(request);
        Set<String> touched = new LinkedHashSet<>();
        try (var subscription = events.follow(started.runId(), 0)) {
            while (true) {
                Optional<Sequenced> next = subscription.poll(POLL);
                if (next.isEmpty()) {
                    continue;
                }
                Sequenced event = next.get();
                if (event.event() instanceof RunEvent.Terminal end) {
                    return outcome(started, end, touched);
                }
                String step = describe(event.event(), touched);
                if (step != null) {
                    progress.report(event.seq(), step);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolRefusal("the server is stopping; run " + started.runId() + " goes on and is stored"
                    + " (GET /api/v1/runs/" + started.runId() + ")");
        }
    }

    private static Map<String, Object> outcome(RunService.StartedRun started, RunEvent.Terminal end,
                                               Set<String> touched) {
        return switch (end) {
            case RunEvent.Completed completed -> {
                RunResult result = completed.result();
                touched.addAll(result.noteIds());
                yield ToolJson.fields(
                        "answer", result.response(),
                        "note_ids", List.copyOf(touched),
                        "notes_written", result.noteIds(),
                        "run_id", result.runId(),
                        "conversation_id", result.sessionId(),
                        "route", result.agentUsed().id(),
                        "tokens_used", result.tokensUsed(),
                        "cost_usd", result.costUsd(),
                        "model", result.model());
            }
            case RunEvent.Failed failed -> throw new ToolRefusal("run " + started.runId() + " failed ("
                    + failed.code() + "): " + failed.message() + (failed.retryable() ? " Try again later." : ""));
            case RunEvent.Cancelled cancelled -> throw new ToolRefusal("run " + started.runId() + " was cancelled: "
                    + cancelled.reason());
        };
    }

    /** One line of progress for a step worth telling (not each streamed chunk), noting the notes it touched. */
    private static String describe(RunEvent event, Set<String> touched) {
        return switch (event) {
            case RunEvent.Start start -> null;
            case RunEvent.Routed routed -> "routed to " + routed.route().id();
            case RunEvent.Processing p -> p.node().id() + (p.phase() == RunEvent.Phase.STARTED ? " is working"
                    : " is done");
            case RunEvent.AgentDelta delta -> null;
            case RunEvent.AgentMessage message -> message.agent().id() + " wrote a message";
            case RunEvent.AgentAction action -> {
                if (action.status() == RunEvent.ActionStatus.COMPLETED) {
                    collect(action.metadata(), touched);
                }
                yield action.details();
            }
            case RunEvent.Warning warning -> warning.message();
            case RunEvent.Citation citation -> citation.verified() ? null
                    : "an unverified citation of note " + citation.noteId();
            case RunEvent.Terminal terminal -> null;
        };
    }

    private static void collect(Map<String, Object> metadata, Set<String> touched) {
        if (metadata.get("note_id") instanceof String id) {
            touched.add(id);
        }
        if (metadata.get("note_ids") instanceof List<?> ids) {
            ids.forEach(id -> touched.add(String.valueOf(id)));
        }
    }
}
