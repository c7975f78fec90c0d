"""The existing AlignCV Streamlit frontend's HTTP calls, replayed against a real `aligncv serve`.

The frontend and its end-to-end suites (a separate project) depend on the routes that api-v2.md
marks "(client contract)". This file makes each of those calls once, in the order the frontend
makes them, with the bodies it sends, and checks the status codes, keys and types it reads.
CONTRACT_CALLS lists what is replayed; the replay must make exactly those calls, and when
../shared/docs/api-v2.md is present every route heading of a section marked "(client contract"
must be in the list. docs/streamlit-frontend.md explains how to point the frontend at a server.

Many of these routes have detailed tests in test_http_*.py; this is the single, self-contained
replay of the frontend's side. The server runs with the default settings, as the doc starts it.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Dict, Iterator, List, Optional, Set, Tuple

import pytest
import requests

from documents_support import CLIENT_UPLOAD_KEYS, TOO_SHORT, resume_pdf_one_column
from jobs_support import BACKEND_DESCRIPTION, CLIENT_MATCH_KEYS
from support import (
    AUTH_USER_KEYS,
    DEFAULT_PREFERENCES,
    PASSWORD,
    REPO,
    TOKEN_KEYS,
    USER_KEYS,
    ApiClient,
    ServerProcess,
    parse_timestamp,
    unique_email,
)

pytestmark = pytest.mark.http

API_V2 = REPO.parent / "shared" / "docs" / "api-v2.md"

# (method, path as api-v2.md heads it, what the frontend relies on), in the replay's order.
CONTRACT_CALLS: List[Tuple[str, str, str]] = [
    ("GET", "/v2/health", "status == 'healthy'"),
    ("GET", "/v2/", "message and version (also /v2)"),
    ("POST", "/v2/auth/signup", "exactly 201 with user and tokens; a 422 shown raw; "
                                "a duplicate e-mail is 400 'Email already registered'"),
    ("POST", "/v2/auth/login", "200 'Login successful'; a wrong password is 401"),
    ("GET", "/v2/auth/me", "the User object; no credentials is 401, not 403"),
    ("PUT", "/v2/auth/profile", "all six keys, '' for empty ones; 200 with the whole user"),
    ("PATCH", "/v2/auth/profile", "same as PUT"),
    ("GET", "/v2/auth/preferences", "200 with the preferences"),
    ("PUT", "/v2/auth/preferences", "preferred_locations as a comma-separated string; 200"),
    ("PATCH", "/v2/auth/preferences", "same as PUT"),
    ("POST", "/v2/documents/upload", "multipart part 'file'; the 12-byte .txt is 400; "
                                     "200 with document_id, parsed_text, skills, ..."),
    ("GET", "/v2/documents/", "documents[] with id, file_name, file_type, file_size, "
                              "created_at; total"),
    ("GET", "/v2/documents/{doc_id}", "extracted_text; 99999 is 404 'Document not found'"),
    ("GET", "/v2/jobs/", "a JSON array"),
    ("POST", "/v2/jobs/match", "array; match_score 0..1 (shown x100); resume_id 9999 is 404 "
                               "with 'not found'"),
    ("GET", "/v2/jobs/match", "?query=&min_score= answers an array of display fields"),
    ("POST", "/v2/jobs/bookmarks", "the frontend's spelling; 200 or 201"),
    ("POST", "/v2/jobs/bookmark", "identical"),
    ("GET", "/v2/jobs/bookmarks", "items with id and a nested job (id, title, company, "
                                  "location, url)"),
    ("DELETE", "/v2/jobs/bookmarks/{id}", "by the bookmark id, as the frontend sends it; 200"),
    ("DELETE", "/v2/jobs/bookmark/{job_id}", "by the job id; 200"),
    ("POST", "/v2/jobs/applications", "{job_id, status: 'applied'}; 200"),
    ("POST", "/v2/jobs/apply", "identical; a second post updates"),
    ("GET", "/v2/jobs/applications", "id, status, applied_date, nested job title/company"),
    ("PUT", "/v2/jobs/applications/{id}", "{status}; 200 with the application"),
    ("PATCH", "/v2/jobs/applications/{id}", "partial update; 200"),
    ("POST", "/v2/rewrite/", "rewrite_style Technical, Management, Creative or Sales; "
                             "rewritten_text, improvements, impact_score"),
    ("POST", "/v2/rewrite/tailor-to-job", "tailored_resume, original_resume, match_score int, "
                                          "missing_skills, ..., api_status, warning"),
    ("GET", "/v2/notifications/settings", "email_enabled, digest_frequency, alias fields"),
    ("PUT", "/v2/notifications/settings", "alias fields accepted; weekly/0.75 echoed; "
                                          "'invalid_frequency' is 422"),
    ("PATCH", "/v2/notifications/settings", "same as PUT"),
    ("POST", "/v2/auth/refresh", "a flat token object"),
    ("PUT", "/v2/auth/change-password", "200"),
    ("GET", "/v2/notifications", "type and status filters; notifications[], total, unread"),
    ("PUT", "/v2/notifications/{id}/read", "200"),
    ("PUT", "/v2/notifications/mark-all-read", "200 with updated"),
    ("POST", "/v2/notifications/mark-all-read", "same as PUT"),
    ("DELETE", "/v2/notifications/{id}", "200"),
    ("GET", "/v2/auth/export-data", "200 with a JSON body"),
    ("DELETE", "/v2/documents/{doc_id}", "200, never 204"),
    ("DELETE", "/v2/auth/account", "200; the token is then 401"),
]

DISPLAYED_STATUSES = {"applied", "interviewing", "offered", "rejected"}


# ---- the replay ---------------------------------------------------------------------------

class Replay:
    """Makes the frontend's calls as the signed-in user (``token``) and records which
    contract routes were called."""

    def __init__(self, client: ApiClient) -> None:
        self.client = client
        self.token: Optional[str] = None
        self.made: Set[Tuple[str, str]] = set()
        self.response: Optional[requests.Response] = None

    def call(self, method: str, route: str, status: int, *, auth: bool = True,
             **kwargs: Any) -> Any:
        """``route`` with ``{name}`` parts filled from ``path={...}``; returns the JSON body
        after checking the status and the JSON content type."""
        path = route.format(**kwargs.pop("path", {}))
        headers = dict(kwargs.pop("headers", {}))
        if auth and self.token:
            headers.update(ApiClient.bearer(self.token))
        response = self.client.request(method, path, headers=headers, **kwargs)
        assert response.status_code == status, (
            f"{method} {path}: expected {status}, got {response.status_code} {response.text}")
        assert response.headers["Content-Type"].startswith("application/json"), response.headers
        self.made.add((method, route))
        self.response = response
        return response.json()


def error(body: Dict[str, Any], detail: str, code: str) -> None:
    assert body == {"detail": detail, "code": code}, body


def is_optional_str(value: Any) -> bool:
    return value is None or isinstance(value, str)


@pytest.fixture(scope="module")
def default_server(server_factory: Callable[..., ServerProcess]) -> ServerProcess:
    """`aligncv serve` with the default settings (only the test harness's own: fast Argon2,
    a known JWT key, a fresh data folder)."""
    return server_factory()


@pytest.fixture
def replay(default_server: ServerProcess) -> Iterator[Replay]:
    with ApiClient(default_server.url) as client:
        yield Replay(client)
    assert default_server.alive(), f"the server died\n{default_server.logs()}"


def test_the_frontends_calls_in_order(replay: Replay) -> None:
    r = replay

    # -- start: is the backend there? ---------------------------------------------------------
    assert r.call("GET", "/v2/health", 200, auth=False)["status"] == "healthy"
    info = r.call("GET", "/v2/", 200, auth=False)
    assert info["message"] == "AlignCV V2 API" and isinstance(info["version"], str)
    assert r.client.get("/v2").json() == info  # the other slash form, same answer

    # -- sign-up and sign-in ----------------------------------------------------------------
    email = unique_email("frontend")
    invalid = r.call("POST", "/v2/auth/signup", 422, auth=False,
                     json={"name": "Jane Q. Example", "email": email, "password": "short"})
    assert invalid["code"] == "validation_error"
    [issue] = invalid["detail"]  # the pydantic list the frontend shows as it is
    assert issue["loc"] == ["body", "password"] and issue["type"] == "string_too_short"
    assert issue["msg"] == "String should have at least 8 characters"

    auth = r.call("POST", "/v2/auth/signup", 201, auth=False,
                  json={"name": "Jane Q. Example", "email": email, "password": PASSWORD})
    assert auth["message"] == "User registered successfully"
    assert set(auth["user"]) == AUTH_USER_KEYS and set(auth["tokens"]) == TOKEN_KEYS
    assert auth["user"]["email"] == email and auth["user"]["google_id"] is None
    parse_timestamp(auth["user"]["created_at"])
    error(r.call("POST", "/v2/auth/signup", 400, auth=False,
                 json={"name": "Jane", "email": email.upper(), "password": PASSWORD}),
          "Email already registered", "conflict")

    error(r.call("POST", "/v2/auth/login", 401, auth=False,
                 json={"email": email, "password": "not the password"}),
          "Invalid email or password", "invalid_credentials")
    login = r.call("POST", "/v2/auth/login", 200, auth=False,
                   json={"email": email, "password": PASSWORD})
    assert login["message"] == "Login successful"
    assert set(login["user"]) == AUTH_USER_KEYS and set(login["tokens"]) == TOKEN_KEYS
    assert login["tokens"]["token_type"] == "bearer"
    assert isinstance(login["tokens"]["expires_in"], int)
    r.token = login["tokens"]["access_token"]
    refresh_token = login["tokens"]["refresh_token"]

    # -- the account pages -------------------------------------------------------------------
    error(r.call("GET", "/v2/auth/me", 401, auth=False), "Not authenticated",
          "not_authenticated")
    me = r.call("GET", "/v2/auth/me", 200)
    assert set(me) == USER_KEYS and me["email"] == email and me["has_password"] is True

    profile = {"name": "Jane Q. Example", "phone": "", "location": "Berlin, Germany",
               "linkedin_url": "", "github_url": "https://github.com/jane-example", "bio": ""}
    user = r.call("PUT", "/v2/auth/profile", 200, json=profile)
    assert set(user) == USER_KEYS  # the frontend stores the whole body as its user
    assert user["name"] == "Jane Q. Example" and user["email"] == email
    assert user["location"] == "Berlin, Germany" and user["phone"] is None
    user = r.call("PATCH", "/v2/auth/profile", 200, json={"bio": "Backend engineer."})
    assert user["bio"] == "Backend engineer." and user["location"] == "Berlin, Germany"

    assert r.call("GET", "/v2/auth/preferences", 200) == DEFAULT_PREFERENCES
    preferences = r.call("PUT", "/v2/auth/preferences", 200,
                         json={"job_types": ["Full-time", "Contract"], "min_salary": 60000,
                               "preferred_locations": "Berlin, Remote", "remote_only": False,
                               "items_per_page": 20, "show_company_logos": True})
    assert preferences["preferred_locations"] == ["Berlin", "Remote"]
    assert preferences["job_types"] == ["Full-time", "Contract"]
    preferences = r.call("PATCH", "/v2/auth/preferences", 200, json={"remote_only": True})
    assert preferences["remote_only"] is True and preferences["min_salary"] == 60000

    # -- résumé upload and the documents page ------------------------------------------------
    error(r.call("POST", "/v2/documents/upload", 400,
                 files={"file": ("test.txt", b"Hello World!", "text/plain")}),
          TOO_SHORT, "bad_request")
    uploaded = r.call("POST", "/v2/documents/upload", 200,
                      files={"file": ("jane_resume.pdf", resume_pdf_one_column(),
                                      "application/pdf")})
    assert CLIENT_UPLOAD_KEYS <= set(uploaded)
    assert uploaded["file_name"] == "jane_resume.pdf" and isinstance(uploaded["file_size"], int)
    assert isinstance(uploaded["parsed_text"], str) and uploaded["parsed_text"]
    assert isinstance(uploaded["skills"], list) and "Python" in uploaded["skills"]
    assert isinstance(uploaded["roles"], list)
    doc_id = uploaded["document_id"]

    listing = r.call("GET", "/v2/documents/", 200)
    assert listing["total"] == 1
    [summary] = listing["documents"]
    assert summary["id"] == doc_id and summary["file_name"] == "jane_resume.pdf"
    assert summary["file_type"] == "pdf" and isinstance(summary["file_size"], int)
    parse_timestamp(summary["created_at"])

    detail = r.call("GET", "/v2/documents/{doc_id}", 200, path={"doc_id": doc_id})
    assert detail["id"] == doc_id and "Jane Q. Example" in detail["extracted_text"]
    error(r.call("GET", "/v2/documents/{doc_id}", 404, path={"doc_id": "99999"}),
          "Document not found", "not_found")

    # -- jobs: the list, matches, the search form --------------------------------------------
    jobs = r.call("GET", "/v2/jobs/", 200)
    assert isinstance(jobs, list) and jobs and all(isinstance(j["title"], str) for j in jobs)
    assert int(r.response.headers["X-Total-Count"]) >= len(jobs)

    matches = r.call("POST", "/v2/jobs/match", 200, json={"resume_id": doc_id, "top_k": 5})
    assert isinstance(matches, list) and 0 < len(matches) <= 5
    for match in matches:
        assert 0 <= match["match_score"] <= 1 and round(match["match_score"], 2) == \
            match["match_score"]
        assert match["fit_percentage"] == round(match["match_score"] * 100)
    missing = r.call("POST", "/v2/jobs/match", 404, json={"resume_id": 9999})
    assert "not found" in missing["detail"].lower() and missing["code"] == "not_found"

    found = r.call("GET", "/v2/jobs/match", 200, params={"query": "engineer", "min_score": 0.3})
    assert isinstance(found, list) and found
    for item in found:
        assert CLIENT_MATCH_KEYS <= set(item)
        assert isinstance(item["title"], str) and isinstance(item["company"], str)
        assert is_optional_str(item["location"]) and is_optional_str(item["url"])
        assert is_optional_str(item["posted_date"]) and isinstance(item["job_id"], str)
        assert isinstance(item["salary_range"], str) and isinstance(item["job_type"], str)
        assert isinstance(item["description"], str)
        assert isinstance(item["required_skills"], list)
        assert 0.3 <= item["match_score"] <= 1
    first, second, third = (m["job_id"] for m in matches[:3])

    # -- bookmarks: both spellings, removed by bookmark id and by job id ---------------------
    added = r.call("POST", "/v2/jobs/bookmarks", 200, json={"job_id": first})
    assert added["message"] == "Job bookmarked successfully"
    r.call("POST", "/v2/jobs/bookmark", 200, json={"job_id": second, "notes": "Ask about on-call"})
    bookmarks = r.call("GET", "/v2/jobs/bookmarks", 200)
    assert [b["job"]["id"] for b in bookmarks] == [second, first]  # newest first
    for bookmark in bookmarks:
        assert isinstance(bookmark["id"], str)
        job = bookmark["job"]
        assert {"id", "title", "company", "location", "url"} <= set(job)
        assert isinstance(job["title"], str) and isinstance(job["company"], str)
    assert bookmarks[1]["id"] == added["bookmark_id"]
    removed = r.call("DELETE", "/v2/jobs/bookmarks/{id}", 200, path={"id": added["bookmark_id"]})
    assert removed == {"message": "Bookmark removed successfully"}
    r.call("DELETE", "/v2/jobs/bookmark/{job_id}", 200, path={"job_id": second})
    assert r.client.get("/v2/jobs/bookmarks", headers=ApiClient.bearer(r.token)).json() == []

    # -- applications: both spellings, status changes ----------------------------------------
    applied = r.call("POST", "/v2/jobs/applications", 200,
                     json={"job_id": first, "status": "applied"})
    assert applied["message"] == "Job application recorded successfully"
    r.call("POST", "/v2/jobs/apply", 200, json={"job_id": second, "status": "applied"})
    updated = r.call("POST", "/v2/jobs/apply", 200, json={"job_id": second,
                                                          "status": "interviewing"})
    assert updated["message"] == "Application updated successfully"
    applications = r.call("GET", "/v2/jobs/applications", 200)
    assert [a["job_id"] for a in applications] == [second, first]  # most recently updated first
    for application in applications:
        assert isinstance(application["id"], str)
        assert application["status"] in DISPLAYED_STATUSES
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", application["applied_date"])
        assert isinstance(application["job"]["title"], str)
        assert isinstance(application["job"]["company"], str)
    changed = r.call("PUT", "/v2/jobs/applications/{id}", 200,
                     path={"id": applied["application_id"]}, json={"status": "offered"})
    assert changed["id"] == applied["application_id"] and changed["status"] == "offered"
    assert [h["status"] for h in changed["history"]] == ["applied", "offered"]
    noted = r.call("PATCH", "/v2/jobs/applications/{id}", 200,
                   path={"id": applied["application_id"]}, json={"notes": "Offer by Friday"})
    assert noted["notes"] == "Offer by Friday" and noted["status"] == "offered"

    # -- rewriting -------------------------------------------------------------------------
    for style in ("Technical", "Management", "Creative", "Sales"):
        rewritten = r.call("POST", "/v2/rewrite/", 200,
                           json={"resume_id": doc_id, "rewrite_style": style})
        assert isinstance(rewritten["rewritten_text"], str) and rewritten["rewritten_text"]
        assert isinstance(rewritten["improvements"], list)
        assert isinstance(rewritten["impact_score"], int)
        assert 0 <= rewritten["impact_score"] <= 100 and rewritten["style"] == style
    tailored = r.call("POST", "/v2/rewrite/tailor-to-job", 200,
                      json={"resume_id": doc_id, "job_description": BACKEND_DESCRIPTION})
    assert isinstance(tailored["tailored_resume"], str)
    assert isinstance(tailored["original_resume"], str)
    assert isinstance(tailored["match_score"], int) and 0 <= tailored["match_score"] <= 100
    for key in ("missing_skills", "keyword_suggestions", "changes_made",
                "priority_improvements"):
        assert isinstance(tailored[key], list), key
    assert isinstance(tailored["latency"], (int, float))
    assert tailored["api_status"] == "local" and tailored["warning"] is None

    # -- notification settings, with the frontend's alias fields -----------------------------
    settings = r.call("GET", "/v2/notifications/settings", 200)
    assert settings["email_enabled"] is True and settings["digest_frequency"] == "daily"
    assert settings["notification_frequency"] == "daily"
    assert settings["email_job_matches"] is True and settings["push_job_matches"] is True
    settings = r.call("PUT", "/v2/notifications/settings", 200,
                      json={"email_enabled": True, "digest_frequency": "weekly",
                            "min_match_score": 0.75})
    assert settings["digest_frequency"] == "weekly" and settings["min_match_score"] == 0.75
    settings = r.call("PUT", "/v2/notifications/settings", 200,
                      json={"email_job_matches": False, "email_weekly_digest": False,
                            "push_job_matches": True, "push_application_updates": True,
                            "push_system_updates": True, "notification_frequency": "realtime"})
    assert settings["email_new_matches"] is False and settings["weekly_summary"] is False
    assert settings["digest_frequency"] == "disabled"
    assert settings["notification_frequency"] == "realtime"
    invalid = r.call("PUT", "/v2/notifications/settings", 422,
                     json={"digest_frequency": "invalid_frequency"})
    assert invalid["code"] == "validation_error"
    assert invalid["detail"][0]["loc"] == ["body", "digest_frequency"]
    settings = r.call("PATCH", "/v2/notifications/settings", 200,
                      json={"notification_frequency": "daily"})
    assert settings["digest_frequency"] == "daily" and settings["email_new_matches"] is False

    # -- tokens and password -----------------------------------------------------------------
    rotated = r.call("POST", "/v2/auth/refresh", 200, auth=False,
                     json={"refresh_token": refresh_token})
    assert set(rotated) == TOKEN_KEYS and rotated["token_type"] == "bearer"
    r.token = rotated["access_token"]
    changed = r.call("PUT", "/v2/auth/change-password", 200,
                     json={"current_password": PASSWORD, "new_password": "a brand new password"})
    assert changed == {"message": "Password updated successfully"}
    assert r.call("GET", "/v2/auth/me", 200)["email"] == email  # this sign-in stays valid

    # -- notifications: two status changes and the password change ----------------------------
    everything = r.call("GET", "/v2/notifications", 200)
    assert everything["total"] == everything["unread"] == 3
    for notification in everything["notifications"]:
        assert {"id", "is_read", "type", "title", "message", "created_at"} <= set(notification)
        assert notification["is_read"] is False
        parse_timestamp(notification["created_at"])
    updates = r.call("GET", "/v2/notifications", 200,
                     params={"type": "application_update", "status": "unread"})
    assert updates["total"] == 2 and updates["unread"] == 3
    assert {n["type"] for n in updates["notifications"]} == {"application_update"}
    system = r.call("GET", "/v2/notifications", 200, params={"type": "system"})
    [password_notice] = system["notifications"]
    read = r.call("PUT", "/v2/notifications/{id}/read", 200, path={"id": password_notice["id"]})
    assert read == {"message": "Notification marked as read"}
    marked = r.call("PUT", "/v2/notifications/mark-all-read", 200)
    assert marked == {"message": "All notifications marked as read", "updated": 2}
    assert r.call("POST", "/v2/notifications/mark-all-read", 200)["updated"] == 0
    deleted = r.call("DELETE", "/v2/notifications/{id}", 200, path={"id": password_notice["id"]})
    assert deleted == {"message": "Notification deleted successfully"}
    remaining = r.call("GET", "/v2/notifications", 200)
    assert (remaining["total"], remaining["unread"]) == (2, 0)

    # -- export, deletion --------------------------------------------------------------------
    export = r.call("GET", "/v2/auth/export-data", 200)
    assert "attachment" in r.response.headers["Content-Disposition"]
    assert export["user"]["email"] == email and len(export["applications"]) == 2
    assert [d["id"] for d in export["documents"]] == [doc_id]
    gone = r.call("DELETE", "/v2/documents/{doc_id}", 200, path={"doc_id": doc_id})
    assert gone == {"message": "Document deleted successfully"}
    assert r.client.get(f"/v2/documents/{doc_id}",
                        headers=ApiClient.bearer(r.token)).status_code == 404
    farewell = r.call("DELETE", "/v2/auth/account", 200)
    assert farewell == {"message": "Account deleted successfully"}
    error(r.call("GET", "/v2/auth/me", 401), "Invalid or expired token", "invalid_token")
    assert r.response.headers["WWW-Authenticate"] == 'Bearer error="invalid_token"'

    # The table above is exactly what was replayed.
    assert r.made == {(method, path) for method, path, _ in CONTRACT_CALLS}


def test_cors_defaults_allow_a_streamlit_page_on_localhost(default_server: ServerProcess) -> None:
    """Only for browser calls (docs/streamlit-frontend.md): the default CORS_ORIGINS allows
    Streamlit's usual origin, and answers its preflight."""
    with ApiClient(default_server.url) as client:
        preflight = client.options("/v2/auth/me", headers={
            "Origin": "http://localhost:8501", "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "authorization"})
        assert preflight.status_code == 204
        assert preflight.headers["Access-Control-Allow-Origin"] == "http://localhost:8501"
        assert preflight.headers["Access-Control-Allow-Credentials"] == "true"
        assert "authorization" in preflight.headers["Access-Control-Allow-Headers"].lower()
        health = client.get("/v2/health", headers={"Origin": "http://localhost:8501"})
        assert health.headers["Access-Control-Allow-Origin"] == "http://localhost:8501"
        stranger = client.get("/v2/health", headers={"Origin": "https://elsewhere.example"})
        assert stranger.status_code == 200
        assert "Access-Control-Allow-Origin" not in stranger.headers


# ---- the list against the contract ----------------------------------------------------------

ROUTE = re.compile(r"\b(GET|POST|PUT|PATCH|DELETE) (/v2[^\s*`)]*)")
ALSO_METHOD = re.compile(r"\(also (GET|POST|PUT|PATCH|DELETE)\)")
BOLD_ROUTE = re.compile(r"^\*\*(GET|POST|PUT|PATCH|DELETE) /v2")


def contract_routes(markdown: str) -> Set[Tuple[str, str]]:
    """Every (method, path) named in a route heading (``#### GET /v2/...`` or a paragraph that
    starts with ``**POST /v2/...**``) whose section, up to the next such heading, carries
    "(client contract". ``(also PATCH)`` adds that method for the heading's last path; a slash
    form in ``(also /v2/x)`` is the same route."""
    lines = markdown.splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith("#") or BOLD_ROUTE.match(line)]
    routes: Set[Tuple[str, str]] = set()
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        heading = lines[start]
        named = ROUTE.findall(heading)
        if not named or "(client contract" not in "\n".join(lines[start:end]):
            continue
        routes.update(named)
        routes.update((method, named[-1][1]) for method in ALSO_METHOD.findall(heading))
    return routes


def test_contract_routes_are_read_from_headings() -> None:
    sample = "\n".join([
        "#### GET /v2/a/ (also /v2/a)", "- **200** (client contract: a list)",
        "#### GET /v2/b · PUT /v2/b (also PATCH)", "- body (client contract)",
        "#### POST /v2/c", "- nothing marked here",
        "#### Group", "Intro (client contract) of the group, not of a route.",
        "**POST /v2/d** and **POST /v2/e** (identical **(client contract: e)**)", "- 200",
        "**DELETE /v2/d/{id}**", "- 200",
    ])
    assert contract_routes(sample) == {("GET", "/v2/a/"), ("GET", "/v2/b"), ("PUT", "/v2/b"),
                                       ("PATCH", "/v2/b"), ("POST", "/v2/d"), ("POST", "/v2/e")}


def test_every_client_contract_route_is_replayed() -> None:
    if not API_V2.exists():
        pytest.skip(f"{API_V2} is absent (../shared is not part of a clone)")
    marked = contract_routes(API_V2.read_text(encoding="utf-8"))
    assert len(marked) > 30, f"too few client-contract routes found in {API_V2}: {marked}"
    replayed = {(method, path) for method, path, _ in CONTRACT_CALLS}
    missing = sorted(marked - replayed, key=lambda route: (route[1], route[0]))
    assert not missing, f"client-contract routes the replay does not make: {missing}"
