"""Jobs over real HTTP (api-v2.md section 4): import (JSON, JSON Lines, JobSpy CSV, multipart),
the demo catalogue, list with filters and X-Total-Count, stats, detail, match (POST and the GET
search form), the ATS score, bookmarks and applications, the order of checks, and that one
user never sees or changes another's bookmarks and applications.

The server of this module has an admin (ALIGNCV_ADMIN_EMAILS) and MAX_IMPORT_SIZE_MB=1. Each test
imports under a source of its own, so tests do not see each other's postings."""

from __future__ import annotations

import json
import random
import string
import uuid
from datetime import datetime, timezone
from typing import Any, Callable, Dict, Iterator, List, Optional

import pytest
import requests

from jobs_support import (
    ADMIN_REQUIRED,
    ALREADY_BOOKMARKED,
    APPLICATION_DELETED,
    APPLICATION_KEYS,
    APPLICATION_NOT_FOUND,
    APPLICATION_UPDATED,
    APPLIED,
    BACKEND_DESCRIPTION,
    BOOKMARK_KEYS,
    BOOKMARK_NOT_FOUND,
    BOOKMARK_REMOVED,
    BOOKMARKED,
    CLIENT_MATCH_KEYS,
    COMPONENT_KEYS,
    CSV_HEADER,
    EMPTY_IMPORT,
    EXPLANATION_KEYS,
    FIXTURES,
    IMPORT_KEYS,
    INGEST_KEYS,
    JOB_DETAIL_KEYS,
    JOB_KEYS,
    JOB_NOT_FOUND,
    JOB_TYPES,
    MATCH_KEYS,
    NO_RESUME,
    RESUME_NOT_FOUND,
    RESUME_TEXT,
    SCORE_KEYS,
    SECTION_CHECKS,
    UNSUPPORTED_FORMAT,
    job_records,
    json_payload,
    jobspy_csv,
    jsonl_payload,
    make_job_id,
    new_source,
)
from support import (
    NOT_AUTHENTICATED,
    PASSWORD,
    TIMESTAMP_RE,
    UUID4_RE,
    ApiClient,
    HttpUser,
    ServerProcess,
    issues,
    unique_email,
)

pytestmark = pytest.mark.http

ADMIN_EMAIL = unique_email("jobs-admin")
IMPORT = "/v2/jobs/import"
TOO_LARGE = {"detail": "Import exceeds maximum allowed size of 1MB", "code": "payload_too_large"}


# ---- the server, users, helpers -------------------------------------------------------------------

@pytest.fixture(scope="module")
def jobs_server(server_factory: Callable[..., ServerProcess]) -> ServerProcess:
    return server_factory(ALIGNCV_ADMIN_EMAILS=ADMIN_EMAIL, MAX_IMPORT_SIZE_MB="1")


@pytest.fixture
def api(jobs_server: ServerProcess) -> Iterator[ApiClient]:
    with ApiClient(jobs_server.url) as session:
        yield session
    assert jobs_server.alive(), f"the server died\n{jobs_server.logs()}"


def sign_up(client: ApiClient, email: Optional[str] = None) -> HttpUser:
    email = email or unique_email()
    response = client.signup(email=email)
    assert response.status_code == 201, response.text
    body = response.json()
    return HttpUser(name="Test User", email=email, password=PASSWORD, id=body["user"]["id"],
                    access=body["tokens"]["access_token"], refresh=body["tokens"]["refresh_token"])


@pytest.fixture(scope="module")
def admin(jobs_server: ServerProcess) -> HttpUser:
    with ApiClient(jobs_server.url) as session:
        user = sign_up(session, ADMIN_EMAIL)
        assert session.get("/v2/auth/me", headers=user.headers).json()["is_admin"] is True
        return user


@pytest.fixture
def user(api: ApiClient) -> HttpUser:
    return sign_up(api)


@pytest.fixture
def other(api: ApiClient) -> HttpUser:
    return sign_up(api)


def import_body(client: ApiClient, who: Optional[HttpUser], body: bytes,
                content_type: Optional[str] = None, params: Optional[Dict[str, str]] = None
                ) -> requests.Response:
    headers = dict(who.headers) if who else {}
    if content_type is not None:
        headers["Content-Type"] = content_type
    return client.post(IMPORT, data=body, headers=headers, params=params)


def imported(client: ApiClient, admin: HttpUser, body: bytes, content_type: str,
             params: Optional[Dict[str, str]] = None) -> Dict[str, Any]:
    response = import_body(client, admin, body, content_type, params)
    assert response.status_code == 200, response.text
    summary = response.json()
    assert set(summary) == IMPORT_KEYS
    assert summary["total"] == (summary["new_jobs"] + summary["updated_jobs"] +
                                len(summary["rejected"]))
    return summary


def multipart(file_name: str, data: bytes, field: str = "file") -> Dict[str, Any]:
    boundary = "aligncv-jobs-" + uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; "
            f"filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            ).encode() + data + f"\r\n--{boundary}--\r\n".encode()
    return {"data": body, "headers": {"Content-Type": f"multipart/form-data; boundary={boundary}"}}


def list_jobs(client: ApiClient, who: HttpUser, **params: Any) -> requests.Response:
    return client.get("/v2/jobs", headers=who.headers, params=params)


def listed(client: ApiClient, who: HttpUser, **params: Any) -> List[Dict[str, Any]]:
    response = list_jobs(client, who, **params)
    assert response.status_code == 200, response.text
    body = response.json()
    assert isinstance(body, list)
    assert int(response.headers["X-Total-Count"]) >= len(body)
    return body


def by_title(jobs: List[Dict[str, Any]]) -> Dict[str, Dict[str, Any]]:
    return {job["title"]: job for job in jobs}


