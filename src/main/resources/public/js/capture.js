// Captures in the page: the record button and its recorder, documents dropped on the chat or the notes panel
// (or picked), the outbox of what was captured offline, the offline banner and the service worker.

import { api } from "./api.js";
import { announce } from "./dom.js";
import { Outbox, clock, extension } from "./outbox.js";
import { Recorder } from "./recorder.js";
import { upload } from "./uploads.js";

const $ = (id) => document.getElementById(id);

export function installCapture({ chat, notes }) {
  const outbox = new Outbox({ section: $("outbox"), list: $("outbox-list") }, {
    onAudioStarted: (run) => { if (!chat.live) chat.followStarted(run.run_id, run.session_id, "Voice note"); },
    onSent: () => announce("A note captured offline was sent."),
  });
  const offline = () => !navigator.onLine || document.body.dataset.server === "down";
  chat.beforeSend = (text) => {
    if (!offline()) return false;
    outbox.keep({ kind: "text", text });
    return true; // captured as a note for later: a chat needs the server
  };
  voice({ chat, outbox, offline });
  documents({ chat, notes, outbox, offline });
  banner(offline, outbox);
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js", { type: "module", scope: "/" }).catch((e) => {
      console.warn("the page will not work offline:", e.message);
    });
  }
}

function voice({ chat, outbox, offline }) {
  const button = $("record");
  const panel = $("recorder");
  const status = $("capture-status");
  let recorder = null;
  let recorded = null; // the recording's {blob, seconds} once stopped
  let unavailable = Recorder.unsupported();
  api("/api/v1/capture").then((json) => {
    if (!json.audio.available) unavailable = json.audio.message;
  }).catch(() => { /* offline: recordings are kept for later */ }).finally(() => {
    if (unavailable) {
      button.setAttribute("aria-disabled", "true");
      button.title = unavailable;
    }
  });

  const stopAll = () => {
    panel.hidden = true;
    button.hidden = false;
    recorder = null;
    recorded = null;
    button.focus();
  };
  const send = async () => {
    if (!recorder || recorder.sending) return; // Send pressed twice, or the time limit reached meanwhile
    recorder.sending = true;
    const { blob, seconds } = await (recorded ??= recorder.stop());
    stopAll();
    if (offline()) return outbox.keep({ kind: "audio", blob, seconds });
    const form = new FormData();
    form.append("audio", blob, `voice-note.${extension(blob.type)}`);
    if (chat.sessionId) form.append("session_id", chat.sessionId);
    status.textContent = "Sending the voice note…";
    try {
      const response = await fetch("/api/v1/capture/audio", { method: "POST", body: form,
        headers: { Accept: "application/json" } });
      const json = await response.json().catch(() => ({}));
      if (!response.ok) {
        status.textContent = json.error?.message ?? `The voice note was refused (HTTP ${response.status}).`;
        if (response.status >= 500 && response.status !== 503) outbox.keep({ kind: "audio", blob, seconds });
        return;
      }
      status.textContent = "";
      chat.followStarted(json.run_id, json.session_id, `Voice note (${clock(seconds)})`);
    } catch {
      status.textContent = "";
      outbox.keep({ kind: "audio", blob, seconds });
    }
  };

  button.addEventListener("click", async () => {
    if (unavailable) {
      status.textContent = unavailable;
      return;
    }
    recorder = new Recorder({
      onLevel: (level) => { $("rec-level").value = level; },
      onTick: (seconds) => { $("rec-time").textContent = clock(seconds); },
      onLimit: () => send(),
    });
    try {
      await recorder.start();
    } catch (e) {
      status.textContent = e.name === "NotAllowedError"
        ? "The microphone was refused: allow it in the browser's site settings to record."
        : `Could not start recording: ${e.message}`;
      recorder = null;
      return;
    }
    status.textContent = "";
    $("rec-time").textContent = "0:00";
    button.hidden = true;
    panel.hidden = false;
    $("rec-send").focus();
  });
  $("rec-stop").addEventListener("click", async () => {
    // Stop ends the recording and keeps it: Send or Cancel decide what becomes of it.
    if (!recorder || recorded) return;
    const { seconds } = await (recorded = recorder.stop());
    $("rec-time").textContent = `${clock(seconds)} recorded`;
    $("rec-level").value = 0;
  });
  $("rec-cancel").addEventListener("click", () => {
    if (!recorded) recorder?.cancel();
    stopAll();
    announce("Recording discarded.");
  });
  $("rec-send").addEventListener("click", () => { if (recorder) send(); });
}

function documents({ chat, notes, outbox, offline }) {
  const input = $("file-input");
  const list = $("uploads");
  const summarise = $("summarise");
  const handle = async (files, target) => {
    if (!files.length) return;
    $("upload-box").hidden = false;
    const created = await upload(files, list, { offline, keep: (c) => outbox.keep(c) });
    if (!created.length) return;
    if (target === "notes") notes.open(created[0].id);
    if (summarise.checked) chat.summarise(created);
  };
  $("attach").addEventListener("click", () => input.click());
  input.addEventListener("change", () => { handle(input.files, "chat"); input.value = ""; });
  for (const [zone, target] of [[$("chat"), "chat"], [$("notes"), "notes"]]) {
    zone.addEventListener("dragover", (e) => {
      if (![...e.dataTransfer.types].includes("Files")) return;
      e.preventDefault();
      zone.classList.add("dropping");
    });
    zone.addEventListener("dragleave", (e) => { if (!zone.contains(e.relatedTarget)) zone.classList.remove("dropping"); });
    zone.addEventListener("drop", (e) => {
      if (!e.dataTransfer.files.length) return;
      e.preventDefault();
      zone.classList.remove("dropping");
      handle(e.dataTransfer.files, target);
    });
  }
}

function banner(offline, outbox) {
  const box = $("offline-banner");
  const update = () => {
    box.hidden = !offline();
    document.body.classList.toggle("is-offline", offline());
  };
  new MutationObserver(() => {
    update();
    if (!offline()) outbox.flush();
  }).observe(document.body, { attributes: true, attributeFilter: ["data-server"] });
  window.addEventListener("online", update);
  window.addEventListener("offline", update);
  update();
}
