// Matches for a résumé: score, the plain-sentence explanation, matched skills with the résumé
// line that shows each, what is missing, experience fit; filters; bookmark and apply.

import * as api from "./api.js";
import { listResumes, noResumes, resumeField } from "./view-documents.js";
import {
  announce, busy, button, chips, empty, field, fieldError, form, h, heading, markDone, safeUrl, scoreBadge, srOnly, submit,
} from "./ui.js";

export const EMPLOYMENT_TYPES = [
  ["full-time", "Full-time"], ["part-time", "Part-time"], ["contract", "Contract"],
  ["internship", "Internship"], ["temporary", "Temporary"], ["freelance", "Freelance"],
];
const LEVELS = [["entry", "Entry"], ["mid", "Mid"], ["senior", "Senior"], ["lead", "Lead"], ["executive", "Executive"]];
const FIT = {
  below: "below what the role asks for",
  meets: "meets what the role asks for",
  above: "more than the role asks for",
  unknown: "could not be compared",
};

export async function matchesView({ query }) {
  const documents = await listResumes();
  if (!documents.length) return h("section", {}, heading("Matches"), noResumes());

  const results = h("div", { class: "match-results" });
  const search = form({ class: "panel", "aria-label": "Match filters" }, [
    h("div", { class: "form-grid" },
      resumeField(documents, query.get("resume")),
      field({ label: "Keywords", name: "query", type: "search", value: query.get("q") || "" }),
      field({ label: "Location", name: "location", value: query.get("location") || "" }),
      field({ label: "Remote", name: "remote", kind: "select", options: [["", "Any"], ["true", "Remote only"], ["false", "On-site only"]] }),
    ),
    h("details", { class: "more" },
      h("summary", {}, "More filters"),
      h("div", { class: "form-grid" },
        field({ label: "Job type", name: "employment_type", kind: "select", options: [["", "Any"], ...EMPLOYMENT_TYPES] }),
        field({ label: "Experience level", name: "experience_level", kind: "select", options: [["", "Any"], ...LEVELS] }),
        field({ label: "Minimum salary (per year)", name: "min_salary", type: "number", min: "0", step: "1000", inputmode: "numeric" }),
        field({ label: "Minimum score (%)", name: "min_score", type: "number", min: "0", max: "100", inputmode: "numeric" }),
        field({ label: "Results", name: "top_k", type: "number", min: "1", max: "50", value: "10", inputmode: "numeric" }),
      )),
    h("div", { class: "actions" }, submit("Find matches")),
  ], async (values, node) => {
    const body = { resume_id: values.resume_id, top_k: Number(values.top_k) || 10 };
    for (const key of ["query", "location", "employment_type", "experience_level"]) {
      if (values[key].trim()) body[key] = values[key].trim();
    }
    if (values.remote) body.remote = values.remote === "true";
    if (values.min_salary !== "") body.min_salary = Number(values.min_salary);
    if (values.min_score !== "") {
      const score = Number(values.min_score);
      if (!(score >= 0 && score <= 100)) return fieldError(node, "min_score", "Enter a number from 0 to 100.");
      body.min_score = score / 100;
    }
    const hits = await api.post("/v2/jobs/match", body);
    showResults(results, hits, body.resume_id);
    announce(hits.length ? `${hits.length} matching job${hits.length === 1 ? "" : "s"} found.` : "No jobs match these filters.");
    return undefined;
  });

  // The first search runs with the defaults, so the view opens with matches.
  const first = await api.post("/v2/jobs/match", { resume_id: search.elements.resume_id.value, top_k: 10 });
  showResults(results, first, search.elements.resume_id.value);

  return h("section", {},
    heading("Matches"),
    h("p", { class: "lead" }, "Jobs from the catalogue ranked against your résumé, with the reasons."),
    search,
    results,
  );
}

function showResults(box, hits, resumeId) {
  if (!hits.length) {
    box.replaceChildren(empty("No jobs match these filters. Try fewer filters or a lower minimum score."));
    return;
  }
  box.replaceChildren(
    h("h2", {}, `${hits.length} match${hits.length === 1 ? "" : "es"}`),
    h("ol", { class: "results" }, hits.map((hit) => h("li", {}, matchCard(hit, resumeId)))),
  );
}

