// Sign in, create an account, and "Sign in with Google" when the server has a Google client id.

import * as api from "./api.js";
import { announce, field, form, h, heading, showError, submit } from "./ui.js";

const GOOGLE_SCRIPT = "https://accounts.google.com/gsi/client";

export function signInView({ app }) {
  const signIn = form({ "aria-labelledby": "signin-title" }, [
    field({ label: "E-mail", name: "email", type: "email", autocomplete: "username", required: true }),
    field({ label: "Password", name: "password", type: "password", autocomplete: "current-password", required: true }),
    h("div", { class: "actions" }, submit("Sign in")),
  ], async ({ email, password }) => {
    const answer = await api.call("POST", "/v2/auth/login", { json: { email, password }, auth: false });
    await app.startSession(answer);
    await app.navigate("#/documents");
    announce(`Signed in as ${app.user.name}.`);
  });
  const title = heading("Sign in");
  title.id = "signin-title";
  return h("section", { class: "narrow" },
    title,
    h("p", { class: "lead" }, "Match your résumé to jobs, check it like an applicant tracking system would, and tailor it."),
    h("div", { class: "panel" }, signIn, googleSignIn(app)),
    h("p", {}, "New here? ", h("a", { href: "#/signup" }, "Create an account"), "."),
  );
}

export function signUpView({ app }) {
  const signUp = form({ "aria-labelledby": "signup-title" }, [
    field({ label: "Name", name: "name", autocomplete: "name", required: true }),
    field({ label: "E-mail", name: "email", type: "email", autocomplete: "email", required: true }),
    field({ label: "Password", name: "password", type: "password", autocomplete: "new-password", required: true,
      hint: "At least 8 characters." }),
    h("div", { class: "actions" }, submit("Create account")),
  ], async ({ name, email, password }) => {
    const answer = await api.call("POST", "/v2/auth/signup", { json: { name, email, password }, auth: false });
    await app.startSession(answer);
    await app.navigate("#/documents");
    announce(`Welcome, ${app.user.name}. Start by uploading your résumé.`);
  });
  const title = heading("Create your account");
  title.id = "signup-title";
  return h("section", { class: "narrow" },
    title,
    h("div", { class: "panel" }, signUp, googleSignIn(app)),
    h("p", {}, "Already registered? ", h("a", { href: "#/signin" }, "Sign in"), "."),
  );
}

// ---- Google Identity Services ---------------------------------------------------------------
// Loaded only when the server set a client id (the page's CSP allows Google's origins only then).

let googleLoad = null;

function loadGoogle() {
  if (!googleLoad) {
    googleLoad = new Promise((resolve, reject) => {
      const script = h("script", { src: GOOGLE_SCRIPT, async: true });
      script.addEventListener("load", () => (window.google?.accounts?.id ? resolve(window.google) : reject(new Error("no GIS"))));
      script.addEventListener("error", () => reject(new Error("unreachable")));
      document.head.append(script);
    }).catch((error) => {
      googleLoad = null;  // try again on the next visit
      throw error;
    });
  }
  return googleLoad;
}

function googleSignIn(app) {
  if (!app.googleClientId) return null;
  const slot = h("div", { class: "google-button" });
  const note = h("p", { class: "muted" }, "Loading Sign in with Google…");
  const box = h("div", { class: "google" }, h("p", { class: "divider" }, "or"), slot, note);
  loadGoogle().then((google) => {
    google.accounts.id.initialize({
      client_id: app.googleClientId,
      callback: async ({ credential }) => {
        try {
          const answer = await api.call("POST", "/v2/auth/google", { json: { token: credential }, auth: false });
          await app.startSession(answer);
          await app.navigate("#/documents");
          announce(`Signed in as ${app.user.name}.`);
        } catch (error) {
          showError(error);
        }
      },
    });
    google.accounts.id.renderButton(slot, { type: "standard", text: "signin_with", shape: "rectangular" });
    note.remove();
  }).catch(() => {
    note.textContent = "Sign in with Google could not be loaded (is this computer offline?). Use your e-mail and password instead.";
  });
  return box;
}
