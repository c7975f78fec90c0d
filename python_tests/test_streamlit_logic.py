"""The Streamlit example (examples/streamlit_app.py): every function of its logic module
(examples/streamlit_logic.py) through a real Engine in a temporary folder, the whole journey end
to end, and, since streamlit itself cannot be installed here, that the app compiles and that every
logic name it uses exists and accepts the arguments the app passes (AST). The widget calls are
the only part these tests do not run."""

from __future__ import annotations

import ast
import inspect
import json
import sys
from pathlib import Path
from typing import Any, Dict, Iterator, List, Set

import pytest

import aligncv
from jobs_support import BACKEND_DESCRIPTION, RESUME_TEXT
from support import CONFIG_VARIABLES, FAST_ARGON2, JWT_SECRET, PASSWORD, REPO, unique_email

EXAMPLES = REPO / "examples"
APP = EXAMPLES / "streamlit_app.py"
sys.path.insert(0, str(EXAMPLES))
import streamlit_logic as logic  # noqa: E402  (examples/ is not a package)

# A résumé with weak openers, so that a rewrite changes words.
WEAK_RESUME = RESUME_TEXT.replace(
    "- Built Python services on AWS with PostgreSQL and Docker",
    "- Responsible for Python services on AWS with PostgreSQL and Docker\n"
    "- I helped with the deployment pipeline")


# ---- fixtures ---------------------------------------------------------------------------------

@pytest.fixture
def clean_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No configuration from the developer's shell or a ./.env: open_engine reads both."""
    for name in CONFIG_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    workdir = tmp_path / "cwd"
    workdir.mkdir()
    monkeypatch.chdir(workdir)
    return tmp_path


@pytest.fixture
def make_engine(clean_env: Path) -> Iterator[Any]:
    opened: List[aligncv.Engine] = []

    def make(**options: Any) -> aligncv.Engine:
        engine = logic.open_engine(str(clean_env / f"data{len(opened)}"), **FAST_ARGON2,
                                   jwt_secret_key=JWT_SECRET, **options)
        opened.append(engine)
        return engine

    yield make
    for engine in opened:
        engine.close()


@pytest.fixture
def engine(make_engine) -> aligncv.Engine:
    return make_engine()


@pytest.fixture
def session(engine: aligncv.Engine) -> logic.Session:
    return logic.sign_up(engine, "Jane Doe", unique_email(), PASSWORD)


@pytest.fixture
def resume_id(engine: aligncv.Engine, session: logic.Session) -> str:
    return logic.upload_resume(engine, session, "jane_doe.txt",
                               WEAK_RESUME.encode())["document_id"]


def top_match(engine, session, resume_id) -> Dict[str, Any]:
    return logic.find_matches(engine, session, resume_id, logic.MatchFilters(top_k=1))[0]


# ---- engine, session, errors ------------------------------------------------------------------

def test_app_arguments_name_the_data_folder():
    assert logic.parse_app_args([]) is None
    assert logic.parse_app_args(["--data-dir", "/srv/aligncv"]) == "/srv/aligncv"
    assert logic.parse_app_args(["--data-dir=/x", "--other", "1"]) == "/x"


def test_open_engine_reads_the_environment_and_the_data_dir_wins(clean_env, monkeypatch):
    monkeypatch.setenv("ALIGNCV_DATA_DIR", str(clean_env / "from-env"))
    monkeypatch.setenv("JWT_SECRET_KEY", JWT_SECRET)
    with logic.open_engine(None, **FAST_ARGON2) as engine:
        assert engine.data_dir == str(clean_env / "from-env")
        assert engine.options["log_to_console"] is False
    with logic.open_engine(str(clean_env / "given"), **FAST_ARGON2) as engine:
        assert engine.data_dir == str(clean_env / "given")
    assert (clean_env / "given" / "aligncv.db").is_file()


