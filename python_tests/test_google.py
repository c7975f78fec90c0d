"""Google sign-in through the Python API, against a local JWKS endpoint with RS256 ID tokens
signed here (api-v2.md, POST /v2/auth/google)."""

from __future__ import annotations

import http.server
import json
import socket
import threading
import time
import uuid

import pytest

import aligncv
from support import AUTH_USER_KEYS, PASSWORD, b64url, unique_email

# ---- Google sign-in (a local JWKS endpoint and RS256 tokens signed here) -------------------------

rsa = pytest.importorskip("cryptography.hazmat.primitives.asymmetric.rsa",
                          reason="python3-cryptography is needed to sign Google ID tokens")
from cryptography.hazmat.primitives import hashes  # noqa: E402
from cryptography.hazmat.primitives.asymmetric import padding  # noqa: E402

CLIENT_ID = "aligncv-test.apps.googleusercontent.com"


class _Jwks:
    def __init__(self) -> None:
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        numbers = self.key.public_key().public_numbers()

        def b64_int(value: int) -> str:
            return b64url(value.to_bytes((value.bit_length() + 7) // 8, "big"))

        body = json.dumps({"keys": [{"kty": "RSA", "kid": "test-kid", "use": "sig",
                                     "alg": "RS256", "n": b64_int(numbers.n),
                                     "e": b64_int(numbers.e)}]}).encode()

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Cache-Control", "public, max-age=3600")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/oauth2/v3/certs"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def token(self, **overrides) -> str:
        now = int(time.time())
        claims = {"iss": "https://accounts.google.com", "aud": CLIENT_ID,
                  "sub": "g-" + uuid.uuid4().hex,
                  "email": unique_email("g"), "email_verified": True, "name": "Gina Google",
                  "iat": now, "exp": now + 3600}
        claims.update(overrides)
        claims = {k: v for k, v in claims.items() if v is not None}  # None = leave the claim out
        header = {"alg": "RS256", "kid": "test-kid", "typ": "JWT"}
        signing_input = (b64url(json.dumps(header).encode()) + "."
                         + b64url(json.dumps(claims).encode()))
        signature = self.key.sign(signing_input.encode(), padding.PKCS1v15(), hashes.SHA256())
        return signing_input + "." + b64url(signature)


@pytest.fixture(scope="module")
def jwks():
    server = _Jwks()
    yield server
    server.httpd.shutdown()


@pytest.fixture
def google_engine(engine_factory, jwks):
    return engine_factory(google_client_id=CLIENT_ID, google_jwks_url=jwks.url)


def test_google_sign_in_registers_then_logs_in(google_engine, jwks):
    sub, email = "g-" + uuid.uuid4().hex, unique_email("g")
    first = google_engine.google_sign_in(token=jwks.token(sub=sub, email=email))
    assert first["message"] == "User registered successfully"
    assert set(first["user"]) == AUTH_USER_KEYS
    assert first["user"]["google_id"] == sub
    assert first["user"]["name"] == "Gina Google"
    second = google_engine.google_sign_in(token=jwks.token(sub=sub, email=email))
    assert second["message"] == "Login successful"
    assert second["user"]["id"] == first["user"]["id"]
    me = google_engine.me(second["tokens"]["access_token"])
    assert me["has_password"] is False


def test_google_account_without_password(google_engine, jwks):
    email = unique_email("g")
    result = google_engine.google_sign_in(token=jwks.token(email=email))
    with pytest.raises(aligncv.InvalidCredentialsError):
        google_engine.login(email=email, password=PASSWORD)
    with pytest.raises(aligncv.InvalidArgumentError) as info:
        google_engine.change_password(result["tokens"]["access_token"],
                                      current_password=PASSWORD, new_password="another secret")
    assert info.value.detail == "This account has no password; sign in with Google"


def test_google_name_defaults_to_the_local_part(google_engine, jwks):
    email = unique_email("local.part")
    token = jwks.token(email=email, name=None)
    result = google_engine.google_sign_in(token=token)
    assert result["user"]["name"] == email.split("@")[0]


def test_google_links_an_existing_password_account(google_engine, jwks):
    email = unique_email()
    signup = google_engine.signup(name="Jane Doe", email=email, password=PASSWORD)
    sub = "g-" + uuid.uuid4().hex
    result = google_engine.google_sign_in(token=jwks.token(sub=sub, email=email))
    assert result["message"] == "Login successful"
    assert result["user"]["id"] == signup["user"]["id"]
    assert result["user"]["google_id"] == sub
    with pytest.raises(aligncv.ConflictError) as info:
        google_engine.google_sign_in(token=jwks.token(sub="g-someone-else", email=email))
    assert info.value.detail == "Email is linked to a different Google account"


@pytest.mark.parametrize("claims, detail", [
    ({"aud": "someone-else"}, "Invalid Google token"),
    ({"iss": "https://evil.example.com"}, "Invalid Google token"),
    ({"exp": int(time.time()) - 60}, "Invalid Google token"),
    ({"email_verified": False}, "Google account email is not verified"),
])
def test_google_rejects_bad_tokens(google_engine, jwks, claims, detail):
    with pytest.raises(aligncv.InvalidTokenError) as info:
        google_engine.google_sign_in(token=jwks.token(**claims))
    assert info.value.detail == detail


def test_google_rejects_a_token_signed_by_another_key(google_engine, jwks):
    impostor = _Jwks()
    try:
        with pytest.raises(aligncv.InvalidTokenError) as info:
            google_engine.google_sign_in(token=impostor.token())
        assert info.value.detail == "Invalid Google token"
    finally:
        impostor.httpd.shutdown()


def test_google_keys_unreachable_is_unavailable(engine_factory, jwks):
    port_of_nothing = _closed_port()
    engine = engine_factory(google_client_id=CLIENT_ID,
                            google_jwks_url=f"http://127.0.0.1:{port_of_nothing}/certs")
    with pytest.raises(aligncv.UnavailableError) as info:
        engine.google_sign_in(token=jwks.token())
    assert info.value.detail == "Google sign-in is temporarily unavailable"


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


