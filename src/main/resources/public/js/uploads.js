// Documents dropped or picked: one request per file, so each has its own progress bar and its own outcome.

import { h, announce } from "./dom.js";

const ACCEPT = /\.(md|markdown|txt|text|html?|xhtml|pdf)$/i;
export const MAX_BYTES = 10 * 1024 * 1024;

/** Uploads {@code files}; resolves with the notes created (id, title) once every file is done. */
export async function upload(files, list, { offline, keep }) {
  list.hidden = false;
  const created = [];
  await Promise.all([...files].map(async (file) => {
    const bar = h("progress", { max: "100", value: "0", "aria-label": `Uploading ${file.name}` });
    const status = h("span", { class: "upload-status" }, "waiting…");
    const row = h("li", { class: "upload", "data-name": file.name }, h("span", { class: "upload-name" }, file.name),
      bar, status);
    list.prepend(row);
    if (!ACCEPT.test(file.name) && !/^(text\/|application\/pdf)/.test(file.type)) {
      return done(row, status, "failed", "not a Markdown, text, HTML or PDF file");
    }
    if (file.size > MAX_BYTES) return done(row, status, "failed", "larger than 10 MiB");
    if (offline()) {
      await keep({ kind: "document", blob: file, name: file.name });
      return done(row, status, "queued", "kept on this device, sent when the server is back");
    }
    try {
      const json = await send(file, (fraction) => { bar.value = Math.round(fraction * 100); });
      const outcome = json.files?.[0] ?? {};
      if (outcome.status === "created") created.push(...outcome.notes);
      const said = outcome.status === "created" ? `saved as ${outcome.notes.length === 1 ? "a note"
        : `${outcome.notes.length} linked notes`}` : outcome.status === "duplicate" ? outcome.reason
        : outcome.reason ?? json.error?.message ?? "refused";
      done(row, status, outcome.status ?? "failed", said, outcome.notes?.[0]?.id);
    } catch (e) {
      await keep({ kind: "document", blob: file, name: file.name });
      done(row, status, "queued", "the server can't be reached: kept on this device");
    }
  }));
  announce(`${created.length} note${created.length === 1 ? "" : "s"} created from your files.`);
  return created;
}

function done(row, status, state, text, noteId) {
  row.dataset.state = state;
  row.querySelector("progress").value = 100;
  status.replaceChildren(`${state === "created" ? "✓" : state === "duplicate" ? "=" : state === "queued" ? "…" : "✗"} ${text}`);
  if (noteId) status.append(" ", h("a", { class: "note-link", href: `#note=${noteId}`, "data-note-id": noteId }, "open"));
}

/** XMLHttpRequest, not fetch: it reports upload progress. Rejects only when the server can't be reached. */
function send(file, onProgress) {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    form.append("file", file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/v1/capture/document");
    xhr.responseType = "json";
    xhr.upload.addEventListener("progress", (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); });
    xhr.addEventListener("load", () => (xhr.status >= 500 ? reject(new Error(`HTTP ${xhr.status}`))
      : resolve(xhr.response ?? { error: { message: `HTTP ${xhr.status}` } })));
    xhr.addEventListener("error", () => reject(new Error("unreachable")));
    xhr.send(form);
  });
}
