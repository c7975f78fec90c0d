"""Meta routes and the conventions every route shares, over real HTTP (api-v2.md sections 1, 7)."""

from __future__ import annotations

import re
import sqlite3

import pytest
import requests

from support import BASE_FEATURES, UUID4_RE, ApiClient

pytestmark = pytest.mark.http

# The route table of api-v2.md section 9: (method, path, and the alternative slash form if the
# table lists one).
ROUTE_TABLE = [
    ("GET", "/v2/", "/v2"), ("GET", "/v2/health", None), ("GET", "/v2/openapi.json", None),
    ("GET", "/v2/docs", None), ("GET", "/v2/redoc", None), ("GET", "/v2/metrics", None),
    ("POST", "/v2/auth/signup", None), ("POST", "/v2/auth/login", None),
    ("POST", "/v2/auth/google", None), ("POST", "/v2/auth/refresh", None),
    ("POST", "/v2/auth/logout", None), ("GET", "/v2/auth/me", None),
    ("PUT", "/v2/auth/profile", None), ("PATCH", "/v2/auth/profile", None),
    ("PUT", "/v2/auth/change-password", None), ("GET", "/v2/auth/preferences", None),
    ("PUT", "/v2/auth/preferences", None), ("PATCH", "/v2/auth/preferences", None),
    ("GET", "/v2/auth/export-data", None), ("DELETE", "/v2/auth/account", None),
    ("POST", "/v2/documents/upload", None), ("GET", "/v2/documents/", "/v2/documents"),
    ("GET", "/v2/documents/{doc_id}", None), ("GET", "/v2/documents/{doc_id}/file", None),
    ("GET", "/v2/documents/{doc_id}/resume.json", None), ("DELETE", "/v2/documents/{doc_id}", None),
    ("GET", "/v2/jobs/", "/v2/jobs"), ("GET", "/v2/jobs/stats", None),
    ("GET", "/v2/jobs/{job_id}", None), ("POST", "/v2/jobs/import", None),
    ("POST", "/v2/jobs/ingest", None), ("POST", "/v2/jobs/match", None),
    ("GET", "/v2/jobs/match", None), ("POST", "/v2/jobs/score", None),
    ("POST", "/v2/jobs/bookmark", None), ("POST", "/v2/jobs/bookmarks", None),
    ("GET", "/v2/jobs/bookmarks", None), ("DELETE", "/v2/jobs/bookmark/{job_id}", None),
    ("DELETE", "/v2/jobs/bookmarks/{id}", None), ("POST", "/v2/jobs/apply", None),
    ("POST", "/v2/jobs/applications", None), ("GET", "/v2/jobs/applications", None),
    ("PUT", "/v2/jobs/applications/{id}", None), ("PATCH", "/v2/jobs/applications/{id}", None),
    ("DELETE", "/v2/jobs/applications/{id}", None), ("POST", "/v2/rewrite/", "/v2/rewrite"),
    ("POST", "/v2/rewrite/tailor-to-job", None), ("POST", "/v2/rewrite/cover-letter", None),
    ("POST", "/v2/rewrite/linkedin", None), ("GET", "/v2/rewrite/versions/{doc_id}", None),
    ("GET", "/v2/rewrite/version/{version_id}", None),
    ("GET", "/v2/notifications", "/v2/notifications/"),
    ("GET", "/v2/notifications/settings", None), ("PUT", "/v2/notifications/settings", None),
    ("PATCH", "/v2/notifications/settings", None), ("PUT", "/v2/notifications/{id}/read", None),
    ("PUT", "/v2/notifications/mark-all-read", None),
    ("POST", "/v2/notifications/mark-all-read", None),
    ("DELETE", "/v2/notifications/{id}", None), ("POST", "/v2/notifications/test", None),
    ("GET", "/v2/notifications/unsubscribe", None), ("POST", "/v2/notifications/unsubscribe", None),
]

# Routes this suite's sections cover; they must be served now.
REQUIRED = {(m, p) for m, p, _ in ROUTE_TABLE
            if p.startswith(("/v2/auth/", "/v2/documents/", "/v2/notifications/settings"))
            or p in ("/v2/", "/v2/health", "/v2/openapi.json", "/v2/docs", "/v2/redoc",
                     "/v2/metrics")}


def _concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "0123456789abcdef", path)


def _served(client, method: str, path: str) -> bool:
    """Whether the router knows the route: without credentials, a served route answers
    anything but the routing 404/405 (its 401 comes before any id lookup)."""
    response = client.request(method, _concrete(path), json={} if method != "GET" else None)
    if response.status_code == 405:
        return False
    return not (response.status_code == 404 and response.json() == {
        "detail": "Not Found", "code": "not_found"})


