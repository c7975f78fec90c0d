// Small DOM helpers shared by the views. Everything that comes from the API is put into the page
// as text (createElement / textContent), never parsed as HTML.

import { ApiError, humanise } from "./api.js";

let counter = 0;
export const uid = (prefix = "f") => `${prefix}-${++counter}`;

// h("p", {class: "note"}, "text", child, [more]) — attributes starting with "on" take functions,
// `text` sets textContent, booleans toggle attributes, null/undefined/false are skipped.
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") {
      node.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === "text") {
      node.textContent = String(value);
    } else if (name === "class") {
      node.className = value;
    } else if (name === "dataset") {
      Object.assign(node.dataset, value);
    } else if (value === true) {
      node.setAttribute(name, "");
    } else if (name in node && !name.includes("-") && name !== "list" && name !== "form") {
      node[name] = value;
    } else {
      node.setAttribute(name, String(value));
    }
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

// Text only screen readers get (e.g. which job a "Bookmark" button belongs to).
export const srOnly = (text) => h("span", { class: "sr-only" }, text);

// ---- messages -----------------------------------------------------------------------------

const statusBox = () => document.getElementById("status");
const alertBox = () => document.getElementById("alert");

export function announce(text) {
  const box = statusBox();
  box.replaceChildren(h("p", {}, text));
}

export function clearMessages() {
  statusBox().replaceChildren();
  alertBox().replaceChildren();
}

function messagesOf(error) {
  if (error instanceof ApiError) return error.messages;
  console.error(error);  // a bug in the page, not an API answer
  return ["Something went wrong in the page. Reload it and try again."];
}

// An error that belongs to no form: shown in the page-wide alert.
export function showError(error) {
  if (error instanceof ApiError && error.sessionEnded) return;  // the sign-in page says so
  const messages = messagesOf(error);
  const box = alertBox();
  box.replaceChildren(
    messages.length === 1 ? h("p", {}, messages[0]) : h("ul", {}, messages.map((m) => h("li", {}, m))),
    h("button", { type: "button", class: "link", onclick: () => box.replaceChildren() }, "Dismiss"),
  );
}

// ---- busy buttons and forms ---------------------------------------------------------------

// Runs `work` with `button` marked busy (aria-disabled, not `disabled`, so keyboard focus stays
// on it); errors go to the page-wide alert unless `onError` takes them.
export async function busy(button, work, onError = showError) {
  if (button.getAttribute("aria-disabled") === "true") return undefined;
  button.setAttribute("aria-disabled", "true");
  button.setAttribute("aria-busy", "true");
  button.classList.add("busy");
  try {
    return await work();
  } catch (error) {
    onError(error);
    return undefined;
  } finally {
    if (button.dataset.done !== "true") button.removeAttribute("aria-disabled");
    button.removeAttribute("aria-busy");
    button.classList.remove("busy");
  }
}

// A one-time action that is done ("Bookmarked"): the button stays focusable but does nothing.
export function markDone(button, ...label) {
  button.dataset.done = "true";
  button.setAttribute("aria-disabled", "true");
  button.replaceChildren(...label);
}

// Shows an error inside a form: the messages in its error box (role=alert) and, for a 422, each
// message next to its field (aria-invalid + aria-describedby).
export function showFormError(form, error) {
  if (error instanceof ApiError && error.sessionEnded) return;
  const box = form.querySelector(":scope > .form-error");
  clearFormError(form);
  const issues = error instanceof ApiError ? error.issues : [];
  const lines = [];
  if (issues.length) {
    for (const issue of issues) {
      const name = issue.field.split(".")[0];
      const input = name ? form.querySelector(`[name="${CSS.escape(name)}"]`) : null;
      const label = input ? labelText(input) : humanise(issue.field);
      lines.push(label ? `${label}: ${issue.message}` : issue.message);
      if (input) markInvalid(input, issue.message);
    }
  } else {
    lines.push(...messagesOf(error));
  }
  box.replaceChildren(
    lines.length === 1 ? h("p", {}, lines[0]) : h("ul", {}, lines.map((m) => h("li", {}, m))),
  );
  box.hidden = false;
  form.querySelector('[aria-invalid="true"]')?.focus();  // the first field to fix
}

