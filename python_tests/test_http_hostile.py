"""Limits, evaluation order and hostile input over real HTTP: the server answers with the
documented errors (api-v2.md sections 1.2, 1.4, 1.8) and keeps serving."""

from __future__ import annotations

import json
import os
import socket
import threading
import time

import pytest
import requests

from support import (
    NOT_AUTHENTICATED,
    PASSWORD,
    ApiClient,
    ServerProcess,
    count_responses,
    issues,
    parse_raw_response,
    raw_request,
    read_response,
    unique_email,
)

pytestmark = pytest.mark.http

MIB = 1024 * 1024
TOO_LARGE = {"detail": "Request body exceeds maximum allowed size of 1MB",
             "code": "payload_too_large"}
WRONG_TYPE = {"detail": "Content-Type must be application/json", "code": "unsupported_media_type"}


@pytest.fixture
def port(server_process):
    return server_process.port


@pytest.fixture(autouse=True)
def still_healthy(client, server_process):
    """After every hostile test the server still answers /v2/health."""
    yield
    assert server_process.alive(), server_process.logs()
    response = client.get("/v2/health", timeout=10)
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "healthy"


class OwnServer:
    """A server of its own, for input that might crash it, so that a crash fails one test and
    not the rest of the suite."""

    def __init__(self, proc: ServerProcess) -> None:
        self.proc = proc
        self.client = ApiClient(proc.url)

    def request(self, method: str, path: str, **kwargs):
        try:
            return self.client.request(method, path, **kwargs)
        except requests.ConnectionError:
            time.sleep(0.3)
            if not self.proc.alive():
                pytest.fail(f"{method} {path} crashed the server (exit code "
                            f"{self.proc.process.poll()})\n{self.proc.logs()}", pytrace=False)
            raise

    def assert_survived(self) -> None:
        time.sleep(0.2)  # a crash may take a moment to end the process
        assert self.proc.alive(), f"the server died (exit {self.proc.process.poll()})"
        assert self.client.get("/v2/health").status_code == 200


@pytest.fixture
def own_server(aligncv_bin, tmp_path):
    proc = ServerProcess(aligncv_bin, tmp_path / "own").start()
    own = OwnServer(proc)
    yield own
    own.client.close()
    was_alive = proc.alive()
    code = proc.stop()
    if was_alive:
        assert code == 0, f"exit code {code} after SIGTERM\n{proc.logs()}"


