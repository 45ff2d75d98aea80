// Accounts mode (issue 10): the sign-in form, the first admin's setup form (from the one-time link), and the user
// menu (sign out, usage today, personal tokens, and the users page for admins). In local mode none of it shows.
// The session cookie is HttpOnly: this file never sees it; the server says who we are through GET /api/v1/me.

import { api } from "./api.js";
import { h, announce, formatDate } from "./dom.js";
import { forgetAll } from "./outbox-store.js";

const SCOPES = ["read", "write", "chat", "metrics"];

/**
 * Decides whether the page may start: true in local mode or once signed in; false while a sign-in (or setup) form
 * is shown, which reloads the page when it succeeds.
 */
export async function startAccount({ root, menuButton }) {
  const setup = /^#setup=(.+)$/.exec(location.hash);
  if (setup) {
    history.replaceState(null, "", location.pathname); // the secret leaves the address bar at once
    showForm(root, "Create the first admin", "Create and sign in", async (fields) => {
      await api("/api/v1/setup", { method: "POST", body: { secret: decodeURIComponent(setup[1]), ...fields } });
    });
    return false;
  }
  let me;
  try {
    me = await api("/api/v1/me");
  } catch (e) {
    if (e.status === 0) return true; // the server is out of reach: the offline shell goes on as it was
    if (e.status !== 401) throw e;
    showForm(root, "Sign in to Scriptorium", "Sign in", async (fields) => {
      await api("/api/v1/session", { method: "POST", body: fields });
    });
    return false;
  }
  if (me.mode === "local") return true;
  new UserMenu(root, menuButton, me);
  // A session that ends while the page is open (signed out elsewhere, user deleted) brings the form back.
  window.addEventListener("scriptorium:unauthenticated", () => location.reload(), { once: true });
  return true;
}

function showForm(root, title, action, submit) {
  const message = h("p", { class: "account-message", role: "alert" });
  const form = h("form", { id: "sign-in", class: "account-form" },
    h("h2", {}, title),
    h("label", {}, "Username", h("input", { name: "username", autocomplete: "username", required: true })),
    h("label", {}, "Password", h("input", { name: "password", type: "password", required: true,
      autocomplete: title.startsWith("Create") ? "new-password" : "current-password" })),
    h("button", { type: "submit", class: "primary" }, action), message);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    message.textContent = "";
    try {
      await submit({ username: form.username.value.trim(), password: form.password.value });
      location.reload();
    } catch (error) {
      message.textContent = error.message;
    }
  });
  root.replaceChildren(h("div", { class: "account-overlay" }, form));
  document.body.classList.add("signed-out");
  form.username.focus();
}

class UserMenu {
  constructor(root, button, me) {
    Object.assign(this, { root, button, me });
    this.dialog = h("dialog", { id: "account-dialog", class: "account-dialog", "aria-label": "Your account" });
    root.replaceChildren(this.dialog);
    button.textContent = me.user.username;
    button.hidden = false;
    button.addEventListener("click", () => this.open());
  }

  async open() {
    const close = h("button", { type: "button", class: "icon-button", onclick: () => this.dialog.close() }, "Close");
    const signOut = h("button", { type: "button", id: "sign-out", onclick: () => this.signOut() }, "Sign out");
    this.usage = h("p", { id: "usage-today", class: "muted" }, "Usage today: …");
    this.tokens = h("section", { id: "tokens" });
    this.users = h("section", { id: "users" });
    this.dialog.replaceChildren(h("div", { class: "account-head" },
      h("h2", {}, `${this.me.user.username} (${this.me.user.role})`), signOut, close), this.usage, this.tokens,
    this.me.user.role === "admin" ? this.users : "");
    this.dialog.showModal();
    await Promise.all([this.loadUsage(), this.loadTokens(), this.me.user.role === "admin" ? this.loadUsers() : null]);
  }

  async signOut() {
    await api("/api/v1/session", { method: "DELETE" }).catch(() => null);
    // What this browser kept for offline use (conversations read, captures waiting) was this user's alone.
    await Promise.all([forgetAll().catch(() => null),
      "caches" in window ? caches.delete("scriptorium-data-v1").catch(() => null) : null]);
    location.reload();
  }

