"""Documents over real HTTP (api-v2.md section 3): upload (multipart), list, detail, original
file, JSON Resume export and delete, every bad input of the upload table, limits, the order of
checks, hostile file names, and that the server and earlier documents survive all of it."""

from __future__ import annotations

import hashlib
import json
import socket
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Tuple

import pytest
import requests

from documents_support import (
    BAD_UPLOADS,
    CLIENT_UPLOAD_KEYS,
    DETAIL_KEYS,
    JSON_RESUME_SCHEMA,
    MIME,
    NOT_FOUND,
    SECTION_NAMES,
    SUMMARY_KEYS,
    TOO_SHORT,
    UPLOAD_KEYS,
    UPLOADED,
    assert_no_nulls,
    padded_docx,
    resume_docx,
    resume_md,
    resume_pdf_one_column,
    resume_pdf_two_columns,
    resume_txt,
)
from support import (
    NOT_AUTHENTICATED,
    UUID4_RE,
    ApiClient,
    HttpUser,
    ServerProcess,
    assert_recent,
    parse_raw_response,
    raw_request,
    read_response,
)

pytestmark = pytest.mark.http

MIB = 1024 * 1024
UPLOAD = "/v2/documents/upload"
BROKEN = {"detail": "There was an error parsing the body", "code": "bad_request"}
NOT_MULTIPART = {"detail": "Content-Type must be multipart/form-data",
                 "code": "unsupported_media_type"}


def too_large(mb: int) -> Dict[str, str]:
    return {"detail": f"File size exceeds maximum allowed size of {mb}MB",
            "code": "payload_too_large"}


# ---- multipart built by hand, so that every byte of the framing is under the test's control --

Part = Tuple[str, bytes]  # (Content-Disposition parameters, content)


def multipart(parts: List[Part], boundary: str = "aligncv-test-boundary",
              content_type: str = "application/octet-stream") -> Tuple[bytes, str]:
    body = b""
    for params, content in parts:
        body += (f"--{boundary}\r\nContent-Disposition: form-data; ".encode() +
                 params.encode("utf-8", "surrogateescape") +
                 f"\r\nContent-Type: {content_type}\r\n\r\n".encode() + content + b"\r\n")
    body += f"--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def file_part(name: str, data: bytes) -> Part:
    escaped = name.replace("\\", "\\\\").replace('"', '\\"')
    return f'name="file"; filename="{escaped}"', data


def upload(client: ApiClient, user: Optional[HttpUser], name: str, data: bytes,
           **headers: str) -> requests.Response:
    body, content_type = multipart([file_part(name, data)])
    sent = {"Content-Type": content_type, **(user.headers if user else {}), **headers}
    return client.post(UPLOAD, data=body, headers=sent)


def uploaded(client: ApiClient, user: HttpUser, name: str, data: bytes) -> Dict:
    response = upload(client, user, name, data)
    assert response.status_code == 200, response.text
    return response.json()


def uploads_dir(proc: ServerProcess) -> Path:
    return proc.workdir / "data" / "uploads"