def _template(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "{}", path.rstrip("/") or "/")


# ---- meta routes ----------------------------------------------------------------------------

def test_health(client):
    response = client.get("/v2/health")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json; charset=utf-8"
    assert response.json() == {
        "status": "healthy", "version": "2.0.0", "environment": "testing",
        "checks": {"database": "ok", "storage": "ok", "llm": "not_configured",
                   "smtp": "not_configured"},
    }


def test_health_is_503_when_the_database_fails_and_recovers(server_factory):
    proc = server_factory()
    db = sqlite3.connect(proc.workdir / "data" / "aligncv.db")
    db.execute("ALTER TABLE schema_version RENAME TO schema_version_away")
    db.commit()
    response = requests.get(proc.url + "/v2/health", timeout=5)
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unhealthy" and body["checks"]["database"] == "error"
    assert body["detail"] == "Service unhealthy" and body["code"] == "unavailable"
    db.execute("ALTER TABLE schema_version_away RENAME TO schema_version")
    db.commit()
    db.close()
    assert requests.get(proc.url + "/v2/health", timeout=5).status_code == 200


@pytest.mark.parametrize("path", ["/v2/", "/v2"])
def test_api_info(client, path):
    response = client.get(path)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"message", "version", "docs", "features"}
    assert (body["message"], body["version"], body["docs"]) == ("AlignCV V2 API", "2.0.0",
                                                               "/v2/docs")
    features = body["features"]
    assert features[0] == "JWT Authentication"
    assert set(features) <= set(BASE_FEATURES)  # nothing configured beyond the defaults
    assert features == [f for f in BASE_FEATURES if f in features]


def test_openapi_document(client):
    response = client.get("/v2/openapi.json")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/json")
    doc = response.json()
    assert doc["openapi"].startswith("3.1")
    assert doc["info"]["title"] == "AlignCV V2 API"
    scheme = doc["components"]["securitySchemes"]["bearerAuth"]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    assert scheme.get("bearerFormat") == "JWT"


def test_required_routes_are_served(client):
    missing = [f"{m} {p}" for m, p, _ in ROUTE_TABLE if (m, p) in REQUIRED
               and not _served(client, m, p)]
    assert missing == []


def test_openapi_lists_every_served_route(client):
    doc = client.get("/v2/openapi.json").json()
    listed = {(method.upper(), _template(path)) for path, item in doc["paths"].items()
              for method in item if method in ("get", "post", "put", "patch", "delete")}
    absent = [f"{m} {p}" for m, p, _ in ROUTE_TABLE
              if _served(client, m, p) and (m, _template(p)) not in listed]
    assert absent == []


def test_openapi_lists_the_tables_slash_forms(client):
    paths = set(client.get("/v2/openapi.json").json()["paths"])
    absent = [f"{m} {alt}" for m, p, alt in ROUTE_TABLE
              if alt and _served(client, m, p) and not {p, alt} <= paths]
    assert absent == []


def test_openapi_documents_the_error_shapes(client):
    text = client.get("/v2/openapi.json").text
    for name in ("validation_error", "detail", "code"):
        assert name in text


@pytest.mark.parametrize("path", ["/v2/docs", "/v2/redoc"])
def test_docs_page_is_self_contained_html(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/html")
    html = response.text
    assert "<html" in html.lower() and "/v2/openapi.json" in html
    external = re.findall(r"""<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*["']?"""
                          r"""\s*(?:https?:)?//""", html, re.I)
    assert external == []
    assert not re.search(r"""@import\s+(?:url\()?["']?(?:https?:)?//""", html, re.I)
    assert not re.search(r"""\bimport\s*\(?\s*["'](?:https?:)?//""", html)


def test_docs_and_redoc_serve_the_same_page(client):
    assert client.get("/v2/docs").content == client.get("/v2/redoc").content


def test_metrics_from_loopback(client):
    client.get("/v2/health")
    response = client.get("/v2/metrics")
    assert response.status_code == 200
    content_type = response.headers["Content-Type"]
    assert content_type.startswith("text/plain") and "version=0.0.4" in content_type
    assert "aligncv_http_requests_total{" in response.text
    assert "aligncv_http_request_duration_seconds" in response.text


def test_metrics_ignore_x_forwarded_for(client):
    response = client.get("/v2/metrics", headers={"X-Forwarded-For": "203.0.113.9"})
    assert response.status_code == 200


# ---- routing -------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/v2/nope", "/v2/auth", "/v2/auth/me/extra", "/nope",
                                  "/v2/health/x", "/V2/health", "/v2/%2e%2e/v2/health"])
def test_unknown_paths_are_json_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.headers["Content-Type"] == "application/json; charset=utf-8"
    assert response.json() == {"detail": "Not Found", "code": "not_found"}


