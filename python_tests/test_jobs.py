"""Jobs through the Python API (api-v2.md section 4): aligncv.score and aligncv.demo_jobs without an
engine; import, list, detail, stats, match, score, bookmarks and applications on an Engine, with
the errors of the HTTP contract as exception classes."""

from __future__ import annotations

import json
import threading
from typing import Any, Dict, Tuple

import pytest

import aligncv
from jobs_support import (
    APPLICATION_KEYS,
    ATS_KEYS,
    BACKEND_DESCRIPTION,
    BOOKMARK_KEYS,
    IMPORT_KEYS,
    INGEST_KEYS,
    JOB_DETAIL_KEYS,
    JOB_KEYS,
    MATCH_KEYS,
    RESUME_TEXT,
    SCORE_KEYS,
    SECTION_CHECKS,
    job_records,
    json_payload,
    jobspy_csv,
    jsonl_payload,
    make_job_id,
    new_source,
)
from support import PASSWORD, UUID4_RE, unique_email

ADMIN = "jobs-admin@example.com"


@pytest.fixture
def jobs_engine(engine_factory) -> aligncv.Engine:
    return engine_factory(admin_emails=[ADMIN])


@pytest.fixture
def admin(jobs_engine) -> str:
    return jobs_engine.signup(name="Admin", email=ADMIN, password=PASSWORD)["tokens"][
        "access_token"]


@pytest.fixture
def user(jobs_engine) -> str:
    return jobs_engine.signup(name="Jane Doe", email=unique_email(),
                              password=PASSWORD)["tokens"]["access_token"]


@pytest.fixture
def other(jobs_engine) -> str:
    return jobs_engine.signup(name="Sam Roe", email=unique_email(),
                              password=PASSWORD)["tokens"]["access_token"]


@pytest.fixture
def imported(jobs_engine, admin) -> Tuple[str, Dict[str, str]]:
    """(source, {title: job_id}) of job_records() imported under a fresh source."""
    source = new_source()
    summary = jobs_engine.import_jobs(admin, json_payload(source), format="json")
    assert summary["new_jobs"] == 3, summary
    page = jobs_engine.jobs(admin, source=source)
    return source, {job["title"]: job["job_id"] for job in page["jobs"]}


def resume(engine: aligncv.Engine, token: str) -> str:
    return engine.upload_document(token, "jane_doe_resume.txt", RESUME_TEXT.encode())[
        "document_id"]


# ---- without an engine ------------------------------------------------------------------------

def test_score_needs_no_engine():
    report = aligncv.score(RESUME_TEXT, BACKEND_DESCRIPTION)
    assert set(report) == ATS_KEYS
    assert isinstance(report["score"], int) and 0 <= report["score"] <= 100
    assert "Python" in report["matched_skills"]
    assert "Kubernetes" in report["missing_skills"]
    assert 0 <= report["keyword_coverage"] <= 100
    assert {check["check"] for check in report["section_checks"]} <= SECTION_CHECKS
    assert aligncv.score(RESUME_TEXT, BACKEND_DESCRIPTION) == report  # deterministic


def test_score_matches_the_engine_report(jobs_engine, user):
    by_engine = jobs_engine.score_resume(user, resume_text=RESUME_TEXT,
                                         job_description=BACKEND_DESCRIPTION)
    assert set(by_engine) == SCORE_KEYS
    assert {k: v for k, v in by_engine.items() if k in ATS_KEYS} == aligncv.score(
        RESUME_TEXT, BACKEND_DESCRIPTION)


def test_score_rejects_short_texts_and_wrong_types():
    with pytest.raises(aligncv.ValidationError):
        aligncv.score("too short", BACKEND_DESCRIPTION)
    with pytest.raises(aligncv.ValidationError):
        aligncv.score(RESUME_TEXT, "too short")
    with pytest.raises(TypeError, match="resume_text must be a str"):
        aligncv.score(RESUME_TEXT.encode(), BACKEND_DESCRIPTION)  # type: ignore[arg-type]


def test_demo_jobs_is_the_catalogue():
    jobs = aligncv.demo_jobs()
    assert isinstance(jobs, list) and len(jobs) > 0
    ids = [job["job_id"] for job in jobs]
    assert len(set(ids)) == len(ids)
    for job in jobs:
        assert set(job) == JOB_KEYS
        assert job["source"] == "demo" and job["id"] == job["job_id"]
        assert job["title"] and job["company"]
        assert job["job_id"] == make_job_id("demo", job["company"], job["title"],
                                            job["url"] or "")


