"""Everything the Streamlit example (streamlit_app.py) does apart from drawing widgets.

The app calls ``aligncv`` in-process: one :class:`aligncv.Engine` on a data folder, no HTTP.
This module holds the session handling, the engine calls with the app's defaults, and the
shaping of results into display rows, labels, diffs and downloads, as plain functions that
pytest covers (python_tests/test_streamlit_logic.py). It does not import streamlit.

Functions that act take ``(engine, session, ...)`` and raise :class:`aligncv.Error`;
:func:`attempt` turns such an error into the sentence the app shows.
"""

from __future__ import annotations

import argparse
import json
import re
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from pathlib import PurePath
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, Tuple

import aligncv
import aligncv.rewrite

# ---- the contract's enumerations, as the app offers them -------------------------------------

STYLES = aligncv.rewrite.STYLES
TAILORING_LEVELS = ("conservative", "moderate", "aggressive")
TONES = ("professional", "enthusiastic", "concise")
REWRITE_KINDS = ("rewrite", "tailor", "cover_letter", "linkedin")  # the version kinds
APPLICATION_STATUSES = ("saved", "applied", "interviewing", "offered", "rejected", "withdrawn",
                        "accepted")
EMPLOYMENT_TYPES = ("full-time", "part-time", "contract", "internship", "temporary", "freelance")
EXPERIENCE_LEVELS = ("entry", "mid", "senior", "lead", "executive")
PREFERRED_JOB_TYPES = ("Full-time", "Part-time", "Contract", "Freelance", "Internship",
                       "Temporary")
DIGEST_FREQUENCIES = ("daily", "weekly", "disabled")
REMOTE_CHOICES = ("Any", "Remote only", "On-site only")
# Display label -> the `type` / `status` filter of the notification list (None = no filter).
NOTIFICATION_TYPES = {"All": None, "Job matches": "job_match",
                      "Application updates": "application_update", "System": "system"}
NOTIFICATION_STATUSES = {"All": None, "Unread": "unread", "Read": "read"}
PROFILE_FIELDS = ("name", "phone", "location", "linkedin_url", "github_url", "bio")
# Canonical notification settings the app edits (the alias fields mirror them).
SETTINGS_FIELDS = ("email_enabled", "digest_frequency", "weekly_summary", "notify_new_matches",
                   "notify_application_updates", "notify_system_updates", "email_new_matches",
                   "email_application_updates", "min_match_score", "quiet_hours_start",
                   "quiet_hours_end", "timezone")

# Rendering of the engine's word diff (its text is already HTML-escaped by the engine).
DIFF_STYLE = ("<style>.diff p{margin:0 0 .2em 0;white-space:pre-wrap}"
              ".diff del{background:#fde2e2;color:#8a1c1c}"
              ".diff ins{background:#ddf4e4;color:#15603a;text-decoration:none}</style>")


# ---- engine and session ------------------------------------------------------------------------

def parse_app_args(argv: Sequence[str]) -> Optional[str]:
    """The data folder from the app's own arguments (``streamlit run streamlit_app.py --
    --data-dir DIR``); ``None`` = the engine's setting (ALIGNCV_DATA_DIR, ./.env, or
    ./aligncv-data). Unknown arguments are left to Streamlit."""
    parser = argparse.ArgumentParser(prog="streamlit_app.py", add_help=False)
    parser.add_argument("--data-dir")
    known, _ = parser.parse_known_args(list(argv))
    return known.data_dir


def open_engine(data_dir: Optional[str] = None, **options: Any) -> aligncv.Engine:
    """An engine configured like ``aligncv serve`` (./.env, then the environment), with
    ``data_dir`` and ``options`` overriding. Console logging is off: the terminal belongs to
    Streamlit (the log file in ``<data_dir>/logs`` stays on)."""
    overrides: Dict[str, Any] = {"log_to_console": False, **options}
    if data_dir:
        overrides["data_dir"] = str(data_dir)
    return aligncv.Engine.from_env(**overrides)