def upload_resume(client: ApiClient, who: HttpUser, text: str = RESUME_TEXT) -> str:
    form = multipart("jane_doe_resume.txt", text.encode())
    response = client.post("/v2/documents/upload", data=form["data"],
                           headers={**form["headers"], **who.headers})
    assert response.status_code == 200, response.text
    return response.json()["document_id"]


def tag_word() -> str:
    """A word no posting contains, for the match query."""
    return "zq" + "".join(random.choice(string.ascii_lowercase) for _ in range(10))


def tagged_records(source: str, tag: str) -> List[Dict[str, Any]]:
    """job_records() whose descriptions carry `tag`, so a match query finds only them."""
    records = job_records(source)
    for record in records:
        record["description"] += f"\nTeam code {tag}."
    return records


@pytest.fixture
def catalogue(api: ApiClient, admin: HttpUser) -> Dict[str, Any]:
    """Three tagged postings under a fresh source: {"source", "tag", "ids": {title: job_id}}."""
    source, tag = new_source(), tag_word()
    summary = imported(api, admin, json.dumps(tagged_records(source, tag)).encode(),
                       "application/json")
    assert summary["new_jobs"] == 3, summary
    ids = {job["title"]: job["job_id"] for job in listed(api, admin, source=source)}
    assert len(ids) == 3
    return {"source": source, "tag": tag, "ids": ids}


def today_utc() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%d")


# ---- import -------------------------------------------------------------------------------------

def test_import_json_array_then_list(api, admin):
    source = new_source()
    summary = imported(api, admin, json_payload(source), "application/json")
    assert summary == {"total": 3, "new_jobs": 3, "updated_jobs": 0, "rejected": []}

    response = list_jobs(api, admin, source=source)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json; charset=utf-8"
    assert response.headers["X-Total-Count"] == "3"
    jobs = by_title(response.json())
    assert set(jobs) == {"Senior Backend Engineer", "Frontend Developer", "Registered Nurse"}
    for job in jobs.values():
        assert set(job) == JOB_KEYS
        assert job["id"] == job["job_id"]
        assert job["source"] == source
        assert TIMESTAMP_RE.match(job["created_at"]) and TIMESTAMP_RE.match(job["updated_at"])
        assert isinstance(job["tags"], list) and isinstance(job["required_skills"], list)

    backend = jobs["Senior Backend Engineer"]
    assert backend["job_id"] == make_job_id(source, "Northwind Analytics",
                                            "Senior Backend Engineer",
                                            f"https://jobs.example/{source}/1")
    assert (backend["salary_min"], backend["salary_max"], backend["salary_currency"]) == (
        75000, 95000, "EUR")
    assert (backend["employment_type"], backend["experience_level"]) == ("full-time", "senior")
    assert backend["remote"] is False and backend["posted_date"] == "2026-11-20"
    assert "Python" in backend["required_skills"], backend
    assert "Terraform" in backend["preferred_skills"], backend

    # JobSpy names, hourly pay annualised (x 2080), currency upper-cased, YYYY-MM -> first day.
    frontend = jobs["Frontend Developer"]
    assert frontend["url"] == f"https://jobs.example/{source}/2"
    assert (frontend["salary_min"], frontend["salary_max"], frontend["salary_currency"]) == (
        114400, 145600, "USD")
    assert frontend["remote"] is True and frontend["employment_type"] == "contract"
    assert frontend["posted_date"] == "2026-11-01"

    nurse = jobs["Registered Nurse"]
    assert nurse["employment_type"] == "part-time" and nurse["remote"] is False
    assert nurse["salary_min"] is None and nurse["salary_currency"] is None


def test_reimport_updates_instead_of_duplicating(api, admin):
    source = new_source()
    imported(api, admin, json_payload(source), "application/json")
    first = by_title(listed(api, admin, source=source))
    again = imported(api, admin, json_payload(source), "application/json")
    assert again == {"total": 3, "new_jobs": 0, "updated_jobs": 3, "rejected": []}
    second = by_title(listed(api, admin, source=source))
    assert len(second) == 3
    for title, job in second.items():
        assert job["created_at"] == first[title]["created_at"]
        assert job["updated_at"] >= first[title]["updated_at"]

    # A later duplicate within one payload counts as updated too.
    record = job_records(new_source())[0]
    summary = imported(api, admin, json.dumps([record, record]).encode(), "application/json")
    assert (summary["new_jobs"], summary["updated_jobs"]) == (1, 1)


def test_import_one_json_record(api, admin):
    source = new_source()
    summary = imported(api, admin, json.dumps(job_records(source)[2]).encode(),
                       "application/json")
    assert summary == {"total": 1, "new_jobs": 1, "updated_jobs": 0, "rejected": []}


@pytest.mark.parametrize("how", ["x-ndjson", "jsonl", "format"])
def test_import_json_lines_reports_bad_lines_and_goes_on(api, admin, how):
    source = new_source()
    content_type, params = {
        "x-ndjson": ("application/x-ndjson", None),
        "jsonl": ("application/jsonl", None),
        "format": ("text/plain", {"format": "jsonl"}),  # ?format= wins over the Content-Type
    }[how]
    summary = imported(api, admin, jsonl_payload(source), content_type, params)
    assert (summary["total"], summary["new_jobs"], summary["updated_jobs"]) == (5, 3, 0)
    rejected = summary["rejected"]
    assert [r["line"] for r in rejected] == [5, 6], rejected
    assert rejected[0]["detail"].startswith("Invalid JSON: "), rejected
    assert rejected[1]["detail"] == "Missing required field: company"
    assert int(list_jobs(api, admin, source=source).headers["X-Total-Count"]) == 3


