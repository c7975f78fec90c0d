"""Serving the /v2 HTTP API from Python.

:func:`serve` blocks like ``aligncv serve``. :class:`BackgroundServer` runs the same server on a
thread of this process, e.g. for tests or a notebook::

    with aligncv.Engine("./data").serve_in_background() as server:
        requests.get(server.url + "/v2/health")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from aligncv import _aligncv
from aligncv._aligncv import Options

if TYPE_CHECKING:
    from aligncv.engine import Engine

__all__ = ["BackgroundServer", "serve"]


def serve(
    host: Optional[str] = None,
    port: Optional[int] = None,
    data_dir: Optional[str] = None,
    *,
    from_env: bool = True,
    **options: Any,
) -> int:
    """Opens an engine and serves the /v2 API until SIGINT or SIGTERM; blocks (without holding
    the GIL) and returns the exit code.

    The configuration is read like ``aligncv serve`` (``./.env``, then the environment) unless
    ``from_env=False``; ``host``, ``port``, ``data_dir`` and keyword ``options`` (as for
    :class:`aligncv.Engine`) override it when given (defaults: 127.0.0.1, 8000, ./aligncv-data).
    """
    config = Options.from_env() if from_env else Options()
    given = {"host": host, "port": port, "data_dir": data_dir}
    config.update(**{k: v for k, v in given.items() if v is not None}, **options)
    return _aligncv.serve(config)


class BackgroundServer:
    """The HTTP server of an :class:`~aligncv.Engine` on a background thread of this process.

    Attributes:
        url: ``http://<host>:<port>`` once started (API routes are under ``url + "/v2"``).
    """

    def __init__(self, engine: "Engine", host: str = "127.0.0.1", port: int = 0) -> None:
        self._server = _aligncv.BackgroundServer(engine.core)
        self._host = host
        self._port = port

    def start(self) -> "BackgroundServer":
        """Binds (port 0 = a free port) and starts serving; returns self.

        Raises:
            UnavailableError: the address cannot be bound.
        """
        self._server.start(self._host, self._port)
        return self

    def stop(self) -> None:
        """Stops serving once in-flight requests have finished. Idempotent."""
        self._server.stop()

    @property
    def running(self) -> bool:
        return self._server.running

    @property
    def host(self) -> str:
        return self._host

    @property
    def port(self) -> int:
        """The bound port (after :meth:`start`)."""
        return self._server.port

    @property
    def url(self) -> str:
        host = f"[{self._host}]" if ":" in self._host else self._host
        return f"http://{host}:{self.port}"

    def __enter__(self) -> "BackgroundServer":
        if not self.running:
            self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def __repr__(self) -> str:
        state = "running" if self.running else "stopped"
        return f"<aligncv.BackgroundServer {self.url if self.port else self._host} {state}>"
