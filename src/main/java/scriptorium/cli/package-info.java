/**
 * The {@code scriptorium} commands. {@code chat} is an HTTP client of the server, like any other client.
 */
package scriptorium.cli;