def test_import_jobspy_csv_with_a_malformed_row(api, admin):
    source = new_source()
    summary = imported(api, admin, jobspy_csv(source), "text/csv; charset=utf-8")
    assert (summary["total"], summary["new_jobs"], summary["updated_jobs"]) == (3, 2, 0)
    assert summary["rejected"] == [{"line": 5, "detail": "Row has 3 fields, header has 21"}]

    jobs = by_title(listed(api, admin, source=source))
    data = jobs["Data Engineer"]
    assert data["url"] == f"https://jobs.example/{source}/csv1"
    assert (data["salary_min"], data["salary_max"], data["salary_currency"]) == (
        120000, 150000, "USD")
    assert (data["employment_type"], data["remote"], data["posted_date"]) == (
        "full-time", False, "2026-11-21")
    sre = jobs["Site Reliability Engineer"]
    assert (sre["salary_min"], sre["salary_max"], sre["salary_currency"]) == (96000, 108000, "EUR")
    assert sre["remote"] is True and sre["employment_type"] == "contract"
    detail = api.get(f"/v2/jobs/{sre['job_id']}", headers=admin.headers).json()
    assert "Prometheus" in detail["description"] and "\n" in detail["description"]


def test_import_multipart_file_takes_the_format_from_its_name(api, admin):
    source = new_source()
    # The part's Content-Type says nothing useful (application/octet-stream): the name decides.
    form = multipart("jobspy_export.csv", jobspy_csv(source))
    response = api.post(IMPORT, data=form["data"], headers={**form["headers"], **admin.headers})
    assert response.status_code == 200, response.text
    assert response.json()["new_jobs"] == 2


@pytest.mark.parametrize("file_name,payload", [("jobs.json", json_payload),
                                               ("jobs.jsonl", jsonl_payload),
                                               ("jobs.ndjson", jsonl_payload)])
def test_import_multipart_json_files(api, admin, file_name, payload):
    form = multipart(file_name, payload(new_source()))
    response = api.post(IMPORT, data=form["data"], headers={**form["headers"], **admin.headers})
    assert response.status_code == 200, response.text
    assert response.json()["new_jobs"] == 3


def test_import_multipart_errors(api, admin):
    form = multipart("jobs.txt", json_payload(new_source()))
    response = api.post(IMPORT, data=form["data"], headers={**form["headers"], **admin.headers})
    assert (response.status_code, response.json()) == (415, UNSUPPORTED_FORMAT)

    form = multipart("jobs.json", json_payload(new_source()), field="upload")
    response = api.post(IMPORT, data=form["data"], headers={**form["headers"], **admin.headers})
    assert issues(response)[0]["loc"] == ["body", "file"]

    broken = {"Content-Type": "multipart/form-data; boundary=xyz", **admin.headers}
    response = api.post(IMPORT, data=b"--xyz\r\nno end", headers=broken)
    assert (response.status_code, response.json()) == (
        400, {"detail": "There was an error parsing the body", "code": "bad_request"})


@pytest.mark.parametrize("content_type,params,body,expected", [
    ("application/xml", None, b"<jobs/>", (415, UNSUPPORTED_FORMAT)),
    (None, None, b'[{"title": "x", "company": "y"}]', (415, UNSUPPORTED_FORMAT)),
    ("application/json", {"format": "xml"}, b"[]", (415, UNSUPPORTED_FORMAT)),  # no fallback
    ("application/json", None, b"", (400, EMPTY_IMPORT)),
    ("text/csv", None, b"name,employer\nx,y\n", (400, CSV_HEADER)),
])
def test_import_payload_errors(api, admin, content_type, params, body, expected):
    response = import_body(api, admin, body, content_type, params)
    assert (response.status_code, response.json()) == expected


def test_import_of_an_unparsable_json_array_is_400(api, admin):
    response = import_body(api, admin, b'[{"title": "a", "company": "b"},\n{"title": ',
                           "application/json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "bad_request"
    assert body["detail"].startswith("Invalid JSON: ") and " at line " in body["detail"], body


def test_import_and_ingest_are_for_admins_only(api, user):
    # 403 comes before the content type (415) and the payload (400): section 1.4.
    for content_type, body in [("application/json", json_payload(new_source())),
                               ("application/xml", b"<jobs/>"), ("text/csv", b"")]:
        response = import_body(api, user, body, content_type)
        assert (response.status_code, response.json()) == (403, ADMIN_REQUIRED)
    response = api.post("/v2/jobs/ingest", headers=user.headers)
    assert (response.status_code, response.json()) == (403, ADMIN_REQUIRED)
    response = import_body(api, None, json_payload(new_source()), "application/json")
    assert (response.status_code, response.json()) == (401, NOT_AUTHENTICATED)


def test_import_over_the_limit_is_413_before_authentication(api, admin, user):
    big = b"[" + b" " * (1024 * 1024) + b"]"
    for who in (admin, user, None):
        response = import_body(api, who, big, "application/json")
        assert (response.status_code, response.json()) == (413, TOO_LARGE)


def test_import_just_under_the_limit_is_read_whole(api, admin):
    source = new_source()
    record = job_records(source)[2]
    records = [dict(record, url=f"https://jobs.example/{source}/{i}") for i in range(1500)]
    body = json.dumps(records).encode()
    body += b" " * (1024 * 1024 - len(body))  # exactly the limit
    summary = imported(api, admin, body, "application/json")
    assert summary == {"total": 1500, "new_jobs": 1500, "updated_jobs": 0, "rejected": []}
    assert list_jobs(api, admin, source=source).headers["X-Total-Count"] == "1500"


@pytest.mark.skipif(not FIXTURES.is_dir(), reason="no tests/fixtures/jobs")
@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.iterdir()) if FIXTURES.is_dir()
                         else [])
def test_import_fixture_files(api, admin, name):
    data = (FIXTURES / name).read_bytes()
    form = multipart(name, data)
    response = api.post(IMPORT, data=form["data"], headers={**form["headers"], **admin.headers})
    if name.rsplit(".", 1)[-1].lower() not in ("json", "jsonl", "ndjson", "csv"):
        assert (response.status_code, response.json()) == (415, UNSUPPORTED_FORMAT)
        return
    assert response.status_code == 200, response.text
    summary = response.json()
    assert summary["total"] == (summary["new_jobs"] + summary["updated_jobs"] +
                                len(summary["rejected"]))
    assert summary["total"] > 0
    for reject in summary["rejected"]:
        assert reject["line"] >= 1 and reject["detail"], reject


