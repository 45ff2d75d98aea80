// A note's history (issue 14) in the notes panel: its revisions newest first, who made each (agent changes
// marked, with their run), the diff of each against the one before, and "Undo this change" (the server
// restores the revision before as a new revision: nothing is rewritten). Also the trash, where deleted
// notes wait 30 days. Built with h(), never from HTML strings.

import { api } from "./api.js";
import { h, formatDate, agentName } from "./dom.js";

const AUTHORS = { user: "you", import: "an import", unknown: "before history was kept" };

/**
 * Shows the history of {@code note} in {@code view}. {@code focus}: a revision whose diff opens at once (a
 * run's change). {@code back} returns to the note; {@code restored(note)} is told of an undo.
 */
export async function showHistory(view, note, { focus = null, back, restored, say }) {
  let revisions;
  try {
    revisions = (await api(`/api/v1/notes/${encodeURIComponent(note.id)}/revisions`)).revisions ?? [];
  } catch (e) {
    return say(`Could not load the history: ${e.message}`, true);
  }
  const list = h("ol", { class: "revisions", reversed: true });
  for (const revision of revisions) list.append(item(note, revision, { restored, say, open: revision.revision === focus }));
  view.replaceChildren(h("h3", {}, `History of “${note.title}”`),
    h("div", { class: "note-actions" }, h("button", { type: "button", onclick: back }, "Back to the note")),
    revisions.length ? list : h("p", { class: "muted" }, "No recorded change yet."));
  view.dataset.noteId = note.id;
  view.dataset.history = "true";
  view.hidden = false;
  view.querySelector(`[data-revision="${focus}"]`)?.scrollIntoView({ block: "nearest" });
}

function item(note, revision, { restored, say, open }) {
  const agent = !(revision.author in AUTHORS);
  const who = agent ? agentName(revision.author) : AUTHORS[revision.author];
  const diff = h("pre", { class: "diff", hidden: true });
  const toggle = h("button", { type: "button", "aria-expanded": "false" }, "Show the changes");
  toggle.addEventListener("click", () => toggleDiff(note, revision, diff, toggle, say));
  const element = h("li", { class: `revision${agent ? " agent-change" : ""}`, "data-revision": revision.revision,
    "data-author": revision.author },
    h("p", { class: "revision-head" },
      h("strong", {}, `Revision ${revision.revision}`), ` · ${formatDate(revision.created_at)} · by `,
      agent ? h("span", { class: "agent-badge" }, `${who} (agent)`) : who,
      revision.run_id ? h("span", { class: "muted small" }, ` in run ${revision.run_id}`) : null,
      ` · ${revision.summary}`),
    h("div", { class: "note-actions" }, toggle,
      revision.revision > 1 ? h("button", { type: "button", class: "undo",
        onclick: () => undo(note, revision, restored, say) }, "Undo this change") : null),
    diff);
  if (open) toggleDiff(note, revision, diff, toggle, say);
  return element;
}

async function toggleDiff(note, revision, pre, toggle, say) {
  if (!pre.hidden) {
    pre.hidden = true;
    toggle.setAttribute("aria-expanded", "false");
    toggle.textContent = "Show the changes";
    return;
  }
  try {
    const full = await api(`/api/v1/notes/${encodeURIComponent(note.id)}/revisions/${revision.revision}`);
    pre.replaceChildren(...(full.diff || "(no change)\n").split("\n").filter((l, i, all) => l || i < all.length - 1)
      .map((line) => h("span", { class: lineClass(line) }, `${line}\n`)));
    pre.hidden = false;
    toggle.setAttribute("aria-expanded", "true");
    toggle.textContent = "Hide the changes";
  } catch (e) {
    say(`Could not load revision ${revision.revision}: ${e.message}`, true);
  }
}

function lineClass(line) {
  if (line.startsWith("+++") || line.startsWith("---")) return "diff-file";
  if (line.startsWith("@@")) return "diff-hunk";
  if (line.startsWith("+")) return "diff-added";
  if (line.startsWith("-")) return "diff-removed";
  return "diff-context";
}

async function undo(note, revision, restored, say) {
  try {
    const back = await api(`/api/v1/notes/${encodeURIComponent(note.id)}/restore`,
      { method: "POST", body: { revision: revision.revision - 1 } });
    restored(back, `Change undone: revision ${revision.revision - 1} restored as revision ${back.version}.`);
  } catch (e) {
    say(`Not undone: ${e.message}`, true);
  }
}

/** The trash: deleted notes, when each goes for good, and a button to bring each back. */
export async function showTrash(view, { restored, say }) {
  let notes;
  try {
    notes = (await api("/api/v1/trash")).notes ?? [];
  } catch (e) {
    return say(`Could not load the trash: ${e.message}`, true);
  }
  const list = h("ul", { class: "trash" }, ...notes.map((note) => h("li", { "data-note-id": note.id },
    h("strong", {}, note.title), ` · deleted ${formatDate(note.deleted_at)}, kept until ${formatDate(note.purged_after)} `,
    h("button", { type: "button", onclick: async () => {
      try {
        restored(await api(`/api/v1/trash/${encodeURIComponent(note.id)}/restore`, { method: "POST", body: {} }),
          "Note restored from the trash.");
      } catch (e) {
        say(`Not restored: ${e.message}`, true);
      }
    } }, "Restore"))));
  view.replaceChildren(h("h3", {}, "Trash"),
    notes.length ? list : h("p", { class: "muted" }, "The trash is empty."));
  delete view.dataset.noteId;
  view.hidden = false;
}