def test_sign_up_sign_in_refresh_and_sign_out(make_engine):
    clock = aligncv.ManualClock()
    engine = make_engine(clock=clock)
    email = unique_email()
    signed_up = logic.sign_up(engine, "Jane Doe", email, PASSWORD)
    assert signed_up.user["email"] == email and signed_up.user["name"] == "Jane Doe"
    session = logic.sign_in(engine, email, PASSWORD)
    assert session.user["id"] == signed_up.user["id"]
    assert logic.refreshed(engine, session) is session  # a valid token is kept

    clock.advance_seconds(15 * 60)  # the access token expired: rotated through the refresh token
    renewed = logic.refreshed(engine, session)
    assert renewed is not None and renewed.user == session.user
    assert renewed.access_token != session.access_token
    assert renewed.refresh_token != session.refresh_token
    assert logic.load_user(engine, renewed)["email"] == email

    logic.sign_out(engine, renewed)
    assert logic.refreshed(engine, renewed) is None  # the family is revoked: sign in again
    logic.sign_out(engine, renewed)  # signing out twice is harmless

    other = logic.sign_in(engine, email, PASSWORD)
    clock.advance_seconds(8 * 24 * 3600)  # past the refresh token's 7 days
    assert logic.refreshed(engine, other) is None


def test_errors_become_the_sentences_the_app_shows(engine, session):
    outcome = logic.attempt(logic.sign_up, engine, "J", "not-an-email", "short")
    assert isinstance(outcome, logic.Outcome) and not outcome.ok and outcome.value is None
    assert outcome.error == (
        "Name: String should have at least 2 characters; Email: value is not a valid email "
        "address: An email address must have an @-sign.; Password: String should have at "
        "least 8 characters")
    assert logic.attempt(logic.sign_up, engine, "Jane", session.user["email"].upper(),
                         PASSWORD).error == "Email already registered"
    assert logic.attempt(logic.sign_in, engine, session.user["email"],
                         "wrong password").error == "Invalid email or password"
    ok = logic.attempt(logic.sign_in, engine, session.user["email"], PASSWORD)
    assert ok.ok and ok.error is None and isinstance(ok.value, logic.Session)

    assert logic.field_label(["body", "new_password"]) == "New password"
    assert logic.field_label(["query", "limit"]) == "Limit"
    assert logic.field_label([]) == ""
    issue_free = aligncv.ValidationError("Field required")  # no issues: the detail is shown
    assert logic.error_message(issue_free) == "Field required"
    assert logic.error_message(aligncv.NotFoundError("Job not found")) == "Job not found"

    def bug():
        raise KeyError("a bug is not an engine error")

    with pytest.raises(KeyError):
        logic.attempt(bug)


def test_formatting():
    assert logic.when("2026-11-26T09:41:07.123Z") == "2026-11-26 09:41 UTC"
    assert logic.when(None) == "" and logic.when("soon") == "soon"
    assert logic.human_size(615) == "615 B"
    assert logic.human_size(48213) == "47.1 KB"
    assert logic.human_size(5 * 1024 * 1024) == "5.0 MB"
    assert logic.pointer_label("/work/0/startDate") == "Work 1 › Start date"
    assert logic.pointer_label("/skills/0/keywords/2") == "Skills 1 › Keywords 3"
    assert logic.pointer_label("/basics/location/countryCode") == \
        "Basics › Location › Country code"


# ---- résumé ------------------------------------------------------------------------------------

