"""The web UI in a real browser (headless Chromium through Selenium) against a real server: the
whole journey of a job seeker, typed and clicked as a user would; keyboard-only sign-in; an
accessible name on every control and no horizontal scrolling at 375 px on every view; Google
sign-in shown only when configured.

A failing test saves a screenshot (see the hook in conftest.py). With ALIGNCV_SCREENSHOTS=<dir>
the journey also saves the screenshots of docs/quickstart.md into <dir>."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Dict, Iterator

import pytest

from browser_support import DESKTOP, PHONE, Browser, Keys, missing_requirements, start_chrome
from support import PASSWORD, REPO, ApiClient, unique_email

pytestmark = pytest.mark.http

# The journey's résumé: complete, with a few weak bullets for the rewrite to improve.
RESUME_TXT = REPO / "tests" / "fixtures" / "web" / "jane_doe_resume.txt"
RESUME_PDF = REPO / "tests" / "fixtures" / "text" / "resume_1col.pdf"
NEW_PASSWORD = "a much longer passphrase"

JOB_DESCRIPTION = (
    "Northwind Analytics is hiring a Senior Backend Engineer for its billing platform in Berlin.\n"
    "You will design and run Go and Python services on Kubernetes, own PostgreSQL schemas and keep "
    "our invoicing APIs fast and reliable.\n"
    "Requirements: 5+ years of backend development, Go, Python, PostgreSQL, Kubernetes, Terraform, "
    "experience with payment or billing systems, on-call for the services you build.\n"
    "Nice to have: Kafka, gRPC, AWS."
)


@pytest.fixture(scope="module")
def chrome(server: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    reason = missing_requirements()
    if reason:
        pytest.skip(f"browser tests skipped: {reason}")
    downloads = tmp_path_factory.mktemp("downloads")
    driver = start_chrome(downloads)
    try:
        yield Browser(driver, server, downloads)
    finally:
        driver.quit()


@pytest.fixture
def browser(chrome: Browser) -> Browser:
    """The module's browser, signed out, at desktop size, on the sign-in page."""
    chrome.reset()
    return chrome


# ---- the journey ------------------------------------------------------------------------------

