// Wires the page: the chat, the conversations list, the notes panel, and the URL.
// Each part lives in its own module; this file only connects them.

import { Chat } from "./chat.js";
import { ConversationList } from "./conversations.js";
import { NotesPanel } from "./notes.js";
import { api } from "./api.js";
import { startAccount } from "./account.js";
import { installCapture } from "./capture.js";

const $ = (id) => document.getElementById(id);

const notes = new NotesPanel({
  panel: $("notes"), toggle: $("toggle-notes"), close: $("close-notes"), searchForm: $("note-search"),
  query: $("note-query"), newButton: $("new-note"), message: $("notes-message"), results: $("note-results"),
  view: $("note-view"),
});

let conversations;
const chat = new Chat({
  log: $("log"), welcome: $("welcome"), form: $("composer"), textarea: $("message"), mode: $("mode"),
  sendButton: $("send"), stopButton: $("stop"),
}, { onConversation: (id) => conversations.refresh(id) });

conversations = new ConversationList({
  list: $("conversations"), empty: $("conversations-empty"), newButton: $("new-conversation"),
}, {
  onOpen: (id) => { closeSidebarOnPhone(); chat.open(id); },
  onNew: () => { closeSidebarOnPhone(); chat.startNew(); },
  onDeleted: (id) => { if (chat.sessionId === id) chat.startNew(); },
});

installCapture({ chat, notes });

// A note link in a note (#note=<id>, as documents split into linked notes write them) opens it.
window.addEventListener("hashchange", () => {
  const note = /^#note=(.+)$/.exec(location.hash);
  if (note) notes.open(decodeURIComponent(note[1]));
});

// A note id in an answer (or a stats line) opens the note in the panel; a change link opens its diff.
document.addEventListener("click", (e) => {
  const link = e.target.closest("a.note-link, a.change-link");
  if (!link) return;
  e.preventDefault();
  if (link.classList.contains("change-link")) notes.history(link.dataset.noteId, Number(link.dataset.revision));
  else notes.open(link.dataset.noteId);
});

// On a phone the conversations list is an overlay behind a button.
const sidebar = $("sidebar");
const sidebarToggle = $("toggle-sidebar");
sidebarToggle.addEventListener("click", () => {
  const open = sidebar.classList.toggle("open");
  sidebarToggle.setAttribute("aria-expanded", String(open));
});
function closeSidebarOnPhone() {
  sidebar.classList.remove("open");
  sidebarToggle.setAttribute("aria-expanded", "false");
}

// The server's state in the top bar: the model in use, or a plain warning when it is unreachable.
async function health() {
  const state = $("server-state");
  try {
    const json = await api("/health");
    state.textContent = json.model ? `Model: ${json.model}` : "Connected"; // details are for admins (issue 10)
    state.classList.remove("down");
    delete document.body.dataset.server;
  } catch (e) {
    state.textContent = navigator.onLine ? "Server unreachable" : "Offline";
    state.classList.add("down");
    document.body.dataset.server = "down"; // captures.js keeps captures for later meanwhile
  }
}

health();
// Accounts mode: nothing of the archive loads until someone is signed in (local mode starts at once).
if (await startAccount({ root: $("account"), menuButton: $("user-menu") })) {
  const params = new URLSearchParams(location.search);
  if (params.get("c")) chat.open(params.get("c"), { rejoinRun: params.get("run") });
  else conversations.refresh(null);
  const noteInHash = /^#note=(.+)$/.exec(location.hash);
  if (noteInHash) notes.open(decodeURIComponent(noteInHash[1]));
}
setInterval(health, 30_000);
window.addEventListener("online", health);
window.addEventListener("offline", health);