def files_under(folder: Path) -> List[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


# ---- the baseline: uploaded first, checked last, after everything below ----------------------

@pytest.fixture(scope="module")
def baseline(server: str) -> Iterator[Dict]:
    """A user with three documents uploaded before the hostile tests of this module; the last
    test checks that they are still intact."""
    with ApiClient(server) as session:
        body = session.signup().json()
        user = HttpUser(name="Baseline", email=body["user"]["email"], password="", id=body[
            "user"]["id"], access=body["tokens"]["access_token"], refresh="")
        files = {"baseline.txt": resume_txt(), "baseline.docx": resume_docx(),
                 "baseline.pdf": resume_pdf_one_column()}
        docs = {name: uploaded(session, user, name, data) for name, data in files.items()}
        yield {"user": user, "files": files, "docs": docs}


def test_baseline_uploaded(baseline):
    assert len(baseline["docs"]) == 3


# ---- upload: success ---------------------------------------------------------------------------

SAMPLES = {
    "jane_doe_resume.txt": (resume_txt, "txt"),
    "jane_doe_resume.md": (resume_md, "md"),
    "jane_doe_resume.docx": (resume_docx, "docx"),
    "jane_doe_resume.pdf": (resume_pdf_one_column, "pdf"),
    "jane_doe_two_columns.pdf": (resume_pdf_two_columns, "pdf"),
}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_upload_each_type(client, user, server_process, name):
    make, file_type = SAMPLES[name]
    data = make()
    response = upload(client, user, name, data)
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"] == "application/json; charset=utf-8"
    body = response.json()
    assert set(body) == UPLOAD_KEYS and CLIENT_UPLOAD_KEYS <= set(body)
    assert body["message"] == UPLOADED
    assert UUID4_RE.match(body["document_id"])
    assert (body["file_name"], body["file_type"], body["file_size"]) == (name, file_type,
                                                                         len(data))
    assert body["storage_path"] == f"user_{user.id}/{body['document_id']}.{file_type}"
    assert (uploads_dir(server_process) / body["storage_path"]).read_bytes() == data
    assert "Python" in body["skills"], body["skills"]
    assert body["skills"] == sorted(body["skills"], key=str.lower)
    assert body["text_length"] >= 50
    assert "Northwind Analytics" in body["parsed_text"]
    assert isinstance(body["entities"], dict) and isinstance(body["profile"], dict)
    assert all(section["name"] in SECTION_NAMES for section in body["sections"])


def test_parsed_text_is_a_500_character_preview(client, user):
    long_text = resume_txt() + ("Additional project notes with Python and Docker. " * 40).encode()
    body = uploaded(client, user, "long.txt", long_text)
    assert body["text_length"] > 500
    assert len(body["parsed_text"]) == 503 and body["parsed_text"].endswith("...")
    detail = client.get(f"/v2/documents/{body['document_id']}", headers=user.headers).json()
    assert detail["extracted_text"].startswith(body["parsed_text"][:-3])


def test_docx_table_cells_are_read(client, user):
    body = uploaded(client, user, "table.docx", resume_docx())
    text = client.get(f"/v2/documents/{body['document_id']}", headers=user.headers).json()[
        "extracted_text"]
    for cell in ("Contoso Payments", "Jan 2017 - Feb 2021", "Docker, Kubernetes, AWS"):
        assert cell in text, text
    assert {"Docker", "Kubernetes", "AWS"} <= set(body["skills"])


def test_two_column_pdf_keeps_the_columns_apart(client, user):
    body = uploaded(client, user, "two.pdf", resume_pdf_two_columns())
    text = client.get(f"/v2/documents/{body['document_id']}", headers=user.headers).json()[
        "extracted_text"]
    for line in text.splitlines():  # a sidebar line never shares a line with the main column
        assert not ("Northwind" in line and ("Python ·" in line or "Skills" in line)), line


def test_same_file_twice_makes_two_documents(client, user):
    first = uploaded(client, user, "same.txt", resume_txt())
    second = uploaded(client, user, "same.txt", resume_txt())
    assert first["document_id"] != second["document_id"]


def test_client_content_type_of_the_part_is_ignored(client, user):
    body, content_type = multipart([file_part("cv.txt", resume_txt())],
                                   content_type="application/pdf")
    response = client.post(UPLOAD, data=body,
                           headers={"Content-Type": content_type, **user.headers})
    assert response.status_code == 200
    assert response.json()["file_type"] == "txt"


def test_requests_files_form_works(client, user):
    """The way clients send it: requests/urllib3 framing with extra form fields around."""
    response = client.post(UPLOAD, headers=user.headers,
                           data={"note": "hello", "other": "x"},
                           files={"file": ("cv.docx", resume_docx(), MIME["docx"])})
    assert response.status_code == 200, response.text
    assert response.json()["file_name"] == "cv.docx"


def test_quoted_boundary_and_filename_star(client, user):
    boundary = "a b:c"
    name = "Lebenslauf Jürgen Müller.txt"
    params = ('name="file"; filename="fallback.txt"; filename*=UTF-8\'\'' +
              urllib.parse.quote(name))
    body, _ = multipart([(params, resume_txt())], boundary=boundary)
    response = client.post(UPLOAD, data=body, headers={
        "Content-Type": f'multipart/form-data; boundary="{boundary}"', **user.headers})
    assert response.status_code == 200, response.text
    assert response.json()["file_name"] == name


def test_parallel_uploads_of_one_user(server, user):
    files = {f"cv{i}.{kind}": make() for i, (make, kind) in
             enumerate([(resume_txt, "txt"), (resume_docx, "docx"), (resume_pdf_one_column, "pdf"),
                        (resume_md, "md")] * 2)}

    def send(item):
        name, data = item
        with ApiClient(server) as session:
            return upload(session, user, name, data)

    with ThreadPoolExecutor(max_workers=8) as pool:
        responses = list(pool.map(send, files.items()))
    assert [r.status_code for r in responses] == [200] * len(files), [r.text for r in responses]
    ids = {r.json()["document_id"] for r in responses}
    with ApiClient(server) as session:
        listed = session.get("/v2/documents", headers=user.headers).json()
        assert listed["total"] == len(files) and {d["id"] for d in listed["documents"]} == ids
        for response in responses:
            body = response.json()
            original = session.get(f"/v2/documents/{body['document_id']}/file",
                                   headers=user.headers)
            assert original.content == files[body["file_name"]]


# ---- upload: the order of checks and the multipart errors ------------------------------------

def post_raw(client: ApiClient, body: bytes, content_type: Optional[str],
             user: Optional[HttpUser]) -> requests.Response:
    headers = dict(user.headers) if user else {}
    if content_type is not None:
        headers["Content-Type"] = content_type
    return client.post(UPLOAD, data=body, headers=headers)


def test_missing_file_part_is_422(client, user):
    body, content_type = multipart([('name="document"; filename="cv.txt"', resume_txt()),
                                    ('name="note"', b"hello")])
    response = post_raw(client, body, content_type, user)
    assert response.status_code == 422
    assert response.json() == {"detail": [{"type": "missing", "loc": ["body", "file"],
                                           "msg": "Field required", "input": None}],
                               "code": "validation_error"}


def test_nothing_sent_is_422_missing_file(client, user):
    response = client.post(UPLOAD, headers=user.headers)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "file"]


