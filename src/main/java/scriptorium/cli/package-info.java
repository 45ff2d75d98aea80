/**
 * The {@code scriptorium} commands. {@code chat} is an HTTP client of the server, like any other client;
 * {@code import} and {@code export} go through the server when one runs, else work on the data folder directly.
 */
package scriptorium.cli;
