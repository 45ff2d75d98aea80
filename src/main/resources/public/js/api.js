// JSON calls to the server. Every failure becomes an ApiError whose message a person can read:
// the page shows it as it is, so nothing ends as a console-only error.

export class ApiError extends Error {
  /** @param status HTTP status, 0 when the server could not be reached */
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export const UNREACHABLE = "Can't reach the Scriptorium server. Check that it is running and your connection is up.";

/** fetch() that turns network failures and error statuses into ApiError; JSON body in, JSON (or null) out. */
export async function api(path, { method = "GET", body, headers = {}, signal } = {}) {
  let response;
  try {
    response = await fetch(path, {
      method,
      signal,
      headers: body === undefined ? headers : { "Content-Type": "application/json", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    if (e.name === "AbortError") throw e;
    throw new ApiError(0, "unreachable", UNREACHABLE);
  }
  if (!response.ok) {
    const error = await errorOf(response);
    // A session that ended (signed out elsewhere, expired): account.js shows the sign-in form again.
    if (error.status === 401) window.dispatchEvent(new CustomEvent("scriptorium:unauthenticated"));
    throw error;
  }
  if (response.status === 204) return null;
  const type = response.headers.get("Content-Type") || "";
  return type.includes("json") ? response.json() : null;
}

/** The server's {"error":{"code","message"}} as an ApiError (PROTOCOL §1), or a sentence for the status. */
export async function errorOf(response) {
  let code = `http_${response.status}`;
  let message = null;
  try {
    const json = await response.json();
    code = json?.error?.code ?? code;
    message = json?.error?.message ?? null;
  } catch {
    // not JSON (a proxy's error page): the status alone says what happened
  }
  return new ApiError(response.status, code, message ?? sentenceFor(response.status));
}

function sentenceFor(status) {
  if (status === 404) return "Not found.";
  if (status === 413) return "That is too large for the server.";
  if (status === 429) return "Too many requests: wait a moment and try again.";
  if (status >= 500) return `The server had a problem (HTTP ${status}). Try again in a moment.`;
  return `The server refused the request (HTTP ${status}).`;
}
