// Small DOM helpers: elements are built with textContent, never from HTML strings,
// so text from the server can't inject markup (Markdown goes through markdown.js instead).

/** h("p", {class: "x", "data-id": 1}, "text", child) */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value == null) continue;
    if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  element.append(...children.filter((child) => child != null && child !== false));
  return element;
}

/** Says {@code text} to screen readers through the page's polite live region. */
export function announce(text) {
  const region = document.getElementById("announcer");
  region.textContent = "";
  // A new text node in a separate task is what makes every screen reader speak it again.
  setTimeout(() => { region.textContent = text; }, 50);
}

const AGENTS = { plume: "Plume", mimir: "Mimir", user: "you" };
const ROUTES = { plume: "Plume", mimir: "Mimir", discussion: "Discussion" };

export const agentName = (id) => AGENTS[id] ?? id;
export const routeName = (id) => ROUTES[id] ?? id;

export function formatDate(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  const sameDay = date.toDateString() === new Date().toDateString();
  return sameDay
    ? date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })
    : date.toLocaleDateString([], { day: "numeric", month: "short", year: "numeric" });
}
