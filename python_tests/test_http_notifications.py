"""Notifications over real HTTP (api-v2.md section 6): the list with its client-contract keys,
filters and counts, read / mark-all-read / delete scoped to their owner, the test notification,
and end to end with a real SMTP server on loopback (python3-aiosmtpd's Controller in this
process): importing matching postings produces notifications and one e-mail; with the SMTP
server down the message waits and is delivered once it is back (`aligncv notify run-due`
drives delivery deterministically; the server's own 30 s worker may deliver first, never twice).
"""

from __future__ import annotations

import email
import email.policy
import json
import re
import subprocess
import time
from datetime import datetime, timedelta, timezone
from typing import Any, Callable, Dict, Iterator, List

import pytest

from jobs_support import RESUME_TEXT, new_source
from support import (
    NOT_AUTHENTICATED,
    TIMESTAMP_RE,
    UUID4_RE,
    ApiClient,
    HttpUser,
    ServerProcess,
    free_port,
    issues,
    server_env,
    unique_email,
)
from test_http_jobs import sign_up, upload_resume

pytestmark = pytest.mark.http

NOTIFICATION_KEYS = {"id", "type", "title", "message", "job_id", "match_score", "email_sent",
                     "is_read", "read_at", "created_at", "job_title", "job_company"}
NOT_FOUND = {"detail": "Notification not found", "code": "not_found"}
BAD_LINK = {"detail": "Invalid unsubscribe link", "code": "bad_request"}


def backend_posting(company: str, source: str) -> Dict[str, Any]:
    return {"title": "Senior Backend Engineer", "company": company, "source": source,
            "location": "Berlin, Germany", "experience_level": "senior",
            "required_skills": ["Python", "PostgreSQL", "AWS", "Docker"],
            "description": "Own our Python services on AWS with PostgreSQL and Docker."}


def listing(client: ApiClient, who: HttpUser, **params: Any) -> Dict[str, Any]:
    response = client.get("/v2/notifications", headers=who.headers, params=params)
    assert response.status_code == 200, response.text
    return response.json()


# ---- the contract, on the shared server (no SMTP) -------------------------------------------

def test_list_keys_filters_and_counts(client, make_user):
    me = make_user()
    assert listing(client, me) == {"total": 0, "unread": 0, "notifications": []}
    ids = []
    for _ in range(3):
        response = client.post("/v2/notifications/test", headers=me.headers)
        assert response.status_code == 200, response.text
        body = response.json()
        assert body == {"message": "Test notification created; email delivery is not configured",
                        "notification_id": body["notification_id"], "email": me.email,
                        "delivery": "smtp_not_configured"}
        ids.append(body["notification_id"])
    for path in ("/v2/notifications", "/v2/notifications/"):
        body = client.get(path, headers=me.headers).json()
        assert (body["total"], body["unread"]) == (3, 3)
    items = listing(client, me)["notifications"]
    assert [n["id"] for n in items] == ids[::-1]  # newest first
    item = items[0]
    assert set(item) == NOTIFICATION_KEYS
    assert UUID4_RE.match(item["id"]) and TIMESTAMP_RE.match(item["created_at"])
    assert (item["type"], item["title"], item["message"]) == (
        "system", "Test notification", "This is a test notification from AlignCV.")
    assert (item["job_id"], item["match_score"], item["is_read"], item["read_at"]) == (
        None, None, False, None)

    response = client.put(f"/v2/notifications/{ids[0]}/read", headers=me.headers)
    assert (response.status_code, response.json()) == (
        200, {"message": "Notification marked as read"})
    assert client.put(f"/v2/notifications/{ids[0]}/read", headers=me.headers).status_code == 200
    read = listing(client, me, status="read")
    assert (read["total"], read["unread"]) == (1, 2)
    assert TIMESTAMP_RE.match(read["notifications"][0]["read_at"])
    assert listing(client, me, unread_only="true")["total"] == 2
    assert listing(client, me, status="unread", type="system")["total"] == 2
    filtered = listing(client, me, type="job_match")
    assert (filtered["total"], filtered["unread"], filtered["notifications"]) == (0, 2, [])
    paged = listing(client, me, limit=1, offset=1)
    assert (paged["total"], [n["id"] for n in paged["notifications"]]) == (3, [ids[1]])

    for params in ({"type": "bogus"}, {"status": "maybe"}, {"limit": "0"}, {"limit": "101"},
                   {"offset": "-1"}):
        found = issues(client.get("/v2/notifications", headers=me.headers, params=params))
        assert found[0]["loc"][0] == "query", found

    response = client.put("/v2/notifications/mark-all-read", headers=me.headers)
    assert (response.status_code, response.json()) == (
        200, {"message": "All notifications marked as read", "updated": 2})
    response = client.post("/v2/notifications/mark-all-read", headers=me.headers)
    assert response.json()["updated"] == 0

    response = client.delete(f"/v2/notifications/{ids[1]}", headers=me.headers)
    assert (response.status_code, response.json()) == (
        200, {"message": "Notification deleted successfully"})
    assert listing(client, me)["total"] == 2


