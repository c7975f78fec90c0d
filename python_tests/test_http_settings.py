"""The signed-in user's data over real HTTP: profile, password, preferences, export, account
deletion and notification settings (api-v2.md sections 2 and 6.1)."""

from __future__ import annotations

import json

import pytest

from support import (
    DEFAULT_NOTIFICATION_SETTINGS,
    DEFAULT_PREFERENCES,
    INVALID_CREDENTIALS,
    INVALID_REFRESH,
    INVALID_TOKEN,
    USER_KEYS,
    assert_recent,
    issue_at,
    issues,
    parse_timestamp,
)

pytestmark = pytest.mark.http

FRONTEND_PROFILE = {"name": "Jane Q. Doe", "phone": "+49 30 1234567", "location": "Berlin, Germany",
                    "linkedin_url": "https://www.linkedin.com/in/janedoe", "github_url": "",
                    "bio": ""}


# ---- profile -------------------------------------------------------------------------------

@pytest.mark.parametrize("method", ["PUT", "PATCH"])
def test_profile_update_with_the_frontends_six_keys(client, user, method):
    response = client.request(method, "/v2/auth/profile", headers=user.headers,
                              json=FRONTEND_PROFILE)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == USER_KEYS
    assert body["email"] == user.email
    for key in ("name", "phone", "location", "linkedin_url"):
        assert body[key] == FRONTEND_PROFILE[key]
    assert body["github_url"] is None and body["bio"] is None
    assert parse_timestamp(body["updated_at"]) >= parse_timestamp(body["created_at"])
    assert client.get("/v2/auth/me", headers=user.headers).json() == body


def test_profile_empty_strings_clear_and_omitted_keys_stay(client, user):
    client.put("/v2/auth/profile", headers=user.headers, json=FRONTEND_PROFILE)
    cleared = client.put("/v2/auth/profile", headers=user.headers,
                         json={**FRONTEND_PROFILE, "phone": "", "location": ""}).json()
    assert cleared["phone"] is None and cleared["location"] is None
    assert cleared["linkedin_url"] == FRONTEND_PROFILE["linkedin_url"]
    kept = client.patch("/v2/auth/profile", headers=user.headers, json={"bio": "Hi"}).json()
    assert kept["linkedin_url"] == FRONTEND_PROFILE["linkedin_url"]
    assert kept["name"] == FRONTEND_PROFILE["name"] and kept["bio"] == "Hi"
    nulled = client.patch("/v2/auth/profile", headers=user.headers, json={"bio": None}).json()
    assert nulled["bio"] is None


def test_profile_ignores_email(client, user):
    body = client.put("/v2/auth/profile", headers=user.headers,
                      json={**FRONTEND_PROFILE, "email": "new@example.com"}).json()
    assert body["email"] == user.email


@pytest.mark.parametrize("field, value", [
    ("name", ""), ("name", " J "), ("phone", "call me maybe"), ("phone", "1" * 33),
    ("location", "x" * 101), ("linkedin_url", "www.linkedin.com/in/jane"),
    ("github_url", "javascript:alert(1)"), ("bio", "b" * 1001),
])
def test_profile_rules_are_422(client, user, field, value):
    response = client.put("/v2/auth/profile", headers=user.headers,
                          json={**FRONTEND_PROFILE, field: value})
    assert [i["loc"] for i in issues(response)] == [["body", field]]
    assert client.get("/v2/auth/me", headers=user.headers).json()["name"] == user.name


# ---- change password -------------------------------------------------------------------------

def test_change_password_keeps_the_caller_and_signs_out_other_devices(client, user):
    other = client.login(user.email).json()["tokens"]
    response = client.put("/v2/auth/change-password", headers=user.headers,
                          json={"current_password": user.password,
                                "new_password": "a brand new secret"})
    assert response.status_code == 200
    assert response.json() == {"message": "Password updated successfully"}
    assert client.get("/v2/auth/me", headers=user.headers).status_code == 200
    assert client.post("/v2/auth/refresh", json={"refresh_token": user.refresh}).status_code == 200
    me = client.get("/v2/auth/me", headers=client.bearer(other["access_token"]))
    assert (me.status_code, me.json()) == (401, INVALID_TOKEN)
    refreshed = client.post("/v2/auth/refresh", json={"refresh_token": other["refresh_token"]})
    assert (refreshed.status_code, refreshed.json()) == (401, INVALID_REFRESH)
    old = client.login(user.email, user.password)
    assert (old.status_code, old.json()) == (401, INVALID_CREDENTIALS)
    assert client.login(user.email, "a brand new secret").status_code == 200


