// Notifications: the inbox with filters (type, unread only), mark read, mark all read, delete;
// and the notification settings of api-v2.md §6.1 with "send a test notification".

import * as api from "./api.js";
import {
  announce, busy, button, empty, field, fieldError, form, h, heading, markDone, srOnly, submit, time,
} from "./ui.js";

const TYPES = [["", "All types"], ["job_match", "Job matches"], ["application_update", "Application updates"], ["system", "System"]];
const TYPE_NAMES = { job_match: "Job match", application_update: "Application update", system: "System" };
const typeLabel = (type) => TYPE_NAMES[type] || type;

function subnav(current) {
  return h("nav", { "aria-label": "Notifications" }, h("ul", { class: "subnav" },
    h("li", {}, h("a", { href: "#/notifications", "aria-current": current === "inbox" ? "page" : null }, "Inbox")),
    h("li", {}, h("a", { href: "#/notifications/settings", "aria-current": current === "settings" ? "page" : null }, "Settings"))));
}

export async function notificationsView({ query, app }) {
  const list = h("div");
  const counts = h("p", { class: "muted" });
  let filters = { type: query.get("type") || "", unread_only: query.get("unread") === "1" };

  const filterForm = form({ class: "panel row", "aria-label": "Filter notifications" }, [
    field({ label: "Type", name: "type", kind: "select", options: TYPES, value: filters.type }),
    field({ label: "Unread only", name: "unread_only", kind: "checkbox", value: filters.unread_only }),
    h("div", { class: "actions" }, submit("Filter", { class: "secondary" })),
  ], async (values) => {
    filters = { type: values.type, unread_only: values.unread_only };
    const shown = await refresh();
    announce(`${shown} notification${shown === 1 ? "" : "s"} shown.`);
  });

  const markAll = button("Mark all as read", (event) => busy(event.currentTarget, async () => {
    const answer = await api.put("/v2/notifications/mark-all-read");
    await refresh();
    announce(`${answer.message} (${answer.updated}).`);
  }), { class: "secondary" });

  async function refresh() {
    const answer = await api.get("/v2/notifications", { type: filters.type, unread_only: filters.unread_only || null, limit: 100 });
    app.setUnread(answer.unread);
    counts.textContent = `${answer.total} matching · ${answer.unread} unread in total`;
    if (!answer.notifications.length) {
      list.replaceChildren(empty(filters.type || filters.unread_only ? "No notifications match these filters." : "No notifications yet."));
      return 0;
    }
    list.replaceChildren(h("ul", { class: "notes" }, answer.notifications.map((n) => noteItem(n, refresh, list, app.refreshUnread))));
    return answer.notifications.length;
  }
  await refresh();

  return h("section", {},
    heading("Notifications"),
    subnav("inbox"),
    filterForm,
    h("div", { class: "spread" }, counts, markAll),
    list,
  );
}

function noteItem(n, refresh, list, refreshBadge) {
  const titleId = `note-${n.id}`;
  const read = button(["Mark as read", srOnly(`: ${n.title}`)], (event) => busy(event.currentTarget, async () => {
    await api.put(`/v2/notifications/${encodeURIComponent(n.id)}/read`);
    markDone(read, "Read", srOnly(`: ${n.title}`));
    item.classList.remove("unread");
    state.replaceChildren("read");
    state.className = "tag read";
    refreshBadge();
    announce(`Marked “${n.title}” as read.`);
  }), { class: "secondary small" });
  if (n.is_read) markDone(read, "Read", srOnly(`: ${n.title}`));
  const state = h("span", { class: `tag ${n.is_read ? "read" : "unread"}` }, n.is_read ? "read" : "unread");
  const item = h("li", { class: `panel note ${n.is_read ? "" : "unread"}` },
    h("article", { "aria-labelledby": titleId },
      h("div", { class: "spread" }, h("h2", { id: titleId, class: "h3" }, n.title), state),
      h("p", {}, n.message),
      h("p", { class: "meta" }, `${typeLabel(n.type)} · `, time(n.created_at),
        n.match_score !== null && n.match_score !== undefined ? ` · ${Math.round(n.match_score * 100)}% match` : ""),
      h("div", { class: "actions" },
        read,
        n.job_id ? h("a", { href: `#/ats?job=${encodeURIComponent(n.job_id)}` }, "ATS check", srOnly(` for ${n.job_title || "this job"}`)) : null,
        button(["Delete", srOnly(`: ${n.title}`)], (event) => busy(event.currentTarget, async () => {
          await api.del(`/v2/notifications/${encodeURIComponent(n.id)}`);
          await refresh();
          announce(`Deleted “${n.title}”.`);
          list.closest("section").querySelector("h1").focus();
        }), { class: "danger small" }))));
  return item;
}

