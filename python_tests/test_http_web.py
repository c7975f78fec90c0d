"""The web app's files over HTTP (api-v2.md section 7, "GET / and its static files"): the page
with its Content-Security-Policy, every static file with its media type, revalidation with ETag,
the JSON 404 for anything else, and the Google client id only when configured. The app itself
is exercised in a browser by test_browser.py."""

from __future__ import annotations

import re
from typing import Dict, List

import pytest
import requests

from support import REPO

pytestmark = pytest.mark.http

WEB = REPO / "bindings" / "http" / "web"
STATIC_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
                ".svg": "image/svg+xml"}
STATIC_FILES = sorted(p.name for p in WEB.iterdir() if p.suffix in STATIC_TYPES)
NOT_FOUND = {"detail": "Not Found", "code": "not_found"}


def csp(response) -> Dict[str, List[str]]:
    policy = response.headers["Content-Security-Policy"]
    return {d.split()[0]: d.split()[1:] for d in (part.strip() for part in policy.split(";")) if d}


def test_the_page_is_the_app(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "no-cache"
    assert re.fullmatch(r'"[0-9a-f]{16}"', response.headers["ETag"])
    page = response.text
    assert '<script type="module" src="/static/app.js"></script>' in page
    assert 'href="/static/app.css"' in page
    # Nothing inline and nothing from elsewhere.
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page)
    assert not re.search(r"<style|\son[a-z]+=|style=", page)
    assert "https://" not in page and "http://" not in page
    assert re.search(r'<html lang="en">', page)
    assert 'class="skip-link" href="#main"' in page and '<main id="main"' in page


def test_the_page_has_a_strict_content_security_policy(client):
    response = client.get("/")
    policy = csp(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]  # no 'unsafe-inline', no other origin
    assert policy["style-src"] == ["'self'"]
    assert policy["connect-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert 'name="aligncv-google-client-id" content=""' in response.text


@pytest.mark.parametrize("name", STATIC_FILES)
def test_every_static_file_is_served_with_its_type(client, name):
    response = client.get(f"/static/{name}")
    assert response.status_code == 200, name
    assert response.headers["Content-Type"] == STATIC_TYPES[name[name.rindex("."):]]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "no-cache"
    assert response.content == (WEB / name).read_bytes()


def test_the_app_loads_only_its_own_modules(client):
    """Every import between the modules names a file that is served, and nothing is fetched from
    another origin (Google's script is named only in the sign-in view, used when configured)."""
    for name in (n for n in STATIC_FILES if n.endswith(".js")):
        source = client.get(f"/static/{name}").text
        for imported in re.findall(r'from "\./([^"]+)"', source):
            assert imported in STATIC_FILES, f"{name} imports {imported}"
            assert client.get(f"/static/{imported}").status_code == 200
        urls = set(re.findall(r"https?://[^\s\"'`)]+", source))
        assert urls <= {"https://accounts.google.com/gsi/client"}, (name, urls)
        assert "innerHTML" not in source and "insertAdjacentHTML" not in source, name


def test_an_unchanged_file_is_a_304_without_a_body(client):
    first = client.get("/static/app.js")
    etag = first.headers["ETag"]
    again = client.get("/static/app.js", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["ETag"] == etag
    changed = client.get("/static/app.js", headers={"If-None-Match": '"0000000000000000"'})
    assert changed.status_code == 200 and changed.content == first.content
    page = client.get("/")
    assert client.get("/", headers={"If-None-Match": page.headers["ETag"]}).status_code == 304


def test_head_on_the_page_and_a_file(client):
    for path in ("/", "/static/app.css"):
        response = client.head(path)
        assert response.status_code == 200
        assert response.content == b""
        assert response.headers["ETag"] == client.get(path).headers["ETag"]


@pytest.mark.parametrize("path", ["/static/nope.js", "/static/docs.html", "/static/index.html",
                                  "/static/", "/static/%2e%2e%2fapp.js", "/static/app.js/x",
                                  "/app.js", "/index.html", "/static/../v2/health.js", "/web/app.js"])
def test_anything_else_is_the_json_404(client, path):
    response = client.get(path)
    assert response.status_code == 404, path
    assert response.headers["Content-Type"] == "application/json; charset=utf-8"
    assert response.json() == NOT_FOUND


def test_the_web_routes_serve_only_get(client):
    response = client.post("/static/app.js")
    assert response.status_code == 405
    assert response.headers["Allow"] == "GET, HEAD, OPTIONS"


def test_google_sign_in_is_offered_only_when_configured(server_factory):
    client_id = "1234567890-abcdef.apps.googleusercontent.com"
    google = server_factory(GOOGLE_CLIENT_ID=client_id)
    response = requests.get(google.url + "/", timeout=10)
    assert f'name="aligncv-google-client-id" content="{client_id}"' in response.text
    policy = csp(response)
    assert policy["script-src"] == ["'self'", "https://accounts.google.com/gsi/client"]
    assert policy["frame-src"] == ["https://accounts.google.com/gsi/"]
    assert policy["connect-src"] == ["'self'", "https://accounts.google.com/gsi/"]
    assert policy["style-src"] == ["'self'", "https://accounts.google.com/gsi/style"]


def test_a_client_id_that_is_not_plain_stays_out_of_the_page(server_factory):
    google = server_factory(GOOGLE_CLIENT_ID='x" onload="alert(1)')
    response = requests.get(google.url + "/", timeout=10)
    assert 'name="aligncv-google-client-id" content=""' in response.text
    assert "alert(1)" not in response.text
    assert csp(response)["script-src"] == ["'self'"]