@pytest.mark.parametrize("method, path, allowed", [
    ("DELETE", "/v2/health", {"GET", "HEAD"}),
    ("POST", "/v2/health", {"GET", "HEAD"}),
    ("GET", "/v2/auth/login", {"POST"}),
    ("DELETE", "/v2/auth/profile", {"PUT", "PATCH"}),
    ("POST", "/v2/auth/preferences", {"GET", "HEAD", "PUT", "PATCH"}),
    ("GET", "/v2/auth/account", {"DELETE"}),
    ("POST", "/v2/notifications/settings", {"GET", "HEAD", "PUT", "PATCH"}),
])
def test_wrong_method_is_405_with_allow(client, method, path, allowed):
    response = client.request(method, path)
    assert response.status_code == 405
    assert response.json() == {"detail": "Method Not Allowed", "code": "method_not_allowed"}
    served = {m.strip().upper() for m in response.headers["Allow"].split(",")}
    assert allowed <= served
    assert method not in served
    assert served <= allowed | {"OPTIONS"}


def test_405_comes_before_authentication(client):
    response = client.post("/v2/auth/me")
    assert response.status_code == 405


@pytest.mark.parametrize("path", ["/v2/health", "/v2/", "/v2/openapi.json", "/v2/docs"])
def test_head_is_served_for_get_routes(client, path):
    get, head = client.get(path), client.head(path)
    assert head.status_code == get.status_code == 200
    assert head.content == b""
    assert head.headers["Content-Type"] == get.headers["Content-Type"]


def test_head_on_a_bearer_route_needs_credentials(client, user):
    assert client.head("/v2/auth/me").status_code == 401
    response = client.head("/v2/auth/me", headers=user.headers)
    assert response.status_code == 200 and response.content == b""


@pytest.mark.parametrize("path, allowed", [
    ("/v2/health", {"GET", "HEAD"}), ("/v2/auth/login", {"POST"}),
    ("/v2/auth/profile", {"PUT", "PATCH"}),
])
def test_options_is_204_with_allow(client, path, allowed):
    response = client.options(path)
    assert response.status_code == 204
    assert response.content == b""
    assert allowed <= {m.strip().upper() for m in response.headers["Allow"].split(",")}


def test_options_on_an_unknown_path_is_404(client):
    assert client.options("/v2/nope").status_code == 404


