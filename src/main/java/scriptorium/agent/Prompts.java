package scriptorium.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import scriptorium.llm.ModelRequest.Task;
import scriptorium.llm.Agent;

/**
 * The prompts, read once from {@code resources/prompts/}: text is edited there, never in code.
 *
 * @param synthesis the request for a discussion's synthesis: the last user turn of Plume's last call, so that
 *                  the call keeps the system prompt of Plume's turns and reads their prefix from the cache
 */
public record Prompts(String plume, String mimir, String discussion, String synthesis) {

    public static Prompts load() {
        return new Prompts(read("plume.md"), read("mimir.md"), read("discussion.md"), read("synthesis.md"));
    }

    /** The system prompt of {@code agent} for {@code task}. */
    String system(Agent agent, Task task) {
        String persona = agent.pick(plume, mimir);
        return switch (task) {
            case ANSWER -> persona;
            case DISCUSS, SYNTHESIZE -> persona + discussion;
        };
    }

    private static String read(String name) {
        try (InputStream in = Prompts.class.getResourceAsStream("/prompts/" + name)) {
            if (in == null) {
                throw new IllegalStateException("prompt resource missing: /prompts/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