def test_the_whole_journey(browser: Browser, client: ApiClient) -> None:
    b = browser
    email = unique_email("journey")

    # Sign up.
    b.wait_heading("Sign in")
    b.docs_screenshot("01-sign-in")
    b.click("Create an account", kind="link")
    b.wait_heading("Create your account")
    b.fill("Name", "Jane Doe")
    b.fill("E-mail", email)
    b.fill("Password", "short")
    b.click("Create account")
    error = b.wait_form_error("at least 8 characters")  # the API's 422 detail, with its field
    assert error.startswith("Password:"), error
    b.fill("Password", PASSWORD)
    b.click("Create account")
    b.wait_heading("Your résumés")
    b.wait_status("Welcome, Jane Doe")

    # Sign out, a wrong password, then sign in.
    b.click("Sign out")
    b.wait_heading("Sign in")
    b.wait_status("You are signed out")
    b.fill("E-mail", email)
    b.fill("Password", "not my password")
    b.click("Sign in")
    assert "Invalid email or password" in b.wait_form_error("Invalid email or password")
    b.fill("Password", PASSWORD)
    b.click("Sign in")
    b.wait_heading("Your résumés")
    b.wait_status("Signed in as Jane Doe")

    # Upload: a file too short to be a résumé shows the API's detail, then the real one.
    short = b.download_dir.parent / "short.txt"
    short.write_text("Jane Doe\nPython\n", encoding="utf-8")
    b.field("Résumé file").send_keys(str(short))
    b.click("Upload and parse")
    b.wait_form_error("Failed to extract text from document or content is too short")
    b.field("Résumé file").send_keys(str(RESUME_TXT))
    b.click("Upload and parse")

    # The parsed profile, each field with the résumé line it came from.
    b.wait_heading("Jane Doe — jane_doe_resume.txt")
    b.wait_status("Document uploaded and parsed successfully")
    page = b.text()
    for expected in ("jane.doe@example.com", "Northwind Analytics", "Contoso Payments", "TU Berlin",
                     "Kubernetes", "line 1: Jane Doe", "line 3: jane.doe@example.com", "10 years"):
        assert expected in page, expected
    experience = b.card("Senior Backend Engineer · Northwind Analytics", ".entry")
    for expected in ("line 10: Senior Backend Engineer, Northwind Analytics",
                     "line 13: - Cut p99 latency"):
        assert expected in b.text(experience), b.text(experience)
    b.docs_screenshot("02-profile-evidence")

    # The list, and the JSON Resume download.
    b.click("Résumés", kind="link", within=b.js("return document.getElementById('site-nav');"))
    b.wait_heading("Your résumés")
    assert "jane_doe_resume.txt" in b.text()
    b.click("Download JSON Resume")
    resume = b.read_json_download("jane_doe_resume.resume.json")
    assert resume["$schema"].endswith("/schema.json")
    assert resume["basics"]["name"] == "Jane Doe"
    assert resume["work"][0]["name"] == "Northwind Analytics"

    # Matches with explanations, then a filter.
    b.click("Matches", kind="link", within=b.js("return document.getElementById('site-nav');"))
    b.wait_heading("Matches")
    first = b.wait(lambda: b.js("return document.querySelector('.job-card');"), "no match cards")
    card_text = b.text(first)
    assert b.js("return arguments[0].querySelector('.explanation').textContent.trim().length > 20;", first)
    assert "Missing required skills" in card_text and "Experience" in card_text
    assert b.js("return arguments[0].querySelector('meter').value > 0;", first)
    b.docs_screenshot("03-matches", top=b.js("return document.querySelector('.match-results');"))
    b.choose("Remote", "Remote only")
    b.click("More filters", kind="any")
    b.fill("Minimum score (%)", "10")
    b.click("Find matches")
    b.wait_status("matching job")
    cards = b.js("return [...document.querySelectorAll('.job-card')].map((c) => c.querySelector('.meta').textContent);")
    assert cards and all("Remote" in meta for meta in cards), cards
    b.choose("Remote", "Any")
    b.fill("Minimum score (%)", "")
    b.click("Find matches")
    b.wait(lambda: "Remote" not in b.js("return document.querySelector('.job-card .meta').textContent;"),
           "the filter was not lifted")

    # Bookmark and apply from the first hit.
    hit = b.js("return document.querySelector('.job-card');")
    job_title = b.js("return arguments[0].querySelector('h3').textContent;", hit)
    b.click("Bookmark", within=hit)
    b.wait_status("Bookmarked")
    assert b.find("button", "Bookmarked", hit)
    b.click("Mark as applied", within=hit)
    b.wait_status("Recorded your application")

    # A stale access token is refreshed once, transparently.
    b.js("const t = JSON.parse(localStorage.getItem('aligncv.tokens'));"
         "t.access_token = 'expired.or.garbage'; localStorage.setItem('aligncv.tokens', JSON.stringify(t));")
    b.click("Bookmarks", kind="link", within=b.js("return document.getElementById('site-nav');"))
    b.wait_heading("Bookmarks")
    assert job_title in b.text()
    assert b.js("return JSON.parse(localStorage.getItem('aligncv.tokens')).access_token") != "expired.or.garbage"

    # The applications board: change the status, see the history.
    b.click("Applications", kind="link", within=b.js("return document.getElementById('site-nav');"))
    b.wait_heading("Applications")
    applied = b.card("Applied", "section.column")
    card = b.card(job_title, ".app-card")
    assert b.js("return arguments[0].contains(arguments[1]);", applied, card)
    b.choose("Status", "Interviewing", within=card)
    b.fill("Notes", "Recruiter call on Monday", within=card)
    b.click("Save", within=card)
    b.wait_status("moved from Applied to Interviewing")
    interviewing = b.card("Interviewing", "section.column")
    card = b.card(job_title, ".app-card")
    assert b.js("return arguments[0].contains(arguments[1]);", interviewing, card)
    assert b.js("return document.activeElement.tagName === 'SELECT' && arguments[0].contains(document.activeElement);", card)
    b.click("History (2)", within=card, kind="any")
    history = b.js("return [...arguments[0].querySelectorAll('.history li')].map((li) => li.textContent);", card)
    assert [entry.split(" · ")[0] for entry in history] == ["Applied", "Interviewing"], history
    b.docs_screenshot("04-applications")

    # The ATS check: a too-short description shows the 422 with its field, then a report.
    b.click("ATS check", kind="link", within=b.js("return document.getElementById('site-nav');"))
    b.wait_heading("ATS check")
    b.paste("Job description", "Go developer wanted.")
    b.click("Check my résumé")
    error = b.wait_form_error("at least 50 characters")
    assert error.startswith("Job description:"), error
    b.paste("Job description", JOB_DESCRIPTION)
    b.click("Check my résumé")
    b.wait_status("ATS score:")
    report = b.text(b.js("return document.querySelector('.ats-report');"))
    for expected in ("Matched skills", "Missing skills", "Keyword coverage", "Section checks", "Suggestions", "contact"):
        assert expected in report, expected

    # Rewrite with a diff, and the download of the result.
    b.click("Writing", kind="link", within=b.js("return document.getElementById('site-nav');"))
    b.wait_heading("Writing: Rewrite")
    b.choose("Style", "Management")
    b.click("Rewrite", exact=True)
    b.wait_status("Rewrite ready")
    result = b.js("return document.querySelector('.write-result');")
    assert b.js("return arguments[0].querySelectorAll('.diff ins, .diff del').length > 0;", result)
    after = b.js("return arguments[0].querySelectorAll('.compare pre')[1].textContent;", result)
    b.docs_screenshot("05-rewrite-diff", top=b.js("return arguments[0].querySelector('.diff').previousElementSibling;", result))
    b.click("Download the rewritten résumé", within=result)
    assert b.read_download("jane-doe-resume-management.txt") == after

    # Tailor to a job, a cover letter, LinkedIn texts.
    b.click("Tailor to a job", kind="link")
    b.wait_heading("Writing: Tailor to a job")
    b.paste("Job description", JOB_DESCRIPTION)
    b.choose("How much to change", "Aggressive")
    b.click("Tailor", exact=True)
    b.wait_status("Tailored ready")
    tailored = b.text(b.js("return document.querySelector('.write-result');"))
    assert "Match with the job:" in tailored and "(aggressive)" in tailored
    assert "Requirements and where your résumé shows them" in tailored
    assert b.js("return document.querySelectorAll('.write-result .diff p').length > 0;")

    b.click("Cover letter", kind="link", within=b.js("return document.querySelector('.subnav');"))
    b.wait_heading("Writing: Cover letter")
    b.paste("Job description", JOB_DESCRIPTION)
    b.choose("Tone", "Enthusiastic")
    b.click("Write the letter")
    b.wait_status("Cover letter ready")
    letter = b.text(b.js("return document.querySelector('.write-result');"))
    assert "words · enthusiastic tone" in letter
    b.click("Download the letter")
    assert b.read_download("jane-doe-resume-cover-letter.txt").strip()

    b.click("LinkedIn", kind="link", within=b.js("return document.querySelector('.subnav');"))
    b.wait_heading("Writing: LinkedIn")
    b.fill("Target role", "Staff Engineer")
    b.click("Write LinkedIn texts")
    b.wait_status("LinkedIn ready")
    linkedin = b.text(b.js("return document.querySelector('.write-result');"))
    assert "Headline" in linkedin and "About" in linkedin and "Staff Engineer" in linkedin
    versions = b.js("return document.querySelector('.versions');")
    for kind in ("Rewrite", "Tailored", "Cover letter", "LinkedIn"):
        assert kind in b.text(versions), b.text(versions)
    b.click("Open", within=b.card("Rewrite · Management", ".versions li"))  # an earlier result again
    b.wait(lambda: "Rewrite · Management from" in b.text(b.js("return document.querySelector('.write-result');")),
           "the rewrite version did not open")
    assert b.js("return document.querySelectorAll('.write-result .compare pre')[1].textContent;") == after

    # Notification settings: a bad time zone shows its field, then saved; a test notification.
    b.click("Notifications", kind="link", within=b.js("return document.getElementById('site-nav');"))
    b.wait_heading("Notifications")
    b.click("Settings", kind="link", within=b.js("return document.querySelector('.subnav');"))
    b.wait_heading("Notification settings")
    b.choose("How e-mail is delivered", "Weekly digest")
    b.check("Weekly summary", False)
    b.fill("Minimum match score (%)", "70")
    b.fill("Time zone", "Mars/Olympus_Mons")
    b.click("Save settings")
    error = b.wait_form_error("unknown time zone")
    assert error.startswith("Time zone:"), error
    b.fill("Time zone", "Europe/Berlin")
    b.click("Save settings")
    b.wait_status("Notification settings saved")
    b.click("Send a test notification")
    b.wait_status("Test notification created")
    b.open("notifications/settings")
    assert b.field("How e-mail is delivered").get_attribute("value") == "weekly"
    assert b.field("Minimum match score (%)").get_attribute("value") == "70"
    assert b.field("Time zone").get_attribute("value") == "Europe/Berlin"
    assert not b.field("Weekly summary").is_selected()

    # The inbox: the status change and the test; filter, mark read, mark all, delete.
    b.click("Inbox", kind="link")
    b.wait_heading("Notifications")
    inbox = b.text()
    assert f"Application update: {job_title}" in inbox and "Test notification" in inbox
    assert b.js("return document.querySelector('#site-nav .badge').textContent;") == "2 unread"
    b.docs_screenshot("06-notifications")
    b.choose("Type", "System")
    b.click("Filter")
    b.wait_status("1 notification shown")
    assert "Application update:" not in b.text(b.js("return document.querySelector('.notes');"))
    system = b.card("Test notification")
    b.click("Mark as read", within=system)
    b.wait_status("Marked “Test notification” as read")
    b.check("Unread only")
    b.click("Filter")
    b.wait_status("0 notifications shown")
    b.choose("Type", "All types")
    b.click("Filter")
    b.wait_status("1 notification shown")
    b.click("Mark all as read")
    b.wait_status("All notifications marked as read (1)")
    b.check("Unread only", False)
    b.click("Filter")
    b.wait_status("2 notifications shown")
    b.click("Delete", within=b.card("Test notification"))
    b.wait_status("Deleted “Test notification”")
    assert "Test notification" not in b.text()

    # Account: profile, password, export, deletion.
    b.click("Account", kind="link", within=b.js("return document.getElementById('site-nav');"))
    b.wait_heading("Account")
    b.fill("Phone", "+1 555-010-0123")
    b.fill("Location", "Berlin, Germany")
    b.fill("LinkedIn URL", "not a url")
    b.click("Save profile")
    error = b.wait_form_error("LinkedIn URL:")
    assert b.field("LinkedIn URL").get_attribute("aria-invalid") == "true", error
    b.fill("LinkedIn URL", "https://www.linkedin.com/in/jane-example")
    b.click("Save profile")
    b.wait_status("Profile saved")

    b.check("Contract")
    b.fill("Preferred locations", "Berlin, Remote")
    b.check("Remote jobs only")
    b.click("Save preferences")
    b.wait_status("Preferences saved")

    b.fill("Current password", PASSWORD)
    b.fill("New password", NEW_PASSWORD)
    b.fill("Repeat the new password", NEW_PASSWORD + "!")
    b.click("Change password")
    b.wait_form_error("The two new passwords differ")
    b.fill("Current password", "not my password")
    b.fill("Repeat the new password", NEW_PASSWORD)
    b.click("Change password")
    b.wait_form_error("Current password is incorrect")
    b.fill("Current password", PASSWORD)
    b.click("Change password")
    b.wait_status("Password updated successfully")

    b.open("account")  # a reload shows what the server kept
    assert b.field("Location").get_attribute("value") == "Berlin, Germany"
    assert b.field("LinkedIn URL").get_attribute("value") == "https://www.linkedin.com/in/jane-example"
    assert b.field("Contract").is_selected() and b.field("Remote jobs only").is_selected()
    b.click("Download my data (JSON)")
    export = b.read_json_download("aligncv-export.json")
    assert export["user"]["email"] == email and export["user"]["phone"] == "+1 555-010-0123"
    assert export["user"]["preferences"]["preferred_locations"] == ["Berlin", "Remote"]
    assert [d["file_name"] for d in export["documents"]] == ["jane_doe_resume.txt"]
    assert len(export["applications"]) == 1 and export["applications"][0]["status"] == "interviewing"
    assert {v["kind"] for v in export["versions"]} == {"rewrite", "tailor", "cover_letter", "linkedin"}

    b.click("Résumés", kind="link", within=b.js("return document.getElementById('site-nav');"))
    b.wait_heading("Your résumés")
    b.click("Delete", within=b.js("return document.querySelector('.doc-list li');"))
    b.click("Delete résumé", within=b.wait(
        lambda: b.js("const d = document.getElementById('confirm-dialog'); return d.open ? d : null;"), "no dialog"))
    b.wait_status("Deleted jane_doe_resume.txt")
    assert "No résumés yet" in b.text()

    b.click("Account", kind="link", within=b.js("return document.getElementById('site-nav');"))
    b.wait_heading("Account")

    b.click("Delete my account")
    dialog = b.wait(lambda: b.js("const d = document.getElementById('confirm-dialog'); return d.open ? d : null;"),
                    "no confirmation dialog")
    assert "cannot be undone" in b.text(dialog)
    b.click("Cancel", within=dialog)
    assert not b.js("return document.getElementById('confirm-dialog').open;")
    b.click("Delete my account")
    b.click("Delete my account", within=b.wait(
        lambda: b.js("const d = document.getElementById('confirm-dialog'); return d.open ? d : null;"), "no dialog"))
    b.wait_heading("Sign in")
    b.wait_status("Your account and all its data were deleted")
    assert client.login(email, NEW_PASSWORD).status_code == 401
    assert not b.console_errors(), b.console_errors()


