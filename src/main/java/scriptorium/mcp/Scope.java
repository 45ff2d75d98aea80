package scriptorium.mcp;

import java.util.Locale;

/**
 * What a tool needs of its caller: the scopes of PROTOCOL §8's tokens that concern MCP. Every tool names one, and
 * {@link McpTools} refuses a call whose caller lacks it, as a tool error. (Issue 10's {@code access.Scope} has these
 * three and {@code metrics}; at the merge, {@link McpCaller} is built from its {@code Caller}.)
 */
public enum Scope {
    READ, WRITE, CHAT;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