def test_upload_profile_with_evidence_downloads_and_delete(engine, session):
    result = logic.upload_resume(engine, session, "jane_doe.txt", WEAK_RESUME.encode())
    summary = dict(logic.upload_summary(result))
    assert summary["File"] == f"jane_doe.txt (TXT, {len(WEAK_RESUME.encode())} B)"
    assert summary["Experience"].endswith(" years")
    assert "Python" in summary["Skills"] and "PostgreSQL" in summary["Skills"]

    documents = logic.list_documents(engine, session)
    assert [d["id"] for d in documents] == [result["document_id"]]
    [row] = logic.document_rows(documents)
    assert row["File"] == "jane_doe.txt" and row["Type"] == "TXT"
    assert row["Skills"] == len(result["skills"]) and row["Uploaded"].endswith(" UTC")
    choices = logic.document_choices(documents)
    assert list(choices) == [result["document_id"]]
    assert choices[result["document_id"]].startswith("jane_doe.txt · ")

    detail = logic.load_document(engine, session, result["document_id"])
    rows = {r["Field"]: r for r in logic.profile_rows(detail)}
    lines = WEAK_RESUME.splitlines()
    assert rows["Basics › Name"] == {"Field": "Basics › Name", "Value": "Jane Doe", "Line": 1,
                                     "Evidence": "Jane Doe"}
    position = rows["Work 1 › Position"]
    assert position["Value"] == "Senior Backend Engineer"
    assert position["Evidence"] == lines[position["Line"] - 1].strip()
    assert "Senior Backend Engineer" in position["Evidence"]
    # Every value that carries evidence shows the very line of the résumé it names.
    for r in rows.values():
        if r["Line"] is not None:
            assert r["Evidence"] == lines[r["Line"] - 1].strip(), r
    assert all(not f.startswith(("Evidence", "Experience months")) for f in rows)

    sections = logic.section_rows(detail)
    assert {"Section": "Experience", "Heading": "Experience",
            "Lines": next(s["Lines"] for s in sections if s["Section"] == "Experience")} in sections
    assert sections[0]["Heading"] == "(inferred)"  # the contact block has no heading

    downloads = dict(logic.document_downloads(engine, session, result["document_id"]))
    assert downloads["Original file"] == logic.Download("jane_doe.txt", WEAK_RESUME.encode(),
                                                         "text/plain")
    resume = downloads["JSON Resume"]
    assert resume.file_name == "jane_doe.resume.json" and resume.mime == "application/json"
    assert json.loads(resume.data)["basics"]["name"] == "Jane Doe"

    too_short = logic.attempt(logic.upload_resume, engine, session, "hello.txt", b"Hello World!")
    assert too_short.error == "Failed to extract text from document or content is too short"
    logic.delete_document(engine, session, result["document_id"])
    assert logic.list_documents(engine, session) == []
    assert logic.attempt(logic.load_document, engine, session,
                         result["document_id"]).error == "Document not found"


# ---- matches, ATS ----------------------------------------------------------------------------------

def test_match_arguments_from_the_filter_form():
    assert logic.match_arguments(logic.MatchFilters()) == {"top_k": 10}
    filters = logic.MatchFilters(top_k=5, min_fit=60, location="  Remote ", remote="Remote only",
                                 employment_type="full-time", experience_level="senior",
                                 min_salary=90000, keywords=" python ")
    assert logic.match_arguments(filters) == {
        "top_k": 5, "min_score": 0.6, "location": "Remote", "remote": True,
        "employment_type": "full-time", "experience_level": "senior", "min_salary": 90000,
        "query": "python"}
    assert logic.match_arguments(logic.MatchFilters(remote="On-site only"))["remote"] is False