def test_demo_jobs_cover_modern_tech_titles_and_other_occupations():
    jobs = aligncv.demo_jobs()
    # The curated titles people search for (title_aliases.tsv), with some fully remote postings
    # each, next to O*NET's occupations.
    for words in ("Backend", "Frontend", "Full Stack", "Data Engineer", "DevOps Engineer",
                  "Site Reliability Engineer", "Cloud Engineer", "Mobile", "QA Engineer",
                  "Data Analyst", "Product Manager", "UX Designer"):
        postings = [job for job in jobs if words in job["title"]]
        assert len(postings) >= 2, words
    remote = [job for job in jobs if job["remote"] and job["tags"][0] == "IT & Data"]
    assert len(remote) >= 30 and all(job["location"].startswith("Remote, ") for job in remote)
    assert {job["experience_level"] for job in jobs if "Backend" in job["title"]} >= {
        "entry", "mid", "senior", "lead"}
    for title in ("Registered Nurse", "Staff Accountant", "Electrician", "Truck Driver", "Chef"):
        assert any(job["title"].endswith(title) for job in jobs), title
    # Descriptions use the words people search for.
    backend = [job for job in jobs if "backend" in job["description"].lower()]
    assert len(backend) >= 10 and all(job["required_skills"] for job in backend)


def test_demo_jobs_are_the_ingested_ones(jobs_engine, admin):
    result = jobs_engine.ingest_demo_jobs(admin)
    assert set(result) == INGEST_KEYS
    assert result["total_ingested"] == len(aligncv.demo_jobs())
    assert result["embeddings_created"] == result["total_ingested"]
    stats = jobs_engine.job_stats(admin)
    assert stats["sources"]["demo"] == result["total_ingested"]


# ---- import ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("how", ["format", "content_type", "file_name"])
def test_import_names_the_format_three_ways(jobs_engine, admin, how):
    source = new_source()
    kwargs = {"format": {"format": "csv"}, "content_type": {"content_type": "text/csv"},
              "file_name": {"file_name": "jobspy.csv"}}[how]
    summary = jobs_engine.import_jobs(admin, jobspy_csv(source), **kwargs)
    assert set(summary) == IMPORT_KEYS
    assert (summary["total"], summary["new_jobs"], summary["updated_jobs"]) == (3, 2, 0)
    assert summary["rejected"] == [{"line": 5, "detail": "Row has 3 fields, header has 21"}]


def test_import_accepts_str_bytearray_and_memoryview(jobs_engine, admin):
    source = new_source()
    text = jsonl_payload(source).decode()
    assert jobs_engine.import_jobs(admin, text, format="jsonl")["new_jobs"] == 3
    again = jobs_engine.import_jobs(admin, bytearray(text.encode()), format="jsonl")
    assert (again["new_jobs"], again["updated_jobs"]) == (0, 3)
    assert [r["line"] for r in again["rejected"]] == [5, 6]
    view = memoryview(json_payload(new_source()))
    assert jobs_engine.import_jobs(admin, view, content_type="application/json")["new_jobs"] == 3
    with pytest.raises(TypeError):
        jobs_engine.import_jobs(admin, 42, format="json")  # type: ignore[arg-type]


def test_import_errors(jobs_engine, admin, user):
    with pytest.raises(aligncv.ForbiddenError, match="Admin privileges required"):
        jobs_engine.import_jobs(user, json_payload(new_source()), format="json")
    with pytest.raises(aligncv.ForbiddenError):
        jobs_engine.ingest_demo_jobs(user)
    with pytest.raises(aligncv.UnsupportedMediaTypeError,
                       match="Unsupported import format; send JSON, JSON Lines or CSV"):
        jobs_engine.import_jobs(admin, json_payload(new_source()))
    with pytest.raises(aligncv.InvalidArgumentError, match="Import body is empty"):
        jobs_engine.import_jobs(admin, b"", format="json")
    with pytest.raises(aligncv.InvalidArgumentError, match="CSV header must include"):
        jobs_engine.import_jobs(admin, "a,b\n1,2\n", format="csv")
    with pytest.raises(aligncv.InvalidArgumentError, match="^Invalid JSON: .* at line "):
        jobs_engine.import_jobs(admin, '[{"title": ', format="json")


def test_import_over_the_limit(engine_factory):
    engine = engine_factory(admin_emails=[ADMIN], max_import_size_mb=1)
    token = engine.signup(name="Admin", email=ADMIN, password=PASSWORD)["tokens"]["access_token"]
    with pytest.raises(aligncv.PayloadTooLargeError,
                       match="Import exceeds maximum allowed size of 1MB"):
        engine.import_jobs(token, b" " * (1024 * 1024 + 1), format="json")


