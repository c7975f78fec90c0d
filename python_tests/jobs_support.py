"""Job payloads and contract constants for the job tests (api-v2.md section 4): a JSON array, JSON
Lines and a JobSpy CSV with one malformed row, each under a source of the test's own so that tests
sharing a server do not see each other's postings. The companies and numbers are fictional."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import uuid
from typing import Any, Dict, List

from support import REPO

FIXTURES = REPO / "tests" / "fixtures" / "jobs"

# The contract's key sets.
JOB_KEYS = {
    "id", "job_id", "title", "company", "location", "remote", "url", "source", "description",
    "tags", "required_skills", "preferred_skills", "salary_min", "salary_max", "salary_currency",
    "employment_type", "experience_level", "posted_date", "created_at", "updated_at",
}
JOB_DETAIL_KEYS = JOB_KEYS | {"is_bookmarked", "is_applied"}
MATCH_KEYS = {
    "job_id", "title", "company", "location", "remote", "url", "description", "tags",
    "salary_min", "salary_max", "employment_type", "experience_level", "vector_score",
    "skill_score", "combined_score", "fit_percentage", "match_score", "matched_skills",
    "gap_skills", "required_skills", "salary_range", "job_type", "posted_date", "is_bookmarked",
    "is_applied", "explanation",
}
# What the existing frontend's search form reads (client contract of GET /v2/jobs/match).
CLIENT_MATCH_KEYS = {"title", "company", "location", "match_score", "salary_range", "job_type",
                     "posted_date", "description", "required_skills", "job_id", "url"}
EXPLANATION_KEYS = {"summary", "matched", "missing_required", "missing_preferred", "experience",
                    "components", "weights", "query_terms_matched", "query_boost"}
COMPONENT_KEYS = {"skills", "semantic", "title", "seniority", "location", "salary"}
SCORE_KEYS = {"score", "resume_id", "job_id", "matched_skills", "missing_skills",
              "keyword_coverage", "missing_keywords", "section_checks", "suggestions"}
ATS_KEYS = SCORE_KEYS - {"resume_id", "job_id"}
SECTION_CHECKS = {"contact", "summary", "experience", "education", "skills", "length",
                  "quantified_achievements"}
IMPORT_KEYS = {"total", "new_jobs", "updated_jobs", "rejected"}
INGEST_KEYS = {"total_ingested", "new_jobs", "updated_jobs", "embeddings_created"}
BOOKMARK_KEYS = {"id", "job_id", "notes", "created_at", "title", "company", "location", "url",
                 "job"}
APPLICATION_KEYS = {"id", "job_id", "status", "notes", "applied_date", "created_at",
                    "updated_at", "history", "title", "company", "location", "url", "job"}
STATUSES = ["saved", "applied", "interviewing", "offered", "rejected", "withdrawn", "accepted"]
JOB_TYPES = {"Full-time", "Part-time", "Contract", "Internship", "Temporary", "Freelance",
             "Not specified"}

# Messages of section 4.
JOB_NOT_FOUND = {"detail": "Job not found", "code": "not_found"}
RESUME_NOT_FOUND = {"detail": "Resume not found", "code": "not_found"}
NO_RESUME = {"detail": "No resume found. Upload a resume first.", "code": "not_found"}
BOOKMARK_NOT_FOUND = {"detail": "Bookmark not found", "code": "not_found"}
APPLICATION_NOT_FOUND = {"detail": "Application not found", "code": "not_found"}
ALREADY_BOOKMARKED = {"detail": "Job already bookmarked", "code": "conflict"}
ADMIN_REQUIRED = {"detail": "Admin privileges required", "code": "forbidden"}
UNSUPPORTED_FORMAT = {"detail": "Unsupported import format; send JSON, JSON Lines or CSV",
                      "code": "unsupported_media_type"}
EMPTY_IMPORT = {"detail": "Import body is empty", "code": "bad_request"}
CSV_HEADER = {"detail": "CSV header must include title and company", "code": "bad_request"}
BOOKMARKED = "Job bookmarked successfully"
BOOKMARK_REMOVED = "Bookmark removed successfully"
APPLIED = "Job application recorded successfully"
APPLICATION_UPDATED = "Application updated successfully"
APPLICATION_DELETED = "Application deleted successfully"


def new_source() -> str:
    """A source name no other test uses (sources are stored lower-cased)."""
    return "t" + uuid.uuid4().hex[:12]


def make_job_id(source: str, company: str, title: str, url: str = "") -> str:
    return hashlib.sha256(f"{source}:{company}:{title}:{url}".encode()).hexdigest()[:16]


# ---- postings ------------------------------------------------------------------------------------

BACKEND_DESCRIPTION = (
    "Northwind builds billing software for utilities. You will own our Python services and the "
    "PostgreSQL databases behind them, deployed on AWS with Docker and Kubernetes.\n"
    "Requirements: Python, PostgreSQL, AWS, Kubernetes.\n"
    "Nice to have: Terraform, Kafka."
)
FRONTEND_DESCRIPTION = (
    "Contoso Health is looking for a frontend developer to build patient dashboards in React "
    "and TypeScript.\nRequirements: React, TypeScript, CSS.\nNice to have: GraphQL."
)
NURSE_DESCRIPTION = (
    "Fabrikam Care hires registered nurses for its night ward. Patient care, medication "
    "administration and close work with physicians. A nursing licence is required."
)


def job_records(source: str) -> List[Dict[str, Any]]:
    """Three postings under Job field names (the first also shows JobSpy names)."""
    return [
        {"title": "Senior Backend Engineer", "company": "Northwind Analytics",
         "url": f"https://jobs.example/{source}/1", "source": source,
         "location": "Berlin, Germany", "remote": False, "description": BACKEND_DESCRIPTION,
         "salary_min": 75000, "salary_max": 95000, "salary_currency": "EUR",
         "employment_type": "full-time", "experience_level": "senior",
         "posted_date": "2026-11-20"},
        {"site": source, "job_url": f"https://jobs.example/{source}/2",
         "title": "Frontend Developer", "company": "Contoso Health", "location": "Remote, US",
         "is_remote": True, "job_type": "contract", "min_amount": 55, "max_amount": 70,
         "interval": "hourly", "currency": "usd", "description": FRONTEND_DESCRIPTION,
         "date_posted": "2026-11"},
        {"title": "Registered Nurse", "company": "Fabrikam Care", "source": source,
         "url": f"https://jobs.example/{source}/3", "location": "Leeds, UK",
         "description": NURSE_DESCRIPTION, "employment_type": "Part-time"},
    ]


def json_payload(source: str) -> bytes:
    return json.dumps(job_records(source)).encode()


def jsonl_payload(source: str) -> bytes:
    """Three good lines, a blank line (skipped), a line that is not JSON (line 5) and a record
    without a company (line 6)."""
    lines = [json.dumps(record) for record in job_records(source)]
    lines += ["", '{"title": "Broken", ', json.dumps({"title": "No Company", "source": source})]
    return ("\n".join(lines) + "\n").encode()


JOBSPY_COLUMNS = ["", "id", "site", "job_url", "job_url_direct", "title", "company", "location",
                  "date_posted", "job_type", "salary_source", "interval", "min_amount",
                  "max_amount", "currency", "is_remote", "job_level", "job_function",
                  "listing_type", "emails", "description"]


def jobspy_csv(source: str) -> bytes:
    """The CSV that JobSpy's scrape_jobs(...).to_csv(...) writes: a leading unnamed index column,
    a quoted multi-line description, True/False as pandas writes them, a BOM. Row 3 (starting on
    the line after row 2's two-line description) has too few fields."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(JOBSPY_COLUMNS)
    writer.writerow(["0", "in-1", source, f"https://jobs.example/{source}/csv1", "",
                     "Data Engineer", "Contoso Data", "Austin, TX, US", "2026-11-21", "fulltime",
                     "direct_data", "yearly", "120000", "150000", "USD", "False", "",
                     "", "", "", "Build pipelines with Python, SQL and Airflow on AWS."])
    writer.writerow(["1", "in-2", source, f"https://jobs.example/{source}/csv2", "",
                     "Site Reliability Engineer", "Northwind Ops", "Remote", "2026-11-22",
                     "contract", "", "monthly", "8000", "9000", "EUR", "True", "", "", "", "",
                     "Keep Kubernetes clusters healthy.\nOn-call with Prometheus and Grafana."])
    text = out.getvalue() + "2,in-3,broken row with too few fields\n"
    return ("\ufeff" + text).encode("utf-8")


# A résumé that matches the backend posting best.
RESUME_TEXT = "\n".join([
    "Jane Doe",
    "Senior Backend Engineer",
    "jane.doe@example.com | +49 30 1234567 | Berlin, Germany",
    "",
    "Summary",
    "Backend engineer with seven years of experience building reliable APIs in Python and Go.",
    "",
    "Experience",
    "Senior Backend Engineer, Northwind Analytics",
    "Mar 2019 - Present",
    "- Cut p99 latency of the billing API from 900 ms to 120 ms",
    "- Built Python services on AWS with PostgreSQL and Docker",
    "Software Engineer, Contoso Payments",
    "Jan 2016 - Feb 2019",
    "- Built the fraud scoring service in Python and PostgreSQL",
    "",
    "Education",
    "TU Berlin, BSc Computer Science, 2012 - 2016",
    "",
    "Skills",
    "Python, FastAPI, PostgreSQL, Docker, AWS, Go",
]) + "\n"