def test_matches_with_filters_explanations_and_bookmark_toggle(engine, session, resume_id):
    matches = logic.find_matches(engine, session, resume_id, logic.MatchFilters())
    assert len(matches) == 10  # the demo catalogue is loaded into a new data folder
    fits = [m["fit_percentage"] for m in matches]
    assert fits == sorted(fits, reverse=True)

    floor = fits[4]
    strict = logic.find_matches(engine, session, resume_id, logic.MatchFilters(min_fit=floor))
    assert strict and all(m["match_score"] >= floor / 100 for m in strict)
    remote = logic.find_matches(engine, session, resume_id,
                                logic.MatchFilters(remote="Remote only", top_k=20))
    assert remote and all(m["remote"] is True for m in remote)
    typed = logic.find_matches(engine, session, resume_id,
                               logic.MatchFilters(employment_type="internship"))
    assert typed and all(m["job_type"] == "Internship" for m in typed)
    located = logic.find_matches(engine, session, resume_id,
                                 logic.MatchFilters(location="seattle"))
    assert located and all("Seattle" in m["location"] for m in located)
    searched = logic.find_matches(engine, session, resume_id, logic.MatchFilters(keywords="nurse"))
    assert searched and all(m["explanation"]["query_terms_matched"] for m in searched)

    rows = logic.match_rows(matches)
    assert rows[0]["Fit %"] == matches[0]["fit_percentage"]
    assert rows[0]["Title"] == matches[0]["title"] and rows[0]["Salary"]
    assert rows[0]["Bookmarked"] is False and rows[0]["Applied"] is False
    choices = logic.match_choices(matches)
    assert list(choices) == [m["job_id"] for m in matches]
    assert choices[matches[0]["job_id"]].startswith(f"{matches[0]['fit_percentage']}% · ")
    assert logic.job_label({"title": "Nurse", "company": "Fabrikam", "location": None}) == \
        "Nurse · Fabrikam"

    lines = logic.explanation_lines(matches[0])
    assert lines[0] == matches[0]["explanation"]["summary"]
    resume_lines = WEAK_RESUME.splitlines()
    for item in matches[0]["explanation"]["matched"]:
        [line] = [l for l in lines if f"**{item['skill']}**" in l]
        assert line.startswith("- ≈ " if item.get("via") else "- ✓ ")
        assert f"line {item['line']}: “{resume_lines[item['line'] - 1]}”" in line
    assert any(l.startswith("- Experience: ") for l in lines)
    assert any(l.startswith("- Score: ") for l in lines)
    assert any(l.startswith("- Keywords found: nurse") for l in
               logic.explanation_lines(searched[0]))

    job_id = matches[0]["job_id"]
    assert logic.toggle_bookmark(engine, session, job_id) is True
    assert logic.find_matches(engine, session, resume_id,
                              logic.MatchFilters(top_k=1))[0]["is_bookmarked"] is True
    assert logic.toggle_bookmark(engine, session, job_id) is False
    assert logic.list_bookmarks(engine, session) == []


def test_ats_check_of_a_pasted_description(engine, session, resume_id):
    report = logic.ats_check(engine, session, resume_id, BACKEND_DESCRIPTION)
    summary = dict(logic.ats_summary(report))
    assert summary["Score"] == f"{report['score']}/100"
    assert "Kubernetes" in summary["Skills missing"] and "Python" in summary["Skills found"]
    rows = logic.ats_check_rows(report)
    assert [r["Check"] for r in rows] == ["Contact", "Summary", "Experience", "Education",
                                         "Skills", "Length", "Quantified achievements"]
    assert rows[0] == {"Check": "Contact", "Result": "✓ pass", "Detail": "E-mail and phone found"}
    assert {r["Result"][0] for r in rows} <= {"✓", "!", "✗"}
    assert logic.attempt(logic.ats_check, engine, session, resume_id, "too short").error == \
        "Job description: String should have at least 50 characters"


# ---- bookmarks and applications ----------------------------------------------------------------

