"""Rewriting through the Python API (api-v2.md section 5), in process: Engine.rewrite, tailor,
cover_letter, linkedin, versions and version with the exceptions of aligncv.errors and the shared
rewrite limit on a ManualClock, and aligncv.rewrite_text without a database."""

from __future__ import annotations

from typing import Any, Dict

import pytest

import aligncv
from jobs_support import BACKEND_DESCRIPTION, RESUME_TEXT

WEAK_RESUME = RESUME_TEXT.replace(
    "- Built Python services on AWS with PostgreSQL and Docker",
    "- Responsible for Python services on AWS with PostgreSQL and Docker\n"
    "- I helped with the deployment pipeline")


@pytest.fixture
def token(signed_up: Dict[str, Any]) -> str:
    return signed_up["tokens"]["access_token"]


@pytest.fixture
def doc(engine: aligncv.Engine, token: str) -> str:
    return engine.upload_document(token, "jane.txt", WEAK_RESUME.encode())["document_id"]


def test_rewrite_and_versions(engine, token, doc):
    result = engine.rewrite(token, doc, style="executive")
    assert result["style"] == "Executive" and result["api_status"] == "local"
    assert result["resume_id"] == doc
    assert "Responsible for" not in result["rewritten_text"]
    [listed] = engine.versions(token, doc)
    assert listed["version_id"] == result["version_id"] and listed["kind"] == "rewrite"
    stored = engine.version(token, result["version_id"])
    assert stored["rewritten_text"] == result["rewritten_text"] and stored["source"] == "local"


def test_tailor_cover_letter_linkedin(engine, token, doc):
    tailored = engine.tailor(token, doc, job_description=BACKEND_DESCRIPTION)
    assert tailored["tailoring_level"] == "moderate"
    assert "Kubernetes" in tailored["missing_skills"]
    letter = engine.cover_letter(token, doc, job_description=BACKEND_DESCRIPTION, tone="concise")
    assert letter["tone"] == "concise" and letter["job_id"] is None
    profile = engine.linkedin(token, doc, target_role="Staff Engineer")
    assert profile["target_role"] == "Staff Engineer" and len(profile["headline"]) <= 220
    assert [v["kind"] for v in engine.versions(token, doc)] == ["linkedin", "cover_letter", "tailor"]


def test_errors_map_to_the_exception_classes(engine, token, doc):
    with pytest.raises(aligncv.ValidationError):
        engine.rewrite(token, doc, style="Poetic")
    with pytest.raises(aligncv.InvalidArgumentError, match="Invalid tailoring level"):
        engine.tailor(token, doc, job_description=BACKEND_DESCRIPTION, tailoring_level="wild")
    with pytest.raises(aligncv.ValidationError):
        engine.cover_letter(token, doc)
    with pytest.raises(aligncv.NotFoundError, match="^Document not found or access denied$"):
        engine.linkedin(token, "99999")
    with pytest.raises(aligncv.NotFoundError, match="^Job not found$"):
        engine.cover_letter(token, doc, job_id="ffffffffffffffff")
    with pytest.raises(aligncv.NotFoundError, match="^Version not found$"):
        engine.version(token, "nope")
    with pytest.raises(LookupError):
        engine.versions(token, "nope")


def test_the_rewrite_limit_on_a_manual_clock(engine_factory, clock):
    engine = engine_factory(clock=clock, rate_limit_rewrites_per_hour=2)
    access = engine.signup(name="Jane", email="limit@example.com",
                           password="correct horse")["tokens"]["access_token"]
    token = engine.authenticate(access)  # a Principal outlives the access token's 15 minutes
    doc = engine.upload_document(token, "jane.txt", WEAK_RESUME.encode())["document_id"]
    engine.rewrite(token, doc, style="Technical")
    engine.linkedin(token, doc)
    with pytest.raises(aligncv.RateLimitedError) as refused:
        engine.tailor(token, doc, job_description=BACKEND_DESCRIPTION)
    assert str(refused.value) == "Rewrite limit reached (2 per hour). Try again in 3600 seconds."
    assert refused.value.retry_after == 3600
    clock.advance_seconds(3600)
    engine.tailor(token, doc, job_description=BACKEND_DESCRIPTION)


def test_rewrite_text_needs_no_engine():
    result = aligncv.rewrite_text(WEAK_RESUME, style="management")
    assert result["style"] == "Management" and result["api_status"] == "local"
    assert "version_id" not in result
    assert result["impact_score"] >= 0
    with pytest.raises(aligncv.ValidationError):
        aligncv.rewrite_text(WEAK_RESUME, style="Poetic")
    with pytest.raises(aligncv.ValidationError):
        aligncv.rewrite_text("")
    with pytest.raises(TypeError):
        aligncv.rewrite_text(b"bytes")  # type: ignore[arg-type]


def test_rewrite_text_is_deterministic():
    first = aligncv.rewrite_text(WEAK_RESUME)
    second = aligncv.rewrite_text(WEAK_RESUME)
    first.pop("latency"), second.pop("latency")
    assert first == second