function matchCard(hit, resumeId) {
  const x = hit.explanation || {};
  const who = `${hit.title} at ${hit.company}`;
  const titleId = `job-${hit.job_id}`;
  const matched = x.matched || [];
  const experience = x.experience || {};
  const facts = [hit.salary_range, hit.job_type, hit.experience_level ? `${hit.experience_level} level` : null,
    hit.posted_date ? `posted ${hit.posted_date}` : null].filter((fact) => fact && fact !== "Not specified");
  return h("article", { class: "panel job-card", "aria-labelledby": titleId },
    h("header", {},
      h("div", {},
        h("h3", { id: titleId }, hit.title),
        h("p", { class: "meta" }, [hit.company, hit.location, hit.remote ? "Remote" : null].filter(Boolean).join(" · ")),
      ),
      scoreBadge(hit.fit_percentage, `Match score for ${who}`),
    ),
    h("p", { class: "explanation" }, x.summary || ""),
    facts.length ? h("p", { class: "meta" }, facts.join(" · ")) : null,
    experience.fit ? h("p", {}, h("strong", {}, "Experience: "), experienceText(experience)) : null,
    h("div", { class: "columns" },
      h("section", {},
        h("h4", {}, "Skills your résumé shows"),
        matched.length
          ? h("ul", { class: "items" }, matched.map((m) => h("li", {},
            h("strong", {}, m.skill), m.required ? "" : " (preferred)", m.via ? ` — related skill shown: ${m.via}` : "",
            m.line ? h("span", { class: "evidence" }, `line ${m.line}: ${m.text}`) : null)))
          : h("p", { class: "muted" }, "None of the posting's skills were found."),
      ),
      h("section", {},
        h("h4", {}, "Missing required skills"),
        listOrNone(x.missing_required, "Missing required skills"),
        h("h4", {}, "Missing preferred skills"),
        listOrNone(x.missing_preferred, "Missing preferred skills"),
      ),
    ),
    breakdown(x),
    jobActions(hit, resumeId),
  );
}

function listOrNone(items, label) {
  if (!items || !items.length) return h("p", { class: "muted" }, "None");
  const list = chips(items, label);
  list.classList.add("missing");
  return list;
}

function experienceText(e) {
  const years = e.resume_years === null || e.resume_years === undefined ? "Unknown experience" : `${e.resume_years} years`;
  return `${years}${e.level ? ` for a ${e.level} role` : ""}: ${FIT[e.fit] || e.fit}`;
}

function breakdown(x) {
  const components = Object.entries(x.components || {}).filter(([, value]) => value !== null);
  if (!components.length) return null;
  const weights = x.weights || {};
  return h("details", {},
    h("summary", {}, "Score breakdown"),
    h("div", { class: "table-wrap" }, h("table", {},
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Part"), h("th", { scope: "col" }, "Score"), h("th", { scope: "col" }, "Weight"))),
      h("tbody", {}, components.map(([name, value]) => h("tr", {},
        h("th", { scope: "row" }, name), h("td", {}, `${value}`), h("td", {}, weights[name] !== undefined ? `${Math.round(weights[name] * 100)}%` : "—")))),
    )),
    x.query_terms_matched && x.query_terms_matched.length
      ? h("p", {}, `Keywords found: ${x.query_terms_matched.join(", ")} (+${x.query_boost} points)`)
      : null,
  );
}

// Bookmark, apply, and the ways on from a job (shared with the bookmarks list).
export function jobActions(job, resumeId, { withBookmark = true } = {}) {
  const who = ` ${job.title} at ${job.company}`;
  const bookmark = button(["Bookmark", srOnly(who)], (event) => busy(event.currentTarget, async () => {
    await api.post("/v2/jobs/bookmark", { job_id: job.job_id });
    job.is_bookmarked = true;
    markDone(bookmark, "Bookmarked", srOnly(who));
    announce(`Bookmarked${who}.`);
  }), { class: "secondary small" });
  if (job.is_bookmarked) markDone(bookmark, "Bookmarked", srOnly(who));

  const apply = button(["Mark as applied", srOnly(who)], (event) => busy(event.currentTarget, async () => {
    await api.post("/v2/jobs/apply", { job_id: job.job_id, status: "applied" });
    job.is_applied = true;
    markDone(apply, "Applied", srOnly(who));
    announce(`Recorded your application to${who}. Follow it under Applications.`);
  }), { class: "small" });
  if (job.is_applied) markDone(apply, "Applied", srOnly(who));

  const withResume = resumeId ? `&resume=${encodeURIComponent(resumeId)}` : "";
  const id = encodeURIComponent(job.job_id);
  return h("div", { class: "actions" },
    withBookmark ? bookmark : null,
    apply,
    h("a", { href: `#/ats?job=${id}${withResume}` }, "ATS check", srOnly(` against${who}`)),
    h("a", { href: `#/write/cover-letter?job=${id}${withResume}` }, "Cover letter", srOnly(` for${who}`)),
    safeUrl(job.url) ? h("a", { href: safeUrl(job.url), target: "_blank", rel: "noopener noreferrer" }, "View posting", srOnly(`${who} (opens a new tab)`)) : null,
  );
}
