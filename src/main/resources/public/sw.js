// The service worker (a module): the page opens offline with its shell, conversations already seen stay
// readable, and a share from another app lands in the outbox. Everything is fetched from the network first,
// so a new version shows at once; the cache is only what is left when the server can't be reached.

import { keep } from "/js/outbox-store.js";

const SHELL = "scriptorium-shell-v1";
const DATA = "scriptorium-data-v1";
const PRECACHE = ["/", "/css/app.css", "/css/capture.css", "/css/account.css", "/js/account.js", "/js/citations.js",
  "/js/history.js", "/js/run-changes.js", "/js/app.js", "/js/api.js", "/js/bubble.js",
  "/js/chat.js", "/js/conversations.js", "/js/dom.js", "/js/markdown.js", "/js/notes.js", "/js/run-view.js",
  "/js/sse.js", "/js/capture.js", "/js/outbox.js", "/js/outbox-store.js", "/js/recorder.js", "/js/uploads.js",
  "/manifest.json", "/icons/icon-192.png", "/icons/icon-512.png",
  "/webjars/marked/17.0.1/lib/marked.esm.js", "/webjars/dompurify/3.3.3/dist/purify.es.mjs"];
// What is read offline: the conversations, their runs' records, the notes. Never streams, health or metrics.
const READABLE = /^\/api\/v1\/(conversations|runs\/[^/]+$|notes)/;

self.addEventListener("install", (event) => {
  // One missing file must not leave the page without any offline shell: cache what can be cached.
  event.waitUntil(caches.open(SHELL).then((cache) => Promise.all(PRECACHE.map((url) => cache.add(url).catch(() => {}))))
    .then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names.filter((n) => n !== SHELL && n !== DATA).map((n) => caches.delete(n))))
    .then(() => self.clients.claim()));
});

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (url.origin !== location.origin) return;
  if (event.request.method === "POST" && url.pathname === "/share") {
    event.respondWith(share(event.request));
    return;
  }
  if (event.request.method !== "GET") return;
  if (event.request.mode === "navigate") {
    event.respondWith(networkFirst(event.request, SHELL, () => caches.match("/")));
  } else if (url.pathname.startsWith("/api/")) {
    if (READABLE.test(url.pathname)) event.respondWith(networkFirst(event.request, DATA, offlineAnswer));
  } else if (url.pathname !== "/health" && url.pathname !== "/metrics") {
    event.respondWith(networkFirst(event.request, SHELL, () => new Response("", { status: 504 })));
  }
});

async function networkFirst(request, cacheName, fallback) {
  try {
    const response = await fetch(request);
    if (response.ok) {
      const copy = response.clone();
      caches.open(cacheName).then((cache) => cache.put(request, copy));
    }
    return response;
  } catch {
    return (await caches.match(request, { cacheName })) ?? fallback();
  }
}

function offlineAnswer() {
  return new Response(JSON.stringify({ error: { code: "offline",
    message: "You are offline, and this was not read on this device before." } }),
  { status: 503, headers: { "Content-Type": "application/json" } });
}

/** The manifest's share_target: what another app shares is kept in the outbox, then the page opens. */
async function share(request) {
  const form = await request.formData();
  const text = [form.get("title"), form.get("text"), form.get("url")].filter(Boolean).join("\n\n");
  for (const file of form.getAll("file")) {
    if (typeof file === "string" || !file.size) continue;
    await keep(file.type.startsWith("audio/") ? { kind: "audio", blob: file, seconds: 0 }
      : { kind: "document", blob: file, name: file.name });
  }
  if (text.trim()) await keep({ kind: "text", text, title: form.get("title") || undefined });
  for (const client of await self.clients.matchAll()) client.postMessage("outbox");
  return Response.redirect("/?shared=1", 303);
}
