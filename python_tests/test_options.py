"""Configuring an Engine from Python: keyword options, Options objects, the environment, clocks,
logging and the engine's lifetime."""

from __future__ import annotations

import inspect
import json
import os
from pathlib import Path

import pytest

import aligncv
from aligncv import _aligncv
from support import FAST_ARGON2, JWT_SECRET, PASSWORD, unique_email


def _engine_defaults():
    params = inspect.signature(aligncv.Engine.__init__).parameters
    return {name: p.default for name, p in params.items() if name != "self"}


def test_engine_keywords_are_exactly_the_option_fields():
    assert list(_engine_defaults()) == _aligncv.Options.field_names()


def test_engine_defaults_mirror_options_hpp():
    cpp = _aligncv.Options().to_dict()
    for name, default in _engine_defaults().items():
        if name == "clock":
            assert default is None and isinstance(cpp["clock"], aligncv.SystemClock)
        elif isinstance(default, tuple):
            assert list(default) == cpp[name], name
        else:
            assert default == cpp[name], name


def test_engine_options_are_keyword_only_except_data_dir():
    params = list(inspect.signature(aligncv.Engine.__init__).parameters.values())[1:]
    assert params[0].name == "data_dir" and params[0].kind is params[0].POSITIONAL_OR_KEYWORD
    assert all(p.kind is p.KEYWORD_ONLY for p in params[1:])


def test_options_keyword_construction_and_properties():
    options = aligncv.Options(port=9001, admin_emails=["a@example.com"], argon2_memory_kib=2048,
                              rate_limit_login_delay_after=3, log_file="")
    assert (options.port, options.admin_emails, options.argon2_memory_kib) == (
        9001, ["a@example.com"], 2048)
    assert options.rate_limit_login_delay_after == 3
    assert options.log_file == ""
    options.port = 9002
    options.update(host="0.0.0.0", clock=aligncv.ManualClock(5))
    assert (options.port, options.host, options.clock.now_ms()) == (9002, "0.0.0.0", 5)
    assert options.to_dict()["port"] == 9002


@pytest.mark.parametrize("kwargs, error, message", [
    ({"prot": 1}, TypeError, "unknown option 'prot'"),
    ({"port": "8000"}, TypeError, "option 'port': expected int, got str"),
    ({"port": True}, TypeError, "option 'port': expected int, got bool"),
    ({"metrics_enabled": 1}, TypeError, "option 'metrics_enabled': expected bool, got int"),
    ({"admin_emails": "a@example.com"}, TypeError, "option 'admin_emails': expected a list of str"),
    ({"admin_emails": [1]}, TypeError, "option 'admin_emails'"),
    ({"argon2_memory_kib": -1}, ValueError, "option 'argon2_memory_kib'"),
    ({"clock": "now"}, TypeError, "option 'clock': expected an aligncv.Clock"),
])
def test_option_type_errors_name_the_option(kwargs, error, message):
    with pytest.raises(error, match=message):
        aligncv.Options(**kwargs)


def test_engine_rejects_a_single_string_for_list_options(tmp_path):
    with pytest.raises(TypeError, match="cors_origins must be a list of str"):
        aligncv.Engine(tmp_path, cors_origins="http://localhost:3000")


def test_paths_are_accepted_where_strings_are(engine_factory, tmp_path):
    engine = engine_factory(data_dir=tmp_path / "as-path", log_file=tmp_path / "log.jsonl")
    assert engine.data_dir == str(tmp_path / "as-path")
    assert engine.options["log_file"] == str(tmp_path / "log.jsonl")


def test_repr_redacts_secrets():
    options = aligncv.Options(jwt_secret_key=JWT_SECRET, smtp_password="hunter2")
    text = repr(options)
    assert JWT_SECRET not in text and "hunter2" not in text
    assert "jwt_secret_key='***'" in text
    assert options.to_dict()["jwt_secret_key"] == JWT_SECRET


