// Under an answer whose run changed notes: one link per change, to its diff in the note's history (issue 14).

import { api } from "./api.js";
import { h } from "./dom.js";

/** Appends "Changes: Title (revision 2)" links under the run's stats; nothing when the run changed nothing. */
export async function changeLinks(runElement, runId) {
  let revisions;
  try {
    revisions = (await api(`/api/v1/runs/${encodeURIComponent(runId)}/revisions`)).revisions ?? [];
  } catch {
    return; // an older server without history: the note links above still open the notes
  }
  if (!revisions.length) return;
  const links = revisions.map((r) => {
    const a = h("a", { href: `#note=${encodeURIComponent(r.note_id)}`, class: "change-link", "data-note-id": r.note_id,
      "data-revision": r.revision }, `${r.title} (${r.summary}, revision ${r.revision})`);
    return a;
  });
  runElement.querySelector(".changes")?.remove();
  runElement.append(h("p", { class: "changes" }, "Changes: ", ...links.flatMap((a, i) => [i ? ", " : "", a]),
    " — open one to see the diff or undo it."));
}