// ---- settings -------------------------------------------------------------------------------

const FREQUENCIES = [["daily", "Daily digest"], ["weekly", "Weekly digest"], ["disabled", "Right away, no digest"]];

export async function notificationSettingsView({ app }) {
  const s = await api.get("/v2/notifications/settings");
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  const zoneList = h("datalist", { id: "time-zones" }, zones.map((zone) => h("option", { value: zone })));

  const settings = form({ class: "panel", "aria-label": "Notification settings" }, [
    h("fieldset", {},
      h("legend", {}, "E-mail"),
      field({ label: "Send me e-mail", name: "email_enabled", kind: "checkbox", value: s.email_enabled }),
      field({ label: "How e-mail is delivered", name: "digest_frequency", kind: "select", options: FREQUENCIES, value: s.digest_frequency }),
      h("div", { class: "checks" },
        field({ label: "E-mail new matches", name: "email_new_matches", kind: "checkbox", value: s.email_new_matches }),
        field({ label: "E-mail application updates", name: "email_application_updates", kind: "checkbox", value: s.email_application_updates }),
        field({ label: "Weekly summary", name: "weekly_summary", kind: "checkbox", value: s.weekly_summary })),
    ),
    h("fieldset", {},
      h("legend", {}, "In the app"),
      h("div", { class: "checks" },
        field({ label: "New matches", name: "notify_new_matches", kind: "checkbox", value: s.notify_new_matches }),
        field({ label: "Application updates", name: "notify_application_updates", kind: "checkbox", value: s.notify_application_updates }),
        field({ label: "System messages", name: "notify_system_updates", kind: "checkbox", value: s.notify_system_updates })),
    ),
    h("fieldset", {},
      h("legend", {}, "When"),
      h("div", { class: "form-grid" },
        field({ label: "Minimum match score (%)", name: "min_match_score", type: "number", min: "0", max: "100",
          value: Math.round(s.min_match_score * 100), inputmode: "numeric", hint: "Matches below it are not reported." }),
        field({ label: "Quiet hours start", name: "quiet_hours_start", type: "time", value: s.quiet_hours_start || "" }),
        field({ label: "Quiet hours end", name: "quiet_hours_end", type: "time", value: s.quiet_hours_end || "" }),
        field({ label: "Time zone", name: "timezone", value: s.timezone, list: "time-zones", autocomplete: "off", hint: "For example Europe/Berlin." })),
      zoneList,
    ),
    h("div", { class: "actions" }, submit("Save settings")),
  ], async (values, node) => {
    const score = Number(values.min_match_score);
    if (values.min_match_score === "" || !(score >= 0 && score <= 100)) {
      return fieldError(node, "min_match_score", "Enter a number from 0 to 100.");
    }
    const body = {
      email_enabled: values.email_enabled,
      digest_frequency: values.digest_frequency,
      email_new_matches: values.email_new_matches,
      email_application_updates: values.email_application_updates,
      weekly_summary: values.weekly_summary,
      notify_new_matches: values.notify_new_matches,
      notify_application_updates: values.notify_application_updates,
      notify_system_updates: values.notify_system_updates,
      min_match_score: score / 100,
      quiet_hours_start: values.quiet_hours_start || null,
      quiet_hours_end: values.quiet_hours_end || null,
      timezone: values.timezone.trim(),
    };
    await api.put("/v2/notifications/settings", body);
    announce("Notification settings saved.");
    return undefined;
  });

  const test = button("Send a test notification", (event) => busy(event.currentTarget, async () => {
    const answer = await api.post("/v2/notifications/test");
    await app.refreshUnread();
    announce(`${answer.message}.`);
  }), { class: "secondary" });

  return h("section", {},
    heading("Notification settings"),
    subnav("settings"),
    settings,
    h("section", { class: "panel" }, h("h2", {}, "Test"),
      h("p", {}, "Creates a notification in your inbox and, when the server can send e-mail, a test e-mail to ", h("strong", {}, app.user?.email || "you"), "."),
      test),
  );
}