@pytest.mark.parametrize("kwargs, setting", [
    ({"jwt_secret_key": "short"}, "JWT_SECRET_KEY"),
    ({"jwt_algorithm": "RS256"}, "JWT_ALGORITHM"),
    ({"environment": "moon"}, "ENVIRONMENT"),
    ({"digest_hour": 24}, "DIGEST_HOUR"),
    ({"log_level": "loud"}, "LOG_LEVEL"),
])
def test_invalid_values_raise_invalid_argument_naming_the_setting(engine_factory, kwargs, setting):
    with pytest.raises(aligncv.InvalidArgumentError) as info:
        engine_factory(**kwargs)
    assert setting in info.value.detail.upper() or setting.lower() in info.value.detail


def test_validate_is_callable_directly():
    aligncv.Options().validate()
    with pytest.raises(aligncv.InvalidArgumentError):
        aligncv.Options(jwt_algorithm="none").validate()


def test_from_map_reads_variables():
    options = aligncv.Options.from_map({
        "ALIGNCV_DATA_DIR": "/srv/aligncv", "PORT": "9000", "ARGON2_MEMORY_KIB": "2048",
        "ALIGNCV_ADMIN_EMAILS": "a@example.com, B@example.com",
        "CORS_ORIGINS": '["https://a.example", "https://b.example"]',
        "RATE_LIMIT_UPLOADS_PER_HOUR": "0", "GROQ_API_KEY": "your-key-here",
    })
    assert options.data_dir == "/srv/aligncv"
    assert options.port == 9000
    assert options.argon2_memory_kib == 2048
    assert [e.lower() for e in options.admin_emails] == ["a@example.com", "b@example.com"]
    assert options.cors_origins == ["https://a.example", "https://b.example"]
    assert options.rate_limit_uploads_per_hour == 0
    assert options.llm_base_url == ""  # "your-..." placeholders count as unset


def test_from_map_names_the_bad_variable():
    with pytest.raises(aligncv.InvalidArgumentError) as info:
        aligncv.Options.from_map({"PORT": "eighty"})
    assert "PORT" in info.value.detail