def test_bookmarks_applications_board_and_history(engine, session, resume_id):
    matches = logic.find_matches(engine, session, resume_id, logic.MatchFilters(top_k=3))
    for m in matches[:2]:
        logic.toggle_bookmark(engine, session, m["job_id"])
    bookmarks = logic.list_bookmarks(engine, session)
    assert [b["job_id"] for b in bookmarks] == [matches[1]["job_id"], matches[0]["job_id"]]
    rows = logic.bookmark_rows(bookmarks)
    assert rows[0]["Title"] == matches[1]["title"] and rows[0]["Saved"].endswith(" UTC")
    choices = logic.bookmark_choices(bookmarks)
    assert list(choices) == [matches[1]["job_id"], matches[0]["job_id"]]  # job ids
    logic.remove_bookmark(engine, session, matches[1]["job_id"])
    assert [b["job_id"] for b in logic.list_bookmarks(engine, session)] == [matches[0]["job_id"]]

    first = logic.apply_to_job(engine, session, matches[0]["job_id"])
    assert first["status"] == "applied" and first["notes"] is None
    logic.apply_to_job(engine, session, matches[1]["job_id"], status="saved",
                       notes="Ask about on-call")
    logic.apply_to_job(engine, session, matches[2]["job_id"])
    changed = logic.change_status(engine, session, first["id"], "interviewing")
    assert changed["status"] == "interviewing"

    applications = logic.list_applications(engine, session)
    board = logic.application_board(applications)
    assert [status for status, _ in board] == ["Saved", "Applied", "Interviewing"]
    saved = dict(board)["Saved"]
    assert saved == [{"id": saved[0]["id"], "title": matches[1]["title"],
                      "company": matches[1]["company"], "applied": "",
                      "notes": "Ask about on-call"}]
    choices = logic.application_choices(applications)
    assert choices[first["id"]].endswith(" (interviewing)")
    current = {a["id"]: a for a in applications}[first["id"]]
    history = logic.history_rows(current)
    assert [h["Status"] for h in history] == ["applied", "interviewing"]
    assert all(h["When"].endswith(" UTC") for h in history)
    assert logic.attempt(logic.change_status, engine, session, first["id"],
                         "hired").error.startswith("Status: Input should be 'saved'")


# ---- rewriting -----------------------------------------------------------------------------------

def test_diff_counts_and_style():
    diff = ('<div class="diff"><p>- <del>Responsible for</del><ins>Own</ins> the API</p>'
            '<p>&lt;b&gt; <ins>two words</ins></p></div>')
    assert logic.diff_counts(diff) == {"added": 3, "removed": 2}
    assert logic.styled_diff(diff) == logic.DIFF_STYLE + diff
    assert logic.diff_counts('<div class="diff"><p>same</p></div>') == {"added": 0, "removed": 0}


def test_rewrite_tailor_cover_letter_and_linkedin_views(engine, session, resume_id):
    rewrite = logic.run_rewrite(engine, session, resume_id, "technical")
    assert isinstance(rewrite, logic.RewriteView)
    assert rewrite.kind == "rewrite" and rewrite.title == "Technical rewrite"
    assert "Responsible for" in rewrite.before and "Responsible for" not in rewrite.after
    counts = logic.diff_counts(rewrite.diff_html)
    assert counts["added"] > 0 and counts["removed"] > 0
    assert rewrite.notes and ("Impact score", rewrite.metrics[0][1]) == rewrite.metrics[0]
    assert rewrite.metrics[-1][0] == "Made by" and rewrite.metrics[-1][1].startswith("local")
    assert rewrite.warning is None
    assert rewrite.download == logic.Download("jane_doe.technical.txt",
                                              rewrite.after.encode(), "text/plain")

    tailored = logic.run_tailor(engine, session, resume_id, BACKEND_DESCRIPTION, "aggressive")
    assert tailored.title == "Tailored (aggressive)" and tailored.diff_html
    metrics = dict(tailored.metrics)
    assert metrics["Match before"].endswith("/100") and "Kubernetes" in metrics["Missing skills"]
    assert tailored.download.file_name == "jane_doe.tailored.txt"

    letter = logic.run_cover_letter(engine, session, resume_id,
                                    job_description=BACKEND_DESCRIPTION, tone="concise")
    assert letter.title == "Cover letter (concise)" and letter.before is None
    assert letter.diff_html is None
    assert 250 <= int(dict(letter.metrics)["Words"]) <= 400
    assert letter.download.data == letter.after.encode()
    job = top_match(engine, session, resume_id)
    for_job = logic.run_cover_letter(engine, session, resume_id, job_id=job["job_id"])
    assert for_job.title == "Cover letter (professional)" and job["company"] in for_job.after
    neither = logic.attempt(logic.run_cover_letter, engine, session, resume_id)
    assert neither.error == (
        "Job description: Value error, provide exactly one of job_description or job_id")

    linkedin = logic.run_linkedin(engine, session, resume_id, "Staff Engineer")
    assert linkedin.title == "LinkedIn (Staff Engineer)"
    headline = linkedin.after.split("\n\n")[0]
    assert dict(linkedin.metrics)["Headline"] == f"{len(headline)}/220 characters"
    assert linkedin.download.file_name == "jane_doe.linkedin.txt"

    versions = logic.version_rows(engine, session, resume_id)
    assert [v["Kind"] for v in versions] == ["Linkedin", "Cover letter", "Cover letter",
                                             "Tailor", "Rewrite"]
    assert versions[-1]["Style"] == "Technical" and versions[-1]["Made by"] == "local"

    with pytest.raises(ValueError):
        logic.rewrite_view("poem", {}, "jane.txt")
    assert logic.attempt(logic.run_tailor, engine, session, resume_id, BACKEND_DESCRIPTION,
                         "extreme").error == (
        "Invalid tailoring level. Must be one of: conservative, moderate, aggressive")


