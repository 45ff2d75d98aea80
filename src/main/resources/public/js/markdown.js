// Agent and note text is Markdown from a model or a person: rendered with marked, then sanitized
// with DOMPurify so no script, handler or javascript: link from a model or a note can ever run.

import { marked } from "marked";
import DOMPurify from "dompurify";
import { hideCitations, showCitations } from "./citations.js";

marked.setOptions({ gfm: true, breaks: true });

// Links open in a new tab and never give the opened page a handle on this one.
DOMPurify.addHook("afterSanitizeAttributes", (node) => {
  if (node.tagName === "A" && node.getAttribute("href")) {
    node.setAttribute("target", "_blank");
    node.setAttribute("rel", "noopener noreferrer");
  }
});

// Note ids are UUIDs: any one mentioned in agent text becomes a link that opens the note.
const NOTE_ID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i;

// Nothing rendered may load from elsewhere (issue 10): a remote image is a beacon that tells another site who read
// which note, and when. Media and SVG are dropped; an image stays only when it is inline (data:) or our own.
const SANITIZE = {
  FORBID_TAGS: ["style", "form", "svg", "math", "video", "audio", "source", "picture", "track", "iframe", "object",
    "embed", "link", "meta", "base", "input"],
  FORBID_ATTR: ["style", "srcset", "background", "poster", "ping", "action", "formaction"],
  RETURN_DOM_FRAGMENT: true,
};

function local(url) {
  return /^data:image\/(png|gif|jpeg|webp);/i.test(url) || (/^\/(?!\/)/.test(url) && !url.includes("\\"));
}

/** Replaces {@code target}'s content with {@code text} rendered as sanitized Markdown. */
export function renderMarkdown(target, text) {
  const { text: plain, cites } = hideCitations(text ?? "");
  const fragment = DOMPurify.sanitize(marked.parse(plain), SANITIZE);
  for (const img of fragment.querySelectorAll("img")) {
    if (!local(img.getAttribute("src") ?? "")) img.replaceWith(`[image: ${img.getAttribute("alt") || "remote, not loaded"}]`);
  }
  // A code block scrolls sideways rather than wrap: in the tab order, so the keyboard can scroll it too (WCAG 2.1.1).
  for (const pre of fragment.querySelectorAll("pre")) pre.tabIndex = 0;
  target.replaceChildren(fragment);
  showCitations(target, cites, noteLink);
  linkNoteIds(target);
}

/** A button-like link that opens a note in the notes panel (app.js listens for the click). */
export function noteLink(id, label = id) {
  const a = document.createElement("a");
  a.href = `#note=${encodeURIComponent(id)}`;
  a.className = "note-link";
  a.dataset.noteId = id;
  a.textContent = label;
  return a;
}

function linkNoteIds(root) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.parentElement.closest("a, pre") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  const hits = [];
  while (walker.nextNode()) if (NOTE_ID.test(walker.currentNode.data)) hits.push(walker.currentNode);
  for (const node of hits) {
    const parts = node.data.split(new RegExp(`(${NOTE_ID.source})`, "gi"));
    const fragment = document.createDocumentFragment();
    parts.forEach((part, i) => fragment.append(i % 2 ? noteLink(part) : part));
    node.replaceWith(fragment);
  }
}

/** A search snippet: plain text where **word** marks a match; built as DOM nodes, never as HTML. */
export function snippet(target, text) {
  (text ?? "").split(/\*\*(.+?)\*\*/g).forEach((part, i) => {
    if (i % 2) {
      const mark = document.createElement("mark");
      mark.textContent = part;
      target.append(mark);
    } else {
      target.append(part);
    }
  });
}