def test_other_users_ids_and_unknown_ids_are_404(client, make_user):
    me, other = make_user(), make_user()
    theirs = client.post("/v2/notifications/test", headers=other.headers).json()["notification_id"]
    for notification_id in (theirs, "nope", "00000000-0000-4000-8000-000000000000"):
        for method, path in (("PUT", f"/v2/notifications/{notification_id}/read"),
                             ("DELETE", f"/v2/notifications/{notification_id}")):
            response = client.request(method, path, headers=me.headers)
            assert (response.status_code, response.json()) == (404, NOT_FOUND)
    assert listing(client, other)["unread"] == 1  # untouched
    assert client.get("/v2/notifications").json() == NOT_AUTHENTICATED


def test_unsubscribe_rejects_bad_links(client):
    for method in ("GET", "POST"):
        for params in ({}, {"token": "x"}, {"token": "dXNlcg.c2ln"}):
            response = client.request(method, "/v2/notifications/unsubscribe", params=params)
            assert (response.status_code, response.json()) == (400, BAD_LINK)


def test_export_includes_notifications(client, make_user):
    me = make_user()
    client.post("/v2/notifications/test", headers=me.headers)
    exported = client.get("/v2/auth/export-data", headers=me.headers).json()
    assert [n["title"] for n in exported["notifications"]] == ["Test notification"]


# ---- end to end with a real SMTP server ----------------------------------------------------

