// One run in the conversation: the question, the agents' bubbles as they stream (a discussion
// reads as Plume and Mimir talking to each other, then the synthesis for you), a status line
// while nodes work, and the stats under the answer. It only renders events; chat.js owns the stream.

import { h, agentName, routeName, announce } from "./dom.js";
import { Bubble } from "./bubble.js";
import { noteLink } from "./markdown.js";
import { api } from "./api.js";
import { markCitation, citationSummary } from "./citations.js";
import { changeLinks } from "./run-changes.js";

const WORKING = {
  plume: "Plume is writing…",
  mimir: "Mimir searches the archive…",
  discussion: "Plume and Mimir are discussing…",
};

const REASONS = { "named:plume": "you named Plume", "named:mimir": "you named Mimir", "named:both": "you named both", mode: "the mode you chose" };

// Error codes of the `error` event (PROTOCOL §3) in plain words; the server's message follows.
const FAILURES = {
  model_overloaded: "The model is overloaded right now.",
  rate_limited: "The model provider is limiting requests right now.",
  model_unavailable: "The model could not be reached.",
  timeout: "The model took too long to answer.",
  auth_failed: "The server's model key was refused: the server's configuration needs fixing.",
  shutting_down: "The server is shutting down.",
};

export class RunView {
  /** @param question the user's text; @param onRetry called with no argument when the user retries */
  constructor(log, { question, runId = null, onRetry = null }) {
    this.onRetry = onRetry;
    this.bubbles = new Map(); // message_id -> Bubble
    this.open = new Map(); // agent -> Bubble being written (or waiting for text, with chips)
    this.route = null;
    this.status = h("p", { class: "run-status" });
    this.turns = h("div", { class: "turns" });
    this.element = h("section", { class: "run", "data-run-id": runId ?? "" });
    if (question != null) this.element.append(h("article", { class: "msg msg-user", "data-agent": "user" }, question));
    this.element.append(this.turns, this.status);
    log.append(this.element);
  }

  set runId(id) { this.element.dataset.runId = id; }

  handle(event) {
    switch (event.type) {
      case "start": return this.#status("Starting…", true);
      case "routing": return this.#routed(event.route, event.reason);
      case "processing":
        if (event.status === "started") this.#status(WORKING[event.node] ?? `${event.node}…`, true, true);
        return;
      case "agent_delta": return this.#delta(event);
      case "agent_message": return this.#message(event);
      case "agent_action": return this.#action(event);
      case "warning": return this.#warning(event.message);
      case "citation": return this.bubbles.get(event.message_id) && markCitation(this.bubbles.get(event.message_id).body, event);
      case "complete": return this.#complete(event.result);
      case "error": return this.#failed(event);
      case "cancelled": return this.#cancelled(event.reason);
    }
  }

  /** The connection dropped ("lost", attempt 1, 2, ...) or is back ("live"). */
  connection(state, attempt) {
    if (state === "lost") {
      if (attempt === 1) {
        // Counted on the element: what a person sees as "it reconnected", and what the tests check.
        this.element.dataset.reconnects = String(Number(this.element.dataset.reconnects ?? 0) + 1);
        this.statusBeforeDrop = this.status.textContent;
        announce("Connection lost. Reconnecting.");
      }
      this.#status("Connection lost. Reconnecting…", true);
      this.status.classList.add("reconnecting");
    } else if (this.status.classList.contains("reconnecting")) {
      // Back: the replayed events go on updating the line from where it was.
      this.status.classList.remove("reconnecting");
      this.#status(this.statusBeforeDrop ?? "", true);
    }
  }

