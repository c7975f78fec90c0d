// The one client of the /v2 API: bearer tokens, one refresh and retry on 401, and every failure
// as an ApiError carrying the API's `detail` (a sentence, or the list of a 422).

const TOKENS_KEY = "aligncv.tokens";
const NETWORK_MESSAGE = "Could not reach the AlignCV server. Check that it is running and try again.";

export class ApiError extends Error {
  constructor(status, body, fallback) {
    const detail = body ? body.detail : undefined;
    super(typeof detail === "string" && detail ? detail : fallback);
    this.name = "ApiError";
    this.status = status;
    this.code = body && body.code ? body.code : null;
    // 422: one entry per failing field, {field: "email", message: "..."}; field is "" when the
    // problem is the body itself (e.g. malformed JSON).
    this.issues = Array.isArray(detail)
      ? detail.map((issue) => ({ field: fieldOf(issue.loc), message: String(issue.msg ?? "Invalid value") }))
      : [];
  }

  // Every message to show, each with its field when there is one.
  get messages() {
    if (!this.issues.length) return [this.message];
    return this.issues.map((i) => (i.field ? `${humanise(i.field)}: ${i.message}` : i.message));
  }
}

// ["body", "preferences", "job_types", 0] -> "preferences.job_types.0"
function fieldOf(loc) {
  if (!Array.isArray(loc)) return "";
  const rest = loc.slice(1).filter((part) => typeof part === "string" || typeof part === "number");
  if (rest.length === 1 && typeof rest[0] === "number") return "";  // a byte offset of bad JSON
  return rest.join(".");
}

export function humanise(field) {
  const text = field.replace(/[._]/g, " ").trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// ---- tokens -------------------------------------------------------------------------------
// Kept in localStorage so a reload keeps the session, and always re-read, so that several tabs
// share one rotating refresh token instead of replaying an old one (which revokes the family).

export function tokens() {
  try {
    const stored = JSON.parse(localStorage.getItem(TOKENS_KEY) || "null");
    return stored && stored.access_token ? stored : null;
  } catch {
    return null;
  }
}

export function saveTokens(pair) {
  localStorage.setItem(TOKENS_KEY, JSON.stringify({
    access_token: pair.access_token,
    refresh_token: pair.refresh_token,
  }));
}

export function clearTokens() {
  localStorage.removeItem(TOKENS_KEY);
}

export function onTokensChangedElsewhere(callback) {
  window.addEventListener("storage", (event) => {
    if (event.key === TOKENS_KEY || event.key === null) callback(tokens());
  });
}

let sessionEnded = () => {};
// Called once a request fails with 401 even after a refresh: the session is over.
export function onSessionEnded(callback) {
  sessionEnded = callback;
}

let refreshing = null;

// One refresh at a time; concurrent 401s wait for the same one.
function refreshTokens(usedAccess) {
  if (!refreshing) {
    refreshing = (async () => {
      const current = tokens();
      if (!current) return false;
      if (current.access_token !== usedAccess) return true;  // another tab already refreshed
      const response = await fetch("/v2/auth/refresh", {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ refresh_token: current.refresh_token }),
      }).catch(() => null);
      if (!response || !response.ok) return false;
      saveTokens(await response.json());
      return true;
    })().finally(() => {
      refreshing = null;
    });
  }
  return refreshing;
}

// ---- requests -----------------------------------------------------------------------------

function buildUrl(path, query) {
  const url = new URL(path, window.location.origin);
  for (const [name, value] of Object.entries(query || {})) {
    if (value !== undefined && value !== null && value !== "") url.searchParams.set(name, String(value));
  }
  return url.pathname + url.search;
}

async function send(method, url, { json, form, auth }) {
  const headers = { Accept: "application/json" };
  let body;
  if (json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(json);
  } else if (form !== undefined) {
    body = form;  // FormData: the browser sets the multipart boundary
  }
  const current = auth ? tokens() : null;
  if (current) headers.Authorization = `Bearer ${current.access_token}`;
  try {
    const response = await fetch(url, { method, headers, body, cache: "no-store" });
    return { response, access: current ? current.access_token : null };
  } catch {
    throw new ApiError(0, null, NETWORK_MESSAGE);
  }
}

async function readBody(response) {
  const type = response.headers.get("Content-Type") || "";
  if (!type.startsWith("application/json")) return null;
  try {
    return await response.json();
  } catch {
    return null;
  }
}

// The raw Response of a successful call; throws ApiError otherwise.
export async function fetchOk(method, path, { json, form, query, auth = true } = {}) {
  const url = buildUrl(path, query);
  let { response, access } = await send(method, url, { json, form, auth });
  let ended = false;
  if (response.status === 401 && auth && access) {
    if (await refreshTokens(access)) ({ response } = await send(method, url, { json, form, auth }));
    if (response.status === 401) {
      ended = true;
      clearTokens();
      sessionEnded("Your session has ended. Please sign in again.");
    }
  }
  if (!response.ok) {
    const fallback = `The server answered ${response.status} ${response.statusText}`.trim();
    const error = new ApiError(response.status, await readBody(response), fallback);
    error.sessionEnded = ended;  // already reported by the session-ended handler
    throw error;
  }
  return response;
}

// The parsed JSON body of a successful call.
export async function call(method, path, options) {
  const response = await fetchOk(method, path, options);
  return readBody(response);
}

export const get = (path, query) => call("GET", path, { query });
export const post = (path, json) => call("POST", path, { json: json ?? {} });
export const put = (path, json) => call("PUT", path, { json: json ?? {} });
export const del = (path) => call("DELETE", path);

// A file download: the body as a Blob and the name from Content-Disposition (or `fallback`).
export async function download(path, fallback) {
  const response = await fetchOk("GET", path);
  const disposition = response.headers.get("Content-Disposition") || "";
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="([^"]+)"/i.exec(disposition);
  let name = fallback;
  try {
    if (utf8) name = decodeURIComponent(utf8[1]);
    else if (plain) name = plain[1];
  } catch {
    // keep the fallback name
  }
  return { blob: await response.blob(), name };
}

// Sign-in style answers carry {user, tokens}.
export function startSession(answer) {
  saveTokens(answer.tokens);
  return answer.user;
}