# ---- demo catalogue and stats -----------------------------------------------------------------

def test_ingest_demo_catalogue_and_stats(api, admin, user):
    response = api.post("/v2/jobs/ingest", headers=admin.headers)
    assert response.status_code == 200, response.text
    first = response.json()
    assert set(first) == INGEST_KEYS
    assert first["total_ingested"] > 0
    assert first["total_ingested"] == first["new_jobs"] + first["updated_jobs"]
    assert first["embeddings_created"] == first["total_ingested"]
    # Loaded on the first start of the empty database already: the second time all are updates.
    again = api.post("/v2/jobs/ingest", headers=admin.headers).json()
    assert (again["new_jobs"], again["updated_jobs"]) == (0, first["total_ingested"])

    stats = api.get("/v2/jobs/stats", headers=user.headers)
    assert stats.status_code == 200
    body = stats.json()
    assert set(body) == {"jobs", "sources", "index"}
    assert body["sources"]["demo"] == first["total_ingested"]
    assert body["jobs"] == sum(body["sources"].values())
    assert set(body["index"]) == {"size", "memory_bytes"}
    assert body["index"]["size"] == body["jobs"] and body["index"]["memory_bytes"] > 0
    demo = listed(api, user, source="demo", limit=5)
    assert len(demo) == 5 and all(job["source"] == "demo" for job in demo)


def test_stats_counts_an_import(api, admin, user):
    before = api.get("/v2/jobs/stats", headers=user.headers).json()
    source = new_source()
    imported(api, admin, json_payload(source), "application/json")
    after = api.get("/v2/jobs/stats", headers=user.headers).json()
    assert after["sources"][source] == 3
    assert after["jobs"] >= before["jobs"] + 3


# ---- list and detail ----------------------------------------------------------------------------

def test_list_filters_paging_and_total(api, admin, user):
    source = new_source()
    imported(api, admin, json_payload(source), "application/json")
    imported(api, admin, jobspy_csv(source), "text/csv")  # site == source too

    def titles(**params: Any) -> List[str]:
        response = list_jobs(api, user, source=source, **params)
        assert response.status_code == 200, response.text
        jobs = response.json()
        assert int(response.headers["X-Total-Count"]) >= len(jobs)
        return sorted(job["title"] for job in jobs)

    everything = titles(limit=100)
    assert len(everything) == 5
    response = list_jobs(api, user, source=source, limit=2)
    assert response.headers["X-Total-Count"] == "5" and len(response.json()) == 2
    page = [job["job_id"] for job in listed(api, user, source=source, limit=100)]
    assert [job["job_id"] for job in listed(api, user, source=source, skip=2, limit=2)] == page[2:4]
    assert list_jobs(api, user, source=source, skip=4).headers["X-Total-Count"] == "5"

    assert titles(q="python") == ["Data Engineer", "Senior Backend Engineer"]
    assert titles(q="PYTHON kubernetes") == ["Senior Backend Engineer"]  # every word must appear
    assert titles(q="nurse") == ["Registered Nurse"]
    assert titles(location="berlin") == ["Senior Backend Engineer"]
    assert titles(remote="true") == ["Frontend Developer", "Site Reliability Engineer"]
    assert titles(remote="no", q="engineer") == ["Data Engineer", "Senior Backend Engineer"]
    assert titles(employment_type="Contract") == ["Frontend Developer",
                                                  "Site Reliability Engineer"]
    assert titles(experience_level="senior") == ["Senior Backend Engineer"]
    assert titles(location="nowhere-at-all") == []
    response = list_jobs(api, user, source=source, location="nowhere-at-all")
    assert response.headers["X-Total-Count"] == "0" and response.json() == []


def test_list_order_and_both_slash_forms(api, admin, user):
    source = new_source()
    imported(api, admin, json_payload(source), "application/json")
    jobs = listed(api, user, source=source)
    keys = [(job["created_at"], job["job_id"]) for job in jobs]
    assert keys == sorted(keys, key=lambda k: (-datetime.fromisoformat(
        k[0].replace("Z", "+00:00")).timestamp(), k[1]))
    slash = api.get("/v2/jobs/", headers=user.headers, params={"source": source})
    assert slash.status_code == 200 and slash.json() == jobs
    assert slash.headers["X-Total-Count"] == "3"


@pytest.mark.parametrize("params,loc", [
    ({"limit": 0}, "limit"), ({"limit": 101}, "limit"), ({"limit": "x"}, "limit"),
    ({"skip": -1}, "skip"), ({"remote": "maybe"}, "remote"),
    ({"employment_type": "sometimes"}, "employment_type"),
    ({"experience_level": "guru"}, "experience_level"),
])
def test_list_rejects_bad_query_values(api, user, params, loc):
    found = issues(list_jobs(api, user, **params))
    assert ["query", loc] in [issue["loc"] for issue in found], found


def test_list_cuts_descriptions_and_detail_does_not(api, admin, user):
    source = new_source()
    record = dict(job_records(source)[2], description="Patient care. " * 60)
    imported(api, admin, json.dumps([record]).encode(), "application/json")
    [job] = listed(api, user, source=source)
    assert len(job["description"]) == 503 and job["description"].endswith("...")
    detail = api.get(f"/v2/jobs/{job['job_id']}", headers=user.headers)
    assert detail.status_code == 200
    body = detail.json()
    assert set(body) == JOB_DETAIL_KEYS
    assert body["description"] == record["description"]
    assert (body["is_bookmarked"], body["is_applied"]) == (False, False)