@dataclass(frozen=True)
class Session:
    """A signed-in user of the app: the token pair and the AuthUser of the sign-in."""

    access_token: str
    refresh_token: str
    user: Dict[str, Any]


def _session(auth: Dict[str, Any]) -> Session:
    tokens = auth["tokens"]
    return Session(tokens["access_token"], tokens["refresh_token"], auth["user"])


def sign_up(engine: aligncv.Engine, name: str, email: str, password: str) -> Session:
    return _session(engine.signup(name=name, email=email, password=password))


def sign_in(engine: aligncv.Engine, email: str, password: str) -> Session:
    return _session(engine.login(email=email, password=password))


def sign_out(engine: aligncv.Engine, session: Session) -> None:
    """Revokes the session's token family (an expired access token is fine: nothing to do)."""
    try:
        engine.logout(session.access_token, session.refresh_token)
    except aligncv.InvalidTokenError:
        pass


def refreshed(engine: aligncv.Engine, session: Session) -> Optional[Session]:
    """The session with a working access token: itself while the token is valid, else rotated
    through the refresh token (access tokens live 15 minutes, a browser tab much longer);
    ``None`` when the refresh token is no good either, i.e. the user must sign in again."""
    try:
        engine.authenticate(session.access_token)
        return session
    except aligncv.InvalidTokenError:
        pass
    try:
        tokens = engine.refresh(session.refresh_token)
    except aligncv.InvalidTokenError:
        return None
    return replace(session, access_token=tokens["access_token"],
                   refresh_token=tokens["refresh_token"])


# ---- errors --------------------------------------------------------------------------------------

def field_label(loc: Sequence[Any]) -> str:
    """``["body", "new_password"]`` -> ``"New password"``: the part after body/query/path."""
    parts = [str(p) for p in loc]
    if parts and parts[0] in ("body", "query", "path"):
        parts = parts[1:]
    text = ".".join(parts).replace("_", " ")
    return text[:1].upper() + text[1:]


def error_message(error: aligncv.Error) -> str:
    """The sentence to show for an engine error: the contract's ``detail``, or for a validation
    error every failing field (``"Password: String should have at least 8 characters"``)."""
    if isinstance(error, aligncv.ValidationError) and error.issues:
        lines = []
        for issue in error.issues:
            label = field_label(issue.get("loc", []))
            lines.append(f"{label}: {issue['msg']}" if label else issue["msg"])
        return "; ".join(lines)
    return error.detail or error.code


@dataclass(frozen=True)
class Outcome:
    """What :func:`attempt` returns: ``value`` on success, else ``error`` (the sentence)."""

    value: Any = None
    error: Optional[str] = None

    @property
    def ok(self) -> bool:
        return self.error is None


def attempt(action: Callable[..., Any], *args: Any, **kwargs: Any) -> Outcome:
    """Runs ``action(*args, **kwargs)``; an :class:`aligncv.Error` becomes ``Outcome.error``.
    Anything else (a bug) propagates, so Streamlit shows the traceback."""
    try:
        return Outcome(value=action(*args, **kwargs))
    except aligncv.Error as error:
        return Outcome(error=error_message(error))


# ---- formatting ------------------------------------------------------------------------------------

def when(timestamp: Optional[str]) -> str:
    """``"2026-11-26T09:41:07.123Z"`` -> ``"2026-11-26 09:41 UTC"`` (``""`` for none)."""
    if not timestamp:
        return ""
    match = re.match(r"^(\d{4}-\d\d-\d\d)T(\d\d:\d\d)", timestamp)
    return f"{match.group(1)} {match.group(2)} UTC" if match else timestamp


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def _humanize(key: str) -> str:
    """``startDate`` / ``country_code`` -> ``Start date`` / ``Country code``."""
    words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", key).replace("_", " ").lower()
    return words[:1].upper() + words[1:]