# ---- list, detail, stats ----------------------------------------------------------------------------

def test_jobs_page_total_and_filters(jobs_engine, user, imported):
    source, ids = imported
    page = jobs_engine.jobs(user, source=source, limit=2)
    assert set(page) == {"jobs", "total"}
    assert page["total"] == 3 and len(page["jobs"]) == 2
    assert all(set(job) == JOB_KEYS for job in page["jobs"])
    rest = jobs_engine.jobs(user, source=source, skip=2)
    assert [job["job_id"] for job in rest["jobs"]] == [
        job["job_id"] for job in jobs_engine.jobs(user, source=source)["jobs"]][2:]
    assert [j["title"] for j in jobs_engine.jobs(user, source=source, remote=True)["jobs"]] == [
        "Frontend Developer"]
    assert [j["title"] for j in jobs_engine.jobs(user, source=source, q="nurse")["jobs"]] == [
        "Registered Nurse"]
    assert jobs_engine.jobs(user, source=source, employment_type="FULL-TIME")["total"] == 1
    assert jobs_engine.jobs(user, source=source, location="berlin")["total"] == 1
    with pytest.raises(aligncv.ValidationError) as info:
        jobs_engine.jobs(user, limit=0)
    assert info.value.issues[0]["loc"] == ["query", "limit"]
    with pytest.raises(aligncv.ValidationError):
        jobs_engine.jobs(user, experience_level="guru")


def test_job_detail_stats_and_not_found(jobs_engine, user, imported):
    source, ids = imported
    detail = jobs_engine.job(user, ids["Senior Backend Engineer"])
    assert set(detail) == JOB_DETAIL_KEYS
    assert detail["description"] == BACKEND_DESCRIPTION
    with pytest.raises(aligncv.NotFoundError, match="^Job not found$") as info:
        jobs_engine.job(user, "0000000000000000")
    assert isinstance(info.value, LookupError)
    stats = jobs_engine.job_stats(user)
    assert stats["sources"][source] == 3
    assert stats["jobs"] == sum(stats["sources"].values())


# ---- match and score --------------------------------------------------------------------------------

def test_match_and_match_query(jobs_engine, user, admin):
    source, tag = new_source(), "zqpythonicfixture"
    records = job_records(source)
    for record in records:
        record["description"] += f"\nTeam code {tag}."
    jobs_engine.import_jobs(admin, json.dumps(records), format="json")
    doc_id = resume(jobs_engine, user)

    hits = jobs_engine.match(user, doc_id, query=tag)
    assert len(hits) == 3
    assert all(MATCH_KEYS <= set(hit) for hit in hits)
    assert hits[0]["title"] == "Senior Backend Engineer"
    assert [hit["combined_score"] for hit in hits] == sorted(
        (hit["combined_score"] for hit in hits), reverse=True)
    assert [h["title"] for h in jobs_engine.match(user, doc_id, top_k=1, query=tag)] == [
        "Senior Backend Engineer"]
    assert [h["title"] for h in jobs_engine.match(user, doc_id, query=tag, remote=True)] == [
        "Frontend Developer"]

    by_query = jobs_engine.match_query(user, tag)  # the newest document
    assert [h["job_id"] for h in by_query] == [h["job_id"] for h in hits]
    assert [h["job_id"] for h in jobs_engine.match_query(user, tag, resume_id=doc_id)] == [
        h["job_id"] for h in hits]

    with pytest.raises(aligncv.NotFoundError, match="^Resume not found$"):
        jobs_engine.match(user, "9999")
    with pytest.raises(aligncv.ValidationError):
        jobs_engine.match(user, doc_id, top_k=0)


def test_match_query_without_a_resume(jobs_engine, other, imported):
    with pytest.raises(aligncv.NotFoundError, match="^No resume found. Upload a resume first.$"):
        jobs_engine.match_query(other)
    hits = jobs_engine.match_query(other, "nurse")
    assert "Registered Nurse" in [hit["title"] for hit in hits]


