"""Helpers shared by the test files: the server process, JWTs, raw sockets, contract constants."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import signal
import socket
import subprocess
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import requests

REPO = Path(__file__).resolve().parent.parent

# At least 32 bytes, as JWT_SECRET_KEY requires; tests mint tokens with it.
JWT_SECRET = "aligncv-test-secret-0123456789abcdef0123456789abcdef"
OTHER_SECRET = "another-secret-that-the-server-does-not-know-0123456789"

# Cheap hashing for speed; a test that checks the default cost opens its own engine.
FAST_ARGON2 = {"argon2_memory_kib": 1024, "argon2_iterations": 1}
FAST_ARGON2_ENV = {"ARGON2_MEMORY_KIB": "1024", "ARGON2_ITERATIONS": "1"}

PASSWORD = "correct horse battery"

# ---- the contract (docs/api-v2.md) ---------------------------------------------------------

AUTH_USER_KEYS = {"id", "name", "email", "google_id", "created_at"}
USER_KEYS = AUTH_USER_KEYS | {
    "updated_at", "phone", "location", "linkedin_url", "github_url", "bio",
    "is_admin", "has_password", "preferences",
}
TOKEN_KEYS = {"access_token", "refresh_token", "token_type", "expires_in"}
DEFAULT_PREFERENCES = {
    "job_types": ["Full-time"], "min_salary": 0, "preferred_locations": [], "remote_only": False,
    "items_per_page": 20, "show_company_logos": True,
}
DEFAULT_NOTIFICATION_SETTINGS = {
    "email_enabled": True, "digest_frequency": "daily", "weekly_summary": True,
    "notify_new_matches": True, "notify_application_updates": True,
    "notify_system_updates": True, "email_new_matches": True,
    "email_application_updates": True, "min_match_score": 0.85, "quiet_hours_start": None,
    "quiet_hours_end": None, "timezone": "UTC",
    # aliases of the existing frontend
    "email_job_matches": True, "email_weekly_digest": True, "push_job_matches": True,
    "push_application_updates": True, "push_system_updates": True,
    "notification_frequency": "daily",
}
BASE_FEATURES = [
    "JWT Authentication", "Document Upload (PDF/DOCX/TXT/MD)", "Resume Parsing (JSON Resume)",
    "Skills Extraction (O*NET taxonomy)", "Job Import (JSON/JSONL/CSV/JobSpy)",
    "Job Matching & Ranking", "ATS Scoring", "Job Bookmarks & Applications",
    "Resume Rewriting & Tailoring (local engine)", "Notifications & Digests",
]

UUID4_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
TIMESTAMP_RE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")

NOT_AUTHENTICATED = {"detail": "Not authenticated", "code": "not_authenticated"}
INVALID_TOKEN = {"detail": "Invalid or expired token", "code": "invalid_token"}
INVALID_REFRESH = {"detail": "Invalid refresh token", "code": "invalid_token"}
INVALID_CREDENTIALS = {"detail": "Invalid email or password", "code": "invalid_credentials"}

# Every variable of api-v2.md section 8: scrubbed from the server's environment so that the
# developer's shell cannot change what the tests see.
CONFIG_VARIABLES = [
    "ALIGNCV_DATA_DIR", "DATABASE_URL", "HOST", "PORT", "HTTP_THREADS", "PUBLIC_URL",
    "ENVIRONMENT", "JWT_SECRET_KEY", "JWT_ALGORITHM", "JWT_ACCESS_TOKEN_EXPIRE_MINUTES",
    "JWT_REFRESH_TOKEN_EXPIRE_DAYS", "ARGON2_MEMORY_KIB", "ARGON2_ITERATIONS",
    "ARGON2_PARALLELISM", "ALIGNCV_ADMIN_EMAILS", "GOOGLE_CLIENT_ID", "GOOGLE_JWKS_URL",
    "LLM_BASE_URL", "LLM_API_KEY", "LLM_MODEL", "GROQ_API_KEY", "MISTRAL_API_KEY",
    "LLM_TIMEOUT_SECONDS", "EMBEDDINGS_BASE_URL", "EMBEDDINGS_API_KEY", "EMBEDDINGS_MODEL",
    "SMTP_URL", "SMTP_USER", "SMTP_PASSWORD", "SMTP_FROM", "SMTP_MAX_ATTEMPTS", "DIGEST_HOUR",
    "MAX_FILE_SIZE_MB", "MAX_IMPORT_SIZE_MB", "CORS_ORIGINS", "TRUSTED_PROXIES",
    "RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT", "RATE_LIMIT_LOGIN_FAILURES_PER_IP",
    "RATE_LIMIT_LOGIN_DELAY_AFTER", "RATE_LIMIT_LOGIN_MAX_DELAY_SECONDS",
    "RATE_LIMIT_UPLOADS_PER_HOUR", "RATE_LIMIT_REWRITES_PER_HOUR", "METRICS_ENABLED",
    "LOG_LEVEL", "LOG_FILE",
]


def unique_email(prefix: str = "user") -> str:
    return f"{prefix}.{uuid.uuid4().hex[:12]}@example.com"


def parse_timestamp(text: str) -> datetime:
    """The client contract's way of reading API timestamps."""
    assert TIMESTAMP_RE.match(text), text
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def assert_recent(text: str, seconds: float = 120) -> None:
    delta = abs((datetime.now(timezone.utc) - parse_timestamp(text)).total_seconds())
    assert delta < seconds, f"{text} is {delta:.0f} s away from now"