@pytest.mark.parametrize("job_id", ["0000000000000000", "not-a-job", "%2e%2e", "bbf45408ae59d62F"])
def test_unknown_or_malformed_job_id_is_404(api, user, job_id):
    response = api.get(f"/v2/jobs/{job_id}", headers=user.headers)
    assert (response.status_code, response.json()) == (404, JOB_NOT_FOUND)


def test_job_routes_need_a_token(api):
    for method, path in [("GET", "/v2/jobs"), ("GET", "/v2/jobs/stats"),
                         ("GET", "/v2/jobs/0000000000000000"), ("GET", "/v2/jobs/match"),
                         ("GET", "/v2/jobs/bookmarks"), ("GET", "/v2/jobs/applications"),
                         ("POST", "/v2/jobs/ingest")]:
        response = api.request(method, path)
        assert (response.status_code, response.json()) == (401, NOT_AUTHENTICATED), path


def test_literal_segments_beat_the_job_id(api, user):
    for path in ("/v2/jobs/stats", "/v2/jobs/bookmarks", "/v2/jobs/applications"):
        response = api.get(path, headers=user.headers)
        assert response.status_code == 200, (path, response.text)
    response = api.get("/v2/jobs/import", headers=user.headers)
    assert response.status_code == 405 and "POST" in response.headers["Allow"]


# ---- matching -----------------------------------------------------------------------------------

def check_match_item(item: Dict[str, Any]) -> None:
    assert MATCH_KEYS <= set(item), MATCH_KEYS - set(item)  # the job's other fields may follow
    assert CLIENT_MATCH_KEYS <= set(item)
    assert isinstance(item["description"], str)
    assert isinstance(item["required_skills"], list)
    assert isinstance(item["salary_range"], str) and item["salary_range"]
    assert item["job_type"] in JOB_TYPES
    assert item["fit_percentage"] == round(item["combined_score"])
    assert item["match_score"] == round(item["combined_score"] / 100, 2)
    assert 0 <= item["match_score"] <= 1 and 0 <= item["combined_score"] <= 100
    explanation = item["explanation"]
    assert set(explanation) == EXPLANATION_KEYS
    assert COMPONENT_KEYS <= set(explanation["components"])
    assert explanation["experience"]["fit"] in {"below", "meets", "above", "unknown"}
    assert item["gap_skills"] == (explanation["missing_required"] +
                                  explanation["missing_preferred"])


def test_match_post_ranks_and_explains(api, user, catalogue):
    doc_id = upload_resume(api, user)
    response = api.post("/v2/jobs/match", headers=user.headers,
                        json={"resume_id": doc_id, "query": catalogue["tag"], "top_k": 10})
    assert response.status_code == 200, response.text
    hits = response.json()
    assert {hit["job_id"] for hit in hits} == set(catalogue["ids"].values())
    for hit in hits:
        check_match_item(hit)
        assert hit["explanation"]["query_terms_matched"] == [catalogue["tag"]]
        assert hit["explanation"]["query_boost"] == 10
    scores = [(-hit["combined_score"], hit["job_id"]) for hit in hits]
    assert scores == sorted(scores)
    assert hits[0]["title"] == "Senior Backend Engineer"
    assert hits[-1]["title"] == "Registered Nurse"

    backend = hits[0]
    assert {"Python", "PostgreSQL", "AWS"} <= set(backend["matched_skills"]), backend
    assert "Kubernetes" in backend["gap_skills"]
    assert backend["salary_range"] == "EUR 75,000 - 95,000"
    assert backend["job_type"] == "Full-time"
    assert backend["explanation"]["summary"]
    for matched in backend["explanation"]["matched"]:
        line = RESUME_TEXT.splitlines()[matched["line"] - 1] if matched["line"] else ""
        assert matched["line"] == 0 or matched["text"] == line.strip(), matched
    frontend = next(hit for hit in hits if hit["title"] == "Frontend Developer")
    assert frontend["salary_range"] == "$114,400 - 145,600"
    nurse = hits[-1]
    assert (nurse["salary_range"], nurse["job_type"]) == ("Not specified", "Part-time")


def test_match_filters_and_top_k(api, user, catalogue):
    doc_id = upload_resume(api, user)
    tag = catalogue["tag"]

    def titles(**body: Any) -> List[str]:
        response = api.post("/v2/jobs/match", headers=user.headers,
                            json={"resume_id": doc_id, "query": tag, **body})
        assert response.status_code == 200, response.text
        return [hit["title"] for hit in response.json()]

    assert titles(top_k=1) == ["Senior Backend Engineer"]
    assert titles(remote=True) == ["Frontend Developer"]
    assert titles(location="BERLIN") == ["Senior Backend Engineer"]
    assert sorted(titles(min_salary=100000)) == ["Frontend Developer"]
    assert titles(employment_type="Part-time") == ["Registered Nurse"]
    assert titles(experience_level="senior") == ["Senior Backend Engineer"]
    everything = api.post("/v2/jobs/match", headers=user.headers,
                          json={"resume_id": doc_id, "query": tag}).json()
    threshold = sorted(hit["match_score"] for hit in everything)[1]
    kept = api.post("/v2/jobs/match", headers=user.headers,
                    json={"resume_id": doc_id, "query": tag, "min_score": threshold}).json()
    assert [hit["job_id"] for hit in kept] == [
        hit["job_id"] for hit in everything if hit["match_score"] >= threshold]


def test_match_errors(api, user, other):
    others_doc = upload_resume(api, other)
    for body in ({"resume_id": 9999}, {"resume_id": "9999"}, {"resume_id": others_doc},
                 {"resume_id": str(uuid.uuid4())}):
        response = api.post("/v2/jobs/match", headers=user.headers, json=body)
        assert (response.status_code, response.json()) == (404, RESUME_NOT_FOUND), body
    doc_id = upload_resume(api, user)
    for body, loc in [({}, "resume_id"), ({"resume_id": doc_id, "top_k": 0}, "top_k"),
                      ({"resume_id": doc_id, "top_k": 51}, "top_k"),
                      ({"resume_id": doc_id, "min_score": 1.5}, "min_score"),
                      ({"resume_id": doc_id, "min_salary": -1}, "min_salary"),
                      ({"resume_id": doc_id, "query": "x" * 201}, "query")]:
        found = issues(api.post("/v2/jobs/match", headers=user.headers, json=body))
        assert ["body", loc] in [issue["loc"] for issue in found], (body, found)


