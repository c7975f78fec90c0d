// Writing tools: rewrite in a style, tailor to a job, cover letter, LinkedIn. Each result shows
// what changed (the API's word diff), before and after, and downloads as a .txt file. Earlier
// results of the résumé are listed as versions.

import * as api from "./api.js";
import { listResumes, noResumes, resumeField } from "./view-documents.js";
import {
  announce, busy, button, chips, diffView, field, form, h, heading, saveText, scoreBadge, showError,
  slug, srOnly, submit, time,
} from "./ui.js";

const TOOLS = [
  ["rewrite", "Rewrite"],
  ["tailor", "Tailor to a job"],
  ["cover-letter", "Cover letter"],
  ["linkedin", "LinkedIn"],
];
const STYLES = ["Technical", "Management", "Creative", "Sales", "Academic", "Executive"].map((s) => [s, s]);
const LEVELS = [["conservative", "Conservative"], ["moderate", "Moderate"], ["aggressive", "Aggressive"]];
const TONES = [["professional", "Professional"], ["enthusiastic", "Enthusiastic"], ["concise", "Concise"]];
const KIND_LABEL = { rewrite: "Rewrite", tailor: "Tailored", cover_letter: "Cover letter", linkedin: "LinkedIn" };

export async function writeView({ params, query }) {
  const tool = TOOLS.some(([id]) => id === params.tool) ? params.tool : "rewrite";
  const toolName = TOOLS.find(([id]) => id === tool)[1];
  const documents = await listResumes();
  const title = heading(`Writing: ${toolName}`);
  if (!documents.length) return h("section", {}, title, noResumes());

  const keep = new URLSearchParams();
  for (const key of ["resume", "job"]) if (query.get(key)) keep.set(key, query.get(key));
  const suffix = keep.toString() ? `?${keep}` : "";
  const subnav = h("nav", { "aria-label": "Writing tools" }, h("ul", { class: "subnav" }, TOOLS.map(([id, label]) =>
    h("li", {}, h("a", { href: `#/write${id === "rewrite" ? "" : `/${id}`}${suffix}`, "aria-current": id === tool ? "page" : null }, label)))));

  const result = h("div", { class: "write-result", tabindex: "-1" });
  const versions = h("section", { class: "panel", "aria-labelledby": "versions-title" });
  const resume = resumeField(documents, query.get("resume"));
  const fileName = () => documents.find((d) => d.id === resume.querySelector("select").value)?.file_name || "resume";

  let job = null;
  if (query.get("job") && (tool === "cover-letter" || tool === "tailor")) {
    job = await api.get(`/v2/jobs/${encodeURIComponent(query.get("job"))}`);
  }

  const specific = {
    rewrite: () => [field({ label: "Style", name: "rewrite_style", kind: "select", options: STYLES })],
    tailor: () => [
      field({ label: "Job description", name: "job_description", kind: "textarea", rows: "8", required: true,
        value: job ? job.description : "", hint: "Paste the posting: 50 to 20,000 characters." }),
      field({ label: "How much to change", name: "tailoring_level", kind: "select", options: LEVELS, value: "moderate",
        hint: "Conservative reorders and adds supported keywords; aggressive also rewrites the summary." }),
    ],
    "cover-letter": () => [
      job ? h("p", {}, "For ", h("strong", {}, `${job.title} at ${job.company}`), ".")
        : field({ label: "Job description", name: "job_description", kind: "textarea", rows: "8", required: true,
          hint: "Paste the posting: 50 to 20,000 characters." }),
      field({ label: "Tone", name: "tone", kind: "select", options: TONES }),
    ],
    linkedin: () => [field({ label: "Target role", name: "target_role", hint: "Optional; your most recent position when empty." })],
  }[tool]();

  const endpoint = { rewrite: "/v2/rewrite/", tailor: "/v2/rewrite/tailor-to-job", "cover-letter": "/v2/rewrite/cover-letter", linkedin: "/v2/rewrite/linkedin" }[tool];
  const kind = { rewrite: "rewrite", tailor: "tailor", "cover-letter": "cover_letter", linkedin: "linkedin" }[tool];
  const writeForm = form({ class: "panel", "aria-label": toolName }, [
    resume,
    specific,
    h("div", { class: "actions" }, submit({ rewrite: "Rewrite", tailor: "Tailor", "cover-letter": "Write the letter", linkedin: "Write LinkedIn texts" }[tool])),
  ], async (values) => {
    const body = { resume_id: values.resume_id };
    if (tool === "rewrite") body.rewrite_style = values.rewrite_style;
    if (tool === "tailor") Object.assign(body, { job_description: values.job_description, tailoring_level: values.tailoring_level });
    if (tool === "cover-letter") {
      body.tone = values.tone;
      if (job) body.job_id = job.job_id;
      else body.job_description = values.job_description;
    }
    if (tool === "linkedin" && values.target_role.trim()) body.target_role = values.target_role.trim();
    const answer = await api.post(endpoint, body);
    showResult(result, kind, answer, fileName(), "Result");
    await listVersions(versions, values.resume_id, result, fileName);
    announce(`${KIND_LABEL[kind]} ready. The result is below.`);
  });
  resume.querySelector("select").addEventListener("change", (event) =>
    listVersions(versions, event.target.value, result, fileName).catch(showError));
  await listVersions(versions, resume.querySelector("select").value, result, fileName);

  return h("section", {}, title, subnav, writeForm, result, versions);
}

