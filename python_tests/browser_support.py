"""Headless Chromium for the browser tests (python3-selenium, chromium, chromium-driver from
Debian): a `Browser` that finds controls the way a user does, by their label or text, and waits
for the app instead of sleeping.

The browser may reach 127.0.0.1 only: every other host name resolves to nothing, so a test can
never touch the internet (and a page that tried would show it)."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path
from typing import Any, Callable, List, Optional, Union

from support import REPO

try:
    from selenium import webdriver
    from selenium.common.exceptions import JavascriptException, TimeoutException, WebDriverException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.remote.webelement import WebElement
    from selenium.webdriver.support.ui import Select, WebDriverWait
except ImportError:  # reported by missing_requirements()
    webdriver = None

CHROMIUM = os.environ.get("ALIGNCV_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("ALIGNCV_CHROMEDRIVER", "/usr/bin/chromedriver")
FAILURE_SHOTS = REPO / "build" / "browser-screenshots"
DESKTOP = (1280, 800)
PHONE = (375, 812)
TIMEOUT = 15


def missing_requirements() -> Optional[str]:
    """Why the browser tests cannot run here, or None."""
    if webdriver is None:
        return "python3-selenium is not installed (apt-get install python3-selenium)"
    for path, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not (Path(path).exists() or shutil.which(path)):
            return f"{path} is missing (apt-get install {package})"
    return None


def start_chrome(download_dir: Path) -> "webdriver.Chrome":
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--no-first-run", "--disable-extensions", "--lang=en-US",
                     "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
                     f"--window-size={DESKTOP[0]},{DESKTOP[1]}"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {
        "download.default_directory": str(download_dir),
        "download.prompt_for_download": False,
        "intl.accept_languages": "en-US",
    })
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior",
                           {"behavior": "allow", "downloadPath": str(download_dir)})
    return driver


# Finds a control by what a user reads: a label's own text (not the "*" or screen-reader-only
# parts), or a button's / link's text. `exact` compares the whole visible text, else its start.
_FIND_JS = """
const [kind, text, scope, exact] = arguments;
const root = scope || document;
const clean = (node) => {
  const copy = node.cloneNode(true);
  copy.querySelectorAll('.sr-only, .req, .badge').forEach((n) => n.remove());
  return copy.textContent.replace(/\\s+/g, ' ').trim();
};
const visible = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
const fits = (t) => exact ? t === text : (t === text || t.startsWith(text));
if (kind === 'label') {
  for (const label of root.querySelectorAll('label')) {
    if (fits(clean(label)) && label.control && visible(label.control)) return label.control;
  }
  for (const legend of root.querySelectorAll('legend')) {
    if (fits(clean(legend))) return legend.parentElement;
  }
  return null;
}
const selector = kind === 'button' ? 'button' : kind === 'link' ? 'a[href]' : 'button, a[href], summary';
for (const el of root.querySelectorAll(selector)) {
  if (visible(el) && fits(clean(el))) return el;
}
return null;
"""

# Every form control and button without an accessible name (label, aria-label(ledby), text).
UNNAMED_CONTROLS_JS = """
const named = (el) => {
  if (el.getAttribute('aria-label')) return true;
  const by = el.getAttribute('aria-labelledby');
  if (by && by.split(/\\s+/).some((id) => (document.getElementById(id)?.textContent || '').trim())) return true;
  if (el.labels && [...el.labels].some((l) => l.textContent.trim())) return true;
  if (el.tagName === 'BUTTON' || el.tagName === 'A' || el.tagName === 'SUMMARY') return el.textContent.trim() !== '';
  return el.title && el.title.trim() !== '';
};
const controls = document.querySelectorAll('input:not([type=hidden]), select, textarea, button, a[href], summary');
return [...controls].filter((el) => !named(el)).map((el) => el.outerHTML.slice(0, 160));
"""


class Browser:
    """One Chrome for a test module, pointed at one server."""

    def __init__(self, driver: "webdriver.Chrome", base_url: str, download_dir: Path) -> None:
        self.driver = driver
        self.base_url = base_url.rstrip("/")
        self.download_dir = download_dir
        self.loads = 0
        shots = os.environ.get("ALIGNCV_SCREENSHOTS")
        self.docs_shots = Path(shots) if shots else None

    # ---- navigation and waiting ----------------------------------------------------------

    def open(self, route: str = "") -> None:
        """Loads the app at #/<route>: a full page load, even when only the fragment differs
        (the query string makes each load a new document; the server ignores it)."""
        self.loads += 1
        self.driver.get(f"{self.base_url}/?load={self.loads}#/{route}")
        self.wait_ready()

    def reset(self) -> None:
        """Signed out, desktop size, on the sign-in page."""
        self.size(*DESKTOP)
        self.driver.get(self.base_url + "/")
        self.driver.execute_script("localStorage.clear(); sessionStorage.clear();")
        self.open("signin")

    def size(self, width: int, height: int) -> None:
        """The page's viewport in CSS pixels (a phone when narrow)."""
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})

    def wait(self, condition: Callable[[], Any], message: Union[str, Callable[[], str]],
             timeout: float = TIMEOUT) -> Any:
        """The first truthy value of `condition`; at the timeout an AssertionError with
        `message` (a callable is asked then, so it describes the page as it ended up)."""
        def probe(_driver):
            try:
                return condition()
            except (JavascriptException, WebDriverException):
                return None
        try:
            return WebDriverWait(self.driver, timeout, poll_frequency=0.05).until(probe)
        except TimeoutException:
            raise AssertionError(message() if callable(message) else message) from None

    def js(self, script: str, *args: Any) -> Any:
        return self.driver.execute_script(script, *args)

    def wait_ready(self) -> None:
        self.wait(lambda: self.js("const m = document.getElementById('main');"
                                  "return m && !m.hasAttribute('aria-busy') && !!m.querySelector('h1');"),
                  "the app did not render a view")

    def heading(self) -> str:
        self.wait_ready()
        return self.js("return document.querySelector('main h1').textContent.trim();")

    def wait_heading(self, text: str) -> None:
        """Waits for the view whose <h1> starts with `text`, and checks that it has the focus."""
        self.wait(lambda: self.js("const m = document.getElementById('main'); const h = m.querySelector('h1');"
                                  "return !m.hasAttribute('aria-busy') && h && h.textContent.trim().startsWith(arguments[0]);",
                                  text),
                  lambda: (f"no view titled {text!r} (now: {self.js('return document.querySelector(`main h1`)?.textContent')!r}, "
                           f"alert: {self.alert_text()!r}, form errors: {self.form_errors()!r})"))
        focused = self.js("return document.activeElement === document.querySelector('main h1');")
        assert focused, f"focus did not move to the heading of {text!r}"

    # ---- finding and using controls ------------------------------------------------------

    def find(self, kind: str, text: str, within: Optional["WebElement"] = None,
             exact: bool = False) -> "WebElement":
        return self.wait(lambda: self.js(_FIND_JS, kind, text, within, exact),
                         f"no visible {kind} {text!r}")

    def field(self, label: str, within: Optional["WebElement"] = None) -> "WebElement":
        return self.find("label", label, within, exact=True)

    def fill(self, label: str, value: str, within: Optional["WebElement"] = None) -> "WebElement":
        element = self.field(label, within)
        element.clear()
        element.send_keys(value)
        return element

    def paste(self, label: str, value: str, within: Optional["WebElement"] = None) -> None:
        """Sets a long text at once, as pasting does (typing 1,000 characters is slow)."""
        element = self.field(label, within)
        self.js("arguments[0].value = arguments[1];"
                "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));", element, value)

    def choose(self, label: str, option_text: str, within: Optional["WebElement"] = None) -> None:
        Select(self.field(label, within)).select_by_visible_text(option_text)

    def keys(self, *keys: str) -> None:
        """Presses keys in whatever has the focus, as a keyboard does."""
        ActionChains(self.driver).send_keys(*keys).perform()

    def check(self, label: str, on: bool = True, within: Optional["WebElement"] = None) -> None:
        box = self.field(label, within)
        if box.is_selected() != on:
            box.click()

    def click(self, text: str, within: Optional["WebElement"] = None, kind: str = "button",
              exact: bool = False) -> None:
        element = self.find(kind, text, within, exact)
        self.js("arguments[0].scrollIntoView({block: 'center'});", element)
        element.click()

    def card(self, heading_text: str, selector: str = "article") -> "WebElement":
        """The first <article> (or `selector`) whose heading (or first <strong>) starts with
        `heading_text`."""
        return self.wait(lambda: self.js(
            "for (const el of document.querySelectorAll(arguments[1])) {"
            "  const h = el.querySelector('h2, h3, strong');"
            "  if (h && h.textContent.trim().startsWith(arguments[0])) return el; }"
            "return null;", heading_text, selector), f"no {selector} titled {heading_text!r}")

    # ---- what the app says -----------------------------------------------------------------

    def status_text(self) -> str:
        return self.js("return document.getElementById('status').textContent.trim();") or ""

    def alert_text(self) -> str:
        try:
            return self.js("return document.getElementById('alert')?.textContent.trim() || '';")
        except WebDriverException:
            return ""

    def wait_status(self, text: str) -> str:
        self.wait(lambda: text in self.status_text(),
                  lambda: (f"no status {text!r} (status: {self.status_text()!r}, alert: {self.alert_text()!r}, "
                           f"form errors: {self.form_errors()!r})"))
        return self.status_text()

    def form_errors(self) -> List[str]:
        return self.js("return [...document.querySelectorAll('.form-error:not([hidden])')]"
                       ".map((e) => e.textContent.trim()).filter(Boolean);") or []

    def wait_form_error(self, text: str) -> str:
        self.wait(lambda: any(text in e for e in self.form_errors()),
                  lambda: f"no form error {text!r} (errors: {self.form_errors()!r}, alert: {self.alert_text()!r})")
        return next(e for e in self.form_errors() if text in e)

    def text(self, element: Optional["WebElement"] = None) -> str:
        return self.js("return (arguments[0] || document.getElementById('main')).innerText;", element)

    def unnamed_controls(self) -> List[str]:
        return self.js(UNNAMED_CONTROLS_JS)

    def horizontal_overflow(self) -> int:
        """CSS pixels the page is wider than the viewport (0 = no horizontal scrolling)."""
        return self.js("return document.documentElement.scrollWidth - document.documentElement.clientWidth;")

    def console_errors(self) -> List[str]:
        """Script errors and CSP violations; not the API's expected 4xx answers, which Chrome
        also logs ("Failed to load resource")."""
        return [entry["message"] for entry in self.driver.get_log("browser")
                if entry["level"] == "SEVERE" and "Failed to load resource" not in entry["message"]]

    # ---- files ---------------------------------------------------------------------------

    def wait_download(self, name: str, timeout: float = TIMEOUT) -> Path:
        path = self.download_dir / name
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if path.exists() and not (self.download_dir / (name + ".crdownload")).exists():
                return path
            time.sleep(0.05)
        raise AssertionError(f"{name} was not downloaded; the folder has "
                             f"{sorted(p.name for p in self.download_dir.iterdir())}")

    def read_download(self, name: str) -> str:
        return self.wait_download(name).read_text(encoding="utf-8")

    def read_json_download(self, name: str) -> Any:
        return json.loads(self.read_download(name))

    def docs_screenshot(self, name: str, top: Optional["WebElement"] = None) -> None:
        """With ALIGNCV_SCREENSHOTS=<dir>: <dir>/<name>.png at the desktop size, scrolled to the
        top of the page or of `top`."""
        if self.docs_shots is None:
            return
        self.docs_shots.mkdir(parents=True, exist_ok=True)
        self.js("document.activeElement && document.activeElement.blur && document.activeElement.blur();"
                "if (arguments[0]) arguments[0].scrollIntoView({block: 'start'}); else window.scrollTo(0, 0);", top)
        self.driver.save_screenshot(str(self.docs_shots / f"{name}.png"))

    def failure_screenshot(self, test_name: str) -> Path:
        FAILURE_SHOTS.mkdir(parents=True, exist_ok=True)
        safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in test_name)[:120]
        path = FAILURE_SHOTS / f"{safe}.png"
        self.driver.save_screenshot(str(path))
        return path


__all__ = ["Browser", "DESKTOP", "Keys", "PHONE", "missing_requirements", "start_chrome"]