def test_get_match_search_form_contract(api, user, catalogue):
    upload_resume(api, user)
    response = api.get("/v2/jobs/match", headers=user.headers,
                       params={"query": catalogue["tag"], "min_score": "0"})
    assert response.status_code == 200, response.text
    hits = response.json()
    assert isinstance(hits, list) and len(hits) == 3
    for hit in hits:
        check_match_item(hit)
        assert hit["posted_date"] is None or len(hit["posted_date"]) == 10
    assert hits[0]["title"] == "Senior Backend Engineer"
    limited = api.get("/v2/jobs/match/", headers=user.headers,
                      params={"query": catalogue["tag"], "top_k": "1"}).json()
    assert [hit["job_id"] for hit in limited] == [hits[0]["job_id"]]


def test_get_match_without_a_resume(api, user, catalogue):
    # A query alone is matched on its own: the résumé-based components are unknown.
    response = api.get("/v2/jobs/match", headers=user.headers,
                       params={"query": catalogue["tag"]})
    assert response.status_code == 200, response.text
    hits = response.json()
    assert {hit["job_id"] for hit in hits} == set(catalogue["ids"].values())
    for hit in hits:
        check_match_item(hit)
        assert hit["explanation"]["components"]["skills"] is None
    response = api.get("/v2/jobs/match", headers=user.headers)
    assert (response.status_code, response.json()) == (404, NO_RESUME)
    response = api.get("/v2/jobs/match", headers=user.headers,
                       params={"resume_id": str(uuid.uuid4()), "query": catalogue["tag"]})
    assert (response.status_code, response.json()) == (404, RESUME_NOT_FOUND)


@pytest.mark.parametrize("params,loc", [({"min_score": "2"}, "min_score"),
                                        ({"top_k": "0"}, "top_k"), ({"top_k": "x"}, "top_k")])
def test_get_match_rejects_bad_query_values(api, user, params, loc):
    found = issues(api.get("/v2/jobs/match", headers=user.headers,
                           params={"query": "python", **params}))
    assert ["query", loc] in [issue["loc"] for issue in found], found


# ---- ATS score ---------------------------------------------------------------------------------

def test_score_texts_and_ids(api, user, catalogue):
    response = api.post("/v2/jobs/score", headers=user.headers,
                        json={"resume_text": RESUME_TEXT, "job_description": BACKEND_DESCRIPTION})
    assert response.status_code == 200, response.text
    report = response.json()
    assert set(report) == SCORE_KEYS
    assert isinstance(report["score"], int) and 0 <= report["score"] <= 100
    assert (report["resume_id"], report["job_id"]) == (None, None)
    assert "Python" in report["matched_skills"] and "Kubernetes" in report["missing_skills"]
    assert 0 <= report["keyword_coverage"] <= 100
    for check in report["section_checks"]:
        assert check["check"] in SECTION_CHECKS and check["status"] in {"pass", "warn", "fail"}
    assert isinstance(report["suggestions"], list)

    doc_id = upload_resume(api, user)
    job_id = catalogue["ids"]["Senior Backend Engineer"]
    by_ids = api.post("/v2/jobs/score", headers=user.headers,
                      json={"resume_id": doc_id, "job_id": job_id}).json()
    assert (by_ids["resume_id"], by_ids["job_id"]) == (doc_id, job_id)
    assert set(by_ids) == SCORE_KEYS


def test_score_errors(api, user, other):
    doc_id = upload_resume(api, other)
    text, job = RESUME_TEXT, BACKEND_DESCRIPTION
    for body, expected in [({"resume_id": doc_id, "job_description": job}, RESUME_NOT_FOUND),
                           ({"resume_text": text, "job_id": "0000000000000000"}, JOB_NOT_FOUND)]:
        response = api.post("/v2/jobs/score", headers=user.headers, json=body)
        assert (response.status_code, response.json()) == (404, expected), body
    pairs = [({"resume_text": text}, "job_description or job_id"),
             ({"resume_text": text, "resume_id": "x", "job_description": job},
              "resume_id or resume_text"),
             ({"job_description": job}, "resume_id or resume_text")]
    for body, which in pairs:
        found = issues(api.post("/v2/jobs/score", headers=user.headers, json=body))
        assert f"Value error, provide exactly one of {which}" in [i["msg"] for i in found], found
    found = issues(api.post("/v2/jobs/score", headers=user.headers,
                            json={"resume_text": "too short", "job_description": job}))
    assert found[0]["type"] == "string_too_short" and found[0]["loc"] == ["body", "resume_text"]


# ---- bookmarks and applications: the journey ------------------------------------------------------

