"""The signed-in user's own data through the Python API: me, profile, password, preferences,
export, account deletion and notification settings."""

from __future__ import annotations

import json

import pytest

import aligncv
from support import (
    DEFAULT_NOTIFICATION_SETTINGS,
    DEFAULT_PREFERENCES,
    PASSWORD,
    USER_KEYS,
    assert_recent,
    parse_timestamp,
    unique_email,
)


@pytest.fixture
def token(signed_up):
    return signed_up["tokens"]["access_token"]


# ---- me and profile --------------------------------------------------------------------------

def test_me_is_the_full_user_object(engine, signed_up, token):
    me = engine.me(token)
    assert set(me) == USER_KEYS
    assert me["id"] == signed_up["user"]["id"]
    assert me["email"] == signed_up["email"]
    assert me["created_at"] == signed_up["user"]["created_at"]
    assert_recent(me["updated_at"])
    for key in ("phone", "location", "linkedin_url", "github_url", "bio", "google_id"):
        assert me[key] is None
    assert me["is_admin"] is False and me["has_password"] is True
    assert me["preferences"] == DEFAULT_PREFERENCES


def test_profile_update_with_the_frontends_six_keys(engine, token):
    updated = engine.update_profile(token, name="Jane Q. Doe", phone="+49 (30) 123-45.67",
                                    location="Berlin, Germany",
                                    linkedin_url="https://www.linkedin.com/in/janedoe",
                                    github_url="", bio="")
    assert set(updated) == USER_KEYS
    assert updated["name"] == "Jane Q. Doe"
    assert updated["phone"] == "+49 (30) 123-45.67"
    assert updated["location"] == "Berlin, Germany"
    assert updated["linkedin_url"] == "https://www.linkedin.com/in/janedoe"
    assert updated["github_url"] is None and updated["bio"] is None
    assert parse_timestamp(updated["updated_at"]) >= parse_timestamp(updated["created_at"])
    assert engine.me(token) == updated


def test_profile_merge_keeps_omitted_and_clears_empty_or_none(engine, token):
    engine.update_profile(token, phone="+1 555 0100", location="Remote", bio="Hello")
    after = engine.update_profile(token, location="", bio=None)
    assert after["phone"] == "+1 555 0100"
    assert after["location"] is None and after["bio"] is None


def test_profile_ignores_email_and_unknown_keys(engine, signed_up, token):
    after = engine.update_profile(token, email="other@example.com", favourite_colour="blue")
    assert after["email"] == signed_up["email"]


@pytest.mark.parametrize("field, value", [
    ("name", ""), ("name", "J"), ("name", "x" * 101), ("phone", "call me"), ("phone", "1" * 33),
    ("location", "x" * 101), ("linkedin_url", "linkedin.com/in/jane"),
    ("github_url", "ftp://github.com/jane"), ("github_url", "https://" + "x" * 200),
    ("bio", "x" * 1001),
])
def test_profile_rules(engine, token, field, value):
    with pytest.raises(aligncv.ValidationError) as info:
        engine.update_profile(token, **{field: value})
    assert [i["loc"] for i in info.value.issues] == [["body", field]]


def test_profile_reports_every_bad_field(engine, token):
    with pytest.raises(aligncv.ValidationError) as info:
        engine.update_profile(token, name="J", phone="call me", github_url="nope")
    assert {i["loc"][1] for i in info.value.issues} == {"name", "phone", "github_url"}


def test_profile_limits_are_inclusive(engine, token):
    after = engine.update_profile(token, name="x" * 100, location="y" * 100, bio="z" * 1000,
                                  phone="1" * 32)
    assert (len(after["name"]), len(after["location"]), len(after["bio"])) == (100, 100, 1000)


# ---- password ------------------------------------------------------------------------------------

def test_change_password_signs_out_other_sessions_only(engine, signed_up, token):
    other = engine.login(email=signed_up["email"], password=PASSWORD)
    assert engine.change_password(token, current_password=PASSWORD,
                                  new_password="a brand new secret") is None
    assert engine.me(token)["id"] == signed_up["user"]["id"]
    engine.refresh(signed_up["tokens"]["refresh_token"])  # the caller's family lives on
    with pytest.raises(aligncv.InvalidTokenError):
        engine.me(other["tokens"]["access_token"])
    with pytest.raises(aligncv.InvalidTokenError):
        engine.refresh(other["tokens"]["refresh_token"])
    with pytest.raises(aligncv.InvalidCredentialsError):
        engine.login(email=signed_up["email"], password=PASSWORD)
    engine.login(email=signed_up["email"], password="a brand new secret")


def test_change_password_errors(engine, token):
    with pytest.raises(aligncv.InvalidArgumentError) as wrong:
        engine.change_password(token, current_password="not it at all", new_password="new secret!")
    assert wrong.value.detail == "Current password is incorrect"
    assert wrong.value.code == "bad_request"
    with pytest.raises(aligncv.InvalidArgumentError) as same:
        engine.change_password(token, current_password=PASSWORD, new_password=PASSWORD)
    assert same.value.detail == "New password must differ from the current password"
    with pytest.raises(aligncv.ValidationError) as short:
        engine.change_password(token, current_password=PASSWORD, new_password="short")
    assert [i["loc"] for i in short.value.issues] == [["body", "new_password"]]