# ---- keyboard, names, small screens -------------------------------------------------------------

def test_keyboard_only_sign_in(browser: Browser, client: ApiClient) -> None:
    b = browser
    email = unique_email("keys")
    assert client.signup(name="Kim Keys", email=email).status_code == 201
    active = lambda: b.js("const a = document.activeElement; return a.name || a.id || a.className || a.tagName;")

    # The view's heading has the focus; the form follows it in the tab order.
    b.open("signin")
    assert b.js("return document.activeElement === document.querySelector('main h1');")
    b.keys(Keys.TAB)
    assert active() == "email"
    b.keys(email, Keys.TAB)
    assert active() == "password"
    b.keys(PASSWORD, Keys.ENTER)
    b.wait_heading("Your résumés")
    b.wait_status("Signed in as Kim Keys")

    # Backwards through the menu to the skip link, which jumps to the content (and keeps the view).
    for _ in range(15):
        b.keys(Keys.SHIFT + Keys.TAB)
        if active() == "skip-link":
            break
    assert active() == "skip-link"
    b.keys(Keys.ENTER)
    assert active() == "main"
    b.keys(Keys.TAB)
    assert active() == "file"
    assert b.heading() == "Your résumés"


def _user_with_data(client: ApiClient) -> Dict[str, str]:
    """A user with a résumé, a bookmark, applications and notifications, made over HTTP."""
    email = unique_email("views")
    answer = client.signup(name="Vera Views", email=email).json()
    headers = ApiClient.bearer(answer["tokens"]["access_token"])
    with RESUME_PDF.open("rb") as pdf:
        upload = client.post("/v2/documents/upload", headers=headers,
                             files={"file": (RESUME_PDF.name, pdf, "application/pdf")})
    assert upload.status_code == 200, upload.text
    hits = client.post("/v2/jobs/match", headers=headers,
                       json={"resume_id": upload.json()["document_id"], "top_k": 3}).json()
    assert len(hits) == 3
    assert client.post("/v2/jobs/bookmark", headers=headers, json={"job_id": hits[0]["job_id"]}).status_code == 200
    for hit, status in zip(hits, ("applied", "offered")):
        assert client.post("/v2/jobs/apply", headers=headers,
                           json={"job_id": hit["job_id"], "status": status}).status_code == 200
    assert client.post("/v2/notifications/test", headers=headers).status_code == 200
    return {"access_token": answer["tokens"]["access_token"],
            "refresh_token": answer["tokens"]["refresh_token"],
            "document_id": upload.json()["document_id"]}


