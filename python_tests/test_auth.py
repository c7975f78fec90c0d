"""Accounts and tokens through the Python API: signup, login, refresh, logout, tokens, throttling,
Google sign-in, administration, and calls from many threads."""

from __future__ import annotations

import json
import re
import threading
import time
import uuid

import pytest

import aligncv
from support import (
    AUTH_USER_KEYS,
    JWT_SECRET,
    PASSWORD,
    TOKEN_KEYS,
    UUID4_RE,
    USER_KEYS,
    assert_recent,
    b64url,
    decode_jwt,
    sign_jwt,
    unique_email,
)

THROTTLED = re.compile(r"^Too many failed login attempts\. Try again in (\d+) seconds\.$")


# ---- signup and login ------------------------------------------------------------------------

def test_signup_returns_user_tokens_and_message(engine):
    email = unique_email()
    result = engine.signup(name="Jane Doe", email=email, password=PASSWORD)
    assert set(result) == {"user", "tokens", "message"}
    assert result["message"] == "User registered successfully"
    user = result["user"]
    assert set(user) == AUTH_USER_KEYS
    assert UUID4_RE.match(user["id"])
    assert (user["name"], user["email"], user["google_id"]) == ("Jane Doe", email, None)
    assert_recent(user["created_at"])
    tokens = result["tokens"]
    assert set(tokens) == TOKEN_KEYS
    assert tokens["token_type"] == "bearer"
    assert tokens["expires_in"] == 900


def test_tokens_carry_the_documented_claims(engine, signed_up):
    access, refresh = signed_up["tokens"]["access_token"], signed_up["tokens"]["refresh_token"]
    header, claims = decode_jwt(access)
    assert header == {"alg": "HS256", "typ": "JWT"}
    assert claims["sub"] == signed_up["user"]["id"]
    assert claims["email"] == signed_up["email"]
    assert claims["type"] == "access"
    assert claims["iss"] == "aligncv" and claims["aud"] == "aligncv"
    assert claims["exp"] - claims["iat"] == 15 * 60
    assert UUID4_RE.match(claims["jti"])
    _, refresh_claims = decode_jwt(refresh)
    assert refresh_claims["type"] == "refresh"
    assert refresh_claims["exp"] - refresh_claims["iat"] == 7 * 86400
    assert refresh_claims["sid"] == claims["sid"]
    assert refresh_claims["jti"] != claims["jti"]


def test_signup_trims_the_name_and_lowercases_the_domain(engine):
    local = f"Jane.Doe.{uuid.uuid4().hex[:8]}"
    result = engine.signup(name="  Jane Doe  ", email=f"  {local}@Example.COM ",
                           password=PASSWORD)
    assert result["user"]["name"] == "Jane Doe"
    assert result["user"]["email"] == f"{local}@example.com"
    again = engine.login(email=f"{local.upper()}@EXAMPLE.com", password=PASSWORD)
    assert again["user"]["id"] == result["user"]["id"]


def test_login_returns_a_new_family(engine, signed_up):
    result = engine.login(email=signed_up["email"], password=PASSWORD)
    assert result["message"] == "Login successful"
    assert set(result["user"]) == AUTH_USER_KEYS
    assert result["user"] == signed_up["user"]
    new_sid = decode_jwt(result["tokens"]["access_token"])[1]["sid"]
    old_sid = decode_jwt(signed_up["tokens"]["access_token"])[1]["sid"]
    assert new_sid != old_sid


def test_unknown_email_and_wrong_password_fail_identically(engine, signed_up):
    with pytest.raises(aligncv.InvalidCredentialsError) as wrong:
        engine.login(email=signed_up["email"], password="not the password")
    with pytest.raises(aligncv.InvalidCredentialsError) as unknown:
        engine.login(email=unique_email(), password="not the password")
    assert (wrong.value.code, wrong.value.detail) == (unknown.value.code, unknown.value.detail)


def test_passwords_are_not_trimmed(engine):
    email = unique_email()
    engine.signup(name="Jane Doe", email=email, password="  padded secret  ")
    with pytest.raises(aligncv.InvalidCredentialsError):
        engine.login(email=email, password="padded secret")
    engine.login(email=email, password="  padded secret  ")


def test_password_length_counts_code_points_not_bytes(engine):
    engine.signup(name="Jane Doe", email=unique_email(), password="ü" * 8)  # 16 bytes, 8 chars
    with pytest.raises(aligncv.ValidationError) as info:
        engine.signup(name="Jane Doe", email=unique_email(), password="ü" * 7)  # 14 bytes
    assert [i["type"] for i in info.value.issues] == ["string_too_short"]


