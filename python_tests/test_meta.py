"""Health and API info through the Python API (api-v2.md section 7)."""

from __future__ import annotations

import aligncv
from support import BASE_FEATURES


def test_version():
    assert aligncv.__version__ == "2.0.0"


def test_health(engine):
    assert engine.health() == {
        "status": "healthy", "version": "2.0.0", "environment": "production",
        "checks": {"database": "ok", "storage": "ok", "llm": "not_configured",
                   "smtp": "not_configured"},
    }


def test_health_reports_configuration_without_network_calls(engine_factory):
    engine = engine_factory(environment="staging", smtp_url="smtp://127.0.0.1:1",
                            llm_base_url="http://127.0.0.1:1/v1", llm_model="tiny")
    health = engine.health()
    assert health["environment"] == "staging"
    assert health["checks"]["smtp"] == "configured"
    assert health["checks"]["llm"] == "configured"


def assert_known_features(features, extras=()):
    """`features` lists only what works, so it may be shorter than the contract's full list,
    but every entry is a documented one, in the documented order, without repeats."""
    assert features[0] == "JWT Authentication"
    known = BASE_FEATURES + list(extras)
    assert len(set(features)) == len(features)
    assert set(features) <= set(known), set(features) - set(known)
    base = [f for f in features if f in BASE_FEATURES]
    assert base == [f for f in BASE_FEATURES if f in base]


def test_api_info(engine):
    info = engine.api_info()
    assert set(info) == {"message", "version", "docs", "features"}
    assert (info["message"], info["version"], info["docs"]) == (
        "AlignCV V2 API", "2.0.0", "/v2/docs")
    assert_known_features(info["features"])


def test_api_info_features_follow_the_configuration(engine_factory, engine):
    configured = engine_factory(google_client_id="id.apps.googleusercontent.com",
                                smtp_url="smtp://127.0.0.1:1",
                                llm_base_url="http://127.0.0.1:1/v1", llm_model="tiny")
    extras = ["Google Sign-In", "LLM Rewriting (tiny)", "Email Delivery (SMTP)"]
    features = configured.api_info()["features"]
    assert_known_features(features, extras)
    assert "Google Sign-In" in features
    plain = engine.api_info()["features"]
    assert not set(extras) & set(plain)
    assert [f for f in features if f not in extras] == plain