def test_journey_import_match_bookmark_apply_status(api, admin, user, catalogue):
    doc_id = upload_resume(api, user)
    hits = api.post("/v2/jobs/match", headers=user.headers,
                    json={"resume_id": doc_id, "query": catalogue["tag"]}).json()
    job_id = hits[0]["job_id"]
    assert (hits[0]["is_bookmarked"], hits[0]["is_applied"]) == (False, False)

    # Bookmark (the frontend posts to /jobs/bookmarks and accepts 200 or 201).
    response = api.post("/v2/jobs/bookmarks", headers=user.headers,
                        json={"job_id": job_id, "notes": "Ask about on-call"})
    assert response.status_code == 200, response.text
    created = response.json()
    assert created["message"] == BOOKMARKED and UUID4_RE.match(created["bookmark_id"])
    again = api.post("/v2/jobs/bookmark", headers=user.headers, json={"job_id": job_id})
    assert (again.status_code, again.json()) == (400, ALREADY_BOOKMARKED)

    [bookmark] = api.get("/v2/jobs/bookmarks", headers=user.headers).json()
    assert set(bookmark) == BOOKMARK_KEYS
    assert (bookmark["id"], bookmark["job_id"], bookmark["notes"]) == (
        created["bookmark_id"], job_id, "Ask about on-call")
    assert bookmark["job"]["id"] == job_id and set(bookmark["job"]) >= JOB_KEYS
    assert (bookmark["title"], bookmark["company"]) == ("Senior Backend Engineer",
                                                        "Northwind Analytics")
    assert bookmark["location"] == "Berlin, Germany" and bookmark["url"].endswith("/1")

    # Apply (the frontend posts {"job_id", "status": "applied"} to /jobs/applications).
    response = api.post("/v2/jobs/applications", headers=user.headers,
                        json={"job_id": job_id, "status": "applied"})
    assert response.status_code == 200, response.text
    recorded = response.json()
    assert recorded["message"] == APPLIED and UUID4_RE.match(recorded["application_id"])
    response = api.post("/v2/jobs/apply", headers=user.headers,
                        json={"job_id": job_id, "notes": "Referred by Sam"})
    assert response.json() == {"message": APPLICATION_UPDATED,
                               "application_id": recorded["application_id"]}

    detail = api.get(f"/v2/jobs/{job_id}", headers=user.headers).json()
    assert (detail["is_bookmarked"], detail["is_applied"]) == (True, True)
    hits = api.post("/v2/jobs/match", headers=user.headers,
                    json={"resume_id": doc_id, "query": catalogue["tag"]}).json()
    flags = {hit["job_id"]: (hit["is_bookmarked"], hit["is_applied"]) for hit in hits}
    assert flags[job_id] == (True, True)
    assert list(flags.values()).count((False, False)) == 2

    # Status change with history.
    response = api.put(f"/v2/jobs/applications/{recorded['application_id']}",
                       headers=user.headers, json={"status": "Interviewing"})
    assert response.status_code == 200, response.text
    application = response.json()
    assert set(application) == APPLICATION_KEYS
    assert application["status"] == "interviewing"
    assert application["notes"] == "Referred by Sam"  # kept when omitted
    assert [h["status"] for h in application["history"]] == ["applied", "interviewing"]
    assert all(TIMESTAMP_RE.match(h["at"]) for h in application["history"])
    assert application["applied_date"] == today_utc()
    assert application["job"]["title"] == "Senior Backend Engineer"

    [listed_app] = api.get("/v2/jobs/applications", headers=user.headers).json()
    assert listed_app == application

    # Remove the bookmark by its id (what the frontend sends), then the application.
    response = api.delete(f"/v2/jobs/bookmarks/{created['bookmark_id']}", headers=user.headers)
    assert (response.status_code, response.json()) == (200, {"message": BOOKMARK_REMOVED})
    response = api.delete(f"/v2/jobs/bookmarks/{created['bookmark_id']}", headers=user.headers)
    assert (response.status_code, response.json()) == (404, BOOKMARK_NOT_FOUND)
    response = api.delete(f"/v2/jobs/applications/{recorded['application_id']}",
                          headers=user.headers)
    assert (response.status_code, response.json()) == (200, {"message": APPLICATION_DELETED})
    assert api.get("/v2/jobs/applications", headers=user.headers).json() == []
    detail = api.get(f"/v2/jobs/{job_id}", headers=user.headers).json()
    assert (detail["is_bookmarked"], detail["is_applied"]) == (False, False)


def test_bookmarks_by_job_id_and_order(api, user, catalogue):
    ids = list(catalogue["ids"].values())
    for job_id in ids:
        response = api.post("/v2/jobs/bookmark", headers=user.headers, json={"job_id": job_id})
        assert response.status_code == 200, response.text
    listed_ids = [b["job_id"] for b in api.get("/v2/jobs/bookmarks/", headers=user.headers).json()]
    assert sorted(listed_ids) == sorted(ids)
    created = [b["created_at"] for b in api.get("/v2/jobs/bookmarks", headers=user.headers).json()]
    assert created == sorted(created, reverse=True)  # newest first
    response = api.delete(f"/v2/jobs/bookmark/{ids[0]}", headers=user.headers)
    assert (response.status_code, response.json()) == (200, {"message": BOOKMARK_REMOVED})
    response = api.delete(f"/v2/jobs/bookmarks/{ids[1]}", headers=user.headers)  # a job_id
    assert response.status_code == 200
    response = api.delete(f"/v2/jobs/bookmark/{ids[0]}", headers=user.headers)
    assert (response.status_code, response.json()) == (404, BOOKMARK_NOT_FOUND)
    assert [b["job_id"] for b in api.get("/v2/jobs/bookmarks",
                                         headers=user.headers).json()] == [ids[2]]


def test_bookmark_and_apply_errors(api, user, catalogue):
    job_id = catalogue["ids"]["Registered Nurse"]
    for path in ("/v2/jobs/bookmark", "/v2/jobs/apply"):
        response = api.post(path, headers=user.headers, json={"job_id": "0000000000000000"})
        assert (response.status_code, response.json()) == (404, JOB_NOT_FOUND), path
        found = issues(api.post(path, headers=user.headers, json={}))
        assert found[0]["type"] == "missing" and found[0]["loc"] == ["body", "job_id"]
        found = issues(api.post(path, headers=user.headers,
                                json={"job_id": job_id, "notes": "x" * 2001}))
        assert found[0]["loc"] == ["body", "notes"]
    found = issues(api.post("/v2/jobs/apply", headers=user.headers,
                            json={"job_id": job_id, "status": "ghosted"}))
    assert found[0]["type"] == "literal_error" and found[0]["loc"] == ["body", "status"]
    for method in ("put", "patch", "delete"):
        body = None if method == "delete" else {"status": "applied"}
        response = api.request(method, f"/v2/jobs/applications/{uuid.uuid4()}",
                               headers=user.headers, json=body)
        assert (response.status_code, response.json()) == (404, APPLICATION_NOT_FOUND), method


