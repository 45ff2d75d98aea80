// The chat column: the composer, the conversation shown, and the one run this tab follows live.
// The page keeps ?c=<conversation>&run=<live run> in its URL, so a reload (or the same URL in
// another tab) reopens the conversation and rejoins a run still going, from its first event.

import { api, UNREACHABLE } from "./api.js";
import { RunStream } from "./sse.js";
import { RunView } from "./run-view.js";
import { announce, h } from "./dom.js";

export class Chat {
  constructor(elements, { onConversation }) {
    Object.assign(this, elements); // log, welcome, form, textarea, mode, sendButton, stopButton
    this.onConversation = onConversation;
    this.sessionId = null;
    this.live = null; // { stream, view } of the run being followed
    this.generation = 0; // bumped when the page switches conversation: late answers of the old one are dropped
    this.stick = true;
    this.#bind();
  }

  #bind() {
    this.textarea.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && !e.shiftKey && !e.ctrlKey && !e.altKey && !e.metaKey && !e.isComposing) {
        e.preventDefault(); // Enter sends; Shift+Enter keeps the default: a new line
        this.form.requestSubmit();
      }
    });
    this.form.addEventListener("submit", (e) => {
      e.preventDefault();
      this.send(this.textarea.value);
    });
    this.stopButton.addEventListener("click", () => this.cancel());
    // Follow the stream at the bottom, unless the user scrolled up to read.
    this.log.addEventListener("scroll", () => {
      this.stick = this.log.scrollHeight - this.log.scrollTop - this.log.clientHeight < 60;
    });
  }

  /** Sends a message in the current conversation (a new one when none is open). */
  send(text) {
    const message = text.trim();
    if (!message) return;
    if (this.live) {
      announce("Wait for the answer, or press Stop.");
      return;
    }
    if (this.beforeSend?.(message)) { // offline: capture.js keeps it as a note to send later
      this.textarea.value = "";
      this.welcome.remove();
      new RunView(this.log, { question: message }).problem(`${UNREACHABLE} Your message is kept on this device`
        + " and will be saved as a note once the server answers again.");
      this.#scroll(true);
      return;
    }
    this.textarea.value = "";
    const body = { message, mode: this.mode.value };
    if (this.sessionId) body.session_id = this.sessionId;
    this.#follow(message, null, (stream) => stream.start(body));
  }

  /** Follows a run a capture started (a voice note): shown in this conversation like a message's run. */
  followStarted(runId, sessionId, question) {
    if (sessionId !== this.sessionId) this.#leave();
    this.sessionId = sessionId;
    this.#url(sessionId, runId);
    this.onConversation(sessionId);
    this.#follow(question, runId, (stream) => stream.rejoin(runId, 0));
  }

  /** Asks Plume to summarise notes just created from documents (a Plume run given them as context). */
  summarise(notes) {
    const titles = notes.map((n) => `“${n.title}”`).join(", ");
    const body = { message: `Plume, summarise the documents just imported: ${titles}.`, mode: "plume",
      context_ids: notes.slice(0, 50).map((n) => n.id) };
    if (this.sessionId) body.session_id = this.sessionId;
    this.#follow(body.message, null, (stream) => stream.start(body));
  }

  /** Asks the server to stop the live run; its stream then ends with `cancelled`. */
  async cancel() {
    const runId = this.live?.stream.runId;
    if (!runId || this.stopButton.getAttribute("aria-disabled") === "true") return;
    // aria-disabled, not disabled: a disabled button drops the keyboard focus on the floor.
    this.stopButton.setAttribute("aria-disabled", "true");
    try {
      await api(`/api/v1/runs/${encodeURIComponent(runId)}/cancel`, { method: "POST" });
    } catch (e) {
      // 409: it ended on its own meanwhile; anything else is worth saying
      if (e.status !== 409) this.live?.view.handle({ type: "warning", message: `Could not stop the run: ${e.message}` });
      this.stopButton.removeAttribute("aria-disabled");
    }
  }

  /** Shows an empty conversation, ready for a first message. */
  startNew() {
    this.#leave();
    this.sessionId = null;
    this.log.replaceChildren(this.welcome);
    this.welcome.hidden = false;
    this.#url();
    this.onConversation(null);
    this.textarea.focus();
  }

  /** Shows a stored conversation; rejoins its run still going (or {@code rejoinRun} from the URL). */
  async open(id, { rejoinRun = null } = {}) {
    this.#leave();
    const generation = this.generation;
    this.sessionId = id;
    this.log.replaceChildren();
    this.#url(id, rejoinRun);
    let conversation;
    try {
      conversation = await api(`/api/v1/conversations/${encodeURIComponent(id)}`);
    } catch (e) {
      if (generation !== this.generation) return;
      this.log.append(h("div", { class: "error-box", role: "alert" }, e.status === 404
        ? "This conversation no longer exists." : `Could not open the conversation: ${e.message}`));
      this.sessionId = e.status === 404 ? null : id;
      this.onConversation(this.sessionId);
      return;
    }
    const runs = await runsOf(conversation.messages);
    if (generation !== this.generation) return;
    let live = null;
    for (const [i, run] of runs.entries()) {
      const question = run.messages.find((m) => m.kind === "question")?.content ?? null;
      // Only the last run can be followed live: a conversation takes one message at a time.
      const last = i === runs.length - 1;
      if (last && (run.record?.status === "running" || (run.id === rejoinRun && !run.record))) {
        live = { id: run.id, question };
        continue;
      }
      const view = new RunView(this.log, { question, runId: run.id });
      run.messages.filter((m) => m.kind !== "question").forEach((m) => view.stored(m));
      if (run.record) view.storedEnd(run.record);
    }
    this.onConversation(id);
    this.#scroll(true);
    if (live) this.#follow(live.question, live.id, (stream) => stream.rejoin(live.id, 0));
  }

  /** Runs one stream into a new RunView until its terminal event (or a failure, shown in words). */
  async #follow(question, runId, begin) {
    this.welcome.remove();
    const generation = this.generation;
    const view = new RunView(this.log, { question, runId, onRetry: () => this.send(question) });
    const stream = new RunStream({
      onEvent: (event) => { view.handle(event); this.#scroll(); },
      onConnection: (state, attempt) => view.connection(state, attempt),
      onRunId: (id, sessionId) => {
        view.runId = id;
        this.sessionId = sessionId;
        this.#url(sessionId, id);
        this.onConversation(sessionId);
      },
    });
    this.live = { stream, view };
    this.#busy(true);
    this.#scroll(true);
    try {
      await begin(stream);
    } catch (e) {
      if (generation === this.generation) view.problem(e.message);
    } finally {
      if (this.live?.stream === stream) {
        this.live = null;
        this.#busy(false);
        this.#url(this.sessionId);
        this.onConversation(this.sessionId);
      }
    }
  }

  #leave() {
    this.generation++;
    this.live?.stream.close(); // the run goes on on the server (PROTOCOL §4.4)
    this.live = null;
    this.#busy(false);
  }

  #busy(on) {
    // A keyboard user who pressed Stop must not be left on a button that disappears.
    if (!on && document.activeElement === this.stopButton) this.textarea.focus();
    this.sendButton.disabled = on;
    this.stopButton.hidden = !on;
    this.stopButton.removeAttribute("aria-disabled");
  }

  #scroll(force = false) {
    if (force) this.stick = true;
    if (this.stick) this.log.scrollTop = this.log.scrollHeight;
  }

  #url(conversation = null, run = null) {
    const params = new URLSearchParams();
    if (conversation) params.set("c", conversation);
    if (run) params.set("run", run);
    const query = params.toString();
    history.replaceState(null, "", query ? `?${query}${location.hash}` : `${location.pathname}${location.hash}`);
  }
}

/** Messages grouped by run, in order, each with its run record (null when unknown or expired). */
async function runsOf(messages) {
  const runs = [];
  for (const message of messages) {
    const last = runs.at(-1);
    if (last && last.id === message.run_id) last.messages.push(message);
    else runs.push({ id: message.run_id, messages: [message], record: null });
  }
  await Promise.all(runs.map(async (run) => {
    try {
      run.record = await api(`/api/v1/runs/${encodeURIComponent(run.id)}`);
    } catch {
      run.record = null; // no stats for this run: its messages are shown all the same
    }
  }));
  return runs;
}