def _post_head(path: str, length: int, content_type: str = "application/json",
               extra: str = "") -> bytes:
    return (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {length}\r\n{extra}\r\n").encode()


# ---- 413 ----------------------------------------------------------------------------------

def test_oversized_content_length_is_413_before_the_body_is_read(port):
    """The server refuses from Content-Length alone: nothing of the body is ever sent."""
    raw = raw_request(port, _post_head("/v2/auth/signup", MIB + 1), timeout=10)
    status, headers, body = parse_raw_response(raw)
    assert status == 413
    assert json.loads(body) == TOO_LARGE
    assert headers["content-type"] == "application/json; charset=utf-8"
    assert "x-request-id" in headers


def test_oversized_body_sent_in_full_is_413(client):
    body = json.dumps({"name": "Jane Doe", "email": unique_email(), "password": PASSWORD,
                       "padding": "x" * MIB}).encode()
    response = client.post("/v2/auth/signup", data=body,
                           headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert response.json() == TOO_LARGE


def test_a_body_just_under_the_limit_is_read(client):
    prefix = json.dumps({"name": "Jane Doe", "email": unique_email(), "password": PASSWORD,
                         "padding": ""}).encode()
    body = prefix[:-2] + b"x" * (MIB - len(prefix)) + b'"}'
    assert len(body) == MIB
    response = client.post("/v2/auth/signup", data=body,
                           headers={"Content-Type": "application/json"})
    assert response.status_code == 201


def test_oversized_chunked_body_is_413(port):
    """Chunked: refused once the running total passes 1 MiB; the server buffers no more."""
    head = (b"POST /v2/auth/signup HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
    chunk = b"x" * 65536
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(head)
        try:
            for _ in range(64):  # up to 4 MiB; the answer should come after about 1 MiB
                s.sendall(b"%x\r\n" % len(chunk) + chunk + b"\r\n")
        except OSError:
            pass  # the server answered and closed early: that is the point
        status, _, body = parse_raw_response(read_response(s, timeout=10))
    assert status == 413
    assert json.loads(body) == TOO_LARGE


def test_body_bytes_after_a_413_are_never_read_as_a_request(port):
    """Refusing a body without reading it must end the connection: otherwise the body's bytes
    are parsed as the next request on it (request smuggling behind a proxy)."""
    smuggled = b"GET /v2/smuggled HTTP/1.1\r\nHost: x\r\n\r\n"
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(_post_head("/v2/auth/signup", MIB + 1))
        time.sleep(0.3)
        try:
            s.sendall(smuggled)  # the first bytes of the announced body
        except OSError:
            pass
        data = read_response(s, timeout=2, read_limit=1 << 16)
        time.sleep(0.5)
        try:
            s.settimeout(1)
            data += s.recv(65536)
        except OSError:
            pass
    assert parse_raw_response(data)[0] == 413
    assert count_responses(data) == 1, data.decode("latin-1")


def test_chunked_body_after_a_413_is_never_read_as_a_request(port):
    head = (b"POST /v2/auth/signup HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
    chunk = b"x" * 65536
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(head)
        try:
            for _ in range(17):
                s.sendall(b"%x\r\n" % len(chunk) + chunk + b"\r\n")
            s.sendall(b"0\r\n\r\n")
        except OSError:
            pass
        time.sleep(0.5)
        data = read_response(s, timeout=2, read_limit=1 << 16)
        try:
            s.settimeout(1)
            data += s.recv(65536)
        except OSError:
            pass
    assert parse_raw_response(data)[0] == 413
    assert count_responses(data) == 1, data.decode("latin-1")


def test_413_comes_before_authentication(port):
    raw = raw_request(port, _post_head("/v2/auth/logout", 2 * MIB), timeout=10)
    assert parse_raw_response(raw)[0] == 413


# ---- 415 and the evaluation order -----------------------------------------------------------

@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded",
                                          "multipart/form-data; boundary=x", "application/jsonx",
                                          "application/xml"])
def test_wrong_content_type_is_415(client, content_type):
    body = json.dumps({"name": "Jane Doe", "email": unique_email(), "password": PASSWORD})
    response = client.post("/v2/auth/signup", data=body, headers={"Content-Type": content_type})
    assert response.status_code == 415
    assert response.json() == WRONG_TYPE


def test_401_comes_before_415(client):
    response = client.put("/v2/auth/profile", data="name=x",
                          headers={"Content-Type": "text/plain"})
    assert response.status_code == 401
    assert response.json() == NOT_AUTHENTICATED


def test_415_comes_before_422(client):
    response = client.post("/v2/auth/signup", data="{not json",
                           headers={"Content-Type": "text/plain"})
    assert response.status_code == 415


def test_routes_without_a_body_ignore_the_content_type(client, user):
    response = client.get("/v2/auth/me", headers={**user.headers, "Content-Type": "text/plain"})
    assert response.status_code == 200


# ---- malformed bodies ---------------------------------------------------------------------

def test_invalid_utf8_in_json_is_json_invalid(client):
    body = b'{"name": "Jane \xff\xfe Doe", "email": "' + unique_email().encode() + \
        b'", "password": "' + PASSWORD.encode() + b'"}'
    response = client.post("/v2/auth/signup", data=body,
                           headers={"Content-Type": "application/json"})
    (issue,) = issues(response)
    assert issue["type"] == "json_invalid"
    assert issue["loc"][0] == "body"
    json.dumps(response.json())  # the answer itself is valid JSON


def test_invalid_utf8_in_a_password_is_json_invalid(client):
    body = b'{"email": "a@example.com", "password": "\xc3\x28abcdefgh"}'
    response = client.post("/v2/auth/login", data=body,
                           headers={"Content-Type": "application/json"})
    assert issues(response)[0]["type"] == "json_invalid"


@pytest.mark.parametrize("depth", [1_000, 100_000, 500_000])
def test_deeply_nested_arrays(own_server, depth):
    body = b"[" * depth + b"]" * depth
    response = own_server.request("POST", "/v2/auth/signup", data=body,
                                  headers={"Content-Type": "application/json"})
    own_server.assert_survived()
    assert response.status_code == 422
    # (not response.json(): Python's own decoder gives up on the echoed input's depth)
    assert b'"code":"validation_error"' in response.content.replace(b" ", b"")


@pytest.mark.parametrize("depth", [1_000, 100_000])
def test_deeply_nested_value_inside_a_field(own_server, depth):
    token = own_server.client.signup().json()["tokens"]["access_token"]
    body = b'{"name": ' + b'{"a": ' * depth + b"1" + b"}" * depth + b"}"
    response = own_server.request("PUT", "/v2/auth/profile", data=body, headers={
        "Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    own_server.assert_survived()
    assert response.status_code == 422
    assert len(response.content) < 64 * 1024, "the echoed input should not be huge"


def test_unterminated_deep_nesting(own_server):
    response = own_server.request("POST", "/v2/auth/login", data=b"[" * 300_000,
                                  headers={"Content-Type": "application/json"})
    own_server.assert_survived()
    assert issues(response)[0]["type"] == "json_invalid"


@pytest.mark.parametrize("body", [b"", b" ", b"\x00", b"\xef\xbb\xbf{}", b'{"a":1}{"b":2}',
                                  b"{'single': 'quotes'}", b'{"a": NaN}', b'{"a": 1e999999}',
                                  b'{"name": "\\ud800", "email": "x@example.com"}'])
def test_odd_json_bodies_are_4xx_not_5xx(client, body):
    response = client.post("/v2/auth/signup", data=body,
                           headers={"Content-Type": "application/json"})
    assert 400 <= response.status_code < 500, (response.status_code, response.text)
    assert response.json()["code"] in ("validation_error", "bad_request")


def test_many_keys_and_long_strings(client):
    body = {f"k{i}": "v" * 100 for i in range(5000)}
    body.update({"name": "Jane Doe", "email": unique_email(), "password": PASSWORD})
    assert client.post("/v2/auth/signup", json=body).status_code == 201


def test_nul_bytes_in_strings(client):
    response = client.post("/v2/auth/signup",
                           json={"name": "Jane\u0000Doe", "email": unique_email(),
                                 "password": "pass\u0000word!"})
    assert response.status_code in (201, 422)


# ---- broken HTTP -----------------------------------------------------------------------------

@pytest.mark.parametrize("seed", range(3))
def test_garbage_bytes(port, seed):
    data = os.urandom(4096 * (seed + 1))
    raw_request(port, data + b"\r\n\r\n", timeout=5, shutdown_write=True)


@pytest.mark.parametrize("request_line", [
    b"GET\r\n\r\n", b"GET / HTTP/9.9\r\n\r\n", b"GET /v2/health HTTP/1.1\r\nHost\r\n\r\n",
    b"\r\n\r\n\r\n", b"POST /v2/auth/login HTTP/1.1\r\nContent-Length: -5\r\n\r\n",
    b"POST /v2/auth/login HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n",
    b"POST /v2/auth/login HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello",
    b"POST /v2/auth/login HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
    b"GET /v2/health\x00/x HTTP/1.1\r\n\r\n",
])
def test_malformed_requests(port, request_line):
    raw = raw_request(port, request_line, timeout=5, shutdown_write=True)
    if raw:
        status = int(raw.split(b" ", 2)[1])
        assert status < 500 or status == 501 or status == 505, raw[:200]


def test_huge_header_value(port):
    head = (b"GET /v2/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"a" * (256 * 1024)
            + b"\r\n\r\n")
    raw = raw_request(port, head, timeout=10)
    if raw:
        assert int(raw.split(b" ", 2)[1]) in (200, 400, 413, 431), raw[:200]


def test_thousands_of_headers(port):
    head = b"GET /v2/health HTTP/1.1\r\nHost: 127.0.0.1\r\n" + b"".join(
        b"X-H%d: v\r\n" % i for i in range(10_000)) + b"\r\n"
    raw = raw_request(port, head, timeout=10)
    if raw:
        assert int(raw.split(b" ", 2)[1]) in (200, 400, 413, 431), raw[:200]


def test_huge_authorization_header(client):
    response = client.get("/v2/auth/me", headers={"Authorization": "Bearer " + "a" * 60_000})
    assert response.status_code in (400, 401, 431)


def test_long_url(client):
    response = client.get("/v2/" + "a" * 60_000)
    assert response.status_code in (404, 414, 400)


def test_slow_partial_request_does_not_block_others(port, client):
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(b"POST /v2/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{")
        started = time.monotonic()
        assert client.get("/v2/health").status_code == 200
        assert time.monotonic() - started < 5


def test_many_idle_connections_do_not_block_others(port, client):
    sockets = []
    try:
        for _ in range(32):
            sockets.append(socket.create_connection(("127.0.0.1", port), timeout=10))
        started = time.monotonic()
        assert client.get("/v2/health", timeout=30).status_code == 200
        assert time.monotonic() - started < 15
    finally:
        for s in sockets:
            s.close()


def test_pipelined_requests_do_not_confuse_the_server(port):
    """HTTP/1.1 pipelining is not required (no browser uses it); answering the first request
    correctly and staying healthy is."""
    one = b"GET /v2/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    last = b"GET /v2/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    raw = raw_request(port, one * 3 + last, timeout=5)
    assert parse_raw_response(raw)[0] == 200
    assert b"HTTP/1.1 5" not in raw


def test_hammering_with_bad_tokens_from_threads(server):
    failures = []

    def hammer():
        with ApiClient(server) as session:
            for i in range(25):
                r = session.get("/v2/auth/me", headers={"Authorization": f"Bearer x.{i}.y"})
                if r.status_code != 401:
                    failures.append(r.status_code)

    threads = [threading.Thread(target=hammer) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