def test_application_updates_by_job_id(api, user, catalogue):
    job_id = catalogue["ids"]["Frontend Developer"]
    response = api.post("/v2/jobs/apply", headers=user.headers,
                        json={"job_id": job_id, "status": "saved", "notes": "later"})
    assert response.json()["message"] == APPLIED
    [saved] = api.get("/v2/jobs/applications", headers=user.headers).json()
    assert saved["status"] == "saved" and saved["applied_date"] is None

    found = issues(api.put(f"/v2/jobs/applications/{job_id}", headers=user.headers,
                           json={"notes": "x"}))
    assert found[0]["loc"] == ["body", "status"]  # PUT requires status
    issues(api.patch(f"/v2/jobs/applications/{job_id}", headers=user.headers, json={}))
    found = issues(api.patch(f"/v2/jobs/applications/{job_id}", headers=user.headers,
                             json={"status": "offer"}))
    assert found[0]["type"] == "literal_error"

    response = api.patch(f"/v2/jobs/applications/{job_id}", headers=user.headers,
                         json={"notes": None})
    assert response.status_code == 200, response.text
    assert response.json()["notes"] is None and response.json()["status"] == "saved"
    response = api.patch(f"/v2/jobs/applications/{job_id}/", headers=user.headers,
                         json={"status": "offered"})
    body = response.json()
    assert body["status"] == "offered" and body["applied_date"] == today_utc()
    assert [h["status"] for h in body["history"]] == ["saved", "offered"]
    response = api.delete(f"/v2/jobs/applications/{job_id}", headers=user.headers)
    assert (response.status_code, response.json()) == (200, {"message": APPLICATION_DELETED})


def test_another_user_cannot_see_or_change_mine(api, user, other, catalogue):
    job_id = catalogue["ids"]["Senior Backend Engineer"]
    bookmark_id = api.post("/v2/jobs/bookmark", headers=user.headers,
                           json={"job_id": job_id}).json()["bookmark_id"]
    application_id = api.post("/v2/jobs/apply", headers=user.headers,
                              json={"job_id": job_id}).json()["application_id"]

    assert api.get("/v2/jobs/bookmarks", headers=other.headers).json() == []
    assert api.get("/v2/jobs/applications", headers=other.headers).json() == []
    detail = api.get(f"/v2/jobs/{job_id}", headers=other.headers).json()
    assert (detail["is_bookmarked"], detail["is_applied"]) == (False, False)
    for path in (f"/v2/jobs/bookmarks/{bookmark_id}", f"/v2/jobs/bookmark/{job_id}",
                 f"/v2/jobs/bookmarks/{job_id}"):
        response = api.delete(path, headers=other.headers)
        assert (response.status_code, response.json()) == (404, BOOKMARK_NOT_FOUND), path
    for app_id in (application_id, job_id):
        for method, body in (("put", {"status": "rejected"}), ("patch", {"notes": "mine"}),
                             ("delete", None)):
            response = api.request(method, f"/v2/jobs/applications/{app_id}",
                                   headers=other.headers, json=body)
            assert (response.status_code, response.json()) == (404, APPLICATION_NOT_FOUND)

    # The other user has their own bookmark of the same job: no conflict with mine.
    assert api.post("/v2/jobs/bookmark", headers=other.headers,
                    json={"job_id": job_id}).status_code == 200
    [mine] = api.get("/v2/jobs/bookmarks", headers=user.headers).json()
    assert mine["id"] == bookmark_id
    [app] = api.get("/v2/jobs/applications", headers=user.headers).json()
    assert (app["id"], app["status"], app["notes"]) == (application_id, "applied", None)


# ---- OpenAPI ------------------------------------------------------------------------------------

def test_openapi_describes_the_job_routes(api):
    document = api.get("/v2/openapi.json").json()
    paths = document["paths"]
    for path, method in [("/v2/jobs/", "get"), ("/v2/jobs", "get"), ("/v2/jobs/stats", "get"),
                         ("/v2/jobs/{job_id}", "get"), ("/v2/jobs/import", "post"),
                         ("/v2/jobs/ingest", "post"), ("/v2/jobs/match", "post"),
                         ("/v2/jobs/match", "get"), ("/v2/jobs/score", "post"),
                         ("/v2/jobs/bookmark", "post"), ("/v2/jobs/bookmarks", "post"),
                         ("/v2/jobs/bookmarks", "get"), ("/v2/jobs/bookmark/{job_id}", "delete"),
                         ("/v2/jobs/bookmarks/{id}", "delete"), ("/v2/jobs/apply", "post"),
                         ("/v2/jobs/applications", "post"), ("/v2/jobs/applications", "get"),
                         ("/v2/jobs/applications/{id}", "put"),
                         ("/v2/jobs/applications/{id}", "patch"),
                         ("/v2/jobs/applications/{id}", "delete")]:
        assert method in paths.get(path, {}), (method, path)
    imports = paths["/v2/jobs/import"]["post"]
    assert imports["x-aligncv-auth"] == "admin"
    assert set(imports["requestBody"]["content"]) == {
        "application/json", "application/x-ndjson", "application/jsonl", "text/csv",
        "multipart/form-data"}
    assert imports["responses"]["413"]["description"] == TOO_LARGE["detail"]
    assert {"400", "401", "403", "413", "415"} <= set(imports["responses"])
    listing = paths["/v2/jobs/"]["get"]["responses"]["200"]
    assert "X-Total-Count" in listing["headers"]
    schemas = document["components"]["schemas"]
    for name in ("Job", "MatchResult", "ImportSummary", "ScoreReport", "Bookmark", "Application"):
        assert name in schemas, name
