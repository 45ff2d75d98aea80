// The side list of conversations: open one, start a new one, delete one (two clicks: the first
// one arms the button for a few seconds, so a slip of the finger or of the Enter key deletes nothing).

import { api } from "./api.js";
import { h, formatDate } from "./dom.js";

export class ConversationList {
  constructor({ list, empty, newButton }, { onOpen, onNew, onDeleted }) {
    Object.assign(this, { list, empty, onOpen, onDeleted });
    this.current = null;
    newButton.addEventListener("click", () => onNew());
  }

  /** Reloads the list from the server and marks {@code current} as the open one. */
  async refresh(current = this.current) {
    this.current = current;
    let json;
    try {
      json = await api("/api/v1/conversations?limit=100");
    } catch (e) {
      this.empty.hidden = false;
      this.empty.textContent = `Could not load the conversations: ${e.message}`;
      return;
    }
    const items = json.conversations ?? [];
    this.empty.hidden = items.length > 0;
    this.empty.textContent = "No conversation yet.";
    this.list.replaceChildren(...items.map((c) => this.#item(c)));
  }

  #item(conversation) {
    const title = conversation.title || "Untitled conversation";
    const open = h("button", {
      type: "button", class: "conversation-open", "data-id": conversation.id,
      "aria-current": conversation.id === this.current ? "true" : "false",
      onclick: () => this.onOpen(conversation.id),
    }, h("span", { class: "conversation-title" }, title),
    h("span", { class: "conversation-date" }, formatDate(conversation.updated_at ?? conversation.created_at)));
    open.title = title;
    const remove = h("button", { type: "button", class: "conversation-delete", "aria-label": `Delete “${title}”` }, "✕");
    remove.addEventListener("click", () => this.#delete(conversation.id, title, remove));
    return h("li", {}, open, remove);
  }

  async #delete(id, title, button) {
    if (!button.classList.contains("confirming")) {
      button.classList.add("confirming");
      button.textContent = "Delete?";
      button.setAttribute("aria-label", `Confirm: delete “${title}”`);
      setTimeout(() => {
        button.classList.remove("confirming");
        button.textContent = "✕";
        button.setAttribute("aria-label", `Delete “${title}”`);
      }, 4000);
      return;
    }
    try {
      await api(`/api/v1/conversations/${encodeURIComponent(id)}`, { method: "DELETE" });
    } catch (e) {
      if (e.status !== 404) {
        this.empty.hidden = false;
        this.empty.textContent = `Could not delete: ${e.message}`;
        return;
      }
    }
    this.onDeleted(id);
    await this.refresh();
  }
}