// A problem found before asking the server (e.g. two passwords that differ).
export function fieldError(form, name, message) {
  const input = form.querySelector(`[name="${CSS.escape(name)}"]`);
  clearFormError(form);
  const box = form.querySelector(":scope > .form-error");
  box.replaceChildren(h("p", {}, `${labelText(input)}: ${message}`));
  box.hidden = false;
  markInvalid(input, message);
  input.focus();
}

function labelText(input) {
  const label = input.labels && input.labels[0];
  return label ? label.firstChild.textContent.trim() : humanise(input.name);
}

function markInvalid(input, message) {
  const note = h("p", { class: "field-error", id: uid("err") }, message);
  input.setAttribute("aria-invalid", "true");
  const described = input.getAttribute("aria-describedby");
  input.setAttribute("aria-describedby", described ? `${described} ${note.id}` : note.id);
  (input.closest(".field") || input.parentElement).append(note);
}

export function clearFormError(form) {
  const box = form.querySelector(":scope > .form-error");
  if (box) {
    box.replaceChildren();
    box.hidden = true;
  }
  for (const note of form.querySelectorAll(".field-error")) {
    const input = form.querySelector(`[aria-describedby~="${note.id}"]`);
    if (input) {
      const rest = input.getAttribute("aria-describedby").split(" ").filter((id) => id !== note.id);
      if (rest.length) input.setAttribute("aria-describedby", rest.join(" "));
      else input.removeAttribute("aria-describedby");
      input.removeAttribute("aria-invalid");
    }
    note.remove();
  }
}

// A <form> with an error box first, then the children. `onsubmit(values, form)` runs with the
// submit button busy; an error it throws is shown in the form.
export function form(attrs, children, onsubmit) {
  const node = h("form", { novalidate: true, ...attrs },
    h("div", { class: "form-error", role: "alert", hidden: true }), children);
  node.addEventListener("submit", (event) => {
    event.preventDefault();
    const button = event.submitter || node.querySelector("button[type=submit]");
    busy(button, async () => {
      clearFormError(node);
      await onsubmit(values(node), node, button);
    }, (error) => showFormError(node, error));
  });
  return node;
}

// Named controls as {name: value}: checkboxes as booleans (several with one name as a list).
export function values(formNode) {
  const out = {};
  for (const el of formNode.elements) {
    if (!el.name || el.disabled) continue;
    if (el.type === "checkbox") {
      const group = formNode.querySelectorAll(`input[type=checkbox][name="${CSS.escape(el.name)}"]`);
      if (group.length > 1) {
        out[el.name] = out[el.name] || [];
        if (el.checked) out[el.name].push(el.value);
      } else {
        out[el.name] = el.checked;
      }
    } else if (el.type === "file") {
      out[el.name] = el.files;
    } else if (el.type === "radio") {
      if (el.checked) out[el.name] = el.value;
    } else if (el.tagName !== "BUTTON") {
      out[el.name] = el.value;
    }
  }
  return out;
}

// A labelled control. kind: "input" (default), "textarea", "select", "checkbox".
export function field({ label, name, kind = "input", type = "text", value, hint, options = [],
  required = false, ...rest }) {
  const id = uid(name);
  const hintNode = hint ? h("p", { class: "hint", id: `${id}-hint` }, hint) : null;
  const common = { id, name, required, "aria-describedby": hintNode ? hintNode.id : null, ...rest };
  if (kind === "checkbox") {
    const box = h("input", { ...common, type: "checkbox", checked: Boolean(value) });
    return h("div", { class: "field check" }, box, h("label", { for: id }, label), hintNode);
  }
  let control;
  if (kind === "textarea") {
    control = h("textarea", common);
    control.value = value ?? "";
  } else if (kind === "select") {
    control = h("select", common, options.map(([optionValue, text]) => h("option", { value: optionValue }, text)));
    if (value !== undefined && value !== null) control.value = String(value);
  } else {
    control = h("input", { ...common, type });
    if (value !== undefined && value !== null) control.value = String(value);
  }
  const labelNode = h("label", { for: id }, label, required ? h("span", { class: "req", "aria-hidden": "true" }, " *") : null);
  return h("div", { class: "field" }, labelNode, control, hintNode);
}

