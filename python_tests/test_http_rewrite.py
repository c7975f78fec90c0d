"""Rewriting over real HTTP (api-v2.md section 5): every route with the client-contract keys, the
per-route 404 messages, 422/400 cases, the shared rewrite limit (429), another user's document,
versions, and an LLM configured to a loopback stand-in speaking the OpenAI chat-completions
protocol (a faithful answer is used; an invented employer falls back to the local result)."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, Iterator, List

import pytest

from jobs_support import BACKEND_DESCRIPTION, RESUME_TEXT
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

REWRITE_KEYS = {"version_id", "resume_id", "original_text", "rewritten_text", "diff_html",
                "improvements", "suggestions", "impact_score", "style", "latency", "api_status",
                "warning"}
TAILOR_KEYS = {"version_id", "resume_id", "tailored_resume", "original_resume", "match_score",
               "match_score_before", "missing_skills", "keyword_suggestions", "changes_made",
               "priority_improvements", "requirements", "tailoring_level", "diff_html", "latency",
               "api_status", "warning"}
LETTER_KEYS = {"version_id", "resume_id", "job_id", "text", "tone", "word_count", "latency",
               "api_status", "warning"}
LINKEDIN_KEYS = {"version_id", "resume_id", "headline", "about", "target_role", "latency",
                 "api_status", "warning"}
VERSION_SUMMARY_KEYS = {"version_id", "kind", "style", "source", "created_at", "impact_score"}

ACCESS_DENIED = {"detail": "Document not found or access denied", "code": "not_found"}
NO_PERMISSION = {"detail": "Document not found or you don't have permission to access it",
                 "code": "not_found"}
DOCUMENT_NOT_FOUND = {"detail": "Document not found", "code": "not_found"}
VERSION_NOT_FOUND = {"detail": "Version not found", "code": "not_found"}
JOB_NOT_FOUND = {"detail": "Job not found", "code": "not_found"}
BAD_LEVEL = {"detail": "Invalid tailoring level. Must be one of: conservative, moderate, aggressive",
             "code": "bad_request"}
STYLE_MSG = ("Input should be 'Technical', 'Management', 'Creative', 'Sales', 'Academic' or "
             "'Executive'")

WEAK_RESUME = RESUME_TEXT.replace(
    "- Built Python services on AWS with PostgreSQL and Docker",
    "- Responsible for Python services on AWS with PostgreSQL and Docker\n"
    "- Helped with the deployment pipeline")


# ---- servers, users, helpers ----------------------------------------------------------------

@pytest.fixture(scope="module")
def rewrite_server(server_factory: Callable[..., ServerProcess]) -> ServerProcess:
    return server_factory(RATE_LIMIT_REWRITES_PER_HOUR="3")


@pytest.fixture
def api(rewrite_server: ServerProcess) -> Iterator[ApiClient]:
    with ApiClient(rewrite_server.url) as session:
        yield session
    assert rewrite_server.alive(), f"the server died\n{rewrite_server.logs()}"


def sign_up(client: ApiClient) -> HttpUser:
    email = unique_email("rewrite")
    response = client.signup(email=email)
    assert response.status_code == 201, response.text
    body = response.json()
    return HttpUser(name="Test User", email=email, password=PASSWORD, id=body["user"]["id"],
                    access=body["tokens"]["access_token"], refresh=body["tokens"]["refresh_token"])


def upload(client: ApiClient, who: HttpUser, text: str = WEAK_RESUME) -> str:
    response = client.post("/v2/documents/upload", headers=who.headers,
                           files={"file": ("jane_doe_resume.txt", text.encode(), "text/plain")})
    assert response.status_code == 200, response.text
    return response.json()["document_id"]


@pytest.fixture
def user(api: ApiClient) -> HttpUser:
    return sign_up(api)


def post(client: ApiClient, who: HttpUser, path: str, body: Dict[str, Any]):
    return client.post(path, json=body, headers=who.headers)


# ---- each route ---------------------------------------------------------------------------------

def test_rewrite_answers_the_client_contract_in_both_slash_forms(api, user):
    doc = upload(api, user)
    for path, style in (("/v2/rewrite/", "Technical"), ("/v2/rewrite", "sales")):
        response = post(api, user, path, {"resume_id": doc, "rewrite_style": style})
        assert response.status_code == 200, response.text
        body = response.json()
        assert set(body) == REWRITE_KEYS
        assert UUID4_RE.match(body["version_id"]) and body["resume_id"] == doc
        assert body["style"] == style.capitalize()
        assert body["api_status"] == "local" and body["warning"] is None
        assert isinstance(body["impact_score"], int) and 0 <= body["impact_score"] <= 100
        assert "Responsible for" not in body["rewritten_text"]
        assert body["diff_html"].startswith('<div class="diff">')
        assert body["improvements"] and all(isinstance(i, str) for i in body["improvements"])
        assert "[X" not in body["rewritten_text"]  # placeholders only in suggestions


def test_tailor_cover_letter_linkedin_and_versions(api, user):
    doc = upload(api, user)
    tailored = post(api, user, "/v2/rewrite/tailor-to-job",
                    {"resume_id": doc, "job_description": BACKEND_DESCRIPTION,
                     "tailoring_level": "Aggressive"})
    assert tailored.status_code == 200, tailored.text
    t = tailored.json()
    assert set(t) == TAILOR_KEYS
    assert t["tailoring_level"] == "aggressive"
    assert isinstance(t["match_score"], int) and 0 <= t["match_score"] <= 100
    assert "Kubernetes" in t["missing_skills"] and "Kubernetes" not in t["tailored_resume"]

    letter = post(api, user, "/v2/rewrite/cover-letter",
                  {"resume_id": doc, "job_description": BACKEND_DESCRIPTION, "tone": "enthusiastic"})
    assert letter.status_code == 200, letter.text
    c = letter.json()
    assert set(c) == LETTER_KEYS and c["tone"] == "enthusiastic" and c["job_id"] is None
    assert 250 <= c["word_count"] <= 400

    # A new user: the limit of this server is 3 per hour.
    other_doc_user = sign_up(api)
    doc2 = upload(api, other_doc_user)
    linked = post(api, other_doc_user, "/v2/rewrite/linkedin", {"resume_id": doc2})
    assert linked.status_code == 200, linked.text
    li = linked.json()
    assert set(li) == LINKEDIN_KEYS
    assert len(li["headline"]) <= 220 and len(li["about"]) <= 2600

    listed = api.get(f"/v2/rewrite/versions/{doc}", headers=user.headers)
    assert listed.status_code == 200, listed.text
    versions = listed.json()
    assert [v["kind"] for v in versions] == ["cover_letter", "tailor"]  # newest first
    assert all(set(v) == VERSION_SUMMARY_KEYS for v in versions)
    assert versions[0]["style"] == "enthusiastic" and versions[0]["impact_score"] is None
    assert versions[1]["style"] == "aggressive" and versions[1]["impact_score"] == t["match_score"]
    assert all(v["source"] == "local" and TIMESTAMP_RE.match(v["created_at"]) for v in versions)

    one = api.get(f"/v2/rewrite/version/{t['version_id']}", headers=user.headers)
    assert one.status_code == 200, one.text
    stored = one.json()
    assert stored["tailored_resume"] == t["tailored_resume"]
    assert stored["kind"] == "tailor" and stored["source"] == "local"
    assert TIMESTAMP_RE.match(stored["created_at"])


# ---- errors --------------------------------------------------------------------------------------

def test_errors_of_each_route(api, user):
    doc = upload(api, user)
    response = post(api, user, "/v2/rewrite/", {"resume_id": doc, "rewrite_style": "Poetic"})
    [issue] = issues(response)
    assert issue["type"] == "literal_error" and issue["loc"] == ["body", "rewrite_style"]
    assert issue["msg"] == STYLE_MSG

    assert {i["loc"][-1] for i in issues(post(api, user, "/v2/rewrite/", {}))} == {
        "resume_id", "rewrite_style"}

    short = post(api, user, "/v2/rewrite/tailor-to-job", {"resume_id": doc, "job_description": "short"})
    assert issues(short)[0]["type"] == "string_too_short"

    level = post(api, user, "/v2/rewrite/tailor-to-job",
                 {"resume_id": doc, "job_description": BACKEND_DESCRIPTION, "tailoring_level": "max"})
    assert level.status_code == 400 and level.json() == BAD_LEVEL

    both = post(api, user, "/v2/rewrite/cover-letter",
                {"resume_id": doc, "job_description": BACKEND_DESCRIPTION, "job_id": "abc"})
    assert issues(both)[0]["msg"] == "Value error, provide exactly one of job_description or job_id"

    missing = api.post("/v2/rewrite/", json={"resume_id": doc, "rewrite_style": "Technical"})
    assert missing.status_code == 401 and missing.json() == NOT_AUTHENTICATED


def test_not_found_messages_differ_per_route_and_hide_other_users_documents(api, user):
    doc = upload(api, user)
    intruder = sign_up(api)
    cases = [
        ("/v2/rewrite/", {"resume_id": doc, "rewrite_style": "Technical"}, ACCESS_DENIED),
        ("/v2/rewrite/tailor-to-job", {"resume_id": doc, "job_description": BACKEND_DESCRIPTION},
         NO_PERMISSION),
        ("/v2/rewrite/cover-letter", {"resume_id": 99999, "job_description": BACKEND_DESCRIPTION},
         ACCESS_DENIED),
        ("/v2/rewrite/linkedin", {"resume_id": doc}, ACCESS_DENIED),
    ]
    for path, body, expected in cases:
        response = post(api, intruder, path, body)
        assert response.status_code == 404 and response.json() == expected, (path, response.text)
    assert api.get(f"/v2/rewrite/versions/{doc}", headers=intruder.headers).json() == DOCUMENT_NOT_FOUND
    version_id = post(api, user, "/v2/rewrite/", {"resume_id": doc, "rewrite_style": "Academic"}).json()["version_id"]
    foreign = api.get(f"/v2/rewrite/version/{version_id}", headers=intruder.headers)
    assert foreign.status_code == 404 and foreign.json() == VERSION_NOT_FOUND
    assert api.get("/v2/rewrite/version/nope", headers=user.headers).json() == VERSION_NOT_FOUND

    job = post(api, user, "/v2/rewrite/cover-letter", {"resume_id": doc, "job_id": "0123456789abcdef"})
    assert job.status_code == 404 and job.json() == JOB_NOT_FOUND


def test_the_limit_is_shared_by_the_four_routes_and_counts_successes(api, user):
    doc = upload(api, user)
    assert post(api, user, "/v2/rewrite/linkedin", {"resume_id": "missing"}).status_code == 404
    assert post(api, user, "/v2/rewrite/", {"resume_id": doc, "rewrite_style": "Technical"}).status_code == 200
    assert post(api, user, "/v2/rewrite/linkedin", {"resume_id": doc}).status_code == 200
    assert post(api, user, "/v2/rewrite/cover-letter",
                {"resume_id": doc, "job_description": BACKEND_DESCRIPTION}).status_code == 200
    refused = post(api, user, "/v2/rewrite/tailor-to-job",
                   {"resume_id": doc, "job_description": BACKEND_DESCRIPTION})
    assert refused.status_code == 429, refused.text
    body = refused.json()
    assert body["code"] == "rate_limited"
    assert body["detail"].startswith("Rewrite limit reached (3 per hour). Try again in ")
    seconds = int(refused.headers["Retry-After"])
    assert 3500 <= seconds <= 3600 and body["detail"].endswith(f"{seconds} seconds.")
    # 422 is judged before the limit.
    assert post(api, user, "/v2/rewrite/", {"resume_id": doc}).status_code == 422


def test_deleting_the_document_deletes_its_versions(api, user):
    doc = upload(api, user)
    version_id = post(api, user, "/v2/rewrite/", {"resume_id": doc, "rewrite_style": "Creative"}).json()["version_id"]
    exported = api.get("/v2/auth/export-data", headers=user.headers).json()
    assert [v["version_id"] for v in exported["versions"]] == [version_id]
    assert api.delete(f"/v2/documents/{doc}", headers=user.headers).status_code == 200
    assert api.get(f"/v2/rewrite/version/{version_id}", headers=user.headers).json() == VERSION_NOT_FOUND
    assert api.get(f"/v2/rewrite/versions/{doc}", headers=user.headers).json() == DOCUMENT_NOT_FOUND


# ---- an LLM stand-in on loopback -------------------------------------------------------------------

class ChatStandIn:
    """POST /v1/chat/completions answering in the OpenAI protocol. mode "faithful" returns the
    résumé it was sent (so the guard passes); "fabricate" adds an employer the résumé never named."""

    def __init__(self) -> None:
        self.mode = "faithful"
        self.requests: List[Dict[str, Any]] = []
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length", "0"))
                request = json.loads(self.rfile.read(length))
                stand_in.requests.append(request)
                prompt = request["messages"][-1]["content"]
                resume = prompt.split("Résumé:\n", 1)[-1]
                text = resume
                if stand_in.mode == "fabricate":
                    text = (resume + "\nChief Technology Officer, Globex Corporation\n"
                            "Jan 2010 - Dec 2011\n- Led 200 engineers\n")
                content = json.dumps({"rewritten_text": text, "improvements": ["Tightened wording"],
                                      "suggestions": []})
                answer = json.dumps({"id": "x", "object": "chat.completion", "choices": [
                    {"index": 0, "message": {"role": "assistant",
                                             "content": f"Here it is:\n```json\n{content}\n```"}}]})
                data = answer.encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="module")
def chat() -> Iterator[ChatStandIn]:
    stand_in = ChatStandIn()
    yield stand_in
    stand_in.close()


@pytest.fixture(scope="module")
def llm_server(server_factory: Callable[..., ServerProcess], chat: ChatStandIn) -> ServerProcess:
    return server_factory(LLM_BASE_URL=chat.base_url, LLM_MODEL="stand-in-model",
                          LLM_TIMEOUT_SECONDS="5")


def test_llm_success_and_fabricated_fallback(llm_server, chat):
    with ApiClient(llm_server.url) as client:
        features = client.get("/v2/").json()["features"]
        assert "LLM Rewriting (stand-in-model)" in features
        assert "Resume Rewriting & Tailoring (local engine)" in features
        user = sign_up(client)
        doc = upload(client, user)

        chat.mode = "faithful"
        ok = post(client, user, "/v2/rewrite/", {"resume_id": doc, "rewrite_style": "Technical"})
        assert ok.status_code == 200, ok.text
        assert ok.json()["api_status"] == "success" and ok.json()["warning"] is None
        assert chat.requests[-1]["model"] == "stand-in-model"

        chat.mode = "fabricate"
        fallback = post(client, user, "/v2/rewrite/", {"resume_id": doc, "rewrite_style": "Technical"})
        assert fallback.status_code == 200, fallback.text
        body = fallback.json()
        assert body["api_status"] == "fallback"
        assert body["warning"] == "LLM API error (fabricated content) - local result returned"
        assert body["improvements"][0] == "LLM API unavailable - local engine used"
        assert "Globex" not in body["rewritten_text"]

        versions = client.get(f"/v2/rewrite/versions/{doc}", headers=user.headers).json()
        assert [v["source"] for v in versions] == ["local", "llm"]
        assert llm_server.alive(), llm_server.logs()