# ---- preferences -------------------------------------------------------------------------------

def test_preferences_defaults(engine, token):
    assert engine.preferences(token) == DEFAULT_PREFERENCES


def test_preferences_merge_and_normalise(engine, token):
    after = engine.update_preferences(token, job_types=["full-time", " CONTRACT "],
                                      preferred_locations="Berlin, Remote,Munich",
                                      remote_only=True)
    assert after == {**DEFAULT_PREFERENCES, "job_types": ["Full-time", "Contract"],
                     "preferred_locations": ["Berlin", "Remote", "Munich"], "remote_only": True}
    again = engine.update_preferences(token, items_per_page="50", min_salary=None)
    assert again["items_per_page"] == 50
    assert again["min_salary"] is None
    assert again["job_types"] == ["Full-time", "Contract"]
    assert engine.preferences(token) == again
    assert engine.me(token)["preferences"] == again


def test_preferred_locations_as_a_list(engine, token):
    after = engine.update_preferences(token, preferred_locations=["Berlin", "Remote"])
    assert after["preferred_locations"] == ["Berlin", "Remote"]


@pytest.mark.parametrize("field, value, issue_type", [
    ("job_types", ["Astronaut"], None),
    ("min_salary", -1, "greater_than_equal"),
    ("min_salary", 10_000_001, "less_than_equal"),
    ("items_per_page", 0, "greater_than_equal"),
    ("items_per_page", 101, "less_than_equal"),
    ("items_per_page", "many", "int_parsing"),
    ("remote_only", "perhaps", "bool_parsing"),
    ("preferred_locations", [f"City {i}" for i in range(21)], None),
    ("preferred_locations", ["x" * 101], None),
])
def test_preferences_rules(engine, token, field, value, issue_type):
    with pytest.raises(aligncv.ValidationError) as info:
        engine.update_preferences(token, **{field: value})
    assert info.value.issues and all(i["loc"][:2] == ["body", field] for i in info.value.issues)
    if issue_type:
        assert info.value.issues[0]["type"] == issue_type


def test_preferences_range_limits_are_inclusive(engine, token):
    after = engine.update_preferences(token, min_salary=10_000_000, items_per_page=100)
    assert (after["min_salary"], after["items_per_page"]) == (10_000_000, 100)
    after = engine.update_preferences(token, min_salary=0, items_per_page=1)
    assert (after["min_salary"], after["items_per_page"]) == (0, 1)


# ---- export and deletion -----------------------------------------------------------------------

def _keys(value):
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _keys(item)
    elif isinstance(value, list):
        for item in value:
            yield from _keys(item)


def test_export_contains_everything_but_secrets(engine, signed_up, token):
    engine.update_profile(token, bio="Engineer")
    engine.update_notification_settings(token, digest_frequency="weekly")
    export = engine.export_data(token)
    assert {"exported_at", "user", "notification_settings", "documents", "versions", "bookmarks",
            "applications", "notifications"} <= set(export)
    assert_recent(export["exported_at"])
    assert export["user"] == engine.me(token)
    assert export["notification_settings"]["digest_frequency"] == "weekly"
    for key in ("documents", "versions", "bookmarks", "applications", "notifications"):
        assert isinstance(export[key], list)
    text = json.dumps(export)
    assert "$argon2" not in text
    assert PASSWORD not in text
    assert signed_up["tokens"]["access_token"] not in text
    assert signed_up["tokens"]["refresh_token"] not in text
    assert not [k for k in _keys(export) if "hash" in k or "token" in k or "secret" in k]


def test_delete_account_removes_everything(engine, signed_up, token):
    assert engine.delete_account(token) is None
    with pytest.raises(aligncv.InvalidTokenError):
        engine.me(token)
    with pytest.raises(aligncv.InvalidTokenError):
        engine.refresh(signed_up["tokens"]["refresh_token"])
    with pytest.raises(aligncv.InvalidCredentialsError):
        engine.login(email=signed_up["email"], password=PASSWORD)
    again = engine.signup(name="Jane Again", email=signed_up["email"], password=PASSWORD)
    assert again["user"]["id"] != signed_up["user"]["id"]
    fresh = again["tokens"]["access_token"]
    assert engine.notification_settings(fresh) == DEFAULT_NOTIFICATION_SETTINGS
    assert engine.preferences(fresh) == DEFAULT_PREFERENCES


def test_users_do_not_see_each_other(engine, token, signed_up):
    other = engine.signup(name="Other User", email=unique_email(), password=PASSWORD)
    other_token = other["tokens"]["access_token"]
    engine.update_profile(token, bio="mine")
    engine.update_preferences(token, remote_only=True)
    engine.update_notification_settings(token, email_enabled=False)
    assert engine.me(other_token)["bio"] is None
    assert engine.preferences(other_token)["remote_only"] is False
    assert engine.notification_settings(other_token)["email_enabled"] is True
    assert signed_up["email"] not in json.dumps(engine.export_data(other_token))


