// Résumés: upload, list, delete, JSON Resume download, and the parsed profile with the line of
// the résumé each field came from.

import * as api from "./api.js";
import {
  announce, busy, button, chips, confirmDialog, empty, field, fieldError, form, formatSize, h,
  heading, saveBlob, slug, srOnly, submit, time,
} from "./ui.js";

// ---- shared with the other views ------------------------------------------------------------

export async function listResumes() {
  const answer = await api.get("/v2/documents/");
  return answer.documents;
}

// A labelled <select> of the user's résumés (newest first), `selected` chosen when present.
export function resumeField(documents, selected, name = "resume_id") {
  const options = documents.map((doc) => [doc.id, `${doc.file_name} (${dateOnly(doc.created_at)})`]);
  const chosen = documents.some((doc) => doc.id === selected) ? selected : documents[0]?.id;
  return field({ label: "Résumé", name, kind: "select", options, value: chosen, required: true });
}

export function noResumes() {
  return empty("You have not uploaded a résumé yet.",
    h("p", {}, h("a", { href: "#/documents" }, "Upload your résumé"), " to use this page."));
}

const dateOnly = (iso) => new Date(iso).toLocaleDateString(undefined, { dateStyle: "medium" });

export async function downloadJsonResume(doc) {
  const file = await api.download(`/v2/documents/${encodeURIComponent(doc.id)}/resume.json`,
    `${slug(doc.file_name)}.resume.json`);
  saveBlob(file.blob, file.name);
  announce(`Downloaded ${file.name}.`);
}

async function deleteDocument(doc, app, after) {
  const ok = await confirmDialog(`Delete “${doc.file_name}” and its rewritten versions? This cannot be undone.`,
    "Delete résumé", "Delete this résumé?");
  if (!ok) return;
  await api.del(`/v2/documents/${encodeURIComponent(doc.id)}`);
  await after();
  announce(`Deleted ${doc.file_name}.`);
}

// ---- the list and the upload ----------------------------------------------------------------

export async function documentsView({ app }) {
  const list = h("div");
  const upload = form({ class: "upload", "aria-labelledby": "upload-title" }, [
    field({ label: "Résumé file", name: "file", type: "file", required: true,
      accept: ".pdf,.docx,.txt,.md,.markdown", hint: "PDF, DOCX, TXT or Markdown, up to 5 MB." }),
    h("div", { class: "actions" }, submit("Upload and parse")),
  ], async ({ file }, node) => {
    if (!file || !file.length) {
      fieldError(node, "file", "Choose a file to upload.");
      return;
    }
    const body = new FormData();
    body.append("file", file[0]);
    const answer = await api.call("POST", "/v2/documents/upload", { form: body });
    await app.navigate(`#/documents/${encodeURIComponent(answer.document_id)}`);
    announce(`${answer.message}: ${answer.file_name}. ${answer.skills.length} skills found.`);
  });

  async function refresh() {
    const documents = await listResumes();
    if (!documents.length) {
      list.replaceChildren(empty("No résumés yet. Upload one above to see its parsed profile and your matches."));
      return;
    }
    list.replaceChildren(h("ul", { class: "doc-list" }, documents.map((doc) => h("li", { class: "panel" },
      h("div", {},
        h("h3", {}, h("a", { href: `#/documents/${encodeURIComponent(doc.id)}` }, doc.file_name)),
        h("p", { class: "meta" }, `${doc.file_type.toUpperCase()} · ${formatSize(doc.file_size)} · uploaded `,
          time(doc.created_at), ` · ${doc.skills.length} skills`),
      ),
      h("div", { class: "actions" },
        h("a", { href: `#/matches?resume=${encodeURIComponent(doc.id)}` }, "Matches", srOnly(` for ${doc.file_name}`)),
        button(["Download JSON Resume", srOnly(` of ${doc.file_name}`)], (event) =>
          busy(event.currentTarget, () => downloadJsonResume(doc)), { class: "secondary small" }),
        button(["Delete", srOnly(` ${doc.file_name}`)], (event) =>
          busy(event.currentTarget, () => deleteDocument(doc, app, refresh)), { class: "danger small" }),
      ),
    ))));
  }
  await refresh();

  return h("section", {},
    heading("Your résumés"),
    h("div", { class: "panel" }, h("h2", { id: "upload-title" }, "Upload a résumé"), upload),
    h("h2", {}, "Uploaded"),
    list,
  );
}

// ---- the parsed profile -----------------------------------------------------------------------