# ---- JWTs ----------------------------------------------------------------------------------

def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def decode_jwt(token: str) -> Tuple[Dict[str, Any], Dict[str, Any]]:
    """(header, claims) without verifying anything."""
    header, payload, _ = token.split(".")
    return json.loads(b64url_decode(header)), json.loads(b64url_decode(payload))


_HASHES = {"HS256": hashlib.sha256, "HS384": hashlib.sha384, "HS512": hashlib.sha512}


def sign_jwt(claims: Dict[str, Any], key: str = JWT_SECRET, alg: str = "HS256",
             header: Optional[Dict[str, Any]] = None) -> str:
    header = header if header is not None else {"alg": alg, "typ": "JWT"}
    signing_input = (b64url(json.dumps(header, separators=(",", ":")).encode()) + "."
                     + b64url(json.dumps(claims, separators=(",", ":")).encode()))
    if alg == "none":
        return signing_input + "."
    mac = hmac.new(key.encode(), signing_input.encode(), _HASHES[alg]).digest()
    return signing_input + "." + b64url(mac)


# ---- the server process ----------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def aligncv_binary() -> Path:
    return Path(os.environ.get("ALIGNCV_BIN", REPO / "build" / "bin" / "aligncv"))


def server_env(data_dir: Path, extra: Dict[str, str]) -> Dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in CONFIG_VARIABLES}
    env.update(FAST_ARGON2_ENV)
    env.update({"JWT_SECRET_KEY": JWT_SECRET, "LOG_LEVEL": "warning", "ENVIRONMENT": "testing"})
    env.update(extra)
    return {k: v for k, v in env.items() if v is not None}