# ---- notification settings (api-v2.md section 6.1) -----------------------------------------------

def test_notification_settings_defaults_include_aliases(engine, token):
    assert engine.notification_settings(token) == DEFAULT_NOTIFICATION_SETTINGS


def test_notification_settings_client_contract_update(engine, token):
    after = engine.update_notification_settings(token, email_enabled=True,
                                                digest_frequency="weekly", min_match_score=0.75)
    assert after == {**DEFAULT_NOTIFICATION_SETTINGS, "digest_frequency": "weekly",
                     "min_match_score": 0.75, "notification_frequency": "weekly"}
    assert engine.notification_settings(token) == after


@pytest.mark.parametrize("alias, value, canonical, expected", [
    ("notification_frequency", "realtime", "digest_frequency", "disabled"),
    ("notification_frequency", "weekly", "digest_frequency", "weekly"),
    ("email_job_matches", False, "email_new_matches", False),
    ("email_weekly_digest", False, "weekly_summary", False),
    ("push_job_matches", False, "notify_new_matches", False),
    ("push_application_updates", False, "notify_application_updates", False),
    ("push_system_updates", False, "notify_system_updates", False),
])
def test_alias_writes_reach_the_canonical_field(engine, token, alias, value, canonical, expected):
    after = engine.update_notification_settings(token, **{alias: value})
    assert after[canonical] == expected
    assert after[alias] == value


def test_disabled_digest_reads_as_realtime(engine, token):
    after = engine.update_notification_settings(token, digest_frequency="disabled")
    assert after["notification_frequency"] == "realtime"


@pytest.mark.parametrize("fields, alias, canonical", [
    ({"digest_frequency": "weekly", "notification_frequency": "daily"},
     "notification_frequency", "digest_frequency"),
    ({"email_new_matches": True, "email_job_matches": False}, "email_job_matches",
     "email_new_matches"),
    ({"weekly_summary": False, "email_weekly_digest": True}, "email_weekly_digest",
     "weekly_summary"),
])
def test_conflicting_alias_and_canonical(engine, token, fields, alias, canonical):
    with pytest.raises(aligncv.ValidationError) as info:
        engine.update_notification_settings(token, **fields)
    (issue,) = info.value.issues
    assert issue["type"] == "value_error"
    assert issue["loc"] == ["body", alias]
    assert issue["msg"] == f"Value error, conflicts with {canonical}"


def test_agreeing_alias_and_canonical_are_fine(engine, token):
    after = engine.update_notification_settings(token, digest_frequency="disabled",
                                                notification_frequency="realtime")
    assert after["digest_frequency"] == "disabled"


def test_enumerations_are_case_insensitive(engine, token):
    assert engine.update_notification_settings(
        token, digest_frequency=" WEEKLY ")["digest_frequency"] == "weekly"


@pytest.mark.parametrize("fields, field", [
    ({"digest_frequency": "invalid_frequency"}, "digest_frequency"),
    ({"notification_frequency": "disabled"}, "notification_frequency"),
    ({"min_match_score": 1.5}, "min_match_score"),
    ({"min_match_score": -0.1}, "min_match_score"),
    ({"timezone": "Mars/Olympus_Mons"}, "timezone"),
    ({"quiet_hours_start": "25:00", "quiet_hours_end": "07:00"}, "quiet_hours_start"),
    ({"email_enabled": "sometimes"}, "email_enabled"),
])
def test_notification_settings_rules(engine, token, fields, field):
    with pytest.raises(aligncv.ValidationError) as info:
        engine.update_notification_settings(token, **fields)
    assert ["body", field] in [i["loc"] for i in info.value.issues]


def test_unknown_time_zone_message(engine, token):
    with pytest.raises(aligncv.ValidationError) as info:
        engine.update_notification_settings(token, timezone="Mars/Olympus_Mons")
    (issue,) = info.value.issues
    assert (issue["type"], issue["msg"]) == ("value_error", "Value error, unknown time zone")


def test_quiet_hours(engine, token):
    after = engine.update_notification_settings(token, quiet_hours_start="22:00",
                                                quiet_hours_end="07:00", timezone="Europe/Berlin")
    assert (after["quiet_hours_start"], after["quiet_hours_end"], after["timezone"]) == (
        "22:00", "07:00", "Europe/Berlin")
    with pytest.raises(aligncv.ValidationError):  # equal values
        engine.update_notification_settings(token, quiet_hours_start="07:00")
    cleared = engine.update_notification_settings(token, quiet_hours_start=None,
                                                  quiet_hours_end=None)
    assert cleared["quiet_hours_start"] is None and cleared["quiet_hours_end"] is None


def test_quiet_hours_need_both_ends(engine, token):
    with pytest.raises(aligncv.ValidationError):
        engine.update_notification_settings(token, quiet_hours_start="22:00")


def test_min_match_score_limits_are_inclusive(engine, token):
    assert engine.update_notification_settings(token, min_match_score=0)["min_match_score"] == 0
    assert engine.update_notification_settings(token, min_match_score=1)["min_match_score"] == 1
