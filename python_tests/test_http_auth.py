"""Accounts and tokens end-to-end over real HTTP against `aligncv serve` (api-v2.md section 2)."""

from __future__ import annotations

import json
import re
import threading
import time
import uuid

import pytest

from support import (
    AUTH_USER_KEYS,
    INVALID_CREDENTIALS,
    INVALID_REFRESH,
    INVALID_TOKEN,
    JWT_SECRET,
    NOT_AUTHENTICATED,
    OTHER_SECRET,
    PASSWORD,
    TOKEN_KEYS,
    USER_KEYS,
    UUID4_RE,
    ApiClient,
    assert_recent,
    b64url,
    decode_jwt,
    issue_at,
    issues,
    sign_jwt,
    unique_email,
)

pytestmark = pytest.mark.http

# Every bearer route of section 2 and 6.1 (method, path, JSON body).
BEARER_ROUTES = [
    ("GET", "/v2/auth/me", None),
    ("PUT", "/v2/auth/profile", {"name": "Jane Doe"}),
    ("PATCH", "/v2/auth/profile", {"name": "Jane Doe"}),
    ("PUT", "/v2/auth/change-password", {"current_password": PASSWORD, "new_password": "x" * 10}),
    ("GET", "/v2/auth/preferences", None),
    ("PUT", "/v2/auth/preferences", {}),
    ("PATCH", "/v2/auth/preferences", {}),
    ("GET", "/v2/auth/export-data", None),
    ("DELETE", "/v2/auth/account", None),
    ("POST", "/v2/auth/logout", {}),
    ("GET", "/v2/notifications/settings", None),
    ("PUT", "/v2/notifications/settings", {}),
    ("PATCH", "/v2/notifications/settings", {}),
]


def assert_json_error(response, status, body):
    assert response.status_code == status, (response.status_code, response.text)
    assert response.headers["Content-Type"] == "application/json; charset=utf-8"
    assert response.json() == body


def assert_invalid_token(response):
    assert_json_error(response, 401, INVALID_TOKEN)
    assert response.headers["WWW-Authenticate"] == 'Bearer error="invalid_token"'


# ---- signup --------------------------------------------------------------------------------

def test_signup_is_201_with_the_exact_auth_response(client):
    email = unique_email()
    response = client.signup(name="Jane Doe", email=email)
    assert response.status_code == 201
    assert response.headers["Content-Type"] == "application/json; charset=utf-8"
    body = response.json()
    assert set(body) == {"user", "tokens", "message"}
    assert body["message"] == "User registered successfully"
    user = body["user"]
    assert set(user) == AUTH_USER_KEYS
    assert UUID4_RE.match(user["id"])
    assert (user["name"], user["email"], user["google_id"]) == ("Jane Doe", email, None)
    assert_recent(user["created_at"])
    tokens = body["tokens"]
    assert set(tokens) == TOKEN_KEYS
    assert tokens["token_type"] == "bearer"
    assert tokens["expires_in"] == 900
    assert tokens["access_token"] != tokens["refresh_token"]


def test_signup_tokens_are_hs256_jwts_with_the_documented_claims(client):
    body = client.signup().json()
    header, access = decode_jwt(body["tokens"]["access_token"])
    assert header == {"alg": "HS256", "typ": "JWT"}
    _, refresh = decode_jwt(body["tokens"]["refresh_token"])
    assert access["sub"] == refresh["sub"] == body["user"]["id"]
    assert access["email"] == body["user"]["email"]
    assert (access["type"], refresh["type"]) == ("access", "refresh")
    assert access["iss"] == access["aud"] == "aligncv"
    assert access["sid"] == refresh["sid"]
    assert UUID4_RE.match(access["jti"]) and UUID4_RE.match(refresh["jti"])
    assert access["exp"] - access["iat"] == 900
    assert refresh["exp"] - refresh["iat"] == 7 * 86400
    assert abs(access["iat"] - time.time()) < 120


def test_signup_trims_the_name_and_lowercases_the_domain(client):
    local = f"Jane.Doe.{uuid.uuid4().hex[:8]}"
    response = client.signup(name="  Jane Doe \t", email=f" {local}@EXAMPLE.Com ")
    assert response.status_code == 201
    assert response.json()["user"]["name"] == "Jane Doe"
    assert response.json()["user"]["email"] == f"{local}@example.com"