@dataclass
class ServerProcess:
    """`aligncv serve` in a subprocess on a free port, with its own data folder and cwd (so no
    developer .env is read)."""

    binary: Path
    workdir: Path
    env_extra: Dict[str, str] = field(default_factory=dict)
    port: int = 0
    process: Optional[subprocess.Popen] = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 30.0) -> "ServerProcess":
        self.workdir.mkdir(parents=True, exist_ok=True)
        data_dir = self.workdir / "data"
        for attempt in range(3):
            self.port = free_port()
            self.stdout = open(self.workdir / "stdout.log", "wb")
            self.stderr = open(self.workdir / "stderr.log", "wb")
            self.process = subprocess.Popen(
                [str(self.binary), "serve", "--host", "127.0.0.1", "--port", str(self.port),
                 "--data-dir", str(data_dir)],
                cwd=self.workdir, env=server_env(data_dir, self.env_extra),
                stdout=self.stdout, stderr=self.stderr)
            if self._wait_healthy(timeout):
                return self
            if self.process.poll() is None:
                break  # running but never healthy: not a port race
        self.process.kill()
        self.process.wait()
        raise AssertionError(f"aligncv serve did not become healthy on {self.url}\n{self.logs()}")

    def _wait_healthy(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            try:
                if requests.get(self.url + "/v2/health", timeout=2).status_code == 200:
                    return True
            except requests.RequestException:
                pass
            time.sleep(0.05)
        return False

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def logs(self) -> str:
        out = []
        for name in ("stdout.log", "stderr.log"):
            path = self.workdir / name
            if path.exists():
                out.append(f"--- {name} ---\n" + path.read_text(errors="replace")[-4000:])
        return "\n".join(out)

    def stop(self, timeout: float = 15.0) -> int:
        """SIGTERM, then the exit code (the caller asserts it)."""
        if self.process is None:
            return 0
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            code = self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise AssertionError(f"aligncv serve ignored SIGTERM for {timeout} s\n{self.logs()}")
        finally:
            self.stdout.close()
            self.stderr.close()
        return code


# ---- raw sockets, for what requests cannot send -------------------------------------------

def raw_request(port: int, data: bytes, timeout: float = 10.0, read_limit: int = 1 << 20,
                shutdown_write: bool = False) -> bytes:
    """Sends bytes to the server and returns whatever it answers before closing or going quiet."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        try:
            s.sendall(data)
            if shutdown_write:
                s.shutdown(socket.SHUT_WR)
        except OSError:
            pass  # the server may answer and close before reading everything
        return read_response(s, timeout, read_limit)


def read_response(s: socket.socket, timeout: float, read_limit: int = 1 << 20) -> bytes:
    s.settimeout(timeout)
    chunks: List[bytes] = []
    total = 0
    while total < read_limit:
        try:
            chunk = s.recv(65536)
        except socket.timeout:
            break
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        if _complete(b"".join(chunks)):
            break
    return b"".join(chunks)


def _complete(data: bytes) -> bool:
    head, sep, body = data.partition(b"\r\n\r\n")
    if not sep:
        return False
    match = re.search(rb"(?im)^content-length:\s*(\d+)\s*$", head)
    return match is not None and len(body) >= int(match.group(1))


def parse_raw_response(data: bytes) -> Tuple[int, Dict[str, str], bytes]:
    """(status, lower-cased headers, body) of the first response in `data`."""
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    if "content-length" in headers:
        body = body[:int(headers["content-length"])]
    return status, headers, body


def count_responses(data: bytes) -> int:
    return len(re.findall(rb"HTTP/1\.[01] \d{3} ", data))


# ---- HTTP client ---------------------------------------------------------------------------

class ApiClient(requests.Session):
    """A requests.Session bound to a server: paths starting with "/" are joined to its URL."""

    def __init__(self, base_url: str) -> None:
        super().__init__()
        self.base_url = base_url.rstrip("/")

    def request(self, method, url, *args, **kwargs):  # type: ignore[override]
        if isinstance(url, str) and url.startswith("/"):
            url = self.base_url + url
        kwargs.setdefault("timeout", 30)
        kwargs.setdefault("allow_redirects", False)
        return super().request(method, url, *args, **kwargs)

    @staticmethod
    def bearer(token: str) -> Dict[str, str]:
        return {"Authorization": f"Bearer {token}"}

    def signup(self, name: str = "Test User", email: Optional[str] = None,
               password: str = PASSWORD) -> requests.Response:
        body = {"name": name, "email": email or unique_email(), "password": password}
        return self.post("/v2/auth/signup", json=body)

    def login(self, email: str, password: str = PASSWORD) -> requests.Response:
        return self.post("/v2/auth/login", json={"email": email, "password": password})


@dataclass
class HttpUser:
    """A user signed up over HTTP, with the tokens of that sign-up."""

    name: str
    email: str
    password: str
    id: str
    access: str
    refresh: str

    @property
    def headers(self) -> Dict[str, str]:
        return {"Authorization": f"Bearer {self.access}"}


def error_body(response: requests.Response) -> Dict[str, Any]:
    assert response.headers.get("Content-Type", "").startswith("application/json"), response.headers
    return response.json()


def issues(response: requests.Response) -> List[Dict[str, Any]]:
    assert response.status_code == 422, (response.status_code, response.text)
    body = response.json()
    assert body["code"] == "validation_error", body
    assert isinstance(body["detail"], list) and body["detail"], body
    return body["detail"]


def issue_at(response: requests.Response, *loc: Any) -> Dict[str, Any]:
    found = [i for i in issues(response) if i["loc"] == ["body", *loc]]
    assert len(found) == 1, (loc, response.json())
    return found[0]
