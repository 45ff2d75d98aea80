package scriptorium.mcp;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who makes an MCP call: the one identity the tools see, taken from the HTTP request by the lookup App gives
 * {@link McpEndpoint}. Today there is one implicit owner with every scope ({@link #LOCAL}); with accounts (issue 10)
 * the lookup reads the {@code Caller} the access gate attached to the request, so that each tool works on the
 * caller's notes and runs only ({@link #owner}) and only within its token's {@link #scopes}.
 *
 * @param owner  the user whose notes and runs the call reads and writes
 * @param scopes what the caller may do
 */
public record McpCaller(String owner, Set<Scope> scopes) {

    /** Local mode's implicit owner: no credentials, every scope. */
    public static final McpCaller LOCAL = new McpCaller("local", EnumSet.allOf(Scope.class));

    public McpCaller {
        if (owner == null || owner.isBlank()) {
            throw new IllegalArgumentException("owner: required");
        }
        scopes = scopes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(scopes));
    }

    public boolean may(Scope scope) {
        return scopes.contains(scope);
    }
}