# ---- notifications -------------------------------------------------------------------------------

def test_notifications_filters_actions_and_settings(engine, session, resume_id):
    job = top_match(engine, session, resume_id)
    application = logic.apply_to_job(engine, session, job["job_id"])
    logic.change_status(engine, session, application["id"], "offered")
    assert logic.send_test_notification(engine, session) == (
        "Test notification created; e-mail delivery is not configured on this engine.")

    listing = logic.load_notifications(engine, session)
    assert listing["total"] == 2 and listing["unread"] == 2
    rows = logic.notification_rows(listing)
    assert [r["Type"] for r in rows] == ["System", "Application updates"]
    assert rows[1]["Message"].endswith("status changed from applied to offered")
    assert rows[0]["Read"] is False
    updates = logic.load_notifications(engine, session, "Application updates")
    assert [n["type"] for n in updates["notifications"]] == ["application_update"]
    choices = logic.notification_choices(listing)
    system_id = listing["notifications"][0]["id"]
    assert choices[system_id].startswith("● Test notification · ")

    logic.mark_read(engine, session, system_id)
    read = logic.load_notifications(engine, session, "All", "Read")
    assert [n["id"] for n in read["notifications"]] == [system_id] and read["unread"] == 1
    assert not logic.notification_choices(read)[system_id].startswith("●")
    assert logic.mark_all_read(engine, session) == 1
    assert logic.load_notifications(engine, session, status_label="Unread")["total"] == 0
    logic.delete_notification(engine, session, system_id)
    assert logic.load_notifications(engine, session)["total"] == 1
    assert logic.attempt(logic.mark_read, engine, session,
                         system_id).error == "Notification not found"

    settings = logic.load_settings(engine, session)
    form = {name: settings[name] for name in logic.SETTINGS_FIELDS}
    form["quiet_hours_start"] = form["quiet_hours_end"] = ""  # the empty boxes mean "none"
    assert logic.settings_changes(settings, form) == {}
    form.update(digest_frequency="weekly", min_match_score=0.75, quiet_hours_start="22:00",
                quiet_hours_end=" 07:00 ", timezone="Europe/Berlin")
    changes = logic.settings_changes(settings, form)
    assert changes == {"digest_frequency": "weekly", "min_match_score": 0.75,
                       "quiet_hours_start": "22:00", "quiet_hours_end": "07:00",
                       "timezone": "Europe/Berlin"}
    saved = logic.save_settings(engine, session, changes)
    assert saved["notification_frequency"] == "weekly" and saved["quiet_hours_end"] == "07:00"
    cleared = logic.settings_changes(saved, {"quiet_hours_start": "", "quiet_hours_end": ""})
    assert cleared == {"quiet_hours_start": None, "quiet_hours_end": None}
    assert logic.save_settings(engine, session, cleared)["quiet_hours_start"] is None
    assert logic.attempt(logic.save_settings, engine, session,
                         {"timezone": "Mars/Base"}).error == (
        "Timezone: Value error, unknown time zone")


# ---- account ---------------------------------------------------------------------------------------