def pointer_label(pointer: str) -> str:
    """A JSON Pointer into the profile as a reader sees it: ``/work/0/startDate`` ->
    ``"Work 1 › Start date"``, ``/skills/0/keywords/2`` -> ``"Skills 1 › Keywords 3"``."""
    parts = [p.replace("~1", "/").replace("~0", "~") for p in pointer.strip("/").split("/")]
    out: List[str] = []
    for part in parts:
        if part.isdigit() and out:
            out[-1] = f"{out[-1]} {int(part) + 1}"
        else:
            out.append(_humanize(part))
    return " › ".join(out)


# ---- documents -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Download:
    """What a download button offers."""

    file_name: str
    data: bytes
    mime: str


def upload_resume(engine: aligncv.Engine, session: Session, file_name: str,
                  data: bytes) -> Dict[str, Any]:
    return engine.upload_document(session.access_token, file_name, data)


def upload_summary(result: Dict[str, Any]) -> List[Tuple[str, str]]:
    """(label, value) pairs for the answer of an upload."""
    profile = result.get("profile") or {}
    months = profile.get("experience_months")
    return [
        ("File", f"{result['file_name']} ({result['file_type'].upper()}, "
                 f"{human_size(result['file_size'])})"),
        ("Text", f"{result['text_length']:,} characters"),
        ("Experience", f"{months / 12:.1f} years" if months else "not found"),
        ("Skills", ", ".join(result["skills"]) or "none found"),
        ("Roles", ", ".join(result["roles"]) or "none found"),
    ]


def list_documents(engine: aligncv.Engine, session: Session) -> List[Dict[str, Any]]:
    return engine.documents(session.access_token)["documents"]


def document_rows(documents: Iterable[Dict[str, Any]]) -> List[Dict[str, Any]]:
    return [{"File": d["file_name"], "Type": d["file_type"].upper(),
             "Size": human_size(d["file_size"]), "Skills": len(d["skills"]),
             "Uploaded": when(d["created_at"])} for d in documents]


def document_choices(documents: Iterable[Dict[str, Any]]) -> Dict[str, str]:
    """{document id: label} for a select box, newest first as listed."""
    return {d["id"]: f"{d['file_name']} · {when(d['created_at'])}" for d in documents}


def load_document(engine: aligncv.Engine, session: Session, doc_id: str) -> Dict[str, Any]:
    return engine.document(session.access_token, doc_id)


