// AlignCV web app: the session, the navigation and a small hash router (the server answers
// only "/" for the page, so views live in the fragment: #/matches?resume=<id>).

import * as api from "./api.js";
import { announce, clearMessages, h, showError } from "./ui.js";
import { signInView, signUpView } from "./view-auth.js";
import { documentsView, profileView } from "./view-documents.js";
import { matchesView } from "./view-matches.js";
import { atsView } from "./view-ats.js";
import { applicationsView, bookmarksView } from "./view-tracking.js";
import { writeView } from "./view-write.js";
import { notificationSettingsView, notificationsView } from "./view-notifications.js";
import { accountView } from "./view-account.js";

const ROUTES = [
  { path: "signin", view: signInView, public: true },
  { path: "signup", view: signUpView, public: true },
  { path: "documents", view: documentsView },
  { path: "documents/:id", view: profileView },
  { path: "matches", view: matchesView },
  { path: "ats", view: atsView },
  { path: "bookmarks", view: bookmarksView },
  { path: "applications", view: applicationsView },
  { path: "write", view: writeView },
  { path: "write/:tool", view: writeView },
  { path: "notifications", view: notificationsView },
  { path: "notifications/settings", view: notificationSettingsView },
  { path: "account", view: accountView },
];

const NAV = [
  ["documents", "Résumés"],
  ["matches", "Matches"],
  ["ats", "ATS check"],
  ["bookmarks", "Bookmarks"],
  ["applications", "Applications"],
  ["write", "Writing"],
  ["notifications", "Notifications"],
  ["account", "Account"],
];

const HOME = "documents";

// What views receive (with `params` and `query`): the signed-in user and the app's actions.
const app = {
  user: null,
  unread: 0,
  googleClientId: document.querySelector('meta[name="aligncv-google-client-id"]')?.content || "",
  navigate,
  signedIn: () => Boolean(api.tokens()),
  async startSession(answer) {
    app.user = api.startSession(answer);
    await refreshUser();
  },
  async signOut(message) {
    const current = api.tokens();
    if (current) {
      // Revokes the token family on the server; the local session ends whatever it answers.
      await api.call("POST", "/v2/auth/logout", { json: { refresh_token: current.refresh_token } }).catch(() => {});
    }
    endSession();
    await navigate("#/signin");
    if (message) announce(message);
  },
  endSession,
  refreshUser,
  refreshUnread,
  setUnread(count) {
    app.unread = count;
    renderNav();
  },
};

function endSession() {
  api.clearTokens();
  app.user = null;
  app.unread = 0;
}

async function refreshUser() {
  app.user = await api.get("/v2/auth/me");
  renderNav();
  return app.user;
}

async function refreshUnread() {
  if (!app.signedIn()) return;
  try {
    const answer = await api.get("/v2/notifications", { limit: 1 });
    app.setUnread(answer.unread);
  } catch {
    // the badge is a hint; the notifications view reports its own errors
  }
}

// ---- navigation -----------------------------------------------------------------------------

const navList = document.getElementById("nav-links");
const nav = document.getElementById("site-nav");
const menuToggle = document.getElementById("menu-toggle");
const main = document.getElementById("main");

