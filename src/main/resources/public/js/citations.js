// Citations in agent text (PROTOCOL §7): [note:ID] and [note:ID "quoted words"]. Before Markdown runs, each is
// swapped for a placeholder (so a quote's * or _ can't turn into emphasis); once rendered, each placeholder
// becomes the quote with a link to the note and a badge. The `citation` events then mark each one verified,
// or flag it plainly with a warning badge saying why.

import { h } from "./dom.js";

// The server's form (knowledge.Citation): straight, curly or French quotation marks.
const CITATION = /\[note:\s*([A-Za-z0-9][A-Za-z0-9_.-]{0,63})(?:\s+(?:"([^"]*)"|“([^”]*)”|«([^»]*)»))?\s*\]/g;
const PLACEHOLDER = /\uE000(\d+)\uE001/g;

const REASONS = {
  quote_not_found: "not found in the note",
  note_changed: "the note changed since it was read",
  unknown_note: "no such note",
};

/** {text, cites}: the text with each citation replaced by a placeholder, and the citations in order. */
export function hideCitations(text) {
  const cites = [];
  const hidden = (text ?? "").replace(CITATION, (all, noteId, straight, curly, french) => {
    cites.push({ noteId, quote: (straight ?? curly ?? french ?? "").trim() });
    return `\uE000${cites.length - 1}\uE001`;
  });
  return { text: hidden, cites };
}

/** Replaces the placeholders under {@code root} with citation elements; {@code link} builds a note link. */
export function showCitations(root, cites, link) {
  if (!cites.length) return;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes = [];
  while (walker.nextNode()) if (walker.currentNode.data.includes("\uE000")) nodes.push(walker.currentNode);
  for (const node of nodes) {
    const fragment = document.createDocumentFragment();
    let last = 0;
    for (const match of node.data.matchAll(PLACEHOLDER)) {
      fragment.append(node.data.slice(last, match.index), citation(cites[Number(match[1])], link));
      last = match.index + match[0].length;
    }
    fragment.append(node.data.slice(last));
    node.replaceWith(fragment);
  }
}

function citation({ noteId, quote }, link) {
  const badge = h("span", { class: "cite-badge" });
  const element = h("span", { class: "cite", "data-note-id": noteId, "data-quote": quote, "data-state": "unchecked" },
    quote ? h("q", { class: "cite-quote" }, quote) : null, " ", link(noteId, "source"), badge);
  return element;
}

/** Marks the citations of one message as a `citation` event judged them. */
export function markCitation(root, event) {
  for (const element of root.querySelectorAll(".cite")) {
    if (element.dataset.noteId !== event.note_id || element.dataset.quote !== (event.quote ?? "")) continue;
    const badge = element.querySelector(".cite-badge");
    element.dataset.state = event.verified ? "verified" : "unverified";
    if (event.verified) {
      badge.textContent = "✓";
      badge.title = event.quote ? "Quotation verified against the note" : "Note verified";
    } else {
      element.dataset.reason = event.reason ?? "";
      badge.textContent = `⚠ unverified: ${REASONS[event.reason] ?? event.reason}`;
      badge.title = "The server could not verify this citation";
      badge.setAttribute("role", "note");
    }
  }
}

/** "2 citations: 1 verified, 1 unverified" for the line under an answer, or null without citations. */
export function citationSummary(citations) {
  if (!citations?.length) return null;
  const verified = citations.filter((c) => c.verified).length;
  const unverified = citations.length - verified;
  const summary = h("span", { class: "cite-summary" },
    `${citations.length} citation${citations.length === 1 ? "" : "s"}: ${verified} verified`);
  if (unverified) summary.append(", ", h("strong", { class: "cite-warning" }, `⚠ ${unverified} unverified`));
  return summary;
}
