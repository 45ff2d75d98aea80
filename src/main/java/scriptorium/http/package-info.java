/**
 * HTTP: routes, request validation ({@link scriptorium.http.ChatRequest}), SSE framing
 * ({@link scriptorium.http.SseWriter}, {@link scriptorium.http.StreamHandler}) and the one place errors become JSON.
 * Thin: parse, call a service, write. The only package that imports Javalin or Jetty; never calls a model.
 */
package scriptorium.http;