def test_profile_preferences_password_export_and_deletion(engine, session, resume_id):
    user = logic.load_user(engine, session)
    form = logic.profile_form(user)
    assert form == {"name": "Jane Doe", "phone": "", "location": "", "linkedin_url": "",
                    "github_url": "", "bio": ""}
    assert logic.profile_changes(user, form) == {}
    form.update(location="Berlin", linkedin_url="https://www.linkedin.com/in/janedoe")
    changes = logic.profile_changes(user, form)
    assert changes == {"location": "Berlin", "linkedin_url": "https://www.linkedin.com/in/janedoe"}
    user = logic.save_profile(engine, session, changes)
    assert user["location"] == "Berlin" and user["name"] == "Jane Doe"
    cleared = logic.profile_changes(user, {**logic.profile_form(user), "location": ""})
    assert logic.save_profile(engine, session, cleared)["location"] is None
    assert logic.attempt(logic.save_profile, engine, session,
                         {"linkedin_url": "ftp://example.com"}).error == (
        "Linkedin url: Value error, must be an absolute http or https URL")

    preferences = user["preferences"]
    shown = logic.preferences_form(preferences)
    assert shown["preferred_locations"] == "" and shown["job_types"] == ["Full-time"]
    assert logic.preferences_changes(preferences, shown) == {}
    shown.update(preferred_locations="Berlin, Remote", remote_only=True)
    changes = logic.preferences_changes(preferences, shown)
    assert changes == {"preferred_locations": "Berlin, Remote", "remote_only": True}
    saved = logic.save_preferences(engine, session, changes)
    assert saved["preferred_locations"] == ["Berlin", "Remote"] and saved["remote_only"] is True
    again = logic.preferences_form(saved)
    assert again["preferred_locations"] == "Berlin, Remote"
    assert logic.preferences_changes(saved, {**again, "preferred_locations": "Berlin,Remote"}) == {}

    email = session.user["email"]
    assert logic.attempt(logic.change_password, engine, session, PASSWORD, "a new password",
                         "another one").error == "The two new passwords do not match"
    assert logic.attempt(logic.change_password, engine, session, "not my password",
                         "a new password", "a new password").error == \
        "Current password is incorrect"
    logic.change_password(engine, session, PASSWORD, "a new password", "a new password")
    assert logic.refreshed(engine, session) is session  # this session stays signed in
    assert logic.attempt(logic.sign_in, engine, email, PASSWORD).error == \
        "Invalid email or password"
    logic.sign_in(engine, email, "a new password")

    export = logic.export_download(engine, session)
    assert export.file_name == "aligncv-export.json" and export.mime == "application/json"
    data = json.loads(export.data)
    assert data["user"]["email"] == email and data["user"]["location"] is None
    assert [d["id"] for d in data["documents"]] == [resume_id]

    assert logic.attempt(logic.delete_account, engine, session, "someone@example.com").error == \
        "Type the account's e-mail address to confirm the deletion"
    logic.delete_account(engine, session, f"  {email.upper()} ")
    assert logic.refreshed(engine, session) is None
    assert logic.attempt(logic.sign_in, engine, email, "a new password").error == \
        "Invalid email or password"


# ---- the journey -------------------------------------------------------------------------------

