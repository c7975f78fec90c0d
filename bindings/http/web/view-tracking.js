// Bookmarks (remove, apply) and the applications board (columns by status; status and notes
// changed with a labelled form on each card; the status history shown).

import * as api from "./api.js";
import { jobActions } from "./view-matches.js";
import {
  announce, busy, button, confirmDialog, empty, field, form, h, heading, srOnly, submit, time,
} from "./ui.js";

// The board's columns, in the order an application usually moves.
const STATUSES = [
  ["saved", "Saved"], ["applied", "Applied"], ["interviewing", "Interviewing"], ["offered", "Offered"],
  ["accepted", "Accepted"], ["rejected", "Rejected"], ["withdrawn", "Withdrawn"],
];
const statusLabel = (status) => (STATUSES.find(([value]) => value === status) || [status, status])[1];

export async function bookmarksView() {
  const list = h("div");

  async function refresh() {
    const bookmarks = await api.get("/v2/jobs/bookmarks");
    if (!bookmarks.length) {
      list.replaceChildren(empty("No bookmarks yet.", h("p", {}, "Bookmark jobs from your ", h("a", { href: "#/matches" }, "matches"), ".")));
      return;
    }
    list.replaceChildren(h("ul", { class: "results" }, bookmarks.map((b) => {
      const who = ` ${b.title} at ${b.company}`;
      const titleId = `bookmark-${b.id}`;
      const job = { ...b.job, job_id: b.job_id, title: b.title, company: b.company, url: b.url, is_bookmarked: true };
      return h("li", {}, h("article", { class: "panel job-card", "aria-labelledby": titleId },
        h("h3", { id: titleId }, b.title),
        h("p", { class: "meta" }, [b.company, b.location].filter(Boolean).join(" · "), " · saved ", time(b.created_at)),
        b.notes ? h("p", {}, b.notes) : null,
        h("div", { class: "row" },
          button(["Remove bookmark", srOnly(who)], (event) => busy(event.currentTarget, async () => {
            await api.del(`/v2/jobs/bookmarks/${encodeURIComponent(b.id)}`);
            await refresh();
            announce(`Removed the bookmark of${who}.`);
            list.closest("section").querySelector("h1").focus();
          }), { class: "danger small" }),
          jobActions(job, null, { withBookmark: false }),
        ),
      ));
    })));
  }
  await refresh();
  return h("section", {}, heading("Bookmarks"), list);
}

export async function applicationsView() {
  const board = h("div", { class: "board" });

  async function refresh(focusId) {
    const applications = await api.get("/v2/jobs/applications");
    if (!applications.length) {
      board.replaceChildren(empty("No applications yet.",
        h("p", {}, "Use “Mark as applied” on a job in your ", h("a", { href: "#/matches" }, "matches"), " or bookmarks.")));
      return;
    }
    board.replaceChildren(...STATUSES.map(([status, label]) => {
      const here = applications.filter((a) => a.status === status);
      const titleId = `column-${status}`;
      return h("section", { class: "column", "aria-labelledby": titleId },
        h("h2", { id: titleId }, label, h("span", { class: "muted" }, ` ${here.length}`)),
        here.length ? h("ul", {}, here.map((a) => h("li", {}, applicationCard(a, refresh)))) : h("p", { class: "muted" }, "None"));
    }));
    if (focusId) board.querySelector(`[data-application="${CSS.escape(focusId)}"] select`)?.focus();
  }
  await refresh();
  return h("section", {},
    heading("Applications"),
    h("p", { class: "lead" }, "Your applications by status. Change a status or add notes on a card; every change is kept in its history."),
    board,
  );
}

function applicationCard(a, refresh) {
  const who = ` ${a.title} at ${a.company}`;
  const titleId = `application-${a.id}`;
  const update = form({ "aria-labelledby": titleId }, [
    field({ label: ["Status", srOnly(` of${who}`)], name: "status", kind: "select", options: STATUSES, value: a.status }),
    field({ label: ["Notes", srOnly(` on${who}`)], name: "notes", kind: "textarea", rows: "2", value: a.notes || "" }),
    h("div", { class: "actions" }, submit(["Save", srOnly(who)], { class: "small" })),
  ], async ({ status, notes }) => {
    const updated = await api.put(`/v2/jobs/applications/${encodeURIComponent(a.id)}`, { status, notes: notes.trim() ? notes : null });
    await refresh(a.id);
    announce(updated.status === a.status
      ? `Saved the notes on${who}.`
      : `${a.title} at ${a.company} moved from ${statusLabel(a.status)} to ${statusLabel(updated.status)}.`);
  });
  const history = a.history || [];
  return h("article", { class: "app-card", "aria-labelledby": titleId, dataset: { application: a.id } },
    h("h3", { id: titleId }, a.title),
    h("p", { class: "meta" }, a.company, a.applied_date ? [" · applied ", time(a.applied_date)] : null),
    update,
    h("details", {},
      h("summary", {}, `History (${history.length})`, srOnly(` of${who}`)),
      h("ol", { class: "history" }, history.map((entry) => h("li", {}, `${statusLabel(entry.status)} · `, time(entry.at))))),
    button(["Delete", srOnly(` the application to${who}`)], async (event) => busy(event.currentTarget, async () => {
      if (!(await confirmDialog(`Delete your application to${who} and its history?`, "Delete application"))) return;
      await api.del(`/v2/jobs/applications/${encodeURIComponent(a.id)}`);
      await refresh();
      announce(`Deleted the application to${who}.`);
    }), { class: "link small" }),
  );
}