@pytest.mark.parametrize("body", [
    b"garbage that is not multipart at all",
    b"--aligncv-test-boundary\r\nContent-Disposition: form-data; name=\"file\"; "
    b"filename=\"cv.txt\"\r\n\r\n" + resume_txt(),  # no closing delimiter
    b"--aligncv-test-boundary\r\nContent-Disposition: form-data; name=\"file\"",  # no blank line
    b"--aligncv-test-boundary\nContent-Disposition: form-data; name=\"file\"\n\nx\n"
    b"--aligncv-test-boundary--\n",  # LF framing
], ids=["garbage", "no-final-boundary", "unterminated-headers", "lf-only"])
def test_broken_multipart_is_400(client, user, body):
    response = post_raw(client, body, "multipart/form-data; boundary=aligncv-test-boundary", user)
    assert response.status_code == 400
    assert response.json() == BROKEN


def test_multipart_without_boundary_is_400(client, user):
    body, _ = multipart([file_part("cv.txt", resume_txt())])
    response = post_raw(client, body, "multipart/form-data", user)
    assert response.status_code == 400
    assert response.json() == BROKEN


@pytest.mark.parametrize("content_type", [None, "application/json", "text/plain",
                                          "application/x-www-form-urlencoded",
                                          "multipart/mixed; boundary=aligncv-test-boundary"])
def test_other_content_types_are_415(client, user, content_type):
    body, _ = multipart([file_part("cv.txt", resume_txt())])
    response = post_raw(client, body, content_type, user)
    assert response.status_code == 415
    assert response.json() == NOT_MULTIPART


def test_401_comes_before_415_and_multipart(client):
    assert post_raw(client, b"{}", "application/json", None).json() == NOT_AUTHENTICATED
    assert post_raw(client, b"junk", "multipart/form-data; boundary=x", None).status_code == 401
    response = upload(client, None, "cv.txt", resume_txt())
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"


def upload_head(length: int, token: Optional[str] = None, extra: str = "") -> bytes:
    auth = f"Authorization: Bearer {token}\r\n" if token else ""
    return (f"POST {UPLOAD} HTTP/1.1\r\nHost: 127.0.0.1\r\n{auth}"
            "Content-Type: multipart/form-data; boundary=b\r\n"
            f"Content-Length: {length}\r\n{extra}\r\n").encode()


def test_oversized_upload_is_413_from_content_length_before_auth(server_process):
    raw = raw_request(server_process.port, upload_head(6 * MIB), timeout=10)
    status, headers, body = parse_raw_response(raw)
    assert status == 413
    assert json.loads(body) == too_large(5)
    assert "x-request-id" in headers


