// The outbox: captures made while the server could not be reached, kept in IndexedDB until they are sent.
// Shared by the page and the service worker (a share from another app lands here too), so it touches
// neither window nor document.

const DB_NAME = "scriptorium-outbox";
const STORE = "captures";

function open() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: "id", autoIncrement: true });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function run(mode, work) {
  const db = await open();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const result = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(result?.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/** Keeps a capture: {kind: "text", text, title?} | {kind: "audio", blob, seconds} | {kind: "document", blob, name}. */
export function keep(capture) {
  return run("readwrite", (store) => store.add({ ...capture, kept: new Date().toISOString() }));
}

/** Every capture waiting, oldest first. */
export function waiting() {
  return run("readonly", (store) => store.getAll());
}

export function forget(id) {
  return run("readwrite", (store) => store.delete(id));
}

/** Drops every waiting capture: at sign-out, what one user captured offline must not be sent as the next one's. */
export function forgetAll() {
  return run("readwrite", (store) => store.clear());
}
