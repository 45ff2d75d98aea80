// Sends what the outbox holds once the server answers again, each capture once: it leaves the outbox only
// after the server took it (2xx) or refused it for good (4xx, shown). A quick note sent twice after a lost
// answer is still one note: the server recognises its text.

import { keep, waiting, forget } from "./outbox-store.js";
import { h, announce } from "./dom.js";

export class Outbox {
  constructor({ section, list }, { onAudioStarted, onSent }) {
    Object.assign(this, { section, list, onAudioStarted, onSent });
    this.flushing = null;
    window.addEventListener("online", () => this.flush());
    navigator.serviceWorker?.addEventListener("message", (e) => { if (e.data === "outbox") this.show(); });
    setInterval(() => this.flush(), 15_000);
    this.show();
  }

  /** Keeps a capture for later and shows it in the queue. */
  async keep(capture) {
    await keep(capture);
    announce("Saved on this device: it will be sent when the server is back.");
    await this.show();
  }

  async show() {
    const items = await waiting().catch(() => []);
    this.section.hidden = items.length === 0;
    this.list.replaceChildren(...items.map((item) => h("li", { "data-kind": item.kind }, describe(item))));
    return items;
  }

  /** Sends every waiting capture, oldest first; stops at the first that can't reach the server. */
  flush() {
    this.flushing ??= this.#flush().finally(() => { this.flushing = null; });
    return this.flushing;
  }

  async #flush() {
    for (const item of await waiting().catch(() => [])) {
      let response;
      try {
        response = await send(item);
      } catch {
        return; // unreachable: keep it, try again later
      }
      if (response.status >= 500 || response.status === 408 || response.status === 429) return;
      await forget(item.id);
      if (!response.ok) {
        const json = await response.json().catch(() => null);
        announce(`${describe(item)} could not be sent: ${json?.error?.message ?? `HTTP ${response.status}`}`);
      } else if (item.kind === "audio") {
        this.onAudioStarted(await response.json());
      } else {
        this.onSent(item);
      }
      await this.show();
    }
  }
}

function send(item) {
  switch (item.kind) {
    case "text":
      return fetch("/api/v1/capture/text", {
        method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ text: item.text, ...(item.title ? { title: item.title } : {}) }),
      });
    case "audio": {
      const form = new FormData();
      form.append("audio", item.blob, `voice-note.${extension(item.blob.type)}`);
      return fetch("/api/v1/capture/audio", { method: "POST", headers: { Accept: "application/json" }, body: form });
    }
    default: {
      const form = new FormData();
      form.append("file", item.blob, item.name);
      return fetch("/api/v1/capture/document", { method: "POST", body: form });
    }
  }
}

export function extension(type) {
  if (type.includes("ogg")) return "ogg";
  if (type.includes("mp4") || type.includes("m4a")) return "m4a";
  if (type.includes("mpeg")) return "mp3";
  if (type.includes("wav")) return "wav";
  return "webm";
}

function describe(item) {
  switch (item.kind) {
    case "text": return `Note: ${clip(item.title || item.text)}`;
    case "audio": return `Voice note (${clock(item.seconds ?? 0)})`;
    default: return `Document: ${item.name}`;
  }
}

export function clock(seconds) {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

const clip = (text) => (text.length > 60 ? `${text.slice(0, 59)}…` : text);
