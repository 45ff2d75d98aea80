/**
 * The {@code scriptorium} commands. {@code chat} is an HTTP client of the server, like any other client;
 * {@code import} and {@code export} work on the data folder directly, so they run while the server is stopped.
 */
package scriptorium.cli;