def test_from_env_reads_dotenv_and_the_environment_wins(tmp_path, monkeypatch):
    for name in list(os.environ):
        if name.startswith(("ALIGNCV_", "JWT_", "ARGON2_", "RATE_LIMIT_")):
            monkeypatch.delenv(name)
    (tmp_path / ".env").write_text(
        f"ALIGNCV_DATA_DIR={tmp_path / 'from-dotenv'}\nJWT_ACCESS_TOKEN_EXPIRE_MINUTES=5\n"
        "ARGON2_MEMORY_KIB=1024\nARGON2_ITERATIONS=1\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("JWT_ACCESS_TOKEN_EXPIRE_MINUTES", "7")
    monkeypatch.setenv("JWT_SECRET_KEY", JWT_SECRET)
    options = aligncv.Options.from_env()
    assert options.data_dir == str(tmp_path / "from-dotenv")
    assert options.access_token_minutes == 7
    engine = aligncv.Engine.from_env(log_to_console=False)
    try:
        assert engine.options["access_token_minutes"] == 7
        assert engine.options["log_to_console"] is False
        result = engine.signup(name="Jane Doe", email=unique_email(), password=PASSWORD)
        assert result["tokens"]["expires_in"] == 7 * 60
    finally:
        engine.close()


def test_engine_creates_its_data_dir_and_database(engine_factory, tmp_path):
    data_dir = tmp_path / "nested" / "data"
    engine = engine_factory(data_dir=data_dir)
    assert data_dir.is_dir()
    assert Path(engine.core.options.sqlite_path()) == data_dir / "aligncv.db"
    assert (data_dir / "aligncv.db").exists()


def test_data_survives_reopening(engine_factory, tmp_path):
    data_dir = tmp_path / "kept"
    email = unique_email()
    engine_factory(data_dir=data_dir).signup(name="Jane Doe", email=email, password=PASSWORD)
    assert engine_factory(data_dir=data_dir).login(email=email, password=PASSWORD)


def test_log_file_gets_json_lines_without_secrets(engine_factory, tmp_path):
    log = tmp_path / "log.jsonl"
    engine = engine_factory(log_file=log)
    result = engine.signup(name="Jane Doe", email=unique_email(), password=PASSWORD)
    engine.close()
    del engine
    lines = [line for line in log.read_text().splitlines() if line.strip()]
    assert lines
    for line in lines:
        entry = json.loads(line)
        assert {"timestamp", "level", "module", "message"} <= set(entry)
    text = log.read_text()
    assert PASSWORD not in text
    assert result["tokens"]["access_token"] not in text


def test_default_log_file_and_disabling_it(engine_factory, tmp_path):
    engine_factory(data_dir=tmp_path / "logged")
    assert (tmp_path / "logged" / "logs" / "aligncv.jsonl").exists()
    engine_factory(data_dir=tmp_path / "quiet", log_file="")
    assert not (tmp_path / "quiet" / "logs" / "aligncv.jsonl").exists()


def test_closed_engine_refuses_calls(engine):
    with engine as same:
        assert same is engine
    assert engine.closed
    assert "closed" in repr(engine)
    with pytest.raises(RuntimeError, match="closed"):
        engine.health()


def test_engine_options_property_is_a_dict(engine):
    options = engine.options
    assert options["argon2_memory_kib"] == FAST_ARGON2["argon2_memory_kib"]
    assert options["log_to_console"] is False
    assert set(options) == set(_aligncv.Options.field_names())


# ---- clocks ----------------------------------------------------------------------------------

def test_manual_clock():
    clock = aligncv.ManualClock(1_000)
    assert clock.now_ms() == 1_000 and clock.now_seconds() == 1
    clock.advance_seconds(2)
    clock.advance_ms(500)
    assert clock.now_ms() == 3_500
    clock.set_ms(10)
    assert clock.now_ms() == 10
    assert repr(clock) == "ManualClock(start_ms=10)"
    assert isinstance(clock, aligncv.Clock)


def test_manual_clock_default_start_is_fixed():
    assert aligncv.ManualClock().now_ms() == 1_764_150_000_000


def test_format_timestamp():
    assert aligncv.format_timestamp(0) == "1970-01-01T00:00:00.000Z"
    assert aligncv.format_timestamp(1_764_150_000_123) == "2025-11-26T09:40:00.123Z"


def test_engine_timestamps_follow_the_injected_clock(engine_factory):
    clock = aligncv.ManualClock(1_764_150_000_123)
    engine = engine_factory(clock=clock)
    result = engine.signup(name="Jane Doe", email=unique_email(), password=PASSWORD)
    assert result["user"]["created_at"] == "2025-11-26T09:40:00.123Z"
    clock.advance_seconds(60)
    token = result["tokens"]["access_token"]
    assert engine.update_profile(token, bio="x")["updated_at"] == "2025-11-26T09:41:00.123Z"


# ---- the type stub of the compiled module ---------------------------------------------------

def test_type_stub_matches_the_compiled_module():
    import ast

    stub = ast.parse((Path(aligncv.__file__).parent / "_aligncv.pyi").read_text())
    for node in stub.body:
        if isinstance(node, ast.ClassDef):
            runtime = getattr(_aligncv, node.name)
            declared = {n.name for n in node.body if isinstance(n, ast.FunctionDef)}
            declared |= {n.target.id for n in node.body if isinstance(n, ast.AnnAssign)}
            public = {name for name in vars(runtime) if not name.startswith("_")}
            assert public == declared - {"__init__", "__copy__"}, node.name
        elif isinstance(node, ast.FunctionDef):
            assert callable(getattr(_aligncv, node.name)), node.name
    names = {n.name for n in stub.body if isinstance(n, (ast.ClassDef, ast.FunctionDef))}
    public = {n for n in dir(_aligncv) if not n.startswith("__")}
    assert public - {"_ERROR_CLASSES"} == names
