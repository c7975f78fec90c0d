"""Exceptions raised by aligncv.

Every failure of the engine is an :class:`Error` carrying a stable machine ``code`` (the same as
the ``code`` of the HTTP API's error bodies) and a human ``detail`` sentence. The classes also
derive from the matching built-in exception where one exists, so ordinary Python code works::

    try:
        engine.login(email=email, password=password)
    except aligncv.InvalidCredentialsError:
        ...
    except aligncv.ValidationError as e:     # also a ValueError
        for issue in e.issues:               # pydantic-v2 shaped dicts
            print(issue["loc"], issue["msg"])

The compiled module maps C++ error codes to these classes in one table (bind_errors.cpp); this
module must not import it.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

__all__ = [
    "Error",
    "InvalidArgumentError",
    "ConflictError",
    "AuthError",
    "NotAuthenticatedError",
    "InvalidTokenError",
    "InvalidCredentialsError",
    "ForbiddenError",
    "NotFoundError",
    "PayloadTooLargeError",
    "UnsupportedMediaTypeError",
    "ValidationError",
    "RateLimitedError",
    "InternalError",
    "NotConfiguredError",
    "UnavailableError",
]


class Error(Exception):
    """Root of every aligncv exception.

    Attributes:
        code: stable machine name, e.g. ``"not_found"`` (as in HTTP error bodies).
        detail: the human sentence, e.g. ``"User not found"``.
        issues: for :class:`ValidationError`, every failing field as a dict with ``type``,
            ``loc``, ``msg``, ``input`` and optionally ``ctx``; otherwise empty.
        retry_after: for :class:`RateLimitedError`, seconds until a retry is allowed;
            otherwise ``None``.
    """

    code: str = "error"

    def __init__(
        self,
        detail: str = "",
        *,
        code: Optional[str] = None,
        issues: Optional[List[Dict[str, Any]]] = None,
        retry_after: Optional[int] = None,
    ) -> None:
        super().__init__(detail)
        self.detail: str = detail
        if code is not None:
            self.code = code
        self.issues: List[Dict[str, Any]] = list(issues) if issues else []
        self.retry_after: Optional[int] = retry_after

    def __str__(self) -> str:
        return self.detail

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.detail!r}, code={self.code!r})"

    def __reduce__(self):  # keeps the keyword-only fields through pickle / multiprocessing
        return (
            _rebuild,
            (type(self), self.detail, self.code, self.issues, self.retry_after),
        )


def _rebuild(cls, detail, code, issues, retry_after):
    return cls(detail, code=code, issues=issues, retry_after=retry_after)


class InvalidArgumentError(Error, ValueError):
    """A well-formed request that cannot be done (HTTP 400 ``bad_request``), e.g. a wrong
    current password or an invalid option."""

    code = "bad_request"


class ConflictError(Error):
    """A duplicate, e.g. ``"Email already registered"`` (HTTP 400 ``conflict``)."""

    code = "conflict"


class AuthError(Error):
    """Base of the authentication failures (HTTP 401)."""

    code = "not_authenticated"


class NotAuthenticatedError(AuthError):
    """No credentials were given (``not_authenticated``)."""

    code = "not_authenticated"


class InvalidTokenError(AuthError):
    """A bad, expired, revoked or wrong-type token, or a deleted user (``invalid_token``)."""

    code = "invalid_token"


class InvalidCredentialsError(AuthError):
    """Wrong e-mail or password at login (``invalid_credentials``)."""

    code = "invalid_credentials"


class ForbiddenError(Error):
    """The caller lacks a privilege, e.g. admin (HTTP 403 ``forbidden``)."""

    code = "forbidden"


class NotFoundError(Error, LookupError):
    """An unknown, malformed or foreign id (HTTP 404 ``not_found``)."""

    code = "not_found"


class PayloadTooLargeError(Error):
    """A body or file over its limit (HTTP 413 ``payload_too_large``)."""

    code = "payload_too_large"


class UnsupportedMediaTypeError(Error):
    """A content or file type that is not accepted (HTTP 415 ``unsupported_media_type``)."""

    code = "unsupported_media_type"


class ValidationError(Error, ValueError):
    """Request fields failing their schema (HTTP 422 ``validation_error``); see ``issues``."""

    code = "validation_error"


class RateLimitedError(Error):
    """A rate limit was hit (HTTP 429 ``rate_limited``); retry after ``retry_after`` seconds."""

    code = "rate_limited"


class InternalError(Error):
    """An unexpected failure (HTTP 500 ``internal_error``)."""

    code = "internal_error"


class NotConfiguredError(Error):
    """A feature whose configuration is missing, e.g. Google sign-in (HTTP 501)."""

    code = "not_configured"


class UnavailableError(Error):
    """A dependency is down, e.g. the database or Google's keys (HTTP 503 ``unavailable``)."""

    code = "unavailable"
