// The ATS check: a résumé against a pasted job description (or a catalogue job), POST /v2/jobs/score.

import * as api from "./api.js";
import { listResumes, noResumes, resumeField } from "./view-documents.js";
import { announce, button, chips, field, form, h, heading, submit } from "./ui.js";

export async function atsView({ query }) {
  const documents = await listResumes();
  if (!documents.length) return h("section", {}, heading("ATS check"), noResumes());

  let job = null;
  if (query.get("job")) {
    job = await api.get(`/v2/jobs/${encodeURIComponent(query.get("job"))}`);
  }
  const report = h("div", { class: "ats-report" });
  const description = field({ label: "Job description", name: "job_description", kind: "textarea", rows: "10",
    hint: "Paste the whole posting: 50 to 20,000 characters." });
  const jobNote = h("div", { class: "panel job-choice" });

  function showJobChoice() {
    if (job) {
      description.hidden = true;
      jobNote.hidden = false;
      jobNote.replaceChildren(
        h("p", {}, "Checking against ", h("strong", {}, `${job.title} at ${job.company}`), "."),
        button("Paste a description instead", () => {
          job = null;
          showJobChoice();
          description.querySelector("textarea").focus();
        }, { class: "secondary small" }),
      );
    } else {
      description.hidden = false;
      jobNote.hidden = true;
      jobNote.replaceChildren();
    }
  }
  showJobChoice();

  const check = form({ class: "panel", "aria-label": "ATS check" }, [
    resumeField(documents, query.get("resume")),
    jobNote,
    description,
    h("div", { class: "actions" }, submit("Check my résumé")),
  ], async (values) => {
    const body = { resume_id: values.resume_id };
    if (job) body.job_id = job.job_id;
    else body.job_description = values.job_description;
    const result = await api.post("/v2/jobs/score", body);
    showReport(report, result);
    announce(`ATS score: ${result.score} out of 100.`);
  });

  return h("section", {},
    heading("ATS check"),
    h("p", { class: "lead" }, "How an applicant tracking system would read your résumé for one job: skills, keywords and sections."),
    check,
    report,
  );
}

function showReport(box, r) {
  const statusTag = (status) => h("span", { class: `tag ${status}` }, status);
  const matched = chips(r.matched_skills, "Matched skills");
  matched.classList.add("good");
  const missing = chips(r.missing_skills, "Missing skills");
  missing.classList.add("missing");
  const missingKeywords = chips(r.missing_keywords, "Missing keywords");
  missingKeywords.classList.add("missing");
  box.replaceChildren(
    h("section", { class: "panel", "aria-labelledby": "ats-score-title" },
      h("h2", { id: "ats-score-title" }, "Result"),
      h("div", { class: "row" },
        h("p", { class: "big-score" }, `${r.score}`, h("span", { class: "muted" }, " / 100")),
        h("meter", { min: "0", max: "100", low: "45", high: "70", optimum: "100", value: String(r.score), "aria-label": "ATS score", class: "wide" }),
      ),
      h("p", {}, `Keyword coverage: ${r.keyword_coverage}% of the posting's most important terms.`),
    ),
    h("div", { class: "grid" },
      h("section", { class: "panel" }, h("h2", {}, "Matched skills"), matched),
      h("section", { class: "panel" }, h("h2", {}, "Missing skills"), missing),
      h("section", { class: "panel" }, h("h2", {}, "Missing keywords"), missingKeywords),
    ),
    h("section", { class: "panel" },
      h("h2", {}, "Section checks"),
      h("div", { class: "table-wrap" }, h("table", {},
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Check"), h("th", { scope: "col" }, "Result"), h("th", { scope: "col" }, "Detail"))),
        h("tbody", {}, (r.section_checks || []).map((c) => h("tr", {},
          h("th", { scope: "row" }, c.check.replace(/_/g, " ")), h("td", {}, statusTag(c.status)), h("td", {}, c.detail)))),
      )),
    ),
    h("section", { class: "panel" },
      h("h2", {}, "Suggestions"),
      r.suggestions && r.suggestions.length
        ? h("ul", { class: "items" }, r.suggestions.map((s) => h("li", {}, s)))
        : h("p", { class: "muted" }, "No suggestions: well done."),
    ),
  );
}