def test_score_resume_by_ids(jobs_engine, user, other, imported):
    _, ids = imported
    doc_id = resume(jobs_engine, user)
    report = jobs_engine.score_resume(user, resume_id=doc_id,
                                      job_id=ids["Senior Backend Engineer"])
    assert set(report) == SCORE_KEYS
    assert (report["resume_id"], report["job_id"]) == (doc_id, ids["Senior Backend Engineer"])
    with pytest.raises(aligncv.NotFoundError, match="^Resume not found$"):
        jobs_engine.score_resume(other, resume_id=doc_id, job_description=BACKEND_DESCRIPTION)
    with pytest.raises(aligncv.ValidationError) as info:
        jobs_engine.score_resume(user, resume_text=RESUME_TEXT)
    assert info.value.issues[0]["msg"] == (
        "Value error, provide exactly one of job_description or job_id")


# ---- bookmarks and applications ------------------------------------------------------------------

def test_bookmarks(jobs_engine, user, other, imported):
    _, ids = imported
    job_id = ids["Senior Backend Engineer"]
    bookmark_id = jobs_engine.add_bookmark(user, job_id, notes="Ask about on-call")
    assert UUID4_RE.match(bookmark_id)
    with pytest.raises(aligncv.ConflictError, match="^Job already bookmarked$"):
        jobs_engine.add_bookmark(user, job_id)
    with pytest.raises(aligncv.NotFoundError, match="^Job not found$"):
        jobs_engine.add_bookmark(user, "0000000000000000")
    [bookmark] = jobs_engine.bookmarks(user)
    assert set(bookmark) == BOOKMARK_KEYS
    assert (bookmark["id"], bookmark["notes"], bookmark["job"]["id"]) == (
        bookmark_id, "Ask about on-call", job_id)
    assert jobs_engine.job(user, job_id)["is_bookmarked"] is True

    assert jobs_engine.bookmarks(other) == []
    with pytest.raises(aligncv.NotFoundError, match="^Bookmark not found$"):
        jobs_engine.remove_bookmark(other, bookmark_id)
    jobs_engine.remove_bookmark(user, job_id)  # by job id
    with pytest.raises(aligncv.NotFoundError, match="^Bookmark not found$"):
        jobs_engine.remove_bookmark(user, bookmark_id)
    assert jobs_engine.bookmarks(user) == []


def test_applications(jobs_engine, user, other, imported):
    _, ids = imported
    job_id = ids["Frontend Developer"]
    application = jobs_engine.apply(user, job_id, notes="Referred by Sam")
    assert set(application) == APPLICATION_KEYS
    assert (application["status"], application["notes"]) == ("applied", "Referred by Sam")
    assert UUID4_RE.match(application["id"])

    again = jobs_engine.apply(user, job_id, status="Interviewing")
    assert again["id"] == application["id"]
    assert (again["status"], again["notes"]) == ("interviewing", "Referred by Sam")
    assert [h["status"] for h in again["history"]] == ["applied", "interviewing"]

    updated = jobs_engine.update_application(user, application["id"], notes=None)
    assert (updated["status"], updated["notes"]) == ("interviewing", None)
    updated = jobs_engine.update_application(user, job_id, status="offered")
    assert [h["status"] for h in updated["history"]] == ["applied", "interviewing", "offered"]
    assert jobs_engine.applications(user) == [updated]
    assert jobs_engine.job(user, job_id)["is_applied"] is True

    with pytest.raises(aligncv.ValidationError):
        jobs_engine.update_application(user, job_id)  # neither status nor notes
    with pytest.raises(aligncv.ValidationError) as info:
        jobs_engine.apply(user, job_id, status="ghosted")
    assert info.value.issues[0]["type"] == "literal_error"
    with pytest.raises(aligncv.NotFoundError, match="^Job not found$"):
        jobs_engine.apply(user, "0000000000000000")

    assert jobs_engine.applications(other) == []
    with pytest.raises(aligncv.NotFoundError, match="^Application not found$"):
        jobs_engine.update_application(other, application["id"], status="rejected")
    with pytest.raises(aligncv.NotFoundError, match="^Application not found$"):
        jobs_engine.delete_application(other, job_id)
    jobs_engine.delete_application(user, application["id"])
    assert jobs_engine.applications(user) == []
    with pytest.raises(aligncv.NotFoundError, match="^Application not found$"):
        jobs_engine.delete_application(user, application["id"])


def test_matching_from_many_threads(jobs_engine, user, imported):
    doc_id = resume(jobs_engine, user)
    expected = [hit["job_id"] for hit in jobs_engine.match(user, doc_id, top_k=5)]
    results: Dict[int, Any] = {}

    def run(i: int) -> None:
        results[i] = [hit["job_id"] for hit in jobs_engine.match(user, doc_id, top_k=5)]

    threads = [threading.Thread(target=run, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(result == expected for result in results.values()) and len(results) == 8
