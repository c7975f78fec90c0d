"""The exception classes of aligncv: hierarchy, attributes and the C++ -> Python mapping."""

from __future__ import annotations

import pickle

import pytest

import aligncv
from aligncv import _aligncv
from support import PASSWORD, unique_email

# code -> (class, Python bases it must also have)
EXPECTED = {
    "bad_request": (aligncv.InvalidArgumentError, (ValueError,)),
    "conflict": (aligncv.ConflictError, ()),
    "not_authenticated": (aligncv.NotAuthenticatedError, (aligncv.AuthError,)),
    "invalid_token": (aligncv.InvalidTokenError, (aligncv.AuthError,)),
    "invalid_credentials": (aligncv.InvalidCredentialsError, (aligncv.AuthError,)),
    "forbidden": (aligncv.ForbiddenError, ()),
    "not_found": (aligncv.NotFoundError, (LookupError,)),
    "payload_too_large": (aligncv.PayloadTooLargeError, ()),
    "unsupported_media_type": (aligncv.UnsupportedMediaTypeError, ()),
    "validation_error": (aligncv.ValidationError, (ValueError,)),
    "rate_limited": (aligncv.RateLimitedError, ()),
    "internal_error": (aligncv.InternalError, ()),
    "not_configured": (aligncv.NotConfiguredError, ()),
    "unavailable": (aligncv.UnavailableError, ()),
}


def test_every_error_code_has_exactly_one_class():
    assert _aligncv._ERROR_CLASSES == {code: cls.__name__ for code, (cls, _) in EXPECTED.items()}


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_each_code_raises_its_class_with_python_bases(code):
    cls, bases = EXPECTED[code]
    with pytest.raises(cls) as info:
        _aligncv._raise_for_testing(code, "Something happened")
    error = info.value
    assert type(error) is cls
    assert isinstance(error, aligncv.Error)
    for base in bases:
        assert isinstance(error, base)
    assert error.code == code
    # a Validation error's detail summarises its (here: no) issues
    detail = "Validation error" if code == "validation_error" else "Something happened"
    assert error.detail == detail
    assert str(error) == detail
    assert error.issues == []
    assert error.retry_after == (1 if code == "rate_limited" else None)


def test_auth_errors_share_a_base_that_is_not_the_others():
    for cls in (aligncv.NotAuthenticatedError, aligncv.InvalidTokenError,
                aligncv.InvalidCredentialsError):
        assert issubclass(cls, aligncv.AuthError)
    assert not issubclass(aligncv.ForbiddenError, aligncv.AuthError)
    assert issubclass(aligncv.AuthError, aligncv.Error)
    assert issubclass(aligncv.Error, Exception)


def test_errors_are_exported_from_both_modules():
    for cls, _ in EXPECTED.values():
        assert getattr(aligncv, cls.__name__) is cls
        assert getattr(aligncv.errors, cls.__name__) is cls
        assert cls.__name__ in aligncv.__all__


def test_rate_limited_carries_retry_after():
    with pytest.raises(aligncv.RateLimitedError) as info:
        _aligncv._raise_for_testing("rate_limited", "Too many", retry_after=42)
    assert info.value.retry_after == 42


def test_rate_limited_retry_after_is_at_least_one_second():
    with pytest.raises(aligncv.RateLimitedError) as info:
        _aligncv._raise_for_testing("rate_limited", "Too many", retry_after=0)
    assert info.value.retry_after == 1


def test_validation_error_carries_every_issue():
    raw = [
        {"type": "missing", "loc": ["body", "email"], "msg": "Field required", "input": {}},
        {"type": "string_too_short", "loc": ["body", "password"],
         "msg": "String should have at least 8 characters", "input": "x",
         "ctx": {"min_length": 8}},
    ]
    with pytest.raises(aligncv.ValidationError) as info:
        _aligncv._raise_for_testing("validation_error", issues=raw)
    assert info.value.issues == raw
    assert info.value.detail == "Field required"  # the first issue summarises


def test_unknown_code_is_a_value_error_of_the_hook_not_an_aligncv_error():
    with pytest.raises(ValueError) as info:
        _aligncv._raise_for_testing("no_such_code")
    assert not isinstance(info.value, aligncv.Error)


@pytest.mark.parametrize("code", ["not_found", "rate_limited", "validation_error"])
def test_errors_survive_pickling(code):
    with pytest.raises(aligncv.Error) as info:
        _aligncv._raise_for_testing(code, "detail", retry_after=5,
                                    issues=[{"type": "missing", "loc": ["body", "x"],
                                             "msg": "Field required", "input": {}}])
    copy = pickle.loads(pickle.dumps(info.value))
    assert type(copy) is type(info.value)
    assert (copy.code, copy.detail, copy.issues, copy.retry_after) == (
        info.value.code, info.value.detail, info.value.issues, info.value.retry_after)