export async function profileView({ params, app }) {
  const doc = await api.get(`/v2/documents/${encodeURIComponent(params.id)}`);
  const profile = doc.profile || {};
  const lines = (doc.extracted_text || "").split("\n");
  const evidence = profile.evidence || {};

  // "line 9: Staff Engineer, Northwind Analytics" for each résumé line behind the pointers.
  const proof = (...pointers) => {
    const found = new Set();
    for (const pointer of pointers) {
      for (const [key, line] of Object.entries(evidence)) {
        if (key === pointer || (pointer.endsWith("/") && key.startsWith(pointer))) found.add(line);
      }
    }
    return [...found].sort((a, b) => a - b).map((line) =>
      h("span", { class: "evidence" }, `line ${line}: ${(lines[line - 1] || "").trim()}`));
  };
  const fact = (label, value, ...pointers) => (value ? [h("dt", {}, label), h("dd", {}, value, proof(...pointers))] : null);

  const basics = profile.basics || {};
  const location = basics.location ? [basics.location.city, basics.location.region, basics.location.countryCode].filter(Boolean).join(", ") : "";
  const basicsPanel = h("section", { class: "panel", "aria-labelledby": "basics-title" },
    h("h2", { id: "basics-title" }, "Basics"),
    h("dl", { class: "facts" },
      fact("Name", basics.name, "/basics/name"),
      fact("Headline", basics.label, "/basics/label"),
      fact("E-mail", basics.email, "/basics/email"),
      fact("Phone", basics.phone, "/basics/phone"),
      fact("Website", basics.url, "/basics/url"),
      fact("Location", location, "/basics/location/"),
      (basics.profiles || []).map((p, i) => fact(p.network || "Profile", p.url || p.username, `/basics/profiles/${i}/`)),
      fact("Summary", basics.summary, "/basics/summary"),
      fact("Experience", profile.experience_months ? years(profile.experience_months) : null),
    ));

  const dates = (entry) => [entry.startDate, entry.startDate || entry.endDate ? (entry.endDate || "present") : null].filter(Boolean).join(" – ");
  const entries = (title, items, render) => h("section", { class: "panel", "aria-label": title },
    h("h2", {}, title),
    items && items.length ? items.map(render) : h("p", { class: "muted" }, "Nothing found in this résumé."));

  const work = entries("Experience", profile.work, (job, i) => h("div", { class: "entry" },
    h("h3", {}, [job.position, job.name].filter(Boolean).join(" · ")),
    h("p", { class: "meta" }, [dates(job), job.location].filter(Boolean).join(" · ")),
    proof(`/work/${i}/name`, `/work/${i}/position`, `/work/${i}/startDate`, `/work/${i}/endDate`, `/work/${i}/location`),
    job.highlights && job.highlights.length
      ? h("ul", { class: "items" }, job.highlights.map((text, k) => h("li", {}, text, proof(`/work/${i}/highlights/${k}`))))
      : null,
  ));
  const education = entries("Education", profile.education, (school, i) => h("div", { class: "entry" },
    h("h3", {}, school.institution || "Education"),
    h("p", { class: "meta" }, [school.studyType, school.area, dates(school), school.score].filter(Boolean).join(" · ")),
    proof(`/education/${i}/`),
  ));
  const skills = entries("Skills", profile.skills, (group, i) => h("div", { class: "entry" },
    h("h3", {}, group.name || "Skills"),
    chips(group.keywords, `${group.name || "Skills"} keywords`),
    proof(`/skills/${i}/`),
  ));
  const extras = [
    ["Projects", profile.projects, (p) => p.name, "projects"],
    ["Certificates", profile.certificates, (c) => [c.name, c.issuer, c.date].filter(Boolean).join(" · "), "certificates"],
    ["Languages", profile.languages, (l) => [l.language, l.fluency].filter(Boolean).join(" · "), "languages"],
    ["Awards", profile.awards, (a) => [a.title, a.awarder, a.date].filter(Boolean).join(" · "), "awards"],
  ].filter(([, items]) => items && items.length).map(([title, items, label, key]) =>
    entries(title, items, (item, i) => h("div", { class: "entry" },
      h("h3", {}, label(item)),
      item.description ? h("p", {}, item.description) : null,
      proof(`/${key}/${i}/`))));

  const detected = h("section", { class: "panel", "aria-labelledby": "detected-title" },
    h("h2", { id: "detected-title" }, "Detected skills and roles"),
    h("h3", {}, "Skills"), chips(doc.skills, "Detected skills"),
    h("h3", {}, "Roles"), chips(doc.roles, "Detected roles"),
    h("h3", {}, "Sections"),
    h("ul", { class: "items" }, (doc.sections || []).map((s) =>
      h("li", {}, `${s.heading || s.name} (${s.name}), lines ${s.start_line}–${s.end_line}`))));

  const text = h("details", { class: "panel" },
    h("summary", {}, `Extracted text (${lines.length} lines)`),
    h("ol", { class: "lines" }, lines.map((line) => h("li", {}, line || " "))));

  const back = async () => app.navigate("#/documents");
  return h("section", {},
    heading(basics.name ? `${basics.name} — ${doc.file_name}` : doc.file_name),
    h("p", { class: "lead" }, "The profile parsed from your résumé. Under each field, the line of the résumé it was read from."),
    h("div", { class: "actions" },
      h("a", { href: `#/matches?resume=${encodeURIComponent(doc.id)}`, class: "button-link" }, "Find matching jobs"),
      h("a", { href: `#/ats?resume=${encodeURIComponent(doc.id)}`, class: "button-link" }, "ATS check"),
      h("a", { href: `#/write?resume=${encodeURIComponent(doc.id)}`, class: "button-link" }, "Improve the writing"),
      button("Download JSON Resume", (event) => busy(event.currentTarget, () => downloadJsonResume(doc)), { class: "secondary" }),
      button("Delete résumé", (event) => busy(event.currentTarget, () => deleteDocument(doc, app, back)), { class: "danger" }),
    ),
    h("div", { class: "grid profile" }, basicsPanel, detected),
    work, education, skills, extras, text,
  );
}

function years(months) {
  const y = Math.floor(months / 12);
  const m = months % 12;
  return [y ? `${y} year${y === 1 ? "" : "s"}` : "", m ? `${m} month${m === 1 ? "" : "s"}` : ""].filter(Boolean).join(" ");
}