def test_password_longer_than_128_is_rejected(engine):
    with pytest.raises(aligncv.ValidationError) as info:
        engine.signup(name="Jane Doe", email=unique_email(), password="x" * 129)
    (issue,) = info.value.issues
    assert issue["type"] == "string_too_long"
    assert issue["ctx"] == {"max_length": 128}
    assert issue["msg"] == "String should have at most 128 characters"


def test_login_with_invalid_email_syntax_is_a_validation_error(engine):
    with pytest.raises(aligncv.ValidationError) as info:
        engine.login(email="no-at-sign", password=PASSWORD)
    assert [i["loc"] for i in info.value.issues] == [["body", "email"]]


def test_login_with_empty_password_is_a_validation_error(engine, signed_up):
    with pytest.raises(aligncv.ValidationError) as info:
        engine.login(email=signed_up["email"], password="")
    assert [i["loc"] for i in info.value.issues] == [["body", "password"]]


# ---- tokens ----------------------------------------------------------------------------------

def test_authenticate_returns_the_principal(engine, signed_up):
    access = signed_up["tokens"]["access_token"]
    claims = decode_jwt(access)[1]
    principal = engine.authenticate(access)
    assert isinstance(principal, aligncv.Principal)
    assert principal.user_id == signed_up["user"]["id"]
    assert principal.email == signed_up["email"]
    assert principal.session_id == claims["sid"]
    assert principal.token_id == claims["jti"]
    assert principal.token_expires_at == claims["exp"]
    assert principal.is_admin is False
    assert engine.me(principal)["id"] == principal.user_id  # a Principal works as `token`
    assert "Principal(user_id=" in repr(principal)


def test_refresh_rotates_and_reuse_revokes_the_family(engine, signed_up):
    access0, refresh0 = signed_up["tokens"]["access_token"], signed_up["tokens"]["refresh_token"]
    pair = engine.refresh(refresh0)
    assert set(pair) == TOKEN_KEYS
    assert pair["token_type"] == "bearer" and pair["expires_in"] == 900
    assert pair["refresh_token"] != refresh0 and pair["access_token"] != access0
    assert decode_jwt(pair["access_token"])[1]["sid"] == decode_jwt(access0)[1]["sid"]
    assert engine.me(pair["access_token"])["email"] == signed_up["email"]

    with pytest.raises(aligncv.InvalidTokenError) as info:
        engine.refresh(refresh0)  # reuse of a rotated token
    assert info.value.detail == "Invalid refresh token"
    with pytest.raises(aligncv.InvalidTokenError):
        engine.refresh(pair["refresh_token"])  # the whole family is revoked
    with pytest.raises(aligncv.InvalidTokenError):
        engine.me(pair["access_token"])
    with pytest.raises(aligncv.InvalidTokenError):
        engine.me(access0)


def test_refresh_reuse_leaves_other_families_alone(engine, signed_up):
    other = engine.login(email=signed_up["email"], password=PASSWORD)
    refresh0 = signed_up["tokens"]["refresh_token"]
    engine.refresh(refresh0)
    with pytest.raises(aligncv.InvalidTokenError):
        engine.refresh(refresh0)
    assert engine.me(other["tokens"]["access_token"])["id"] == signed_up["user"]["id"]
    engine.refresh(other["tokens"]["refresh_token"])


@pytest.mark.parametrize("which", ["access", "garbage", "empty"])
def test_refresh_rejects_anything_but_a_refresh_token(engine, signed_up, which):
    token = {"access": signed_up["tokens"]["access_token"], "garbage": "a.b.c", "empty": ""}[which]
    with pytest.raises(aligncv.InvalidTokenError) as info:
        engine.refresh(token)
    assert info.value.detail == "Invalid refresh token"


def test_refresh_token_is_not_an_access_token(engine, signed_up):
    with pytest.raises(aligncv.InvalidTokenError):
        engine.me(signed_up["tokens"]["refresh_token"])


def test_access_token_expires_without_leeway(clocked_engine, clock):
    result = clocked_engine.signup(name="Jane Doe", email=unique_email(), password=PASSWORD)
    access, refresh = result["tokens"]["access_token"], result["tokens"]["refresh_token"]
    clock.advance_seconds(15 * 60 - 1)
    clocked_engine.me(access)
    clock.advance_seconds(2)
    with pytest.raises(aligncv.InvalidTokenError):
        clocked_engine.me(access)
    pair = clocked_engine.refresh(refresh)  # the refresh token lives on
    clocked_engine.me(pair["access_token"])


