// One agent message: name, who it speaks to, tool chips, and its text rendered as Markdown.
// Deltas are appended to the raw text and re-rendered at most every RENDER_MS, so long answers
// stay smooth; the finished agent_message is checked against what was streamed.

import { h, agentName } from "./dom.js";
import { renderMarkdown } from "./markdown.js";

const RENDER_MS = 50;

export class Bubble {
  constructor(agent, to = null, { answer = false } = {}) {
    this.agent = agent;
    this.text = "";
    this.to = h("span", { class: "msg-to" });
    this.chips = h("ul", { class: "chips", "aria-label": "Tool actions" });
    this.chips.hidden = true;
    this.body = h("div", { class: "msg-body", "aria-busy": "true" });
    this.element = h("article", { class: `msg msg-${agent}`, "data-agent": agent },
      h("header", { class: "msg-head" }, h("span", { class: "msg-who" }, agentName(agent)), this.to),
      this.chips, this.body);
    this.timer = null;
    if (to) this.setRecipient(to, answer);
  }

  setRecipient(to, answer) {
    this.element.dataset.to = to;
    this.to.textContent = `→ ${agentName(to)}`;
    this.element.classList.toggle("msg-answer", answer);
  }

  append(delta) {
    this.text += delta;
    this.timer ??= setTimeout(() => this.render(), RENDER_MS);
  }

  /** The complete text (agent_message, or a stored message). Streamed text that differs is replaced. */
  finish(content) {
    if (this.text && this.text !== content) {
      // Should never happen (PROTOCOL §3: the deltas add up to the content); visible to tests if it does.
      console.warn("streamed text differed from the final message; showing the final one");
      this.element.dataset.repaired = "true";
    }
    this.text = content;
    this.render();
    this.body.setAttribute("aria-busy", "false");
  }

  render() {
    clearTimeout(this.timer);
    this.timer = null;
    renderMarkdown(this.body, this.text);
  }

  /** Adds or updates the chip of one tool call (agent_action). */
  action({ call_id, action, status, details }) {
    let chip = this.chips.querySelector(`[data-call-id="${CSS.escape(call_id)}"]`);
    if (!chip) {
      chip = h("li", { class: "chip", "data-call-id": call_id });
      this.chips.append(chip);
      this.chips.hidden = false;
    }
    chip.dataset.status = status;
    const mark = { running: "…", completed: "✓", failed: "✗" }[status] ?? "";
    chip.replaceChildren(h("span", { class: "chip-name" }, `${action} ${mark}`), details ? ` ${details}` : "");
    chip.title = `${action}: ${status}`;
  }

  /** A stopped or cut message keeps its text and says so. */
  flag(text) {
    if (this.timer) this.render();
    this.body.setAttribute("aria-busy", "false");
    this.element.append(h("p", { class: "msg-flag" }, text));
  }
}
