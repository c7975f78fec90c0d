"""Fixtures: `engine` (the Python API on a temporary data folder), `server` (the real
`aligncv serve` binary in a subprocess) and `client` (a requests.Session bound to it)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List

import pytest

import aligncv
from support import (
    FAST_ARGON2,
    JWT_SECRET,
    PASSWORD,
    ApiClient,
    HttpUser,
    ServerProcess,
    aligncv_binary,
    unique_email,
)

# ---- the Python API ---------------------------------------------------------------------------

EngineFactory = Callable[..., aligncv.Engine]


@pytest.fixture
def engine_factory(tmp_path: Path) -> Iterator[EngineFactory]:
    """Opens engines on fresh data folders: cheap Argon2, a known JWT key, no console logging.
    Keyword arguments override those (and any other option)."""
    opened: List[aligncv.Engine] = []

    def make(**overrides: Any) -> aligncv.Engine:
        settings: Dict[str, Any] = {
            **FAST_ARGON2,
            "jwt_secret_key": JWT_SECRET,
            "log_to_console": False,
        }
        settings.update(overrides)
        data_dir = settings.pop("data_dir", tmp_path / f"data{len(opened)}")
        engine = aligncv.Engine(data_dir, **settings)
        opened.append(engine)
        return engine

    yield make
    for engine in opened:
        engine.close()


@pytest.fixture
def engine(engine_factory: EngineFactory) -> aligncv.Engine:
    return engine_factory()


@pytest.fixture
def clock() -> aligncv.ManualClock:
    return aligncv.ManualClock()


@pytest.fixture
def clocked_engine(engine_factory: EngineFactory, clock: aligncv.ManualClock) -> aligncv.Engine:
    """An engine whose time only moves with `clock`."""
    return engine_factory(clock=clock)


@pytest.fixture
def signed_up(engine: aligncv.Engine) -> Dict[str, Any]:
    """A fresh user of `engine`: the signup response plus "email" and "password"."""
    email = unique_email()
    result = engine.signup(name="Jane Doe", email=email, password=PASSWORD)
    return {**result, "email": email, "password": PASSWORD}


# ---- the real server --------------------------------------------------------------------------

@pytest.fixture(scope="session")
def aligncv_bin() -> Path:
    path = aligncv_binary()
    if not path.exists():
        if os.environ.get("ALIGNCV_SKIP_HTTP") == "1":
            pytest.skip(f"ALIGNCV_SKIP_HTTP=1 and no server binary at {path}")
        pytest.fail(f"no server binary at {path}: build it with `cmake --build build --target "
                    f"aligncv` or point ALIGNCV_BIN at it (ALIGNCV_SKIP_HTTP=1 skips these tests)",
                    pytrace=False)
    return path


# Origins in the JSON-array form, with spaces and a trailing "/" that must be ignored.
SERVER_CORS_ORIGINS = '[" http://localhost:3000/ ", "https://app.example.com"]'


@pytest.fixture(scope="session")
def server_factory(
    aligncv_bin: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[..., ServerProcess]]:
    """Starts extra servers with their own environment (e.g. GOOGLE_CLIENT_ID); each is stopped
    with SIGTERM at the end of the session and must exit with 0."""
    started: List[ServerProcess] = []

    def start(**env: str) -> ServerProcess:
        workdir = tmp_path_factory.mktemp("server")
        proc = ServerProcess(aligncv_bin, workdir, dict(env)).start()
        started.append(proc)
        return proc

    yield start
    failures = []
    for proc in started:
        code = proc.stop()
        if code != 0:
            failures.append(f"{proc.url} exited with {code}\n{proc.logs()}")
    assert not failures, "\n".join(failures)


@pytest.fixture(scope="session")
def server_process(server_factory: Callable[..., ServerProcess]) -> ServerProcess:
    """The shared server of the HTTP tests (see `server`)."""
    return server_factory(CORS_ORIGINS=SERVER_CORS_ORIGINS)


@pytest.fixture(scope="session")
def server(server_process: ServerProcess) -> str:
    """Base URL (http://127.0.0.1:<port>) of the real `aligncv serve`, started once per session
    with ARGON2_MEMORY_KIB=1024, ARGON2_ITERATIONS=1, a known JWT_SECRET_KEY and
    ENVIRONMENT=testing. Tests use fresh e-mail addresses, so they do not see each other."""
    return server_process.url


@pytest.fixture
def client(server: str, server_process: ServerProcess) -> Iterator[ApiClient]:
    """A requests.Session for `server`: client.get("/v2/health"). After each test the server
    must still be running."""
    with ApiClient(server) as session:
        yield session
    assert server_process.alive(), f"the server died\n{server_process.logs()}"


@pytest.fixture
def make_user(client: ApiClient) -> Callable[..., HttpUser]:
    """Signs up a fresh user over HTTP."""

    def make(name: str = "Test User", password: str = PASSWORD) -> HttpUser:
        email = unique_email()
        response = client.signup(name=name, email=email, password=password)
        assert response.status_code == 201, response.text
        body = response.json()
        return HttpUser(name=name, email=email, password=password, id=body["user"]["id"],
                        access=body["tokens"]["access_token"],
                        refresh=body["tokens"]["refresh_token"])

    return make


@pytest.fixture
def user(make_user: Callable[..., HttpUser]) -> HttpUser:
    return make_user()


# ---- browser tests ------------------------------------------------------------------------------

@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    """A failing browser test (one with a browser_support.Browser fixture) saves a screenshot of
    the page, and the browser's console errors, into its report."""
    outcome = yield
    report = outcome.get_result()
    if not report.failed or report.when not in ("setup", "call"):
        return
    browser = next((value for value in getattr(item, "funcargs", {}).values()
                    if hasattr(value, "failure_screenshot")), None)
    if browser is None:
        return
    try:
        path = browser.failure_screenshot(item.nodeid)
        report.sections.append(("browser screenshot", f"saved to {path}"))
        print(f"\nbrowser screenshot: {path}")
        errors = browser.console_errors()
        if errors:
            report.sections.append(("browser console errors", "\n".join(errors)))
    except Exception as error:  # the browser itself may be what failed
        report.sections.append(("browser screenshot", f"could not be saved: {error!r}"))