def test_the_whole_journey_in_the_order_of_the_app(engine):
    """Sign up, upload, read the profile, match, bookmark, apply and move the application, check
    a posting, rewrite, read notifications, change settings and profile, export, delete."""
    email = unique_email()
    session = logic.sign_up(engine, "Jane Doe", email, PASSWORD)
    logic.sign_out(engine, session)
    session = logic.sign_in(engine, email, PASSWORD)

    uploaded = logic.upload_resume(engine, session, "jane.txt", WEAK_RESUME.encode())
    documents = logic.list_documents(engine, session)
    doc_id = next(iter(logic.document_choices(documents)))
    assert doc_id == uploaded["document_id"]
    profile = logic.profile_rows(logic.load_document(engine, session, doc_id))
    assert any(r["Field"] == "Work 1 › Name" and r["Value"] == "Northwind Analytics"
               for r in profile)

    matches = logic.find_matches(engine, session, doc_id, logic.MatchFilters(top_k=5))
    job_id = next(iter(logic.match_choices(matches)))
    assert logic.explanation_lines(matches[0])
    assert logic.toggle_bookmark(engine, session, job_id) is True
    [bookmarked] = logic.list_bookmarks(engine, session)
    logic.apply_to_job(engine, session, bookmarked["job_id"])
    [application] = logic.list_applications(engine, session)
    logic.change_status(engine, session, application["id"], "interviewing")
    assert [s for s, _ in logic.application_board(
        logic.list_applications(engine, session))] == ["Interviewing"]

    assert logic.ats_check(engine, session, doc_id, BACKEND_DESCRIPTION)["score"] >= 0
    view = logic.run_rewrite(engine, session, doc_id, "Management")
    assert view.download.file_name == "jane.management.txt"

    listing = logic.load_notifications(engine, session, "Application updates", "Unread")
    assert listing["total"] == 1
    assert logic.mark_all_read(engine, session) == 1
    settings = logic.load_settings(engine, session)
    logic.save_settings(engine, session, logic.settings_changes(
        settings, {**settings, "digest_frequency": "disabled"}))
    assert logic.load_settings(engine, session)["notification_frequency"] == "realtime"
    user = logic.load_user(engine, session)
    form = {**logic.profile_form(user), "phone": "+49 30 1"}
    logic.save_profile(engine, session, logic.profile_changes(user, form))
    assert logic.load_user(engine, session)["phone"] == "+49 30 1"

    export = json.loads(logic.export_download(engine, session).data)
    assert export["applications"][0]["status"] == "interviewing"
    assert export["bookmarks"][0]["job_id"] == job_id
    logic.delete_account(engine, session, email)
    assert logic.attempt(logic.sign_in, engine, email, PASSWORD).error == \
        "Invalid email or password"


# ---- the app itself (streamlit is not installed here) ------------------------------------------

def logic_references(tree: ast.AST) -> List[ast.Attribute]:
    return [node for node in ast.walk(tree) if isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name) and node.value.id == "logic"]


def test_the_app_compiles_and_uses_only_logic_that_exists_as_called():
    source = APP.read_text(encoding="utf-8")
    tree = ast.parse(source, filename=str(APP))
    compile(tree, str(APP), "exec")

    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
                for alias in node.names}
    assert imported == {"sys", "streamlit", "streamlit_logic"}
    assert not [n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]

    references = logic_references(tree)
    assert len(references) > 50
    missing = sorted({r.attr for r in references if not hasattr(logic, r.attr)})
    assert not missing, f"streamlit_app.py uses logic names that do not exist: {missing}"

    # Every call of a logic function binds to its signature, also through attempt(f, ...).
    problems = []
    for call in ast.walk(tree):
        if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Attribute):
            continue
        if call.func not in references:
            continue
        target, args = getattr(logic, call.func.attr), list(call.args)
        if target is logic.attempt:
            assert args and args[0] in references, ast.unparse(call)
            target, args = getattr(logic, args[0].attr), args[1:]
        if not callable(target) or any(isinstance(a, ast.Starred) for a in args):
            continue
        keywords = {k.arg: None for k in call.keywords if k.arg is not None}
        try:
            inspect.signature(target).bind(*[None] * len(args), **keywords)
        except TypeError as error:
            problems.append(f"line {call.lineno}: {ast.unparse(call)}: {error}")
    assert not problems, "\n".join(problems)


def test_every_logic_function_is_covered_here():
    defined: Set[str] = {
        name for name, value in vars(logic).items()
        if not name.startswith("_") and (inspect.isfunction(value) or inspect.isclass(value))
        and value.__module__ == logic.__name__}
    used = {r.attr for r in logic_references(ast.parse(Path(__file__).read_text("utf-8")))}
    assert not sorted(defined - used), f"not covered: {sorted(defined - used)}"
