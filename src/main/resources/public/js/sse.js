// Reads one run's event stream (PROTOCOL §2, §5) and keeps it alive across network drops.
//
// The first request is a POST (EventSource cannot send one), so this reads fetch()'s body itself.
// It remembers the last seq it handed on; after a drop it asks GET /api/v1/runs/{id}/stream with
// Last-Event-ID = that seq, and skips anything at or below it, so a bubble never gets text twice.

import { ApiError, UNREACHABLE, errorOf } from "./api.js";

const TERMINAL = new Set(["complete", "error", "cancelled"]);
// The server sends a keepalive after 15 s of silence; twice that without a byte means the
// connection is dead even if the socket has not noticed (a sleeping laptop, a dropped NAT entry).
const SILENCE_MS = 35_000;
const RETRY_DELAYS_MS = [300, 1000, 2000, 4000, 8000];
const MAX_ATTEMPTS = 40; // about five minutes of trying before the page gives up

/** SSE frames of a response body: yields {id, data}; comment lines (keepalive) only count as life. */
export async function* frames(body, onBytes) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  let data = [];
  let id = null;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      onBytes();
      buffer += value;
      let end;
      while ((end = buffer.indexOf("\n")) >= 0) {
        const line = buffer.slice(0, end).replace(/\r$/, "");
        buffer = buffer.slice(end + 1);
        if (line === "") {
          if (data.length) yield { id, data: data.join("\n") };
          data = [];
          id = null;
        } else if (!line.startsWith(":")) {
          const colon = line.indexOf(":");
          const field = colon < 0 ? line : line.slice(0, colon);
          const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
          if (field === "data") data.push(value);
          else if (field === "id") id = value;
        }
      }
    }
  } finally {
    reader.cancel().catch(() => {}); // already closed or aborted: nothing left to release
  }
}

/**
 * One run's stream, from its start (or a rejoin) to its terminal event.
 * Callbacks: onEvent(event) in seq order, each once; onConnection("lost" | "live", attempt).
 */
export class RunStream {
  constructor({ onEvent, onConnection = () => {}, onRunId = () => {} }) {
    this.onEvent = onEvent;
    this.onConnection = onConnection;
    this.onRunId = onRunId;
    this.runId = null;
    this.sessionId = null;
    this.lastSeq = 0;
    this.ended = false;
    this.closed = false;
    this.controller = null;
  }

  /** POSTs a chat message and follows the run to its end. Rejects with ApiError if it can't start. */
  async start(body) {
    const response = await this.#request("/api/v1/chat/orchestrated/stream", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
      body: JSON.stringify(body),
    });
    this.#learnIds(response);
    await this.#follow(response);
  }

  /** Follows a run already going (a reload, another tab): replays after {@code lastSeq}, then live. */
  async rejoin(runId, lastSeq = 0) {
    this.runId = runId;
    this.lastSeq = lastSeq;
    await this.#follow(await this.#resumeRequest());
  }

  /** The page leaves this run (another conversation opened): stop reading, the run goes on. */
  close() {
    this.closed = true;
    this.controller?.abort();
  }

  async #follow(response) {
    for (let attempt = 0; ; ) {
      if (response) {
        await this.#read(response);
        if (this.ended || this.closed) return;
        attempt = 0;
      }
      this.onConnection("lost", attempt + 1);
      if (++attempt > MAX_ATTEMPTS) {
        throw new ApiError(0, "connection_lost", "The connection to the server was lost and could not be restored.");
      }
      await pause(RETRY_DELAYS_MS[Math.min(attempt - 1, RETRY_DELAYS_MS.length - 1)]);
      if (this.closed) return;
      try {
        response = await this.#resumeRequest();
      } catch (e) {
        if (e.status === 404) throw new ApiError(404, "run_expired",
          "The run can no longer be followed (it ended too long ago). Its stored messages are in the conversation.");
        if (e.status && e.status < 500) throw e;
        response = null; // unreachable or 5xx (a server restarting behind a proxy): try again
      }
    }
  }

  #resumeRequest() {
    // Last-Event-ID as a header, like EventSource would send it (PROTOCOL §5).
    return this.#request(`/api/v1/runs/${encodeURIComponent(this.runId)}/stream`, {
      headers: { Accept: "text/event-stream", "Last-Event-ID": String(this.lastSeq) },
    });
  }

  async #request(path, init) {
    this.controller = new AbortController();
    let response;
    try {
      response = await fetch(path, { ...init, cache: "no-store", signal: this.controller.signal });
    } catch (e) {
      throw new ApiError(0, "unreachable", UNREACHABLE);
    }
    if (!response.ok) throw await errorOf(response);
    return response;
  }

  /** Reads until the body ends, breaks, or stays silent too long; returns without throwing. */
  async #read(response) {
    let watchdog;
    const alive = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => this.controller.abort(), SILENCE_MS);
    };
    alive();
    this.onConnection("live", 0);
    try {
      for await (const frame of frames(response.body, alive)) {
        if (frame.data === "[DONE]") return;
        this.#deliver(JSON.parse(frame.data));
        if (this.ended) return;
      }
    } catch (e) {
      // a broken or aborted body: #follow reconnects unless the run ended or the page closed us
    } finally {
      clearTimeout(watchdog);
    }
  }

  #deliver(event) {
    if (event.seq <= this.lastSeq) return; // already shown before the drop
    this.lastSeq = event.seq;
    if (event.type === "start" && !this.sessionId) this.sessionId = event.session_id;
    if (TERMINAL.has(event.type)) this.ended = true;
    this.onEvent(event);
  }

  #learnIds(response) {
    this.runId = response.headers.get("X-Run-Id");
    this.sessionId = response.headers.get("X-Session-Id");
    this.onRunId(this.runId, this.sessionId);
  }
}

function pause(ms) {
  // Back online: try at once rather than waiting out the delay.
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      window.removeEventListener("online", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    window.addEventListener("online", done);
  });
}