def test_change_password_errors(client, user):
    wrong = client.put("/v2/auth/change-password", headers=user.headers,
                       json={"current_password": "wrong password", "new_password": "new secret!"})
    assert wrong.status_code == 400
    assert wrong.json() == {"detail": "Current password is incorrect", "code": "bad_request"}
    same = client.put("/v2/auth/change-password", headers=user.headers,
                      json={"current_password": user.password, "new_password": user.password})
    assert same.status_code == 400
    assert same.json() == {"detail": "New password must differ from the current password",
                           "code": "bad_request"}
    short = client.put("/v2/auth/change-password", headers=user.headers,
                       json={"current_password": user.password, "new_password": "short"})
    assert issue_at(short, "new_password")["ctx"] == {"min_length": 8}
    missing = client.put("/v2/auth/change-password", headers=user.headers, json={})
    assert sorted(i["loc"][1] for i in issues(missing)) == ["current_password", "new_password"]
    assert client.login(user.email, user.password).status_code == 200


# ---- preferences -----------------------------------------------------------------------------

def test_preferences_defaults(client, user):
    response = client.get("/v2/auth/preferences", headers=user.headers)
    assert response.status_code == 200
    assert response.json() == DEFAULT_PREFERENCES


@pytest.mark.parametrize("method", ["PUT", "PATCH"])
def test_preferences_accept_the_frontends_comma_string(client, user, method):
    response = client.request(method, "/v2/auth/preferences", headers=user.headers,
                              json={"preferred_locations": "Berlin, Remote, Munich",
                                    "job_types": ["full-time", "Contract"], "min_salary": "60000"})
    assert response.status_code == 200
    assert response.json() == {**DEFAULT_PREFERENCES,
                               "preferred_locations": ["Berlin", "Remote", "Munich"],
                               "job_types": ["Full-time", "Contract"], "min_salary": 60000}
    assert client.get("/v2/auth/preferences", headers=user.headers).json() == response.json()
    assert client.get("/v2/auth/me", headers=user.headers).json()["preferences"] == response.json()


def test_preferences_merge(client, user):
    client.put("/v2/auth/preferences", headers=user.headers, json={"remote_only": True})
    body = client.put("/v2/auth/preferences", headers=user.headers,
                      json={"items_per_page": 50}).json()
    assert body["remote_only"] is True and body["items_per_page"] == 50


@pytest.mark.parametrize("body, field, issue_type", [
    ({"items_per_page": 0}, "items_per_page", "greater_than_equal"),
    ({"items_per_page": 101}, "items_per_page", "less_than_equal"),
    ({"items_per_page": "lots"}, "items_per_page", "int_parsing"),
    ({"min_salary": -5}, "min_salary", "greater_than_equal"),
    ({"remote_only": "sometimes"}, "remote_only", "bool_parsing"),
    ({"job_types": "Full-time"}, "job_types", "list_type"),
])
def test_preferences_rules_are_422(client, user, body, field, issue_type):
    found = issues(client.put("/v2/auth/preferences", headers=user.headers, json=body))
    assert found[0]["loc"][:2] == ["body", field]
    assert found[0]["type"] == issue_type


def test_bounds_carry_ctx(client, user):
    response = client.put("/v2/auth/preferences", headers=user.headers, json={"items_per_page": 0})
    issue = issue_at(response, "items_per_page")
    assert issue["msg"] == "Input should be greater than or equal to 1"
    assert issue["ctx"] == {"ge": 1}


# ---- export ----------------------------------------------------------------------------------

def _keys(value):
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _keys(item)
    elif isinstance(value, list):
        for item in value:
            yield from _keys(item)