  #routed(route, reason) {
    this.#route(route);
    const why = REASONS[reason] ?? (reason?.startsWith("auto") ? "chosen by intent" : reason);
    this.#status(`${routeName(route)}${why ? ` (${why})` : ""}`, true);
  }

  #route(route) {
    this.route = route;
    this.element.dataset.route = route;
    if (route === "discussion" && !this.element.classList.contains("discussion")) {
      this.element.classList.add("discussion");
      this.turns.append(h("p", { class: "discussion-label" }, "Plume and Mimir discuss"));
    }
  }

  #bubbleFor(agent, messageId, to) {
    let bubble = messageId ? this.bubbles.get(messageId) : null;
    if (bubble) return bubble;
    bubble = this.open.get(agent);
    if (!bubble || (messageId && bubble.messageId && bubble.messageId !== messageId)) {
      bubble = new Bubble(agent);
      this.turns.append(bubble.element);
      this.open.set(agent, bubble);
    }
    if (messageId && !bubble.messageId) {
      bubble.messageId = messageId;
      bubble.element.dataset.messageId = messageId;
      this.bubbles.set(messageId, bubble);
    }
    if (to && !bubble.element.dataset.to) bubble.setRecipient(to, to === "user");
    return bubble;
  }

  #delta(event) {
    const fresh = !this.bubbles.has(event.message_id);
    const bubble = this.#bubbleFor(event.agent, event.message_id, event.to);
    if (fresh) {
      this.#status(event.to === "user"
        ? `${agentName(event.agent)} writes the answer…`
        : `${agentName(event.agent)} writes to ${agentName(event.to)}…`, true);
    }
    bubble.append(event.delta);
  }

  #message(event) {
    const bubble = this.#bubbleFor(event.agent, event.message_id, event.to);
    bubble.finish(event.content);
    this.open.delete(event.agent);
  }

  #action(event) {
    this.#bubbleFor(event.agent, null, null).action(event);
    if (event.status === "running") this.#status(`${agentName(event.agent)}: ${event.details || event.action}…`, true);
  }

  #warning(message) {
    this.turns.append(h("p", { class: "warning", role: "note" }, `⚠ ${message}`));
  }

  #complete(result) {
    this.#end();
    this.stats({
      route: result.agent_used, ms: result.processing_time_ms, tokens: result.tokens_used,
      cost: result.cost_usd, model: result.model, noteIds: result.note_ids ?? [],
    });
    const citations = citationSummary(result.citations);
    if (citations) this.element.querySelector(".stats")?.append(citations);
    if (result.note_ids?.length) changeLinks(this.element, result.run_id);
    announce("The answer is complete.");
  }

  #failed(event) {
    this.#end("Interrupted by an error.");
    const plain = FAILURES[event.code];
    const box = h("div", { class: "error-box", role: "alert" },
      h("strong", {}, "The run failed. "), plain ? `${plain} ` : "",
      h("span", { class: plain ? "muted small" : "" }, event.error ?? ""),
      event.retryable ? " You can try again." : "");
    if (event.retryable && this.onRetry) {
      box.append(h("div", {}, h("button", { type: "button", onclick: () => this.onRetry() }, "Try again")));
    }
    this.element.append(box);
  }

  #cancelled(reason) {
    this.#end("Stopped.");
    this.element.dataset.cancelled = "true";
    this.element.append(h("p", { class: "stopped" }, `Stopped${reason ? `: ${reason}` : ""}.`));
    announce("The run was stopped.");
  }

  /** A failure outside the run's events (the server unreachable, the run expired). */
  problem(message) {
    this.#end("Incomplete.");
    this.element.append(h("div", { class: "error-box", role: "alert" }, h("strong", {}, "Problem: "), message));
  }

  #end(flag) {
    this.#status("");
    for (const bubble of this.open.values()) if (flag) bubble.flag(flag);
    this.open.clear();
    this.element.dataset.ended = "true";
  }

  #status(text, busy = false, say = false) {
    this.status.textContent = text;
    this.status.classList.toggle("busy", busy && text !== "");
    if (say && text) announce(text);
  }

  /** The line under an answer: route, time, tokens, cost, model, and the notes the run wrote. */
  stats({ route, ms, tokens, cost, model, noteIds = [] }) {
    const parts = [
      route && `Route: ${routeName(route)}`,
      ms != null && `${(ms / 1000).toFixed(1)} s`,
      tokens != null && `${tokens} tokens`,
      cost != null && `$${Number(cost).toFixed(4)}`,
      model && `Model: ${model}`,
    ].filter(Boolean);
    const line = h("p", { class: "stats", "aria-label": "Run statistics" }, ...parts.map((p) => h("span", {}, p)));
    if (noteIds.length) {
      const links = noteIds.map((id, i) => noteLink(id, `note ${i + 1}`));
      line.append(h("span", {}, "Notes: ", ...links.flatMap((link, i) => [i ? ", " : "", link])));
      // Titles read better than ids; a note that can't be read keeps its number.
      links.forEach((link) => api(`/api/v1/notes/${encodeURIComponent(link.dataset.noteId)}`)
        .then((note) => { if (note?.title) link.textContent = note.title; }, () => {}));
    }
    this.element.querySelector(".stats")?.remove();
    this.element.append(line);
  }

  /** A finished stored message (conversation history). */
  stored(message) {
    if (message.kind === "turn") this.#route("discussion");
    const bubble = new Bubble(message.author, message.to, { answer: message.kind === "answer" });
    bubble.element.dataset.messageId = message.id;
    this.turns.append(bubble.element);
    bubble.finish(message.content);
    for (const citation of message.citations ?? []) markCitation(bubble.body, citation);
    if (message.incomplete) bubble.flag("Incomplete: the run did not finish this message.");
  }

  /** A stored run's end as the run record tells it (GET /api/v1/runs/{id}). */
  storedEnd(run) {
    this.#status("");
    this.element.dataset.ended = "true";
    if (run.status === "cancelled") this.element.append(h("p", { class: "stopped" }, "Stopped."));
    if (run.status === "failed") {
      this.element.append(h("div", { class: "error-box" }, h("strong", {}, "The run failed. "),
        FAILURES[run.error?.code] ?? "", " ", run.error?.message ?? ""));
    }
    if (run.status === "interrupted") this.element.append(h("p", { class: "stopped" }, "Interrupted (the server stopped)."));
    if (run.status === "completed") {
      const usage = run.usage ?? {};
      this.stats({ route: run.route, ms: run.processing_time_ms, cost: run.cost_usd, model: run.model,
        tokens: (usage.input_tokens ?? 0) + (usage.output_tokens ?? 0) });
    }
  }
}