async function listVersions(box, resumeId, result, fileName) {
  const items = await api.get(`/v2/rewrite/versions/${encodeURIComponent(resumeId)}`);
  box.replaceChildren(h("h2", { id: "versions-title" }, "Earlier results for this résumé"));
  if (!items.length) {
    box.append(h("p", { class: "muted" }, "None yet."));
    return;
  }
  box.append(h("ul", { class: "plain versions" }, items.map((v) => {
    const what = [KIND_LABEL[v.kind] || v.kind, v.style].filter(Boolean).join(" · ");
    return h("li", { class: "spread entry" },
      h("span", {}, h("strong", {}, what), " · ", time(v.created_at), v.impact_score !== null ? ` · score ${v.impact_score}` : ""),
      button(["Open", srOnly(` ${what} from ${new Date(v.created_at).toLocaleString()}`)], (event) => busy(event.currentTarget, async () => {
        const version = await api.get(`/v2/rewrite/version/${encodeURIComponent(v.version_id)}`);
        showResult(result, version.kind, version, fileName(), `${what} from ${new Date(v.created_at).toLocaleString()}`);
        result.focus();
      }), { class: "secondary small" }));
  })));
}

// ---- results --------------------------------------------------------------------------------

function engineNote(answer) {
  if (answer.warning) return h("p", { class: "form-error" }, answer.warning);
  const by = answer.api_status === "success" ? "the configured language model" : "AlignCV's built-in local engine";
  return h("p", { class: "muted" }, `Written by ${by} in ${answer.latency ?? 0} s.`);
}

function list(title, items) {
  if (!items || !items.length) return null;
  return h("section", {}, h("h3", {}, title), h("ul", { class: "items" }, items.map((item) => h("li", {}, item))));
}

function beforeAfter(before, after) {
  return h("details", {},
    h("summary", {}, "Before and after, side by side"),
    h("div", { class: "compare" },
      h("section", {}, h("h3", {}, "Before"), h("pre", {}, before)),
      h("section", {}, h("h3", {}, "After"), h("pre", {}, after))));
}

function downloadButton(label, text, name) {
  return button([label, srOnly(` (${name})`)], () => {
    saveText(text, name);
    announce(`Downloaded ${name}.`);
  }, { class: "secondary" });
}

export function showResult(box, kind, a, fileName, title) {
  const base = slug(fileName);
  const parts = [h("h2", {}, title), engineNote(a)];
  if (kind === "rewrite") {
    parts.push(
      h("div", { class: "row" }, h("p", {}, `Style: ${a.style}. Writing quality (impact score):`), scoreBadge(a.impact_score, "Impact score")),
      list("Improvements", a.improvements),
      list("Suggestions", a.suggestions),
      h("h3", {}, "What changed"), diffView(a.diff_html),
      beforeAfter(a.original_text, a.rewritten_text),
      h("div", { class: "actions" }, downloadButton("Download the rewritten résumé", a.rewritten_text, `${base}-${slug(a.style)}.txt`)));
  } else if (kind === "tailor") {
    const missing = chips(a.missing_skills, "Missing skills");
    missing.classList.add("missing");
    parts.push(
      h("p", {}, `Match with the job: ${a.match_score_before ?? "?"} → ${a.match_score} out of 100 (${a.tailoring_level}).`),
      list("Changes made", a.changes_made),
      list("Most important next steps", a.priority_improvements),
      h("h3", {}, "Missing skills"), missing,
      a.keyword_suggestions && a.keyword_suggestions.length ? [h("h3", {}, "Keywords to consider"), chips(a.keyword_suggestions, "Keywords to consider")] : null,
      requirements(a.requirements),
      h("h3", {}, "What changed"), diffView(a.diff_html),
      beforeAfter(a.original_resume, a.tailored_resume),
      h("div", { class: "actions" }, downloadButton("Download the tailored résumé", a.tailored_resume, `${base}-tailored.txt`)));
  } else if (kind === "cover_letter") {
    parts.push(
      h("p", { class: "muted" }, `${a.word_count} words · ${a.tone} tone`),
      h("div", { class: "letter" }, a.text.split(/\n{2,}/).map((paragraph) => h("p", {}, paragraph))),
      h("div", { class: "actions" }, downloadButton("Download the letter", a.text, `${base}-cover-letter.txt`)));
  } else if (kind === "linkedin") {
    parts.push(
      h("h3", {}, "Headline"), h("p", { class: "headline" }, a.headline),
      h("h3", {}, "About"), h("div", { class: "letter" }, a.about.split(/\n{2,}/).map((paragraph) => h("p", {}, paragraph))),
      h("div", { class: "actions" }, downloadButton("Download the LinkedIn texts", `${a.headline}\n\n${a.about}\n`, `${base}-linkedin.txt`)));
  }
  box.replaceChildren(h("section", { class: "panel", "aria-label": title }, parts));
}

function requirements(items) {
  if (!items || !items.length) return null;
  return h("section", {},
    h("h3", {}, "Requirements and where your résumé shows them"),
    h("ul", { class: "items" }, items.map((r) => h("li", {},
      h("strong", {}, r.requirement), r.required ? " (required)" : " (preferred)", ": ",
      r.line ? h("span", {}, `line ${r.line}: ${r.text}`) : h("span", { class: "muted" }, "not shown in your résumé")))));
}