@pytest.mark.parametrize("path", ["/v2/health/", "/v2/openapi.json/", "/v2/docs/"])
def test_trailing_slash_forms_answer_without_redirect(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response.content == client.get(path.rstrip("/")).content


def test_trailing_slash_on_bearer_and_post_routes(client, user):
    assert client.get("/v2/auth/me/", headers=user.headers).json()["id"] == user.id
    assert client.get("/v2/notifications/settings/", headers=user.headers).status_code == 200
    assert client.post("/v2/auth/login/", json={"email": user.email,
                                                "password": user.password}).status_code == 200
    assert client.put("/v2/auth/preferences/", headers=user.headers,
                      json={"remote_only": True}).json()["remote_only"] is True


# ---- shared headers -----------------------------------------------------------------------

@pytest.mark.parametrize("path, status", [("/v2/health", 200), ("/v2/nope", 404),
                                          ("/v2/auth/me", 401), ("/v2/docs", 200)])
def test_every_response_has_request_id_and_nosniff(client, path, status):
    response = client.get(path)
    assert response.status_code == status
    assert UUID4_RE.match(response.headers["X-Request-ID"])
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("path", ["/v2/health", "/v2/nope", "/v2/auth/me", "/v2/"])
def test_v2_json_responses_are_not_cached(client, path):
    assert client.get(path).headers["Cache-Control"] == "no-store"


def test_errors_from_validation_carry_the_headers(client):
    response = client.post("/v2/auth/login", json={})
    assert response.status_code == 422
    assert UUID4_RE.match(response.headers["X-Request-ID"])
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("incoming", ["abc-123", "A.b_c-9", "x" * 64, "0"])
def test_a_valid_incoming_request_id_is_reused(client, incoming):
    for path in ("/v2/health", "/v2/nope", "/v2/auth/me"):
        response = client.get(path, headers={"X-Request-ID": incoming})
        assert response.headers["X-Request-ID"] == incoming


@pytest.mark.parametrize("incoming", ["", "x" * 65, "has space", "semi;colon", "ünïcode",
                                      "a/b", "<script>"])
def test_an_invalid_incoming_request_id_is_replaced(client, incoming):
    response = client.get("/v2/health", headers={"X-Request-ID": incoming.encode("utf-8")})
    assert UUID4_RE.match(response.headers["X-Request-ID"])


def test_generated_request_ids_are_unique(client):
    ids = {client.get("/v2/health").headers["X-Request-ID"] for _ in range(20)}
    assert len(ids) == 20


# ---- CORS (section 1.7); the server runs with CORS_ORIGINS as a JSON array --------------------

EXPOSED = {"X-Request-ID", "Retry-After", "X-Total-Count"}


@pytest.mark.parametrize("origin", ["http://localhost:3000", "https://app.example.com"])
def test_cors_for_an_allowed_origin(client, origin):
    response = client.get("/v2/health", headers={"Origin": origin})
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == origin
    assert response.headers["Access-Control-Allow-Credentials"] == "true"
    assert "Origin" in {v.strip() for v in response.headers["Vary"].split(",")}
    exposed = {v.strip() for v in response.headers["Access-Control-Expose-Headers"].split(",")}
    assert {e.lower() for e in exposed} == {e.lower() for e in EXPOSED}


def test_cors_headers_are_on_errors_too(client):
    response = client.get("/v2/auth/me", headers={"Origin": "http://localhost:3000"})
    assert response.status_code == 401
    assert response.headers["Access-Control-Allow-Origin"] == "http://localhost:3000"


@pytest.mark.parametrize("origin", ["http://evil.example", "http://localhost:3001",
                                    "http://localhost:3000.evil.example", "null",
                                    "http://localhost:8501"])  # a default, not configured here
def test_cors_for_a_disallowed_origin(client, origin):
    response = client.get("/v2/health", headers={"Origin": origin})
    assert response.status_code == 200  # processed normally
    assert not [h for h in response.headers if h.lower().startswith("access-control-")]


def test_cors_preflight(client):
    response = client.options("/v2/auth/login", headers={
        "Origin": "http://localhost:3000", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "Content-Type, Authorization, X-Request-ID"})
    assert response.status_code == 204
    assert response.headers["Access-Control-Allow-Origin"] == "http://localhost:3000"
    assert response.headers["Access-Control-Allow-Credentials"] == "true"
    assert response.headers["Access-Control-Allow-Methods"] == \
        "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"
    echoed = response.headers["Access-Control-Allow-Headers"]
    allowed = {h.strip().lower() for h in echoed.split(",")}
    assert allowed == {"content-type", "authorization", "x-request-id"}
    assert response.headers["Access-Control-Max-Age"] == "600"


def test_cors_preflight_needs_no_credentials_on_a_bearer_route(client):
    response = client.options("/v2/auth/me", headers={
        "Origin": "http://localhost:3000", "Access-Control-Request-Method": "GET"})
    assert response.status_code == 204


def test_cors_preflight_from_a_disallowed_origin_has_no_cors_headers(client):
    response = client.options("/v2/auth/login", headers={
        "Origin": "http://evil.example", "Access-Control-Request-Method": "POST"})
    assert not [h for h in response.headers if h.lower().startswith("access-control-")]


# ---- configuration-dependent behaviour on a second server -------------------------------------

@pytest.fixture(scope="module")
def configured(server_factory):
    """A server with CORS "*", Google configured, metrics disabled and ENVIRONMENT=staging."""
    proc = server_factory(CORS_ORIGINS="*", GOOGLE_CLIENT_ID="id.apps.googleusercontent.com",
                          GOOGLE_JWKS_URL="http://127.0.0.1:9/certs", METRICS_ENABLED="false",
                          ENVIRONMENT="staging", JWT_ACCESS_TOKEN_EXPIRE_MINUTES="5")
    with ApiClient(proc.url) as session:
        yield session


def test_star_origin_allows_any_origin_without_credentials(configured):
    response = configured.get("/v2/health", headers={"Origin": "https://anything.example"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response.headers


def test_features_and_environment_follow_the_configuration(configured):
    assert "Google Sign-In" in configured.get("/v2/").json()["features"]
    assert configured.get("/v2/health").json()["environment"] == "staging"


def test_disabled_metrics_are_404(configured):
    response = configured.get("/v2/metrics")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found", "code": "not_found"}


def test_access_lifetime_follows_the_configuration(configured):
    body = configured.signup().json()
    assert body["tokens"]["expires_in"] == 300


def test_google_token_garbage_is_invalid_google_token(configured):
    response = configured.post("/v2/auth/google", json={"token": "not-a-jwt"})
    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid Google token", "code": "invalid_token"}


def test_the_shared_servers_are_separate(configured, client):
    """Sanity check of the fixtures: two servers, two databases."""
    assert configured.base_url != client.base_url
    body = configured.signup().json()
    assert client.get("/v2/auth/me", headers=client.bearer(
        body["tokens"]["access_token"])).status_code == 401


# ---- 500 (section 1.4): only reachable through a defect, so provoked where one is known ----------