def test_duplicate_email_in_another_case_is_400_conflict(client):
    local = f"dup.{uuid.uuid4().hex[:8]}"
    assert client.signup(email=f"{local}@example.com").status_code == 201
    response = client.signup(email=f"{local.upper()}@Example.COM")
    assert_json_error(response, 400, {"detail": "Email already registered", "code": "conflict"})


def test_signup_reports_all_missing_fields_together(client):
    response = client.post("/v2/auth/signup", json={})
    found = issues(response)
    assert response.headers["Content-Type"] == "application/json; charset=utf-8"
    assert sorted(tuple(i["loc"]) for i in found) == [
        ("body", "email"), ("body", "name"), ("body", "password")]
    for issue in found:
        assert issue["type"] == "missing"
        assert issue["msg"] == "Field required"
        assert issue["input"] == {}


def test_missing_field_input_is_the_enclosing_object(client):
    response = client.post("/v2/auth/signup", json={"password": "x", "name": "Jane Doe"})
    issue = issue_at(response, "email")
    assert issue["type"] == "missing"
    assert issue["input"] == {"password": "x", "name": "Jane Doe"}


def test_short_password_is_string_too_short_with_ctx(client):
    response = client.signup(password="short")
    assert issues(response) == [{
        "type": "string_too_short", "loc": ["body", "password"],
        "msg": "String should have at least 8 characters", "input": "short",
        "ctx": {"min_length": 8},
    }]


def test_password_length_counts_characters_not_bytes(client):
    assert client.signup(password="ü" * 8).status_code == 201
    assert issue_at(client.signup(password="ü" * 7), "password")["type"] == "string_too_short"


def test_long_password_is_string_too_long(client):
    issue = issue_at(client.signup(password="p" * 129), "password")
    assert issue["type"] == "string_too_long"
    assert issue["msg"] == "String should have at most 128 characters"
    assert issue["ctx"] == {"max_length": 128}


@pytest.mark.parametrize("email", [
    "plainaddress", "two@@example.com", "user@localhost", "user@", "@example.com",
    "a" * 65 + "@example.com", "user@" + "d" * 250 + ".com", "user name@example.com",
])
def test_invalid_email_is_a_value_error(client, email):
    issue = issue_at(client.signup(email=email), "email")
    assert issue["type"] == "value_error"
    assert issue["msg"].startswith("value is not a valid email address: ")
    assert issue["input"] == email


@pytest.mark.parametrize("name, issue_type", [
    ("J", "string_too_short"), ("  J  ", "string_too_short"), ("N" * 101, "string_too_long"),
    (42, "string_type"),
])
def test_name_rules(client, name, issue_type):
    response = client.post("/v2/auth/signup",
                           json={"name": name, "email": unique_email(), "password": PASSWORD})
    assert issue_at(response, "name")["type"] == issue_type


def test_wrong_types_are_reported_per_field(client):
    response = client.post("/v2/auth/signup", json={"name": ["x"], "email": 5, "password": None})
    by_field = {i["loc"][1]: i for i in issues(response)}
    assert by_field["name"]["type"] == "string_type"
    assert by_field["name"]["msg"] == "Input should be a valid string"
    assert by_field["email"]["type"] == "string_type"
    assert by_field["password"]["type"] == "missing"  # null means absent


def test_malformed_json_is_json_invalid_with_a_byte_offset(client):
    raw = b'{"name": "Jane Doe", "email": '
    response = client.post("/v2/auth/signup", data=raw,
                           headers={"Content-Type": "application/json"})
    (issue,) = issues(response)
    assert issue["type"] == "json_invalid"
    assert issue["msg"] == "JSON decode error"
    assert issue["loc"][0] == "body"
    offset = issue["loc"][1]
    assert isinstance(offset, int) and 0 <= offset <= len(raw)
    assert isinstance(issue["ctx"]["error"], str) and issue["ctx"]["error"]


def test_json_invalid_offset_points_at_the_error(client):
    raw = b'{"name": "Jane Doe",   !}'
    (issue,) = issues(client.post("/v2/auth/signup", data=raw,
                                  headers={"Content-Type": "application/json"}))
    assert issue["type"] == "json_invalid"
    assert issue["loc"][1] in (raw.index(b"!"), raw.index(b"!") + 1)