def test_oversized_upload_with_expect_100_continue(server_process, user):
    raw = raw_request(server_process.port,
                      upload_head(6 * MIB, user.access, "Expect: 100-continue\r\n"), timeout=10)
    status, _, body = parse_raw_response(raw)
    assert status == 413
    assert json.loads(body) == too_large(5)


@pytest.fixture(scope="module")
def small_limit_server(server_factory) -> ServerProcess:
    return server_factory(MAX_FILE_SIZE_MB="1")


@pytest.fixture
def small(small_limit_server) -> Iterator[Tuple[ApiClient, HttpUser]]:
    with ApiClient(small_limit_server.url) as session:
        body = session.signup().json()
        yield session, HttpUser(name="Small", email=body["user"]["email"], password="",
                                id=body["user"]["id"], access=body["tokens"]["access_token"],
                                refresh="")


def test_file_of_exactly_the_limit_is_accepted(small):
    session, user = small
    response = upload(session, user, "exact.docx", padded_docx(MIB))
    assert response.status_code == 200, response.text
    assert response.json()["file_size"] == MIB


def test_file_one_byte_over_the_limit_is_413_with_the_configured_number(small):
    session, user = small
    response = upload(session, user, "over.docx", padded_docx(MIB + 1))
    assert response.status_code == 413
    assert response.json() == too_large(1)
    response = upload(session, user, "way-over.txt", b"x" * (MIB + MIB // 8))  # refused unread
    assert response.status_code == 413
    assert response.json() == too_large(1)


def test_oversized_chunked_upload_is_413(small_limit_server):
    head = (f"POST {UPLOAD} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            "Content-Type: multipart/form-data; boundary=b\r\n"
            "Transfer-Encoding: chunked\r\n\r\n").encode()
    chunk = b"x" * 65536
    with socket.create_connection(("127.0.0.1", small_limit_server.port), timeout=10) as s:
        s.sendall(head)
        try:
            for _ in range(64):  # up to 4 MiB; the answer comes after about 1 MiB
                s.sendall(b"%x\r\n" % len(chunk) + chunk + b"\r\n")
        except OSError:
            pass  # answered and closed early
        status, _, body = parse_raw_response(read_response(s, timeout=10))
    assert status == 413
    assert json.loads(body) == too_large(1)


# ---- upload: the table of bad files ------------------------------------------------------------

@pytest.mark.parametrize("case", BAD_UPLOADS, ids=[c[0] for c in BAD_UPLOADS])
def test_bad_upload(client, user, server_process, case):
    _, name, make, status, detail = case
    data = make()
    if data is None:
        pytest.skip("fixture not available in tests/fixtures/text")
    started = time.monotonic()
    response = upload(client, user, name, data)
    elapsed = time.monotonic() - started
    assert (response.status_code, response.json()) == (status, {
        "detail": detail, "code": "unsupported_media_type" if status == 415 else "bad_request"})
    assert elapsed < 5, elapsed
    assert client.get("/v2/documents", headers=user.headers).json()["total"] == 0
    assert not files_under(uploads_dir(server_process) / f"user_{user.id}")


def test_zip_bomb_is_refused_within_a_second(client, user):
    data = next(c for c in BAD_UPLOADS if c[0] == "zip-bomb")[2]()
    started = time.monotonic()
    response = upload(client, user, "bomb.docx", data)
    assert response.status_code == 400
    assert time.monotonic() - started < 1.0


def test_twelve_byte_txt_is_the_e2e_case(client, user):
    response = upload(client, user, "test.txt", b"Hello World!")
    assert response.status_code == 400
    assert response.json()["detail"] == TOO_SHORT


# ---- upload: rate limit ----------------------------------------------------------------------

def test_upload_rate_limit(server_factory):
    proc = server_factory(RATE_LIMIT_UPLOADS_PER_HOUR="2")
    with ApiClient(proc.url) as session:
        body = session.signup().json()
        user = HttpUser(name="Rate", email=body["user"]["email"], password="", id=body["user"][
            "id"], access=body["tokens"]["access_token"], refresh="")
        assert upload(session, user, "a.txt", resume_txt()).status_code == 200
        assert upload(session, user, "short.txt", b"too short").status_code == 400  # not counted
        assert upload(session, user, "b.txt", resume_txt()).status_code == 200
        limited = upload(session, user, "c.exe", b"MZ")  # the limit comes before the file checks
        assert limited.status_code == 429
        retry = int(limited.headers["Retry-After"])
        assert 3590 <= retry <= 3600
        assert limited.json() == {
            "detail": f"Upload limit reached (2 per hour). Try again in {retry} seconds.",
            "code": "rate_limited"}
        # The multipart checks come before the limit.
        missing, content_type = multipart([('name="other"', b"x")])
        assert post_raw(session, missing, content_type, user).status_code == 422
        # Other users have their own budget.
        other = session.signup().json()["tokens"]["access_token"]
        body, content_type = multipart([file_part("cv.txt", resume_txt())])
        response = session.post(UPLOAD, data=body, headers={
            "Content-Type": content_type, "Authorization": f"Bearer {other}"})
        assert response.status_code == 200


# ---- list, detail, file, resume.json, delete ---------------------------------------------------

def test_list_newest_first_with_total_and_paging(client, user):
    ids = [uploaded(client, user, f"cv{i}.txt", resume_txt())["document_id"] for i in range(3)]
    for path in ("/v2/documents/", "/v2/documents"):
        response = client.get(path, headers=user.headers)
        assert response.status_code == 200
        body = response.json()
        assert body["total"] == 3
        assert [d["id"] for d in body["documents"]] == ids[::-1]
        assert all(set(d) == SUMMARY_KEYS for d in body["documents"])
    page = client.get("/v2/documents/?limit=1&offset=1", headers=user.headers).json()
    assert ([d["id"] for d in page["documents"]], page["total"]) == ([ids[1]], 3)
    with_text = client.get("/v2/documents?include_text=yes&limit=2", headers=user.headers).json()
    assert len(with_text["documents"]) == 2
    assert all("Northwind" in d["extracted_text"] for d in with_text["documents"])


@pytest.mark.parametrize("query, loc, kind", [
    ("limit=0", "limit", "greater_than_equal"),
    ("limit=101", "limit", "less_than_equal"),
    ("limit=ten", "limit", "int_parsing"),
    ("offset=-1", "offset", "greater_than_equal"),
    ("include_text=maybe", "include_text", "bool_parsing"),
])
def test_list_query_errors_are_422(client, user, query, loc, kind):
    response = client.get(f"/v2/documents/?{query}", headers=user.headers)
    assert response.status_code == 422
    [issue] = response.json()["detail"]
    assert (issue["loc"], issue["type"]) == (["query", loc], kind)


def test_list_needs_authentication(client):
    assert client.get("/v2/documents/").json() == NOT_AUTHENTICATED


def test_detail(client, user):
    up = uploaded(client, user, "detail.pdf", resume_pdf_one_column())
    response = client.get(f"/v2/documents/{up['document_id']}", headers=user.headers)
    assert response.status_code == 200
    detail = response.json()
    assert set(detail) == DETAIL_KEYS
    assert detail["id"] == up["document_id"]
    assert (detail["file_type"], detail["mime_type"]) == ("pdf", MIME["pdf"])
    assert detail["storage_path"] == up["storage_path"]
    assert detail["created_at"] == detail["updated_at"]
    assert_recent(detail["created_at"])
    content = detail["parsed_content"]
    assert set(content) == {"text", "text_hash", "skills", "roles", "entities"}
    assert content["text"] == detail["extracted_text"]
    assert content["text_hash"] == hashlib.sha256(detail["extracted_text"].encode()).hexdigest()
    assert detail["text_length"] == len(detail["extracted_text"])
    lines = detail["extracted_text"].split("\n")
    for section in detail["sections"]:
        assert 1 <= section["start_line"] <= section["end_line"] <= len(lines)


def test_file_download_bytes_and_headers(client, user):
    data = resume_docx()
    name = "Jürgen \"JJ\" Müller; CV.docx"
    up = uploaded(client, user, name, data)
    response = client.get(f"/v2/documents/{up['document_id']}/file", headers=user.headers)
    assert response.status_code == 200
    assert response.content == data
    assert response.headers["Content-Type"] == MIME["docx"]
    assert response.headers["Content-Security-Policy"] == "sandbox"
    assert response.headers["Cache-Control"] == "private, no-store"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    disposition = response.headers["Content-Disposition"]
    fallback = 'attachment; filename="J_rgen _JJ_ M_ller; CV.docx"; '
    assert disposition == fallback + "filename*=UTF-8''" + urllib.parse.quote(name, safe="")
    star = disposition.split("filename*=UTF-8''", 1)[1]
    assert urllib.parse.unquote(star) == name
    head = client.head(f"/v2/documents/{up['document_id']}/file", headers=user.headers)
    assert head.status_code == 200 and head.content == b""
    assert head.headers["Content-Disposition"] == disposition


def test_file_of_each_type_has_its_stored_type(client, user):
    for name, (make, file_type) in SAMPLES.items():
        up = uploaded(client, user, name, make())
        response = client.get(f"/v2/documents/{up['document_id']}/file", headers=user.headers)
        assert response.headers["Content-Type"] == MIME[file_type]
        assert response.content == make()


def test_resume_json_export(client, user):
    up = uploaded(client, user, "Jane Doe – CV.final.docx", resume_docx())
    response = client.get(f"/v2/documents/{up['document_id']}/resume.json", headers=user.headers)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json; charset=utf-8"
    assert response.headers["Content-Disposition"] == \
        'attachment; filename="Jane Doe _ CV.final.resume.json"'
    resume = response.json()
    assert resume["$schema"] == JSON_RESUME_SCHEMA
    assert set(resume) == {"$schema", "basics", "work", "education", "skills", "projects",
                           "certificates", "languages", "awards", "meta"}
    assert resume["meta"]["version"] == "v1.0.0"
    detail = client.get(f"/v2/documents/{up['document_id']}", headers=user.headers).json()
    assert resume["meta"]["lastModified"] == detail["updated_at"][:19]
    assert_no_nulls(resume)
    profile = detail["profile"]
    assert resume["work"] == [{k: v for k, v in job.items() if v is not None}
                              for job in profile["work"]]


def test_resume_json_file_name_is_sanitised(client, user):
    up = uploaded(client, user, 'evil"na%me\x01.txt', resume_txt())
    assert up["file_name"] == 'evil"na%me.txt'
    response = client.get(f"/v2/documents/{up['document_id']}/resume.json", headers=user.headers)
    assert response.headers["Content-Disposition"] == \
        'attachment; filename="evil_na_me.resume.json"'


def test_delete_removes_record_and_file(client, user, server_process):
    up = uploaded(client, user, "gone.txt", resume_txt())
    stored = uploads_dir(server_process) / up["storage_path"]
    assert stored.exists()
    response = client.delete(f"/v2/documents/{up['document_id']}", headers=user.headers)
    assert response.status_code == 200
    assert response.json() == {"message": "Document deleted successfully"}
    assert not stored.exists()
    for suffix in ("", "/file", "/resume.json"):
        gone = client.get(f"/v2/documents/{up['document_id']}{suffix}", headers=user.headers)
        assert (gone.status_code, gone.json()) == (404, NOT_FOUND)
    again = client.delete(f"/v2/documents/{up['document_id']}", headers=user.headers)
    assert (again.status_code, again.json()) == (404, NOT_FOUND)


ROUTES = [("GET", ""), ("GET", "/file"), ("GET", "/resume.json"), ("DELETE", "")]


def test_another_users_document_is_404_everywhere(client, make_user):
    owner, stranger = make_user(), make_user()
    up = uploaded(client, owner, "mine.txt", resume_txt())
    for method, suffix in ROUTES:
        response = client.request(method, f"/v2/documents/{up['document_id']}{suffix}",
                                  headers=stranger.headers)
        assert (response.status_code, response.json()) == (404, NOT_FOUND), (method, suffix)
    assert client.get("/v2/documents", headers=stranger.headers).json() == {
        "documents": [], "total": 0}
    mine = client.get(f"/v2/documents/{up['document_id']}/file", headers=owner.headers)
    assert mine.content == resume_txt()


@pytest.mark.parametrize("doc_id", ["99999", "not-a-uuid", "0f8c3b7e-5d1a-4c2e-9b6f-2a7d4e1c9f30",
                                    "%2e%2e", "..%2F..%2Fetc%2Fpasswd", "%00"])
def test_unknown_or_malformed_ids_are_404(client, user, doc_id):
    for method, suffix in ROUTES:
        response = client.request(method, f"/v2/documents/{doc_id}{suffix}",
                                  headers=user.headers)
        assert response.status_code == 404, (method, suffix, response.text)
        assert response.json() == NOT_FOUND


def test_routes_need_authentication(client):
    for method, suffix in ROUTES:
        response = client.request(method, f"/v2/documents/99999{suffix}")
        assert response.json() == NOT_AUTHENTICATED


# ---- hostile file names ----------------------------------------------------------------------

@pytest.mark.parametrize("params, shown", [
    ('name="file"; filename="../../etc/passwd.txt"', "passwd.txt"),
    ('name="file"; filename="..\\\\..\\\\windows\\\\win.ini.txt"', "win.ini.txt"),
    ('name="file"; filename="/abs/path/cv.txt"', "cv.txt"),
    ('name="file"; filename="tab\there\x01\x1f\x7f.txt"', "tabhere.txt"),
    ("name=\"file\"; filename*=UTF-8''line%0D%0Abreak%00.txt", "linebreak.txt"),
    ('name="file"; filename="履歴書 Jürgen.txt"', "履歴書 Jürgen.txt"),
    ('name="file"; filename="' + "a" * 296 + '.txt"', "a" * 251 + ".txt"),
])
def test_hostile_file_names_stay_display_names(client, user, server_process, params, shown):
    body, content_type = multipart([(params, resume_txt())])
    response = client.post(UPLOAD, data=body,
                           headers={"Content-Type": content_type, **user.headers})
    assert response.status_code == 200, response.text
    up = response.json()
    assert up["file_name"] == shown
    assert up["storage_path"] == f"user_{user.id}/{up['document_id']}.txt"
    assert files_under(uploads_dir(server_process) / f"user_{user.id}") == [
        f"{up['document_id']}.txt"]
    root = server_process.workdir / "data"
    assert not list(root.rglob("passwd*")) and not list(root.rglob("win.ini*"))
    listed = client.get("/v2/documents", headers=user.headers).json()["documents"]
    assert [d["file_name"] for d in listed] == [shown]


# ---- account deletion and export -------------------------------------------------------------

def test_account_deletion_removes_the_upload_folder(client, user, server_process):
    uploaded(client, user, "cv.txt", resume_txt())
    folder = uploads_dir(server_process) / f"user_{user.id}"
    assert files_under(folder)
    assert client.delete("/v2/auth/account", headers=user.headers).status_code == 200
    assert not folder.exists()


def test_export_data_includes_documents(client, user):
    up = uploaded(client, user, "cv.txt", resume_txt())
    exported = client.get("/v2/auth/export-data", headers=user.headers).json()
    [document] = exported["documents"]
    assert set(document) == DETAIL_KEYS
    assert document["id"] == up["document_id"]
    assert "Northwind Analytics" in document["extracted_text"]


def test_api_info_lists_the_document_features(client):
    features = client.get("/v2/").json()["features"]
    assert {"Document Upload (PDF/DOCX/TXT/MD)", "Resume Parsing (JSON Resume)",
            "Skills Extraction (O*NET taxonomy)"} <= set(features)


def test_openapi_documents_the_upload_form(client):
    doc = client.get("/v2/openapi.json").json()
    operation = doc["paths"]["/v2/documents/upload"]["post"]
    form = operation["requestBody"]["content"]["multipart/form-data"]["schema"]
    assert form == {"$ref": "#/components/schemas/DocumentUploadForm"}
    assert doc["components"]["schemas"]["DocumentUploadForm"]["required"] == ["file"]
    assert operation["responses"]["413"]["description"] == too_large(5)["detail"]
    assert "Same as" not in doc["paths"]["/v2/documents/"]["get"].get("description", "")
    names = {p["name"] for p in doc["paths"]["/v2/documents/"]["get"]["parameters"]}
    assert names == {"limit", "offset", "include_text"}


# ---- last: the server survived, the baseline is intact ------------------------------------------

def test_server_healthy_and_baseline_documents_intact(client, baseline, server_process):
    assert server_process.alive(), server_process.logs()
    assert client.get("/v2/health").json()["status"] == "healthy"
    user = baseline["user"]
    listed = client.get("/v2/documents", headers=user.headers).json()
    assert listed["total"] == 3
    for name, data in baseline["files"].items():
        doc = baseline["docs"][name]
        original = client.get(f"/v2/documents/{doc['document_id']}/file", headers=user.headers)
        assert original.status_code == 200
        assert hashlib.sha256(original.content).digest() == hashlib.sha256(data).digest()
        assert (uploads_dir(server_process) / doc["storage_path"]).read_bytes() == data
        detail = client.get(f"/v2/documents/{doc['document_id']}", headers=user.headers).json()
        assert detail["parsed_content"]["text_hash"] == hashlib.sha256(
            detail["extracted_text"].encode()).hexdigest()
        assert detail["skills"] == doc["skills"]