class Inbox:
    """aiosmtpd handler: keeps every accepted message."""

    def __init__(self) -> None:
        self.messages: List[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.messages.append(email.message_from_bytes(envelope.original_content,
                                                      policy=email.policy.default))
        return "250 Message accepted for delivery"

    def to(self, address: str, subject_part: str = "") -> List[email.message.EmailMessage]:
        return [m for m in self.messages
                if m["To"] and address in m["To"] and subject_part in str(m["Subject"])]


@pytest.fixture
def smtp() -> Iterator[Dict[str, Any]]:
    controller_mod = pytest.importorskip("aiosmtpd.controller",
                                         reason="python3-aiosmtpd is not installed")
    inbox = Inbox()
    port = free_port()
    state: Dict[str, Any] = {"inbox": inbox, "port": port, "controller": None}

    def start() -> None:
        controller = controller_mod.Controller(inbox, hostname="127.0.0.1", port=port)
        controller.start()
        state["controller"] = controller

    def stop() -> None:
        if state["controller"] is not None:
            state["controller"].stop()
            state["controller"] = None

    state["start"], state["stop"] = start, stop
    start()
    yield state
    stop()


def wait_for(predicate: Callable[[], bool], timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return predicate()


def test_imported_matches_are_notified_and_emailed_once_and_wait_while_smtp_is_down(
        server_factory, aligncv_bin, smtp):
    admin_email = unique_email("notify-admin")
    env = {"ALIGNCV_ADMIN_EMAILS": admin_email, "SMTP_URL": f"smtp://127.0.0.1:{smtp['port']}",
           "SMTP_FROM": "AlignCV <noreply@example.com>", "PUBLIC_URL": "https://alignc.example"}
    server: ServerProcess = server_factory(**env)
    data_dir = server.workdir / "data"

    def run_due(*extra: str) -> str:
        result = subprocess.run([str(aligncv_bin), "notify", "run-due", "--data-dir", str(data_dir),
                                 *extra], env=server_env(data_dir, env), capture_output=True,
                                text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        return result.stdout

    inbox: Inbox = smtp["inbox"]
    with ApiClient(server.url) as client:
        admin = sign_up(client, admin_email)
        me = sign_up(client)
        upload_resume(client, me, RESUME_TEXT)
        response = client.put("/v2/notifications/settings", headers=me.headers,
                              json={"digest_frequency": "disabled", "weekly_summary": False,
                                    "min_match_score": 0.3})
        assert response.status_code == 200, response.text
        assert "Email Delivery (SMTP)" in client.get("/v2/").json()["features"]

        source = new_source()
        records = [backend_posting(f"Company {i}", source) for i in range(3)]
        response = client.post("/v2/jobs/import", headers=admin.headers, json=records)
        assert response.status_code == 200 and response.json()["new_jobs"] == 3, response.text

        matches = listing(client, me, type="job_match")
        assert matches["total"] == 3
        for item in matches["notifications"]:
            assert set(item) == NOTIFICATION_KEYS
            assert item["title"] == "New match: Senior Backend Engineer"
            assert re.match(r"^Company \d is hiring! \d+% match$", item["message"]), item
            assert item["match_score"] >= 0.3 and item["job_company"].startswith("Company")
        assert listing(client, admin)["total"] == 0  # no résumé: nothing scored

        run_due()
        assert wait_for(lambda: len(inbox.to(me.email)) >= 1)
        run_due()
        time.sleep(0.5)
        mails = inbox.to(me.email)
        assert len(mails) == 1, [str(m["Subject"]) for m in mails]  # one message for the run
        mail = mails[0]
        body = mail.get_body(("plain",)).get_content()
        assert "Senior Backend Engineer" in body and "Company" in body
        assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        link = re.search(r"<([^>]+)>", mail["List-Unsubscribe"]).group(1)
        assert link.startswith("https://alignc.example/v2/notifications/unsubscribe?token=")
        assert wait_for(lambda: all(n["email_sent"] for n in
                                    listing(client, me, type="job_match")["notifications"]))

        # The SMTP server goes down: the test e-mail waits in the outbox ...
        smtp["stop"]()
        response = client.post("/v2/notifications/test", headers=me.headers)
        assert response.json()["delivery"] == "queued"
        run_due()
        assert inbox.to(me.email, "test") == [] and len(inbox.to(me.email)) == 1
        # ... and is delivered once the server is back (after the retry delay).
        smtp["start"]()
        later = (datetime.now(timezone.utc) + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%SZ")
        run_due("--now", later)
        assert wait_for(lambda: len(inbox.to(me.email)) == 2)
        run_due("--now", later)
        time.sleep(0.5)
        assert len(inbox.to(me.email)) == 2

        # The unsubscribe link: GET asks, POST unsubscribes.
        token = link.split("token=", 1)[1]
        page = client.get("/v2/notifications/unsubscribe", params={"token": token})
        assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
        assert 'method="post"' in page.text
        assert client.get("/v2/notifications/settings", headers=me.headers).json()["email_enabled"]
        response = client.post("/v2/notifications/unsubscribe", params={"token": token},
                               data="List-Unsubscribe=One-Click",
                               headers={"Content-Type": "application/x-www-form-urlencoded"})
        assert (response.status_code, response.json()) == (
            200, {"message": "You have been unsubscribed from AlignCV emails"})
        settings = client.get("/v2/notifications/settings", headers=me.headers).json()
        assert settings["email_enabled"] is False

        metrics = client.get("/v2/metrics").text
        assert 'aligncv_outbox_messages{state="sent"} 2' in metrics