@pytest.mark.parametrize("body", [b"[1, 2]", b'"text"', b"42", b"null"])
def test_non_object_body_is_model_attributes_type(client, body):
    response = client.post("/v2/auth/signup", data=body,
                           headers={"Content-Type": "application/json"})
    (issue,) = issues(response)
    assert issue["type"] == "model_attributes_type"
    assert issue["msg"] == "Input should be a valid dictionary or object to extract fields from"
    assert issue["loc"] == ["body"]
    assert issue["input"] == json.loads(body)


def test_unknown_keys_are_ignored(client):
    response = client.post("/v2/auth/signup", json={
        "name": "Jane Doe", "email": unique_email(), "password": PASSWORD, "is_admin": True})
    assert response.status_code == 201
    me = client.get("/v2/auth/me", headers=client.bearer(response.json()["tokens"]["access_token"]))
    assert me.json()["is_admin"] is False


def test_json_with_a_charset_and_without_a_content_type_are_accepted(client):
    body = json.dumps({"name": "Jane Doe", "email": unique_email(), "password": PASSWORD})
    assert client.post("/v2/auth/signup", data=body.encode(), headers={
        "Content-Type": "application/json; charset=UTF-8"}).status_code == 201
    body = json.dumps({"name": "Jane Doe", "email": unique_email(), "password": PASSWORD})
    assert client.post("/v2/auth/signup", data=body.encode()).status_code == 201


