"""The JSON-lines log over real HTTP: one access line per request with its context, and never a
password, a token or a request body (api-v2.md §8 LOG_FILE)."""

from __future__ import annotations

import json

import requests

from support import unique_email

SECRET_PASSWORD = "log-canary-password-7731"


def read_log(proc):
    text = (proc.workdir / "data" / "logs" / "aligncv.jsonl").read_text()
    return text, [json.loads(line) for line in text.splitlines() if line.strip()]


def test_access_lines_carry_context_and_no_secrets(server_factory):
    proc = server_factory(LOG_LEVEL="info")
    base = proc.url + "/v2"
    email = unique_email()
    signup = requests.post(base + "/auth/signup", json={
        "name": "Log Tester", "email": email, "password": SECRET_PASSWORD}, timeout=10)
    assert signup.status_code == 201
    tokens = signup.json()["tokens"]
    auth = {"Authorization": "Bearer " + tokens["access_token"], "X-Request-ID": "log-trace-1"}
    assert requests.get(base + "/auth/me", headers=auth, timeout=10).status_code == 200
    assert requests.post(base + "/auth/login", json={"email": email, "password": "wrong-" + SECRET_PASSWORD},
                         timeout=10).status_code == 401
    refreshed = requests.post(base + "/auth/refresh", json={"refresh_token": tokens["refresh_token"]},
                              timeout=10)
    assert refreshed.status_code == 200
    assert proc.stop() == 0  # a clean exit flushes the log

    text, lines = read_log(proc)
    for secret in (SECRET_PASSWORD, tokens["access_token"], tokens["refresh_token"],
                   refreshed.json()["access_token"], refreshed.json()["refresh_token"]):
        assert secret not in text
    access = [line for line in lines  # the fixture polled /v2/health while starting
              if line.get("module") == "http" and "/v2/auth/" in line.get("endpoint", "")]
    assert [line["endpoint"] for line in access] == [
        "POST /v2/auth/signup", "GET /v2/auth/me", "POST /v2/auth/login", "POST /v2/auth/refresh"]
    assert [line["status_code"] for line in access] == [201, 200, 401, 200]
    me_line = access[1]
    assert me_line["request_id"] == "log-trace-1"
    assert me_line["user_id"] == signup.json()["user"]["id"]
    assert me_line["duration_ms"] >= 0
    for line in lines:
        assert {"timestamp", "level", "module", "message"} <= line.keys()
