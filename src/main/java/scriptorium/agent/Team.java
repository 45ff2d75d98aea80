package scriptorium.agent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import scriptorium.llm.ChatMessage;
import scriptorium.llm.ModelRequest.Task;
import scriptorium.llm.Agent;
import scriptorium.events.RunResult.Turn;

/** Plume and Mimir: each can answer alone, or both discuss before Plume writes the synthesis. */
public final class Team {

    private final ToolLoop loop;
    private final Persona plume;
    private final Persona mimir;
    private final Prompts prompts;
    private final int maxDiscussionMessages;
    private final ContextNotes contextNotes;

    public Team(ToolLoop loop, Persona plume, Persona mimir, Prompts prompts, int maxDiscussionMessages) {
        this(loop, plume, mimir, prompts, maxDiscussionMessages, ContextNotes.NONE);
    }

    public Team(ToolLoop loop, Persona plume, Persona mimir, Prompts prompts, int maxDiscussionMessages,
                ContextNotes contextNotes) {
        this.loop = loop;
        this.plume = plume;
        this.mimir = mimir;
        this.prompts = prompts;
        this.maxDiscussionMessages = maxDiscussionMessages;
        this.contextNotes = contextNotes;
    }

    /** {@code agent} answers the user alone. */
    public Answer solo(AgentRun run, Agent agent) {
        String text = loop.speak(run, persona(agent), Task.ANSWER, conversation(run, agent), Agent.USER, 1, true);
        return new Answer(text, List.of(agent), List.of());
    }

    /**
     * Plume opens, then turns alternate until {@code maxDiscussionMessages} or until an agent concludes
     * (after at least one exchange); Plume then writes the synthesis for the user.
     */
    public Answer discuss(AgentRun run) {
        List<Turn> turns = new ArrayList<>();
        Agent speaker = Agent.PLUME;
        for (int turn = 1; turn <= maxDiscussionMessages; turn++) {
            List<ChatMessage> seen = conversation(run, speaker);
            seen.addAll(transcript(turns, speaker));
            boolean speaksAgain = turn + 2 <= maxDiscussionMessages;
            String text = loop.speak(run, persona(speaker), Task.DISCUSS, seen, speaker.other(), turn, speaksAgain);
            turns.add(new Turn(speaker, speaker.other(), text, Instant.now()));
            if (turn >= 2 && concludes(text)) {
                break;
            }
            speaker = speaker.other();
        }
        List<ChatMessage> all = conversation(run, Agent.PLUME);
        all.addAll(transcript(turns, Agent.PLUME));
        all.add(new ChatMessage.User(prompts.synthesis()));
        String synthesis = loop.speak(run, plume, Task.SYNTHESIZE, all, Agent.USER, turns.size() + 1, false);
        return new Answer(synthesis, List.of(Agent.PLUME, Agent.MIMIR), turns);
    }

    /** An agent concludes by starting its last paragraph with "Conclusion" (the discussion prompt asks it to). */
    static boolean concludes(String text) {
        String[] paragraphs = text.strip().split("\\n\\s*\\n");
        String last = paragraphs[paragraphs.length - 1].strip().replaceFirst("^[*_#>\\s]+", "");
        return last.regionMatches(true, 0, "conclusion", 0, "conclusion".length());
    }

    private Persona persona(Agent agent) {
        return agent.pick(plume, mimir);
    }

    /**
     * The conversation so far as {@code agent} sees it, ending with the user's message, preceded by the notes
     * the request named in {@code context_ids} (in the same message: some providers refuse two user turns in a row).
     */
    private List<ChatMessage> conversation(AgentRun run, Agent agent) {
        List<ChatMessage> messages = new ArrayList<>();
        for (PastMessage past : run.input().history()) {
            messages.add(as(agent, past.author(), past.content()));
        }
        String context = contextNotes.describe(run.input().contextIds(), run.tools());
        String message = run.input().message();
        messages.add(new ChatMessage.User(context.isEmpty() ? message : context + "\n\n---\n\n" + message));
        return messages;
    }

    private static List<ChatMessage> transcript(List<Turn> turns, Agent agent) {
        return turns.stream().map(turn -> as(agent, turn.agent(), turn.message())).toList();
    }

    private static ChatMessage as(Agent listener, Agent author, String text) {
        if (author == Agent.USER) {
            return new ChatMessage.User(text);
        }
        return author == listener ? new ChatMessage.Assistant(text) : new ChatMessage.Peer(author, text);
    }
}