def test_twenty_concurrent_signups(server):
    results = [None] * 20

    def signup(i):
        with ApiClient(server) as session:
            results[i] = session.signup(name=f"Concurrent {i}", email=unique_email(f"c{i}"))

    threads = [threading.Thread(target=signup, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [r.status_code for r in results] == [201] * 20
    assert len({r.json()["user"]["id"] for r in results}) == 20


def test_concurrent_signups_of_one_email_make_one_account(server):
    email = unique_email("race")
    results = [None] * 8

    def signup(i):
        with ApiClient(server) as session:
            results[i] = session.signup(email=email)

    threads = [threading.Thread(target=signup, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    statuses = sorted(r.status_code for r in results)
    assert statuses == [201] + [400] * 7, [r.text for r in results]


# ---- login -----------------------------------------------------------------------------------

def test_login_is_200_with_the_auth_response(client, user):
    response = client.login(user.email.upper())
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"user", "tokens", "message"}
    assert body["message"] == "Login successful"
    assert set(body["user"]) == AUTH_USER_KEYS
    assert body["user"]["id"] == user.id
    assert set(body["tokens"]) == TOKEN_KEYS
    assert decode_jwt(body["tokens"]["access_token"])[1]["sid"] != decode_jwt(user.access)[1]["sid"]


def test_unknown_email_and_wrong_password_answer_identically(client, user):
    wrong = client.login(user.email, "not the password")
    unknown = client.login(unique_email(), "not the password")
    for response in (wrong, unknown):
        assert_json_error(response, 401, INVALID_CREDENTIALS)
    assert wrong.content == unknown.content
    ignored = {"x-request-id", "date"}
    assert ({k.lower(): v for k, v in wrong.headers.items() if k.lower() not in ignored}
            == {k.lower(): v for k, v in unknown.headers.items() if k.lower() not in ignored})


def test_login_validation(client):
    assert issue_at(client.login("not-an-email"), "email")["type"] == "value_error"
    assert issue_at(client.login(unique_email(), ""), "password")["type"] == "string_too_short"
    response = client.post("/v2/auth/login", json={})
    assert sorted(i["loc"][1] for i in issues(response)) == ["email", "password"]


def test_throttling_after_five_consecutive_failures(client, user):
    for _ in range(5):
        assert client.login(user.email, "wrong password").status_code == 401
    response = client.login(user.email, PASSWORD)  # even the right password is refused now
    assert response.status_code == 429, response.text
    body = response.json()
    assert body["code"] == "rate_limited"
    retry_after = response.headers["Retry-After"]
    assert re.fullmatch(r"[1-9]\d*", retry_after)
    assert body["detail"] == f"Too many failed login attempts. Try again in {retry_after} seconds."
    time.sleep(int(retry_after) + 0.1)
    assert client.login(user.email, PASSWORD).status_code == 200


def test_throttling_treats_unknown_emails_like_known_ones(client):
    email = unique_email("ghost")
    for _ in range(5):
        assert client.login(email, "wrong password").status_code == 401
    assert client.login(email, "wrong password").status_code == 429


# ---- refresh -----------------------------------------------------------------------------------

def test_refresh_rotation_and_reuse_detection(client, user):
    response = client.post("/v2/auth/refresh", json={"refresh_token": user.refresh})
    assert response.status_code == 200
    pair = response.json()
    assert set(pair) == TOKEN_KEYS
    assert pair["token_type"] == "bearer" and pair["expires_in"] == 900
    assert pair["refresh_token"] != user.refresh and pair["access_token"] != user.access
    assert client.get("/v2/auth/me", headers=client.bearer(pair["access_token"])).status_code == 200

    reuse = client.post("/v2/auth/refresh", json={"refresh_token": user.refresh})
    assert_json_error(reuse, 401, INVALID_REFRESH)
    # the reuse revoked the whole family: the new refresh token and its access token are dead
    dead = client.post("/v2/auth/refresh", json={"refresh_token": pair["refresh_token"]})
    assert_json_error(dead, 401, INVALID_REFRESH)
    assert_invalid_token(client.get("/v2/auth/me", headers=client.bearer(pair["access_token"])))
    assert_invalid_token(client.get("/v2/auth/me", headers=client.bearer(user.access)))


def test_refresh_reuse_does_not_touch_other_families(client, user):
    other = client.login(user.email).json()["tokens"]
    client.post("/v2/auth/refresh", json={"refresh_token": user.refresh})
    client.post("/v2/auth/refresh", json={"refresh_token": user.refresh})
    me = client.get("/v2/auth/me", headers=client.bearer(other["access_token"]))
    assert me.status_code == 200


@pytest.mark.parametrize("token", ["access", "garbage", "forged"])
def test_refresh_rejects_non_refresh_tokens(client, user, token):
    claims = decode_jwt(user.refresh)[1]
    value = {"access": user.access, "garbage": "abc.def.ghi",
             "forged": sign_jwt(claims, key=OTHER_SECRET)}[token]
    assert_json_error(client.post("/v2/auth/refresh", json={"refresh_token": value}), 401,
                      INVALID_REFRESH)


def test_refresh_requires_the_field(client):
    assert issue_at(client.post("/v2/auth/refresh", json={}), "refresh_token")["type"] == "missing"


# ---- logout ------------------------------------------------------------------------------------

def test_logout_revokes_the_family(client, user):
    response = client.post("/v2/auth/logout", headers=user.headers)
    assert response.status_code == 200
    assert response.json() == {"message": "Logged out successfully"}
    assert_invalid_token(client.get("/v2/auth/me", headers=user.headers))
    assert_json_error(client.post("/v2/auth/refresh", json={"refresh_token": user.refresh}),
                      401, INVALID_REFRESH)
    assert_invalid_token(client.post("/v2/auth/logout", headers=user.headers))


def test_logout_with_an_empty_body_and_with_refresh_token(client, make_user):
    first = make_user()
    assert client.post("/v2/auth/logout", headers=first.headers, data=b"").status_code == 200
    second = make_user()
    other = client.login(second.email).json()["tokens"]
    response = client.post("/v2/auth/logout", headers=second.headers,
                           json={"refresh_token": other["refresh_token"]})
    assert response.status_code == 200
    assert_invalid_token(client.get("/v2/auth/me", headers=client.bearer(other["access_token"])))


def test_logout_ignores_invalid_and_foreign_refresh_tokens(client, make_user):
    me, stranger = make_user(), make_user()
    response = client.post("/v2/auth/logout", headers=me.headers,
                           json={"refresh_token": "garbage"})
    assert response.status_code == 200
    mine = client.login(me.email).json()["tokens"]
    response = client.post("/v2/auth/logout", headers=client.bearer(mine["access_token"]),
                           json={"refresh_token": stranger.refresh})
    assert response.status_code == 200
    assert client.get("/v2/auth/me", headers=stranger.headers).status_code == 200


def test_logout_leaves_other_devices_signed_in(client, user):
    other = client.login(user.email).json()["tokens"]
    client.post("/v2/auth/logout", headers=user.headers)
    me = client.get("/v2/auth/me", headers=client.bearer(other["access_token"]))
    assert me.status_code == 200


# ---- authentication failures (section 2.2) -----------------------------------------------------

@pytest.mark.parametrize("method, path, body", BEARER_ROUTES)
def test_missing_credentials_are_401_not_authenticated(client, method, path, body):
    response = client.request(method, path, json=body)
    assert_json_error(response, 401, NOT_AUTHENTICATED)
    assert response.headers["WWW-Authenticate"] == "Bearer"


@pytest.mark.parametrize("value", ["", "Basic dXNlcjpwYXNz", "Token abc", "Bearer"])
def test_empty_or_non_bearer_authorization_is_not_authenticated(client, value):
    response = client.get("/v2/auth/me", headers={"Authorization": value})
    assert_json_error(response, 401, NOT_AUTHENTICATED)
    assert response.headers["WWW-Authenticate"] == "Bearer"


def _forgeries(user):
    header, payload, signature = user.access.split(".")
    claims = decode_jwt(user.access)[1]
    now = int(time.time())
    return {
        "malformed": "not-a-jwt",
        "two parts": f"{header}.{payload}",
        "bad base64": f"{header}.{payload}!!.{signature}",
        "other key": sign_jwt(claims, key=OTHER_SECRET),
        "alg none": sign_jwt(claims, alg="none", header={"alg": "none", "typ": "JWT"}),
        "alg none no dot": sign_jwt(claims, alg="none", header={"alg": "none"})[:-1],
        "alg HS512": sign_jwt(claims, alg="HS512"),
        "tampered payload": header + "." + b64url(json.dumps(
            {**claims, "email": "admin@example.com"}).encode()) + "." + signature,
        "tampered sub": header + "." + b64url(json.dumps(
            {**claims, "sub": str(uuid.uuid4())}).encode()) + "." + signature,
        "expired": sign_jwt({**claims, "iat": now - 3600, "exp": now - 60}),
        "wrong iss": sign_jwt({**claims, "iss": "evil"}),
        "wrong aud": sign_jwt({**claims, "aud": "evil"}),
        "no exp": sign_jwt({k: v for k, v in claims.items() if k != "exp"}),
        "refresh as access": user.refresh,
        "unknown sid": sign_jwt({**claims, "sid": str(uuid.uuid4())}),
        "unknown user": sign_jwt({**claims, "sub": str(uuid.uuid4())}),
    }


FORGERY_NAMES = ["malformed", "two parts", "bad base64", "other key", "alg none",
                 "alg none no dot", "alg HS512", "tampered payload", "tampered sub", "expired",
                 "wrong iss", "wrong aud", "no exp", "refresh as access", "unknown sid",
                 "unknown user"]


@pytest.mark.parametrize("kind", FORGERY_NAMES)
def test_bad_tokens_are_401_invalid_token(client, user, kind):
    token = _forgeries(user)[kind]
    assert_invalid_token(client.get("/v2/auth/me", headers=client.bearer(token)))


def test_a_token_resigned_with_the_real_key_is_accepted(client, user):
    """The control for the forgeries above: our minting matches the server's."""
    claims = decode_jwt(user.access)[1]
    response = client.get("/v2/auth/me", headers=client.bearer(sign_jwt(claims, JWT_SECRET)))
    assert response.status_code == 200
    assert response.json()["id"] == user.id


def test_an_expired_token_by_one_second_is_rejected_without_leeway(client, user):
    claims = decode_jwt(user.access)[1]
    now = int(time.time())
    token = sign_jwt({**claims, "exp": now - 1})
    assert_invalid_token(client.get("/v2/auth/me", headers=client.bearer(token)))


# ---- me ----------------------------------------------------------------------------------------

def test_me_is_the_full_user_object(client, user):
    response = client.get("/v2/auth/me", headers=user.headers)
    assert response.status_code == 200
    me = response.json()
    assert set(me) == USER_KEYS
    assert (me["id"], me["email"], me["name"]) == (user.id, user.email, user.name)
    assert me["has_password"] is True and me["is_admin"] is False
    assert me["preferences"] == {"job_types": ["Full-time"], "min_salary": 0,
                                 "preferred_locations": [], "remote_only": False,
                                 "items_per_page": 20, "show_company_logos": True}


def test_google_sign_in_is_not_configured(client):
    response = client.post("/v2/auth/google", json={"token": "anything"})
    assert_json_error(response, 501, {"detail": "Google sign-in is not configured on this server",
                                      "code": "not_configured"})


def test_google_sign_in_validates_before_the_operation(client):
    """Evaluation order (section 1.4): field validation (422) comes before the operation (501)."""
    assert issue_at(client.post("/v2/auth/google", json={}), "token")["type"] == "missing"