def _flatten(value: Any, pointer: str, out: List[Tuple[str, Any]]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _flatten(item, f"{pointer}/{key}", out)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _flatten(item, f"{pointer}/{index}", out)
    elif value is not None and value != "":
        out.append((pointer, value))


def profile_rows(detail: Dict[str, Any]) -> List[Dict[str, Any]]:
    """One row per value the parser found, with the line of the résumé that shows it:
    ``{"Field", "Value", "Line", "Evidence"}`` (``Line`` ``None`` and ``Evidence`` ``""`` when
    the value was inferred rather than read from one line)."""
    profile = detail["profile"]
    evidence: Dict[str, int] = profile.get("evidence", {})
    lines = detail.get("extracted_text", "").splitlines()
    values: List[Tuple[str, Any]] = []
    for key, item in profile.items():
        if key not in ("evidence", "experience_months"):
            _flatten(item, f"/{key}", values)
    rows = []
    for pointer, value in values:
        line = evidence.get(pointer)
        text = lines[line - 1].strip() if line and 0 < line <= len(lines) else ""
        rows.append({"Field": pointer_label(pointer), "Value": str(value), "Line": line,
                     "Evidence": text})
    return rows


def section_rows(detail: Dict[str, Any]) -> List[Dict[str, Any]]:
    return [{"Section": _humanize(s["name"]), "Heading": s["heading"] or "(inferred)",
             "Lines": f"{s['start_line']}–{s['end_line']}"} for s in detail["sections"]]


def document_downloads(engine: aligncv.Engine, session: Session,
                       doc_id: str) -> List[Tuple[str, Download]]:
    """(button label, download) for the original file and the JSON Resume export."""
    original = engine.document_file(session.access_token, doc_id)
    resume = engine.document_json_resume(session.access_token, doc_id)
    stem = PurePath(original.file_name).stem or "resume"
    return [
        ("Original file", Download(original.file_name, original.data, original.mime_type)),
        ("JSON Resume", Download(f"{stem}.resume.json",
                                 json.dumps(resume, indent=2, ensure_ascii=False).encode(),
                                 "application/json")),
    ]


def delete_document(engine: aligncv.Engine, session: Session, doc_id: str) -> None:
    engine.delete_document(session.access_token, doc_id)


# ---- matches ---------------------------------------------------------------------------------------

@dataclass
class MatchFilters:
    """The filter form of the Matches tab, as the widgets give it."""

    top_k: int = 10
    min_fit: int = 0  # percent, 0..100
    location: str = ""
    remote: str = "Any"  # one of REMOTE_CHOICES
    employment_type: str = ""  # "" = any
    experience_level: str = ""
    min_salary: int = 0  # 0 = no floor (a floor excludes jobs without a salary)
    keywords: str = ""


def match_arguments(filters: MatchFilters) -> Dict[str, Any]:
    """The keyword arguments of :meth:`aligncv.Engine.match` for a filter form: empty fields
    are left out, the fit percentage becomes ``min_score`` (0..1)."""
    arguments: Dict[str, Any] = {"top_k": filters.top_k}
    if filters.min_fit > 0:
        arguments["min_score"] = round(filters.min_fit / 100, 2)
    if filters.location.strip():
        arguments["location"] = filters.location.strip()
    if filters.remote != "Any":
        arguments["remote"] = filters.remote == "Remote only"
    if filters.employment_type:
        arguments["employment_type"] = filters.employment_type
    if filters.experience_level:
        arguments["experience_level"] = filters.experience_level
    if filters.min_salary > 0:
        arguments["min_salary"] = filters.min_salary
    if filters.keywords.strip():
        arguments["query"] = filters.keywords.strip()
    return arguments


def find_matches(engine: aligncv.Engine, session: Session, resume_id: str,
                 filters: MatchFilters) -> List[Dict[str, Any]]:
    return engine.match(session.access_token, resume_id, **match_arguments(filters))


def match_rows(matches: Iterable[Dict[str, Any]]) -> List[Dict[str, Any]]:
    return [{"Fit %": m["fit_percentage"], "Title": m["title"], "Company": m["company"],
             "Location": m["location"] or "", "Type": m["job_type"], "Salary": m["salary_range"],
             "Matched skills": ", ".join(m["matched_skills"]),
             "Missing skills": ", ".join(m["gap_skills"]),
             "Bookmarked": m["is_bookmarked"], "Applied": m["is_applied"]} for m in matches]


def job_label(job: Dict[str, Any]) -> str:
    parts = [job.get("title") or "", job.get("company") or "", job.get("location") or ""]
    return " · ".join(p for p in parts if p)


def match_choices(matches: Iterable[Dict[str, Any]]) -> Dict[str, str]:
    return {m["job_id"]: f"{m['fit_percentage']}% · {job_label(m)}" for m in matches}


def explanation_lines(match: Dict[str, Any]) -> List[str]:
    """The explanation of one match as Markdown lines: the summary sentence, each matched skill
    with the résumé line that shows it, the missing skills, the experience fit and the score's
    components with their weights."""
    explanation = match["explanation"]
    lines = [explanation["summary"]]
    for item in explanation["matched"]:
        kind = "required" if item["required"] else "nice to have"
        # "via": only a related skill is shown (partial credit), so it is not a plain tick.
        mark, via = ("≈", f", related: {item['via']}") if item.get("via") else ("✓", "")
        where = (f" — line {item['line']}: “{item['text']}”" if item.get("line") is not None
                 else "")
        lines.append(f"- {mark} **{item['skill']}** ({kind}{via}){where}")
    if explanation["missing_required"]:
        lines.append("- Missing required: " + ", ".join(explanation["missing_required"]))
    if explanation["missing_preferred"]:
        lines.append("- Missing nice to have: " + ", ".join(explanation["missing_preferred"]))
    experience = explanation["experience"]
    if experience.get("resume_years") is not None:
        level = experience.get("level") or "unspecified"
        lines.append(f"- Experience: {experience['resume_years']:g} years for a {level} role "
                     f"({experience['fit']})")
    weights = explanation["weights"]
    parts = [f"{_humanize(name)} {score:g} × {weights[name]:g}"
             for name, score in explanation["components"].items()
             if score is not None and name in weights]
    if parts:
        lines.append("- Score: " + ", ".join(parts))
    if explanation.get("query_terms_matched"):
        lines.append(f"- Keywords found: {', '.join(explanation['query_terms_matched'])} "
                     f"(+{explanation['query_boost']:g})")
    return lines


def toggle_bookmark(engine: aligncv.Engine, session: Session, job_id: str) -> bool:
    """Bookmarks the job, or removes its bookmark; returns whether it is bookmarked now."""
    if engine.job(session.access_token, job_id)["is_bookmarked"]:
        engine.remove_bookmark(session.access_token, job_id)
        return False
    engine.add_bookmark(session.access_token, job_id)
    return True


# ---- ATS check -------------------------------------------------------------------------------------

def ats_check(engine: aligncv.Engine, session: Session, resume_id: str,
              job_description: str) -> Dict[str, Any]:
    return engine.score_resume(session.access_token, resume_id=resume_id,
                               job_description=job_description)


def ats_check_rows(report: Dict[str, Any]) -> List[Dict[str, str]]:
    marks = {"pass": "✓ pass", "warn": "! warn", "fail": "✗ fail"}
    return [{"Check": _humanize(c["check"]), "Result": marks.get(c["status"], c["status"]),
             "Detail": c["detail"]} for c in report["section_checks"]]


def ats_summary(report: Dict[str, Any]) -> List[Tuple[str, str]]:
    return [
        ("Score", f"{report['score']}/100"),
        ("Keyword coverage", f"{report['keyword_coverage']:g}%"),
        ("Skills found", ", ".join(report["matched_skills"]) or "none"),
        ("Skills missing", ", ".join(report["missing_skills"]) or "none"),
        ("Keywords missing", ", ".join(report["missing_keywords"]) or "none"),
    ]


# ---- bookmarks and applications -------------------------------------------------------------------

def list_bookmarks(engine: aligncv.Engine, session: Session) -> List[Dict[str, Any]]:
    return engine.bookmarks(session.access_token)


def bookmark_rows(bookmarks: Iterable[Dict[str, Any]]) -> List[Dict[str, Any]]:
    return [{"Title": b["title"], "Company": b["company"], "Location": b["location"] or "",
             "Notes": b["notes"] or "", "Saved": when(b["created_at"]), "Link": b["url"] or ""}
            for b in bookmarks]


def bookmark_choices(bookmarks: Iterable[Dict[str, Any]]) -> Dict[str, str]:
    """{job id: label}: the job id both removes the bookmark and applies to the job."""
    return {b["job_id"]: job_label(b) for b in bookmarks}


def remove_bookmark(engine: aligncv.Engine, session: Session, bookmark_or_job_id: str) -> None:
    engine.remove_bookmark(session.access_token, bookmark_or_job_id)


def apply_to_job(engine: aligncv.Engine, session: Session, job_id: str,
                 status: str = "applied", notes: str = "") -> Dict[str, Any]:
    return engine.apply(session.access_token, job_id, status=status, notes=notes or None)


def list_applications(engine: aligncv.Engine, session: Session) -> List[Dict[str, Any]]:
    return engine.applications(session.access_token)


def application_choices(applications: Iterable[Dict[str, Any]]) -> Dict[str, str]:
    """{application id: label}."""
    return {a["id"]: f"{job_label(a)} ({a['status']})" for a in applications}


def application_board(applications: Iterable[Dict[str, Any]]
                      ) -> List[Tuple[str, List[Dict[str, Any]]]]:
    """The applications board: (status, cards) in the order of APPLICATION_STATUSES, statuses
    without applications left out; each card has title, company, applied date and notes."""
    columns: Dict[str, List[Dict[str, Any]]] = {status: [] for status in APPLICATION_STATUSES}
    for a in applications:
        columns.setdefault(a["status"], []).append(
            {"id": a["id"], "title": a["title"], "company": a["company"],
             "applied": a["applied_date"] or "", "notes": a["notes"] or ""})
    return [(status.capitalize(), cards) for status, cards in columns.items() if cards]


def history_rows(application: Dict[str, Any]) -> List[Dict[str, str]]:
    return [{"Status": h["status"], "When": when(h["at"])} for h in application["history"]]


def change_status(engine: aligncv.Engine, session: Session, application_id: str,
                  status: str) -> Dict[str, Any]:
    return engine.update_application(session.access_token, application_id, status=status)


# ---- rewriting -------------------------------------------------------------------------------------

class _DiffCounter(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.inside: Optional[str] = None
        self.words = {"ins": 0, "del": 0}

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in self.words:
            self.inside = tag

    def handle_endtag(self, tag: str) -> None:
        if tag == self.inside:
            self.inside = None

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.words[self.inside] += len(data.split())


def diff_counts(diff_html: str) -> Dict[str, int]:
    """Words added (``<ins>``) and removed (``<del>``) in the engine's word diff."""
    counter = _DiffCounter()
    counter.feed(diff_html)
    counter.close()
    return {"added": counter.words["ins"], "removed": counter.words["del"]}


def styled_diff(diff_html: str) -> str:
    """The diff with the style that colours it, for rendering as HTML. The engine escapes every
    text fragment of ``diff_html``, so it is safe to render."""
    return DIFF_STYLE + diff_html


@dataclass
class RewriteView:
    """One result of the Rewrite tab, whatever produced it."""

    kind: str  # "rewrite", "tailor", "cover_letter" or "linkedin"
    title: str
    after: str
    before: Optional[str] = None
    diff_html: Optional[str] = None
    notes: List[str] = field(default_factory=list)  # improvements or changes made
    suggestions: List[str] = field(default_factory=list)
    metrics: List[Tuple[str, str]] = field(default_factory=list)
    warning: Optional[str] = None
    download: Optional[Download] = None


def rewrite_view(kind: str, result: Dict[str, Any], document_name: str) -> RewriteView:
    """Shapes the answer of rewrite, tailor, cover_letter or linkedin for display, with its
    download (a ``.txt`` named after the document)."""
    if kind not in REWRITE_KINDS:
        raise ValueError(f"unknown rewrite kind: {kind}")
    stem = PurePath(document_name).stem or "resume"
    # "fallback": the LLM failed and the local result is shown (``warning`` says why).
    source = "LLM" if result["api_status"] == "success" else "local engine"
    if kind == "rewrite":
        view = RewriteView(
            kind, f"{result['style']} rewrite", result["rewritten_text"],
            before=result["original_text"], diff_html=result["diff_html"],
            notes=list(result["improvements"]), suggestions=list(result["suggestions"]),
            metrics=[("Impact score", f"{result['impact_score']}/100")])
        name = f"{stem}.{result['style'].lower()}.txt"
    elif kind == "tailor":
        view = RewriteView(
            kind, f"Tailored ({result['tailoring_level']})", result["tailored_resume"],
            before=result["original_resume"], diff_html=result["diff_html"],
            notes=list(result["changes_made"]),
            suggestions=list(result["priority_improvements"])
            + [f"Keyword to consider: {k}" for k in result["keyword_suggestions"]],
            metrics=[("Match before", f"{result['match_score_before']}/100"),
                     ("Match after", f"{result['match_score']}/100"),
                     ("Missing skills", ", ".join(result["missing_skills"]) or "none")])
        name = f"{stem}.tailored.txt"
    elif kind == "cover_letter":
        view = RewriteView(kind, f"Cover letter ({result['tone']})", result["text"],
                           metrics=[("Words", str(result["word_count"]))])
        name = f"{stem}.cover-letter.txt"
    else:
        text = f"{result['headline']}\n\n{result['about']}\n"
        view = RewriteView(kind, f"LinkedIn ({result['target_role']})", text,
                           metrics=[("Headline", f"{len(result['headline'])}/220 characters"),
                                    ("About", f"{len(result['about'])}/2,600 characters")])
        name = f"{stem}.linkedin.txt"
    view.metrics.append(("Made by", f"{source} in {result['latency']:g} s"))
    view.warning = result.get("warning")
    view.download = Download(name, view.after.encode("utf-8"), "text/plain")
    return view


def _document_name(engine: aligncv.Engine, session: Session, resume_id: str) -> str:
    return engine.document(session.access_token, resume_id)["file_name"]


def run_rewrite(engine: aligncv.Engine, session: Session, resume_id: str,
                style: str) -> RewriteView:
    result = engine.rewrite(session.access_token, resume_id, style=style)
    return rewrite_view("rewrite", result, _document_name(engine, session, resume_id))


def run_tailor(engine: aligncv.Engine, session: Session, resume_id: str,
               job_description: str, level: str = "moderate") -> RewriteView:
    result = engine.tailor(session.access_token, resume_id, job_description=job_description,
                           tailoring_level=level)
    return rewrite_view("tailor", result, _document_name(engine, session, resume_id))


def run_cover_letter(engine: aligncv.Engine, session: Session, resume_id: str,
                     job_description: str = "", job_id: str = "",
                     tone: str = "professional") -> RewriteView:
    """A cover letter for a pasted description, or for a catalogue job when ``job_id`` is
    given (the engine refuses both or neither)."""
    result = engine.cover_letter(session.access_token, resume_id,
                                 job_description=job_description or None,
                                 job_id=job_id or None, tone=tone)
    return rewrite_view("cover_letter", result, _document_name(engine, session, resume_id))


def run_linkedin(engine: aligncv.Engine, session: Session, resume_id: str,
                 target_role: str = "") -> RewriteView:
    result = engine.linkedin(session.access_token, resume_id,
                             target_role=target_role.strip() or None)
    return rewrite_view("linkedin", result, _document_name(engine, session, resume_id))


def version_rows(engine: aligncv.Engine, session: Session,
                 resume_id: str) -> List[Dict[str, Any]]:
    """The saved versions of a document, newest first."""
    return [{"Kind": _humanize(v["kind"]), "Style": v["style"] or "", "Made by": v["source"],
             "Score": v["impact_score"], "When": when(v["created_at"])}
            for v in engine.versions(session.access_token, resume_id)]


# ---- notifications ---------------------------------------------------------------------------------

def load_notifications(engine: aligncv.Engine, session: Session, type_label: str = "All",
                       status_label: str = "All", limit: int = 50) -> Dict[str, Any]:
    """``{"total", "unread", "notifications"}`` for the filter labels of
    NOTIFICATION_TYPES / NOTIFICATION_STATUSES."""
    return engine.notifications(session.access_token, type=NOTIFICATION_TYPES[type_label],
                                status=NOTIFICATION_STATUSES[status_label], limit=limit)


def notification_rows(listing: Dict[str, Any]) -> List[Dict[str, Any]]:
    kinds = {value: label for label, value in NOTIFICATION_TYPES.items() if value}
    return [{"When": when(n["created_at"]), "Type": kinds.get(n["type"], n["type"]),
             "Title": n["title"], "Message": n["message"], "Read": n["is_read"]}
            for n in listing["notifications"]]


def notification_choices(listing: Dict[str, Any]) -> Dict[str, str]:
    """{notification id: label}."""
    return {n["id"]: f"{'' if n['is_read'] else '● '}{n['title']} · {when(n['created_at'])}"
            for n in listing["notifications"]}


def mark_read(engine: aligncv.Engine, session: Session, notification_id: str) -> None:
    engine.mark_notification_read(session.access_token, notification_id)


def mark_all_read(engine: aligncv.Engine, session: Session) -> int:
    return engine.mark_all_notifications_read(session.access_token)


def delete_notification(engine: aligncv.Engine, session: Session, notification_id: str) -> None:
    engine.delete_notification(session.access_token, notification_id)


def send_test_notification(engine: aligncv.Engine, session: Session) -> str:
    """Creates a test notification; returns what happened to the e-mail, in words."""
    result = engine.test_notification(session.access_token)
    if result["delivery"] == "queued":
        return f"Test notification created; an e-mail to {result['email']} is queued."
    return "Test notification created; e-mail delivery is not configured on this engine."


def load_settings(engine: aligncv.Engine, session: Session) -> Dict[str, Any]:
    return engine.notification_settings(session.access_token)


def settings_changes(current: Dict[str, Any], form: Dict[str, Any]) -> Dict[str, Any]:
    """The canonical settings fields the form changed (an empty quiet-hours box means none)."""
    changes = {}
    for name in SETTINGS_FIELDS:
        if name not in form:
            continue
        value = form[name]
        if name.startswith("quiet_hours_"):
            value = value.strip() or None if isinstance(value, str) else value
        if value != current.get(name):
            changes[name] = value
    return changes


def save_settings(engine: aligncv.Engine, session: Session,
                  changes: Dict[str, Any]) -> Dict[str, Any]:
    return engine.update_notification_settings(session.access_token, **changes)


# ---- account ---------------------------------------------------------------------------------------

def load_user(engine: aligncv.Engine, session: Session) -> Dict[str, Any]:
    return engine.me(session.access_token)


def profile_form(user: Dict[str, Any]) -> Dict[str, str]:
    """The profile fields as text boxes show them (``""`` for none)."""
    return {name: user.get(name) or "" for name in PROFILE_FIELDS}


def profile_changes(user: Dict[str, Any], form: Dict[str, str]) -> Dict[str, str]:
    """The fields the form changed; ``""`` clears a field (the engine's rule)."""
    current = profile_form(user)
    return {name: form[name] for name in PROFILE_FIELDS
            if name in form and form[name] != current[name]}


def save_profile(engine: aligncv.Engine, session: Session,
                 changes: Dict[str, str]) -> Dict[str, Any]:
    return engine.update_profile(session.access_token, **changes)


def preferences_form(preferences: Dict[str, Any]) -> Dict[str, Any]:
    """The preferences as the form shows them: locations as one comma-separated string."""
    return {**preferences,
            "preferred_locations": ", ".join(preferences["preferred_locations"])}


def preferences_changes(preferences: Dict[str, Any], form: Dict[str, Any]) -> Dict[str, Any]:
    """The preferences the form changed; locations are sent as the comma-separated string,
    which the engine splits."""
    changes = {}
    for name, value in form.items():
        if name == "preferred_locations":
            entered = [p.strip() for p in value.split(",") if p.strip()]
            if entered != preferences["preferred_locations"]:
                changes[name] = value
        elif value != preferences.get(name):
            changes[name] = value
    return changes


def save_preferences(engine: aligncv.Engine, session: Session,
                     changes: Dict[str, Any]) -> Dict[str, Any]:
    return engine.update_preferences(session.access_token, **changes)


def change_password(engine: aligncv.Engine, session: Session, current: str, new: str,
                    repeated: str) -> None:
    """Changes the password after checking the two entries agree. Other sign-ins of the user
    are signed out; this session stays valid."""
    if new != repeated:
        raise aligncv.InvalidArgumentError("The two new passwords do not match")
    engine.change_password(session.access_token, current_password=current, new_password=new)


def export_download(engine: aligncv.Engine, session: Session) -> Download:
    """Everything held on the user, as the JSON file of GET /v2/auth/export-data."""
    data = engine.export_data(session.access_token)
    return Download("aligncv-export.json",
                    json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8"),
                    "application/json")


def delete_account(engine: aligncv.Engine, session: Session, typed_email: str) -> None:
    """Deletes the account once the user typed its e-mail address to confirm."""
    email = engine.me(session.access_token)["email"]
    if typed_email.strip().lower() != email.lower():
        raise aligncv.InvalidArgumentError(
            "Type the account's e-mail address to confirm the deletion")
    engine.delete_account(session.access_token)