def test_python_side_construction_uses_the_class_code():
    error = aligncv.NotFoundError("Document not found")
    assert error.code == "not_found"
    assert repr(error) == "NotFoundError('Document not found', code='not_found')"
    with pytest.raises(LookupError):
        raise error


# ---- real failures from the engine ---------------------------------------------------------

def test_duplicate_signup_is_conflict(engine, signed_up):
    with pytest.raises(aligncv.ConflictError) as info:
        engine.signup(name="Other", email=signed_up["email"].upper(), password=PASSWORD)
    assert info.value.code == "conflict"
    assert info.value.detail == "Email already registered"


def test_validation_issues_use_the_pydantic_shape(engine):
    with pytest.raises(aligncv.ValidationError) as info:
        engine.signup(name="Jane Doe", email=unique_email(), password="short")
    error = info.value
    assert isinstance(error, ValueError)
    assert error.code == "validation_error"
    assert error.issues == [{
        "type": "string_too_short", "loc": ["body", "password"],
        "msg": "String should have at least 8 characters", "input": "short",
        "ctx": {"min_length": 8},
    }]


def test_every_failing_field_is_reported_together(engine):
    with pytest.raises(aligncv.ValidationError) as info:
        engine.signup(name="J", email="not-an-email", password="short")
    by_field = {tuple(i["loc"]): i for i in info.value.issues}
    assert set(by_field) == {("body", "name"), ("body", "email"), ("body", "password")}
    assert by_field[("body", "name")]["type"] == "string_too_short"
    assert by_field[("body", "name")]["ctx"] == {"min_length": 2}
    assert by_field[("body", "email")]["type"] == "value_error"
    assert by_field[("body", "email")]["msg"].startswith("value is not a valid email address: ")
    assert by_field[("body", "email")]["input"] == "not-an-email"


def test_none_fields_count_as_missing(engine):
    with pytest.raises(aligncv.ValidationError) as info:
        engine.signup(name=None, email=None, password=None)  # type: ignore[arg-type]
    assert {tuple(i["loc"]): i["type"] for i in info.value.issues} == {
        ("body", "name"): "missing", ("body", "email"): "missing", ("body", "password"): "missing"}
    for issue in info.value.issues:
        assert issue["msg"] == "Field required"


def test_wrong_password_is_invalid_credentials(engine, signed_up):
    with pytest.raises(aligncv.InvalidCredentialsError) as info:
        engine.login(email=signed_up["email"], password="wrong password")
    assert isinstance(info.value, aligncv.AuthError)
    assert info.value.detail == "Invalid email or password"
    assert info.value.code == "invalid_credentials"


def test_garbage_token_is_invalid_token(engine):
    with pytest.raises(aligncv.InvalidTokenError) as info:
        engine.me("not.a.token")
    assert info.value.detail == "Invalid or expired token"


def test_no_token_is_not_authenticated(engine):
    with pytest.raises(aligncv.NotAuthenticatedError) as info:
        engine.me(None)
    assert info.value.detail == "Not authenticated"
    assert info.value.code == "not_authenticated"


def test_token_of_wrong_type_is_a_type_error(engine):
    with pytest.raises(TypeError, match="access token str or a Principal"):
        engine.me(42)  # type: ignore[arg-type]


def test_unknown_user_for_promote_admin_is_not_found(engine):
    with pytest.raises(aligncv.NotFoundError) as info:
        engine.promote_admin("nobody@example.com")
    assert isinstance(info.value, LookupError)
    assert info.value.detail == "User not found"


def test_google_sign_in_without_client_id_is_not_configured(engine):
    with pytest.raises(aligncv.NotConfiguredError) as info:
        engine.google_sign_in(token="anything")
    assert info.value.detail == "Google sign-in is not configured on this server"
    assert info.value.code == "not_configured"


def test_bad_option_is_invalid_argument_naming_it(engine_factory):
    with pytest.raises(aligncv.InvalidArgumentError) as info:
        engine_factory(jwt_secret_key="too short")
    assert isinstance(info.value, ValueError)
    assert "JWT_SECRET_KEY" in info.value.detail.upper()


def test_json_conversion_errors_are_python_type_errors(engine, signed_up):
    token = signed_up["tokens"]["access_token"]
    with pytest.raises(TypeError, match="cannot convert object to JSON"):
        engine.update_profile(token, bio=object())
    with pytest.raises(TypeError, match="keys must be str"):
        engine.update_preferences(token, job_types={1: "x"})
    with pytest.raises(ValueError, match="64 bits"):
        engine.update_preferences(token, min_salary=2**70)
