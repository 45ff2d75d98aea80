// The notes panel: search (the server's hybrid search), open, create, edit, delete.
// Edits carry the version they read; a 409 means someone else saved first, and the panel says so
// plainly, keeps the user's text, and lets them overwrite or take the other version.

import { api } from "./api.js";
import { h, formatDate } from "./dom.js";
import { renderMarkdown, snippet } from "./markdown.js";
import { showHistory, showTrash } from "./history.js";

const UNAVAILABLE = "Notes are not available on this server (it has no notes API).";

export class NotesPanel {
  #loads = 0;

  constructor(elements) {
    Object.assign(this, elements); // panel, toggle, close, searchForm, query, newButton, message, results, view
    this.toggle.addEventListener("click", () => (this.panel.hidden ? this.show() : this.hide()));
    this.close.addEventListener("click", () => this.hide());
    this.searchForm.addEventListener("submit", (e) => { e.preventDefault(); this.load(); });
    this.newButton.addEventListener("click", () => this.#form(null));
    this.panel.addEventListener("keydown", (e) => { if (e.key === "Escape") this.hide(); });
    this.newButton.after(" ", h("button", { type: "button", id: "open-trash", onclick: () => this.trash() }, "Trash"));
  }

  /** A note's history (issue 14), with the diff of revision {@code focus} open (a run's change). */
  async history(id, focus = null) {
    this.show();
    let note;
    try {
      note = await api(`/api/v1/notes/${encodeURIComponent(id)}`);
    } catch (e) {
      return this.#say(`Could not open the note: ${e.message}`, true);
    }
    this.#say("");
    await showHistory(this.view, note, { focus, back: () => this.#show(note), restored: (n, text) => this.#restored(n, text),
      say: (text, error) => this.#say(text, error) });
  }

  async trash() {
    this.show();
    this.#say("");
    await showTrash(this.view, { restored: (n, text) => this.#restored(n, text), say: (text, error) => this.#say(text, error) });
  }

  #restored(note, text) {
    this.#show(note);
    this.#say(text);
    this.#reloadList();
  }

  show() {
    const wasHidden = this.panel.hidden;
    this.panel.hidden = false;
    this.toggle.setAttribute("aria-expanded", "true");
    if (wasHidden) {
      this.query.focus();
      this.load().then(() => this.#vaultProgress());
    }
  }

  hide() {
    this.panel.hidden = true;
    this.toggle.setAttribute("aria-expanded", "false");
    this.toggle.focus();
  }

  /** Lists the latest notes, or the search results for the query box; quiet keeps the panel's message. */
  async load({ quiet = false } = {}) {
    const q = this.query.value.trim();
    // Only the latest load renders: the listing that opening the panel asked for can answer after a search sent
    // since, and would replace its results.
    const load = ++this.#loads;
    if (!quiet) this.#say(q ? "Searching…" : "");
    try {
      const json = q
        ? await api(`/api/v1/search?q=${encodeURIComponent(q)}&limit=20`)
        : await api("/api/v1/notes?limit=50");
      if (load !== this.#loads) return;
      const items = (q ? firstArray(json, "results", "hits", "notes") : firstArray(json, "notes", "items", "results"))
        .map(normalise);
      this.results.replaceChildren(...items.map((item) => this.#result(item)));
      if (!quiet) {
        this.#say(items.length ? (q ? `${items.length} result${items.length > 1 ? "s" : ""}` : "")
          : q ? `No note matches “${q}”.` : "No notes yet: create one, or ask Plume to write one.");
      }
    } catch (e) {
      if (load !== this.#loads) return;
      this.results.replaceChildren();
      this.#say(e.status === 404 ? UNAVAILABLE : `Could not load the notes: ${e.message}`, true);
    }
  }

  /** Opens a note by id (from the list, or a note id in an answer). */
  async open(id) {
    this.show();
    let note;
    try {
      note = await api(`/api/v1/notes/${encodeURIComponent(id)}`);
    } catch (e) {
      this.#say(e.status === 404 ? "This note does not exist (it may have been deleted)." : `Could not open the note: ${e.message}`, true);
      this.view.hidden = true;
      return;
    }
    this.#show(note);
  }

  #result(item) {
    const text = h("span", { class: "note-snippet" });
    snippet(text, item.snippet);
    return h("li", {}, h("button", { type: "button", "data-note-id": item.id, onclick: () => this.open(item.id) },
      h("strong", {}, item.title || "Untitled"), " ", ...(item.tags ?? []).flatMap((t) => [h("span", { class: "tag" }, t), " "]), text));
  }

  #show(note) {
    this.#say("");
    const links = h("section", { class: "note-links", "aria-label": "Linked notes", hidden: true });
    const body = h("div", { class: "msg-body" });
    renderMarkdown(body, note.content);
    const remove = h("button", { type: "button", class: "danger" }, "Delete");
    remove.addEventListener("click", () => this.#delete(note, remove));
    this.view.replaceChildren(
      h("h3", {}, note.title || "Untitled"),
      h("p", { class: "note-meta" }, [
        (note.tags ?? []).length ? `Tags: ${note.tags.join(", ")}` : null,
        note.source ? `by ${note.source}` : null,
        note.updated_at ? `updated ${formatDate(note.updated_at)}` : null,
        note.version != null ? `version ${note.version}` : null,
      ].filter(Boolean).join(" · ")),
      h("div", { class: "note-actions" },
        h("button", { type: "button", onclick: () => this.#form(note) }, "Edit"),
        h("button", { type: "button", onclick: () => this.history(note.id) }, "History"), remove),
      body, links);
    this.#links(note, links);
    this.view.dataset.noteId = note.id;
    delete this.view.dataset.history;
    this.view.hidden = false;
  }

  /** The notes this one links to and its backlinks (issue 14), under it; nothing when it has none. */
  async #links(note, section) {
    let links;
    try {
      links = await api(`/api/v1/notes/${encodeURIComponent(note.id)}/links`);
    } catch {
      return; // an older server, or the note went: the note itself is shown all the same
    }
    const list = (title, items) => items.length ? [h("h4", {}, title), h("ul", {}, ...items.map((l) =>
      h("li", {}, h("button", { type: "button", class: "link-button", "data-note-id": l.note_id,
        onclick: () => this.open(l.note_id) }, l.title))))] : [];
    const parts = [...list("Backlinks", links.backlinks ?? []), ...list("Links to", links.outgoing ?? [])];
    if (!parts.length || this.view.dataset.noteId !== note.id) return;
    section.replaceChildren(...parts);
    section.hidden = false;
  }

  /** While the vault's first sync runs, the panel says how far it is (issue 14). */
  async #vaultProgress() {
    let vault;
    try {
      vault = await api("/api/v1/vault");
    } catch {
      return;
    }
    if (vault?.state !== "syncing" && vault?.state !== "starting") {
      if (this.vaultShown) { this.vaultShown = false; this.#say("Vault synced."); this.#reloadList(); }
      return;
    }
    this.vaultShown = true;
    this.#say(`Syncing the vault: ${vault.done} of ${vault.total} files…`);
    setTimeout(() => this.#vaultProgress(), 1000);
  }

  /** The create (note = null) or edit form. */
  #form(note) {
    this.show();
    const title = h("input", { name: "title", required: true, maxlength: 200, value: note?.title ?? "" });
    const tags = h("input", { name: "tags", value: (note?.tags ?? []).join(", "), placeholder: "comma, separated" });
    const content = h("textarea", { name: "content", required: true });
    content.value = note?.content ?? "";
    const problem = h("div", { class: "conflict", role: "alert", hidden: true });
    const form = h("form", { class: "note-form", "aria-label": note ? "Edit the note" : "New note" },
      h("label", {}, "Title", title), h("label", {}, "Tags", tags), h("label", {}, "Content (Markdown)", content),
      problem,
      h("div", { class: "note-actions" }, h("button", { type: "submit", class: "primary" }, note ? "Save" : "Create"),
        h("button", { type: "button", onclick: () => (note ? this.#show(note) : this.#closeView()) }, "Cancel")));
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const draft = { title: title.value.trim(), content: content.value,
        tags: tags.value.split(",").map((t) => t.trim()).filter(Boolean) };
      note ? this.#save(note, draft, problem) : this.#create(draft, problem);
    });
    this.view.replaceChildren(h("h3", {}, note ? "Edit the note" : "New note"), form);
    this.view.hidden = false;
    title.focus();
  }

  async #create(draft, problem) {
    try {
      const note = await api("/api/v1/notes", { method: "POST", body: draft });
      this.#show(note);
      this.#say("Note created.");
      this.#reloadList();
    } catch (e) {
      this.#problem(problem, e.status === 404 ? UNAVAILABLE : `Not created: ${e.message}`);
    }
  }

  async #save(note, draft, problem, version = note.version) {
    try {
      const saved = await api(`/api/v1/notes/${encodeURIComponent(note.id)}`, { method: "PUT", body: { ...draft, version } });
      this.#show(saved);
      this.#say("Note saved.");
      this.#reloadList();
    } catch (e) {
      if (e.code === "vault_file_changed") return this.#problem(problem, `Not saved: ${e.message}`);
      if (e.status === 409) return this.#conflict(note, draft, problem);
      this.#problem(problem, `Not saved: ${e.message}`);
    }
  }

  /** Someone saved the note after we read it: show theirs, keep ours, let the user choose. */
  async #conflict(note, draft, problem) {
    let latest;
    try {
      latest = await api(`/api/v1/notes/${encodeURIComponent(note.id)}`);
    } catch (e) {
      return this.#problem(problem, `Not saved: the note changed or was deleted meanwhile (${e.message}).`);
    }
    problem.replaceChildren(
      h("strong", {}, "Not saved: this note was changed elsewhere since you opened it "),
      `(it is now at version ${latest.version}). Nothing was overwritten and your text is still in the form. Their version:`,
      h("pre", { tabindex: "0" }, latest.content), // scrolls: reachable by keyboard
      h("div", { class: "note-actions" },
        h("button", { type: "button", onclick: () => this.#save(note, draft, problem, latest.version) }, "Overwrite with my version"),
        h("button", { type: "button", onclick: () => this.#show(latest) }, "Discard mine, keep theirs")));
    problem.hidden = false;
    problem.dataset.kind = "conflict";
  }

  async #delete(note, button) {
    if (button.dataset.armed !== "true") {
      button.dataset.armed = "true";
      button.textContent = "Really delete?";
      setTimeout(() => { button.dataset.armed = "false"; button.textContent = "Delete"; }, 4000);
      return;
    }
    try {
      await api(`/api/v1/notes/${encodeURIComponent(note.id)}`, { method: "DELETE" });
      this.#closeView();
      this.#say("Note moved to the trash.");
      this.#reloadList();
    } catch (e) {
      this.#say(`Not deleted: ${e.message}`, true);
    }
  }

  #closeView() {
    this.view.hidden = true;
    this.view.replaceChildren();
  }

  #reloadList() {
    this.load({ quiet: true }); // load() reports its own failures in the panel
  }

  #problem(box, text) {
    box.replaceChildren(text);
    box.hidden = false;
    delete box.dataset.kind;
  }

  #say(text, error = false) {
    this.message.textContent = text;
    this.message.classList.toggle("error", error);
  }
}

function firstArray(json, ...keys) {
  if (Array.isArray(json)) return json;
  for (const key of keys) if (Array.isArray(json?.[key])) return json[key];
  return [];
}

/** A listed note or a search hit, whatever its exact shape: {id, title, snippet, tags}. */
function normalise(item) {
  const note = item.note ?? item;
  return {
    id: item.note_id ?? note.id,
    title: item.title ?? note.title,
    tags: item.tags ?? note.tags ?? [],
    snippet: item.snippet ?? item.highlight ?? firstLine(note.content),
  };
}

/** A listed note's opening words, Markdown marks removed (the ** of a snippet mean a search match). */
function firstLine(content) {
  const line = ((content ?? "").split("\n").find((l) => l.trim()) ?? "").replace(/[*_#`>]/g, "").trim();
  return line.length > 140 ? `${line.slice(0, 140)}…` : line;
}