def test_export_data(client, user):
    client.put("/v2/auth/profile", headers=user.headers, json=FRONTEND_PROFILE)
    client.put("/v2/notifications/settings", headers=user.headers,
               json={"digest_frequency": "weekly"})
    client.put("/v2/auth/change-password", headers=user.headers,
               json={"current_password": user.password, "new_password": "a brand new secret"})
    response = client.get("/v2/auth/export-data", headers=user.headers)
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="aligncv-export.json"'
    assert response.headers["Content-Type"].startswith("application/json")
    body = response.json()
    assert {"exported_at", "user", "notification_settings", "documents", "versions", "bookmarks",
            "applications", "notifications"} <= set(body)
    assert_recent(body["exported_at"])
    assert body["user"] == client.get("/v2/auth/me", headers=user.headers).json()
    assert body["notification_settings"]["digest_frequency"] == "weekly"
    text = response.text
    for secret in (user.password, "a brand new secret", user.access, user.refresh, "$argon2"):
        assert secret not in text
    assert not [k for k in _keys(body) if "hash" in k or "token" in k or "secret" in k]


# ---- account deletion ------------------------------------------------------------------------

def test_delete_account(client, user):
    response = client.delete("/v2/auth/account", headers=user.headers)
    assert response.status_code == 200
    assert response.json() == {"message": "Account deleted successfully"}
    me = client.get("/v2/auth/me", headers=user.headers)
    assert (me.status_code, me.json()) == (401, INVALID_TOKEN)
    refresh = client.post("/v2/auth/refresh", json={"refresh_token": user.refresh})
    assert (refresh.status_code, refresh.json()) == (401, INVALID_REFRESH)
    login = client.login(user.email, user.password)
    assert (login.status_code, login.json()) == (401, INVALID_CREDENTIALS)
    again = client.signup(name="Jane Again", email=user.email.upper())
    assert again.status_code == 201
    assert again.json()["user"]["id"] != user.id
    fresh = client.bearer(again.json()["tokens"]["access_token"])
    assert client.get("/v2/notifications/settings", headers=fresh).json() == \
        DEFAULT_NOTIFICATION_SETTINGS


def test_delete_account_revokes_every_session(client, user):
    other = client.login(user.email).json()["tokens"]
    client.delete("/v2/auth/account", headers=user.headers)
    me = client.get("/v2/auth/me", headers=client.bearer(other["access_token"]))
    assert me.status_code == 401


# ---- users cannot see each other -----------------------------------------------------------

def test_a_user_cannot_read_anothers_data(client, make_user):
    alice, bob = make_user("Alice Example"), make_user("Bob Example")
    client.put("/v2/auth/profile", headers=alice.headers,
               json={**FRONTEND_PROFILE, "bio": "Alice's secret bio"})
    client.put("/v2/notifications/settings", headers=alice.headers, json={"email_enabled": False})
    client.put("/v2/auth/preferences", headers=alice.headers, json={"remote_only": True})
    bob_me = client.get("/v2/auth/me", headers=bob.headers).json()
    assert bob_me["id"] == bob.id and bob_me["bio"] is None
    assert client.get("/v2/notifications/settings", headers=bob.headers).json()["email_enabled"]
    assert client.get("/v2/auth/preferences", headers=bob.headers).json()["remote_only"] is False
    export = client.get("/v2/auth/export-data", headers=bob.headers).text
    assert alice.email not in export and "Alice" not in export and alice.id not in export
    # Bob's token carries Bob's identity whatever else is sent
    spoof = client.get("/v2/auth/me", headers={**bob.headers, "X-User-ID": alice.id})
    assert spoof.json()["id"] == bob.id


# ---- notification settings -------------------------------------------------------------------

def test_notification_settings_get_has_every_field(client, user):
    response = client.get("/v2/notifications/settings", headers=user.headers)
    assert response.status_code == 200
    assert response.json() == DEFAULT_NOTIFICATION_SETTINGS


@pytest.mark.parametrize("method", ["PUT", "PATCH"])
def test_notification_settings_client_contract(client, user, method):
    response = client.request(method, "/v2/notifications/settings", headers=user.headers,
                              json={"email_enabled": True, "digest_frequency": "weekly",
                                    "min_match_score": 0.75})
    assert response.status_code == 200
    assert response.json() == {**DEFAULT_NOTIFICATION_SETTINGS, "digest_frequency": "weekly",
                               "min_match_score": 0.75, "notification_frequency": "weekly"}