def test_refresh_token_expires_after_seven_days(clocked_engine, clock):
    result = clocked_engine.signup(name="Jane Doe", email=unique_email(), password=PASSWORD)
    clock.advance_seconds(7 * 86400 + 1)
    with pytest.raises(aligncv.InvalidTokenError) as info:
        clocked_engine.refresh(result["tokens"]["refresh_token"])
    assert info.value.detail == "Invalid refresh token"


def test_token_lifetimes_follow_the_options(engine_factory):
    engine = engine_factory(access_token_minutes=5, refresh_token_days=1)
    result = engine.signup(name="Jane Doe", email=unique_email(), password=PASSWORD)
    assert result["tokens"]["expires_in"] == 300
    access = decode_jwt(result["tokens"]["access_token"])[1]
    refresh = decode_jwt(result["tokens"]["refresh_token"])[1]
    assert access["exp"] - access["iat"] == 300
    assert refresh["exp"] - refresh["iat"] == 86400


def test_hs512_engine_signs_with_hs512(engine_factory):
    engine = engine_factory(jwt_algorithm="HS512")
    result = engine.signup(name="Jane Doe", email=unique_email(), password=PASSWORD)
    assert decode_jwt(result["tokens"]["access_token"])[0]["alg"] == "HS512"
    claims = decode_jwt(result["tokens"]["access_token"])[1]
    with pytest.raises(aligncv.InvalidTokenError):  # same claims, another alg
        engine.me(sign_jwt(claims, JWT_SECRET, "HS256"))
    engine.me(sign_jwt(claims, JWT_SECRET, "HS512"))


def test_forged_tokens_are_rejected(engine, signed_up):
    claims = decode_jwt(signed_up["tokens"]["access_token"])[1]
    engine.me(sign_jwt(claims))  # the same claims re-signed with the right key: accepted
    forged = [
        sign_jwt(claims, key="some-other-key-that-is-long-enough-0123456789"),
        sign_jwt(claims, alg="none", header={"alg": "none", "typ": "JWT"}),
        sign_jwt({**claims, "iss": "someone-else"}),
        sign_jwt({**claims, "aud": "someone-else"}),
        sign_jwt({**claims, "exp": claims["iat"] - 1}),
    ]
    header, payload, signature = signed_up["tokens"]["access_token"].split(".")
    tampered = json.dumps({**claims, "email": "admin@example.com"}).encode()
    forged.append(f"{header}.{b64url(tampered)}.{signature}")
    for token in forged:
        with pytest.raises(aligncv.InvalidTokenError):
            engine.me(token)


def test_tokens_of_one_data_dir_key_do_not_open_another(engine_factory):
    first = engine_factory(jwt_secret_key="")  # generated and kept in <data_dir>/jwt-secret
    second = engine_factory(jwt_secret_key="")
    result = first.signup(name="Jane Doe", email=unique_email(), password=PASSWORD)
    with pytest.raises(aligncv.InvalidTokenError):
        second.me(result["tokens"]["access_token"])


def test_generated_secret_is_kept_across_restarts(engine_factory, tmp_path):
    data_dir = tmp_path / "kept"
    first = engine_factory(data_dir=data_dir, jwt_secret_key="")
    result = first.signup(name="Jane Doe", email=unique_email(), password=PASSWORD)
    first.close()
    secret = data_dir / "jwt-secret"
    assert secret.exists()
    assert secret.stat().st_mode & 0o777 == 0o600
    reopened = engine_factory(data_dir=data_dir, jwt_secret_key="")
    assert reopened.me(result["tokens"]["access_token"])["email"] == result["user"]["email"]


# ---- logout ----------------------------------------------------------------------------------

def test_logout_revokes_the_family(engine, signed_up):
    access, refresh = signed_up["tokens"]["access_token"], signed_up["tokens"]["refresh_token"]
    assert engine.logout(access) is None
    with pytest.raises(aligncv.InvalidTokenError):
        engine.me(access)
    with pytest.raises(aligncv.InvalidTokenError):
        engine.refresh(refresh)
    with pytest.raises(aligncv.InvalidTokenError):
        engine.logout(access)  # the token itself is dead now


def test_logout_with_own_refresh_token_revokes_that_family_too(engine, signed_up):
    other = engine.login(email=signed_up["email"], password=PASSWORD)
    engine.logout(signed_up["tokens"]["access_token"],
                  refresh_token=other["tokens"]["refresh_token"])
    with pytest.raises(aligncv.InvalidTokenError):
        engine.me(other["tokens"]["access_token"])


