/**
 * Who is calling and what they may touch (issue 10, PROTOCOL §8): users, sessions, personal tokens and their
 * scopes, the Host and Origin checks, sign-in throttling and per-user run limits. {@link scriptorium.access.Gate}
 * decides every request before any route runs; routes never check, they receive a {@link scriptorium.access.Caller}.
 * Imports store and config; never http (the Javalin adapter of the gate lives there) nor run.
 */
package scriptorium.access;