VIEWS = ["documents", "documents/{document_id}", "matches", "ats", "bookmarks", "applications",
         "write", "write/tailor", "write/cover-letter", "write/linkedin", "notifications",
         "notifications/settings", "account"]


def test_every_view_names_its_controls_and_fits_375px(browser: Browser, client: ApiClient) -> None:
    b = browser
    data = _user_with_data(client)
    problems = []
    for route in ["signin", "signup"]:
        b.size(*DESKTOP)
        b.open(route)
        problems += [f"#/{route}: unnamed {html}" for html in b.unnamed_controls()]
        b.size(*PHONE)
        if b.horizontal_overflow() > 0:
            problems.append(f"#/{route} at {PHONE[0]} px scrolls sideways by {b.horizontal_overflow()} px")
    b.js("localStorage.setItem('aligncv.tokens', JSON.stringify(arguments[0]));",
         {"access_token": data["access_token"], "refresh_token": data["refresh_token"]})
    for width, height in (DESKTOP, PHONE):
        b.size(width, height)
        for route in VIEWS:
            route = route.format(**data)
            b.open(route)
            heading = b.heading()
            assert heading not in ("Page not found", "This page could not be loaded"), (route, b.alert_text())
            if width == DESKTOP[0]:
                problems += [f"#/{route}: unnamed {html}" for html in b.unnamed_controls()]
            else:
                overflow = b.horizontal_overflow()
                if overflow > 0:
                    problems.append(f"#/{route} at {width} px scrolls sideways by {overflow} px")
    # The collapsed menu opens from its button and lists every view.
    assert b.js("return getComputedStyle(document.getElementById('site-nav')).display;") == "none"
    b.click("Menu")
    assert b.js("return document.getElementById('menu-toggle').getAttribute('aria-expanded');") == "true"
    b.click("Bookmarks", kind="link", within=b.js("return document.getElementById('site-nav');"))
    b.wait_heading("Bookmarks")
    assert b.horizontal_overflow() <= 0
    assert not problems, "\n".join(problems)