def test_logout_ignores_invalid_and_foreign_refresh_tokens(engine, signed_up):
    stranger = engine.signup(name="Other User", email=unique_email(), password=PASSWORD)
    engine.logout(signed_up["tokens"]["access_token"], refresh_token="garbage")
    mine = engine.login(email=signed_up["email"], password=PASSWORD)
    engine.logout(mine["tokens"]["access_token"],
                  refresh_token=stranger["tokens"]["refresh_token"])
    assert engine.me(stranger["tokens"]["access_token"])["id"] == stranger["user"]["id"]
    engine.refresh(stranger["tokens"]["refresh_token"])


def test_logout_leaves_other_sessions_signed_in(engine, signed_up):
    other = engine.login(email=signed_up["email"], password=PASSWORD)
    engine.logout(signed_up["tokens"]["access_token"])
    assert engine.me(other["tokens"]["access_token"])["id"] == signed_up["user"]["id"]


# ---- throttling (api-v2.md section 1.9), with a manual clock ------------------------------------

def _fail(engine, email, ip="203.0.113.7"):
    with pytest.raises(aligncv.InvalidCredentialsError):
        engine.login(email=email, password="wrong password", client_ip=ip)


def _throttled(engine, email, password="wrong password", ip="203.0.113.7") -> int:
    with pytest.raises(aligncv.RateLimitedError) as info:
        engine.login(email=email, password=password, client_ip=ip)
    error = info.value
    assert error.code == "rate_limited"
    match = THROTTLED.match(error.detail)
    assert match, error.detail
    assert int(match.group(1)) == error.retry_after
    return error.retry_after


def test_progressive_delay_after_five_consecutive_failures(clocked_engine, clock):
    email = unique_email()
    clocked_engine.signup(name="Jane Doe", email=email, password=PASSWORD)
    for _ in range(5):
        _fail(clocked_engine, email)
    # refused without checking the password, even the right one
    assert _throttled(clocked_engine, email, password=PASSWORD) == 1
    clock.advance_seconds(1)
    _fail(clocked_engine, email)  # the 6th failure: the next try waits 2 s
    assert _throttled(clocked_engine, email) == 2
    clock.advance_seconds(1)
    assert _throttled(clocked_engine, email) == 1
    clock.advance_seconds(1)
    clocked_engine.login(email=email, password=PASSWORD, client_ip="203.0.113.7")
    _fail(clocked_engine, email)  # success reset the consecutive count
    _fail(clocked_engine, email)


def test_progressive_delay_is_capped(engine_factory, clock):
    engine = engine_factory(clock=clock, rate_limit_login_delay_after=1,
                            rate_limit_login_max_delay_seconds=4)
    email = unique_email()
    for n in range(1, 6):
        _fail(engine, email)
        expected = min(2 ** (n - 1), 4)
        assert _throttled(engine, email) == expected
        clock.advance_seconds(expected)


def test_hourly_failures_per_account_include_unknown_emails(engine_factory, clock):
    engine = engine_factory(clock=clock, rate_limit_login_failures_per_account=3,
                            rate_limit_login_delay_after=0, rate_limit_login_failures_per_ip=0)
    unknown = unique_email()
    for _ in range(3):
        _fail(engine, unknown)
        clock.advance_seconds(10)
    retry = _throttled(engine, unknown)
    assert 3600 - 30 - 1 <= retry <= 3600 - 30 + 1  # the first failure leaves the window then
    clock.advance_seconds(retry)
    _fail(engine, unknown)


def test_refused_attempts_do_not_count_as_failures(engine_factory, clock):
    engine = engine_factory(clock=clock, rate_limit_login_failures_per_account=2,
                            rate_limit_login_delay_after=0, rate_limit_login_failures_per_ip=0)
    email = unique_email()
    engine.signup(name="Jane Doe", email=email, password=PASSWORD)
    _fail(engine, email)
    _fail(engine, email)
    clock.advance_seconds(1800)
    for _ in range(5):  # had these counted, they would still be in the window an hour later
        _throttled(engine, email)
    clock.advance_seconds(1801)
    engine.login(email=email, password=PASSWORD, client_ip="203.0.113.7")


def test_success_does_not_reset_the_hourly_count(engine_factory, clock):
    engine = engine_factory(clock=clock, rate_limit_login_failures_per_account=3,
                            rate_limit_login_delay_after=0, rate_limit_login_failures_per_ip=0)
    email = unique_email()
    engine.signup(name="Jane Doe", email=email, password=PASSWORD)
    _fail(engine, email)
    _fail(engine, email)
    engine.login(email=email, password=PASSWORD, client_ip="203.0.113.7")
    _fail(engine, email)
    assert _throttled(engine, email, password=PASSWORD) > 60