def test_notification_alias_writes(client, user):
    body = client.put("/v2/notifications/settings", headers=user.headers,
                      json={"notification_frequency": "realtime", "email_job_matches": False,
                            "push_system_updates": False, "email_weekly_digest": False}).json()
    assert body["digest_frequency"] == "disabled"
    assert body["notification_frequency"] == "realtime"
    assert body["email_new_matches"] is False and body["email_job_matches"] is False
    assert body["notify_system_updates"] is False and body["push_system_updates"] is False
    assert body["weekly_summary"] is False and body["email_weekly_digest"] is False


def test_notification_settings_merge(client, user):
    client.put("/v2/notifications/settings", headers=user.headers,
               json={"quiet_hours_start": "22:00", "quiet_hours_end": "07:00",
                     "timezone": "Europe/Berlin"})
    body = client.patch("/v2/notifications/settings", headers=user.headers,
                        json={"email_enabled": False}).json()
    assert (body["quiet_hours_start"], body["quiet_hours_end"], body["timezone"]) == (
        "22:00", "07:00", "Europe/Berlin")
    cleared = client.put("/v2/notifications/settings", headers=user.headers,
                         json={"quiet_hours_start": None, "quiet_hours_end": None}).json()
    assert cleared["quiet_hours_start"] is None and cleared["quiet_hours_end"] is None


@pytest.mark.parametrize("body, alias, canonical", [
    ({"digest_frequency": "daily", "notification_frequency": "realtime"},
     "notification_frequency", "digest_frequency"),
    ({"notify_new_matches": True, "push_job_matches": False}, "push_job_matches",
     "notify_new_matches"),
])
def test_conflicting_alias_is_422_value_error(client, user, body, alias, canonical):
    issue = issue_at(client.put("/v2/notifications/settings", headers=user.headers, json=body),
                     alias)
    assert issue["type"] == "value_error"
    assert issue["msg"] == f"Value error, conflicts with {canonical}"


@pytest.mark.parametrize("body, field", [
    ({"digest_frequency": "invalid_frequency"}, "digest_frequency"),
    ({"notification_frequency": "hourly"}, "notification_frequency"),
    ({"min_match_score": 2}, "min_match_score"),
    ({"min_match_score": "high"}, "min_match_score"),
    ({"quiet_hours_start": "7am", "quiet_hours_end": "08:00"}, "quiet_hours_start"),
])
def test_notification_settings_rules_are_422(client, user, body, field):
    response = client.put("/v2/notifications/settings", headers=user.headers, json=body)
    assert ["body", field] in [i["loc"] for i in issues(response)]


def test_invalid_frequency_is_a_literal_error(client, user):
    issue = issue_at(client.put("/v2/notifications/settings", headers=user.headers,
                                json={"digest_frequency": "invalid_frequency"}),
                     "digest_frequency")
    assert issue["type"] == "literal_error"
    assert issue["msg"] == "Input should be 'daily', 'weekly' or 'disabled'"
    assert issue["ctx"] == {"expected": "'daily', 'weekly' or 'disabled'"}


def test_bad_timezone_is_422(client, user):
    issue = issue_at(client.put("/v2/notifications/settings", headers=user.headers,
                                json={"timezone": "Europe/Atlantis"}), "timezone")
    assert (issue["type"], issue["msg"]) == ("value_error", "Value error, unknown time zone")
    assert issue["input"] == "Europe/Atlantis"


def test_rejected_settings_change_nothing(client, user):
    client.put("/v2/notifications/settings", headers=user.headers,
               json={"email_enabled": False, "digest_frequency": "bogus"})
    after = client.get("/v2/notifications/settings", headers=user.headers).json()
    assert after == DEFAULT_NOTIFICATION_SETTINGS


def test_numeric_strings_are_accepted_for_numbers(client, user):
    body = client.put("/v2/notifications/settings", headers=user.headers,
                      json={"min_match_score": "0.5"}).json()
    assert body["min_match_score"] == 0.5


def test_settings_body_must_be_an_object(client, user):
    response = client.put("/v2/notifications/settings", data=json.dumps(["email_enabled"]),
                          headers={**user.headers, "Content-Type": "application/json"})
    assert issues(response)[0]["type"] == "model_attributes_type"
