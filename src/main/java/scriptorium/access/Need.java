package scriptorium.access;

/** What a route asks of its caller; {@link Policy} gives each route one. */
public enum Need {
    /** Anyone (sign-in, setup, {@code /health} without details): credentials, if any, are still read. */
    OPEN,
    /** A token with the scope, or a session. */
    READ, WRITE, CHAT,
    /** Any credentials: the route checks finer scopes per operation itself (MCP's tools each name theirs). */
    SIGNED_IN,
    /** An admin's session, or a token with scope {@code metrics}. */
    METRICS,
    /** A signed-in browser session (token management: a token cannot mint or list tokens). */
    SESSION,
    /** An admin's session (user management). */
    ADMIN
}
