"""Serving HTTP from Python: BackgroundServer in this process, aligncv.serve() in a child."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time

import pytest
import requests

import aligncv
from support import FAST_ARGON2_ENV, JWT_SECRET, PASSWORD, free_port, unique_email


def test_background_server_serves_the_engine(engine):
    with engine.serve_in_background() as server:
        assert server.running and server.port > 0
        assert server.url == f"http://127.0.0.1:{server.port}"
        response = requests.get(server.url + "/v2/health", timeout=10)
        assert response.status_code == 200
        assert response.json()["status"] == "healthy"
        # one engine, two faces: a user made over HTTP is the Python API's user
        email = unique_email()
        signup = requests.post(server.url + "/v2/auth/signup", timeout=10,
                               json={"name": "Jane Doe", "email": email, "password": PASSWORD})
        assert signup.status_code == 201
        assert engine.me(signup.json()["tokens"]["access_token"])["email"] == email
    assert not server.running
    with pytest.raises(requests.ConnectionError):
        requests.get(server.url + "/v2/health", timeout=2)


def test_stop_is_idempotent_and_restart_works(engine):
    server = aligncv.BackgroundServer(engine)
    server.start()
    server.stop()
    server.stop()
    server.start()
    assert requests.get(server.url + "/v2/health", timeout=10).status_code == 200
    server.stop()


def test_stop_right_after_start_does_not_hang(engine):
    for _ in range(5):
        server = aligncv.BackgroundServer(engine).start()
        started = time.monotonic()
        server.stop()
        assert time.monotonic() - started < 5


def test_server_keeps_the_engine_alive(engine_factory):
    engine = engine_factory()
    server = engine.serve_in_background()
    engine.close()
    try:
        assert requests.get(server.url + "/v2/health", timeout=10).status_code == 200
    finally:
        server.stop()


def test_binding_a_busy_port_is_unavailable(engine):
    with engine.serve_in_background() as first:
        with pytest.raises(aligncv.UnavailableError):
            aligncv.BackgroundServer(engine, port=first.port).start()


def test_serve_blocks_until_sigterm(tmp_path):
    port = free_port()
    code = ("import sys, aligncv; sys.exit(aligncv.serve(port=%d, data_dir=%r, from_env=False, "
            "jwt_secret_key=%r, argon2_memory_kib=%s, argon2_iterations=%s, "
            "log_to_console=False))" % (port, str(tmp_path / "data"), JWT_SECRET,
                                        FAST_ARGON2_ENV["ARGON2_MEMORY_KIB"],
                                        FAST_ARGON2_ENV["ARGON2_ITERATIONS"]))
    child = subprocess.Popen([sys.executable, "-c", code], cwd=tmp_path,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 20
        while True:
            assert child.poll() is None, child.stdout.read().decode(errors="replace")
            try:
                if requests.get(f"http://127.0.0.1:{port}/v2/health", timeout=1).ok:
                    break
            except requests.RequestException:
                pass
            assert time.monotonic() < deadline, "aligncv.serve() never answered"
            time.sleep(0.05)
        child.send_signal(signal.SIGTERM)
        output = child.communicate(timeout=15)[0].decode(errors="replace")
        assert child.returncode == 0, output
        assert f"127.0.0.1:{port}" in output  # serve() prints its URL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()


def test_cli_serve_on_a_port_in_use_exits_1_with_a_message(server_process, aligncv_bin, tmp_path):
    result = subprocess.run(
        [str(aligncv_bin), "serve", "--host", "127.0.0.1", "--port", str(server_process.port),
         "--data-dir", str(tmp_path / "data")],
        cwd=tmp_path, capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL)
    assert result.returncode == 1
    assert "aligncv serve:" in result.stderr


def test_oversized_body_with_expect_100_continue_gets_the_json_413(server):
    port = int(server.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(b"POST /v2/auth/signup HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 2000000\r\nExpect: 100-continue\r\n\r\n")
        data = b""
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break  # the server closes: it never reads the body it refused
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 413")
    assert body == b'{"code":"payload_too_large","detail":"Request body exceeds maximum allowed size of 1MB"}'