  async loadUsage() {
    try {
      const usage = await api("/api/v1/me/usage?limit=1");
      const budget = usage.limits.daily_budget_usd;
      this.usage.textContent = `Usage today: ${usage.today.runs} runs, $${usage.today.cost_usd.toFixed(4)}`
        + (budget ? ` of a $${budget} daily budget` : "");
    } catch (e) {
      this.usage.textContent = `Usage: ${e.message}`;
    }
  }

  async loadTokens() {
    const list = h("ul", { class: "account-list", id: "token-list" });
    const shown = h("div", { id: "new-token", "aria-live": "polite" });
    const scopes = SCOPES.filter((s) => s !== "metrics" || this.me.user.role === "admin").map((scope) =>
      h("label", { class: "scope" }, h("input", { type: "checkbox", name: "scope", value: scope,
        checked: scope !== "metrics" }), scope));
    const form = h("form", { id: "token-form", class: "account-inline" },
      h("label", {}, "Label", h("input", { name: "label", required: true, maxlength: 100 })), ...scopes,
      h("label", {}, "Days", h("input", { name: "days", type: "number", min: 1, max: 365, value: 90 })),
      h("button", { type: "submit" }, "Create token"));
    form.addEventListener("submit", (e) => { e.preventDefault(); this.createToken(form, shown); });
    this.tokens.replaceChildren(h("h3", {}, "Personal tokens"), list, form, shown);
    try {
      const { tokens } = await api("/api/v1/tokens");
      list.replaceChildren(...tokens.map((t) => h("li", { "data-token-id": t.id },
        h("span", {}, `${t.label} · ${t.scopes.join(", ")} · until ${formatDate(t.expires_at)}`),
        h("button", { type: "button", class: "danger", onclick: () => this.revoke(t.id) }, "Revoke"))));
      if (!tokens.length) list.append(h("li", { class: "muted" }, "No token yet."));
    } catch (e) {
      list.replaceChildren(h("li", {}, e.message));
    }
  }

  async createToken(form, shown) {
    const scopes = [...form.querySelectorAll("input[name=scope]:checked")].map((box) => box.value);
    try {
      const created = await api("/api/v1/tokens", { method: "POST", body: {
        label: form.label.value.trim(), scopes, expires_in_days: Number(form.days.value) } });
      const code = h("code", { id: "token-secret" }, created.token);
      const copy = h("button", { type: "button", onclick: async () => {
        await navigator.clipboard?.writeText(created.token).catch(() => null);
        announce("Token copied");
      } }, "Copy");
      await this.loadTokens();
      this.tokens.querySelector("#new-token").replaceChildren(
        h("p", {}, "Shown once: copy it now, it cannot be shown again."), code, copy);
    } catch (e) {
      shown.replaceChildren(h("p", { role: "alert" }, e.message));
    }
  }

  async revoke(id) {
    await api(`/api/v1/tokens/${encodeURIComponent(id)}`, { method: "DELETE" }).catch((e) => announce(e.message));
    await this.loadTokens();
  }

  async loadUsers() {
    const list = h("ul", { class: "account-list", id: "user-list" });
    const message = h("p", { role: "status" });
    const form = h("form", { id: "user-form", class: "account-inline" },
      h("label", {}, "Username", h("input", { name: "username", required: true })),
      h("label", {}, "Password", h("input", { name: "password", type: "password", minlength: 10, required: true,
        autocomplete: "new-password" })),
      h("label", {}, "Role", h("select", { name: "role" }, h("option", { value: "user" }, "user"),
        h("option", { value: "admin" }, "admin"))),
      h("button", { type: "submit" }, "Add user"));
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      try {
        await api("/api/v1/users", { method: "POST", body: {
          username: form.username.value.trim(), password: form.password.value, role: form.role.value } });
        await this.loadUsers();
      } catch (error) {
        message.textContent = error.message;
      }
    });
    this.users.replaceChildren(h("h3", {}, "Users"), list, form, message);
    const { users } = await api("/api/v1/users");
    list.replaceChildren(...users.map((u) => h("li", { "data-user-id": u.id }, h("span", {}, `${u.username} (${u.role})`),
      u.id === this.me.user.id ? "" : h("button", { type: "button", class: "danger", onclick: async () => {
        await api(`/api/v1/users/${encodeURIComponent(u.id)}`, { method: "DELETE" }).catch((e) => announce(e.message));
        await this.loadUsers();
      } }, "Delete"))));
  }
}
