package scriptorium.llm;

import java.util.Locale;
import java.util.Optional;

/** Who speaks or is spoken to in events ({@code agent}, {@code to}): PROTOCOL §3. */
public enum Agent {
    PLUME, MIMIR, USER;

    /** Written in two fields of every `agent_delta`: lower-cased once, not per token. */
    private final String id = name().toLowerCase(Locale.ROOT);

    /** The agent whose {@link #id()} is {@code id}, case-insensitive. */
    public static Optional<Agent> parse(String id) {
        for (Agent agent : values()) {
            if (agent.id().equalsIgnoreCase(id)) {
                return Optional.of(agent);
            }
        }
        return Optional.empty();
    }

    public String id() {
        return id;
    }

    /** The other agent of a discussion. */
    public Agent other() {
        return switch (this) {
            case PLUME -> MIMIR;
            case MIMIR -> PLUME;
            case USER -> throw new IllegalArgumentException("the user has no other agent");
        };
    }

    /** {@code plume} or {@code mimir} for an agent's own thing (its model, prompt, persona); the user has none. */
    public <T> T pick(T plume, T mimir) {
        return switch (this) {
            case PLUME -> plume;
            case MIMIR -> mimir;
            case USER -> throw new IllegalArgumentException("the user is not an agent");
        };
    }

    /** The agent as people read it: "Plume", "Mimir", "User". */
    public String displayName() {
        return switch (this) {
            case PLUME -> "Plume";
            case MIMIR -> "Mimir";
            case USER -> "User";
        };
    }
}