def test_failures_per_client_ip(engine_factory, clock):
    engine = engine_factory(clock=clock, rate_limit_login_failures_per_ip=3,
                            rate_limit_login_failures_per_account=0, rate_limit_login_delay_after=0)
    for _ in range(3):
        _fail(engine, unique_email(), ip="198.51.100.1")
    _throttled(engine, unique_email(), ip="198.51.100.1")
    _fail(engine, unique_email(), ip="198.51.100.2")  # another address is not affected


def test_zero_disables_the_limits(engine_factory, clock):
    engine = engine_factory(clock=clock, rate_limit_login_failures_per_ip=0,
                            rate_limit_login_failures_per_account=0, rate_limit_login_delay_after=0)
    email = unique_email()
    for _ in range(20):
        _fail(engine, email)


def test_wrong_current_password_counts_as_a_failed_login(clocked_engine, clock):
    email = unique_email()
    result = clocked_engine.signup(name="Jane Doe", email=email, password=PASSWORD)
    token = result["tokens"]["access_token"]
    for _ in range(5):
        with pytest.raises(aligncv.InvalidArgumentError):
            clocked_engine.change_password(token, current_password="wrong password",
                                           new_password="a brand new secret",
                                           client_ip="203.0.113.7")
    _throttled(clocked_engine, email)


# ---- administration ------------------------------------------------------------------------

def test_create_user_makes_a_user_that_can_log_in(engine):
    email = unique_email()
    user = engine.create_user(email=email, name="Created User", password=PASSWORD)
    assert set(user) == USER_KEYS
    assert user["has_password"] is True and user["is_admin"] is False
    assert engine.login(email=email, password=PASSWORD)["user"]["id"] == user["id"]
    with pytest.raises(aligncv.ConflictError):
        engine.create_user(email=email.upper(), name="Again", password=PASSWORD)
    with pytest.raises(aligncv.ValidationError):
        engine.create_user(email="bad", name="Created User", password=PASSWORD)


def test_promote_admin(engine, signed_up):
    token = signed_up["tokens"]["access_token"]
    assert engine.me(token)["is_admin"] is False
    promoted = engine.promote_admin(signed_up["email"].upper())
    assert promoted["is_admin"] is True
    assert engine.me(token)["is_admin"] is True
    assert engine.authenticate(token).is_admin is True


def test_admin_emails_option_is_case_insensitive(engine_factory):
    email = unique_email("boss")
    engine = engine_factory(admin_emails=[email.upper()])
    result = engine.signup(name="The Boss", email=email, password=PASSWORD)
    assert engine.me(result["tokens"]["access_token"])["is_admin"] is True
    other = engine.signup(name="Not Boss", email=unique_email(), password=PASSWORD)
    assert engine.me(other["tokens"]["access_token"])["is_admin"] is False


# ---- many threads ------------------------------------------------------------------------------

def test_concurrent_signups_from_threads(engine):
    results, errors = [], []

    def signup(i):
        try:
            results.append(engine.signup(name=f"User {i}", email=unique_email(), password=PASSWORD))
        except Exception as e:  # noqa: BLE001 - collected and asserted below
            errors.append(e)

    threads = [threading.Thread(target=signup, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len({r["user"]["id"] for r in results}) == 20


def test_engine_calls_release_the_gil(engine_factory):
    engine = engine_factory(argon2_memory_kib=19456, argon2_iterations=2)  # the default cost
    email = unique_email()
    engine.signup(name="Jane Doe", email=email, password=PASSWORD)
    stamps = []
    stop = threading.Event()

    def tick():  # wakes about every millisecond; needs the GIL to record a stamp
        while not stop.is_set():
            stamps.append(time.perf_counter())
            time.sleep(0.001)

    ticker = threading.Thread(target=tick)
    ticker.start()
    calls = []
    try:
        time.sleep(0.02)
        for _ in range(10):
            started = time.perf_counter()
            engine.login(email=email, password=PASSWORD)  # Argon2id at the default cost
            calls.append((started, time.perf_counter()))
    finally:
        stop.set()
        ticker.join()
    # Had the calls held the GIL, the ticker could never have run in the middle of one; on a
    # busy machine it may miss some calls, but not all ten.
    inside = [t for started, ended in calls for t in stamps
              if started + (ended - started) / 4 < t < ended - (ended - started) / 4]
    durations = ", ".join(f"{1000 * (e - s):.0f}" for s, e in calls)
    assert inside, f"no tick during any call ({durations} ms): the GIL was held"
