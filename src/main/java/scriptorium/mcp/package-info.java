/**
 * MCP (Model Context Protocol): the archive and the agents as tools and resources for MCP clients. An entry point
 * like {@code http}, never a second implementation of a tool: note tools call the {@code NoteService} the HTTP API
 * calls, {@code ask_mimir} and {@code ask_plume} start real runs through the {@code RunService} and read them back
 * through the {@code EventFeed}. The only package that imports the MCP SDK (and its Reactor); it imports no web
 * framework: {@code http} serves its servlet as routes. {@code scriptorium mcp} is its stdio bridge, an HTTP client of
 * a running server that never opens the database.
 */
package scriptorium.mcp;