export const submit = (text, attrs = {}) => h("button", { type: "submit", ...attrs }, text);
export const button = (text, onclick, attrs = {}) => h("button", { type: "button", onclick, ...attrs }, text);

// ---- page pieces --------------------------------------------------------------------------

// A view's heading: focused after navigation, so screen readers announce the new view.
export const heading = (text) => h("h1", { tabindex: "-1", class: "view-title" }, text);

export function chips(items, label) {
  if (!items || !items.length) return h("p", { class: "muted" }, "None");
  return h("ul", { class: "chips", "aria-label": label }, items.map((item) => h("li", {}, item)));
}

export function empty(text, ...more) {
  return h("div", { class: "empty" }, h("p", {}, text), more);
}

// A score 0..100 as a meter with its number written out.
export function scoreBadge(score, label = "Score") {
  const value = Math.max(0, Math.min(100, Math.round(Number(score) || 0)));
  const level = value >= 70 ? "high" : value >= 45 ? "mid" : "low";
  return h("div", { class: `score ${level}` },
    h("span", { class: "score-number" }, `${value}%`),
    h("meter", { min: "0", max: "100", low: "45", high: "70", optimum: "100", value: String(value), "aria-label": label }),
  );
}

export function formatDate(iso) {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const hasTime = iso.length > 10;
  return hasTime
    ? date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" })
    : date.toLocaleDateString(undefined, { dateStyle: "medium", timeZone: "UTC" });
}

export const time = (iso) => h("time", { datetime: iso }, formatDate(iso));

export function formatSize(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

// Only http(s) links from API data become links (no javascript: or data: URLs).
export function safeUrl(url) {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : null;
  } catch {
    return null;
  }
}

// ---- downloads ----------------------------------------------------------------------------

export function saveBlob(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = h("a", { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

export function saveText(text, name, type = "text/plain;charset=utf-8") {
  saveBlob(new Blob([text], { type }), name);
}

export function slug(text) {
  return (text || "resume").toLowerCase().replace(/\.[a-z0-9]+$/, "").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "resume";
}

// ---- word diff ----------------------------------------------------------------------------

// The API's diff_html (`<div class="diff"><p>... <del>..</del><ins>..</ins></p></div>`, every
// fragment escaped) rebuilt node by node: only p/del/ins and text survive, so nothing in it can
// run or style the page.
export function diffView(diffHtml) {
  const parsed = new DOMParser().parseFromString(diffHtml || "", "text/html");
  const out = h("div", { class: "diff" });
  const copy = (from, to) => {
    for (const node of from.childNodes) {
      if (node.nodeType === Node.TEXT_NODE) {
        to.append(node.textContent);
      } else if (node.nodeType === Node.ELEMENT_NODE) {
        const tag = node.tagName.toLowerCase();
        if (tag === "p" || tag === "del" || tag === "ins") {
          const kept = h(tag);
          copy(node, kept);
          if (tag === "del") kept.prepend(srOnly("[removed: "));
          if (tag === "ins") kept.prepend(srOnly("[added: "));
          if (tag !== "p") kept.append(srOnly("]"));
          to.append(kept);
        } else {
          copy(node, to);
        }
      }
    }
  };
  copy(parsed.body, out);
  return out;
}

// ---- confirmation -------------------------------------------------------------------------

// Resolves true when the user confirms in the page's modal <dialog>.
export function confirmDialog(text, confirmLabel = "Confirm", title = "Are you sure?") {
  const dialog = document.getElementById("confirm-dialog");
  dialog.querySelector("#confirm-title").textContent = title;
  dialog.querySelector("#confirm-text").textContent = text;
  dialog.querySelector("#confirm-ok").textContent = confirmLabel;
  const opener = document.activeElement;
  return new Promise((resolve) => {
    dialog.returnValue = "cancel";
    dialog.addEventListener("close", () => {
      if (opener && opener.isConnected) opener.focus();
      resolve(dialog.returnValue === "ok");
    }, { once: true });
    dialog.showModal();
    dialog.querySelector("#confirm-cancel").focus();
  });
}