function currentPath() {
  const hash = window.location.hash.replace(/^#\/?/, "");
  const [path, search = ""] = hash.split("?");
  return { path: path.replace(/\/$/, ""), query: new URLSearchParams(search) };
}

// Built once per signed-in state and then updated in place, so focus in the menu survives.
let navFor = null;
function renderNav() {
  const signedIn = app.signedIn();
  if (navFor !== signedIn) {
    navFor = signedIn;
    const link = (target, label) => h("li", {}, h("a", { href: `#/${target}`, dataset: { section: target } }, label));
    navList.replaceChildren(...(signedIn
      ? [...NAV.map(([target, label]) => link(target, label)),
        h("li", {}, h("button", { type: "button", onclick: () => app.signOut("You are signed out.") }, "Sign out"))]
      : [link("signin", "Sign in"), link("signup", "Create account")]));
  }
  const section = currentPath().path.split("/")[0];
  for (const a of navList.querySelectorAll("a")) {
    if (a.dataset.section === section) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  const inbox = navList.querySelector('a[data-section="notifications"]');
  if (inbox) {
    inbox.querySelector(".badge")?.remove();
    if (app.unread > 0) inbox.append(h("span", { class: "badge" }, String(app.unread), h("span", { class: "sr-only" }, " unread")));
  }
}

// The skip link must not change the fragment (that is the router's): it moves focus itself.
document.querySelector(".skip-link").addEventListener("click", (event) => {
  event.preventDefault();
  main.focus();
});

function setMenu(open) {
  nav.classList.toggle("open", open);
  menuToggle.setAttribute("aria-expanded", String(open));
}

menuToggle.hidden = false;
nav.classList.add("collapsible");
menuToggle.addEventListener("click", () => setMenu(!nav.classList.contains("open")));
nav.addEventListener("click", (event) => {
  if (event.target.closest("a")) setMenu(false);
});
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape" && nav.classList.contains("open")) {
    setMenu(false);
    menuToggle.focus();
  }
});

function findRoute(path) {
  const parts = path.split("/");
  for (const route of ROUTES) {
    const pattern = route.path.split("/");
    if (pattern.length !== parts.length) continue;
    const params = {};
    const ok = pattern.every((piece, i) => {
      if (piece.startsWith(":")) {
        params[piece.slice(1)] = decodeURIComponent(parts[i]);
        return parts[i] !== "";
      }
      return piece === parts[i];
    });
    if (ok) return { route, params };
  }
  return null;
}

let navigation = 0;

async function render() {
  const ticket = ++navigation;
  const { path, query } = currentPath();
  clearMessages();
  setMenu(false);
  if (!path) return replace(app.signedIn() ? `#/${HOME}` : "#/signin");
  const found = findRoute(path);
  if (found && !found.route.public && !app.signedIn()) return replace("#/signin");
  if (found && found.route.public && app.signedIn()) return replace(`#/${HOME}`);
  renderNav();
  main.setAttribute("aria-busy", "true");

  let view;
  try {
    view = found
      ? await found.route.view({ params: found.params, query, app })
      : h("section", {}, h("h1", { tabindex: "-1" }, "Page not found"),
        h("p", {}, "There is no such page. ", h("a", { href: "#/" }, "Go to the start page"), "."));
  } catch (error) {
    if (ticket !== navigation) return;
    view = h("section", {}, h("h1", { tabindex: "-1" }, "This page could not be loaded"));
    showError(error);
  }
  if (ticket !== navigation) return;  // a newer navigation won
  main.replaceChildren(view);
  main.removeAttribute("aria-busy");
  const title = main.querySelector("h1");
  document.title = title ? `${title.textContent} · AlignCV` : "AlignCV";
  if (title) title.focus({ preventScroll: false });
  window.scrollTo(0, 0);
  if (app.signedIn()) refreshUnread();
}

function replace(hash) {
  history.replaceState(null, "", hash);
  return render();
}

// Shows `hash` (e.g. "#/matches?resume=..."); resolves once the view is on screen.
function navigate(hash) {
  if (window.location.hash !== hash) history.pushState(null, "", hash);
  return render();
}

// Links and back/forward change the fragment; navigate() renders by itself (pushState fires nothing).
window.addEventListener("hashchange", render);

api.onSessionEnded(async (message) => {
  endSession();
  await navigate("#/signin");
  showError(new api.ApiError(401, { detail: message }, message));
});

// Another tab signed out (or in): follow it.
api.onTokensChangedElsewhere((current) => {
  if (!current && app.user) {
    app.user = null;
    navigate("#/signin");
  } else if (current && !app.user) {
    refreshUser().then(() => navigate(`#/${HOME}`)).catch(() => {});
  }
});

async function start() {
  if (app.signedIn()) {
    try {
      await refreshUser();
    } catch (error) {
      if (error.status === 401) endSession();
      else showError(error);
    }
  }
  renderNav();
  await render();
}

start();