# ---- Google sign-in ---------------------------------------------------------------------------

def test_no_google_button_without_google(browser: Browser) -> None:
    b = browser
    b.wait_heading("Sign in")
    assert b.js("return document.querySelector('meta[name=\"aligncv-google-client-id\"]').content;") == ""
    assert not b.js("return document.querySelector('.google');")
    assert not b.js("return [...document.scripts].some((s) => s.src.includes('google'));")


def test_google_sign_in_when_configured(chrome: Browser, server_factory, tmp_path: Path) -> None:
    """With GOOGLE_CLIENT_ID the page loads Google Identity Services; the test browser cannot reach
    Google, so the page says so and keeps the e-mail sign-in working."""
    client_id = "1234567890-test.apps.googleusercontent.com"
    google_server = server_factory(GOOGLE_CLIENT_ID=client_id)
    b = Browser(chrome.driver, google_server.url, chrome.download_dir)
    b.reset()
    b.wait_heading("Sign in")
    assert b.js("return document.querySelector('meta[name=\"aligncv-google-client-id\"]').content;") == client_id
    assert b.js("return [...document.scripts].some((s) => s.src === 'https://accounts.google.com/gsi/client');")
    b.wait(lambda: "could not be loaded" in b.text(), "no message about Google being unreachable")
    assert b.field("E-mail") and b.field("Password")
