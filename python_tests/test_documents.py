"""Documents through the Python API (api-v2.md section 3): parse_bytes/parse_file without an
engine, and upload, list, detail, original file, JSON Resume export and delete on an engine."""

from __future__ import annotations

import hashlib
import json
import subprocess
import threading
from pathlib import Path

import pytest

import aligncv
from documents_support import (
    BAD_UPLOADS,
    DETAIL_KEYS,
    JSON_RESUME_SCHEMA,
    MIME,
    NOT_FOUND,
    PARSED_KEYS,
    PROFILE_KEYS,
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
from support import PASSWORD, TIMESTAMP_RE, UUID4_RE, unique_email

SAMPLES = {
    "cv.txt": resume_txt,
    "cv.md": resume_md,
    "cv.docx": resume_docx,
    "cv.pdf": resume_pdf_one_column,
    "cv-two-columns.pdf": resume_pdf_two_columns,
}


def token_of(engine: aligncv.Engine) -> str:
    return engine.signup(name="Jane Doe", email=unique_email(), password=PASSWORD)[
        "tokens"]["access_token"]


# ---- parsing without an engine -------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_parse_bytes_needs_no_engine(name):
    parsed = aligncv.parse_bytes(SAMPLES[name](), name)
    assert set(parsed) == PARSED_KEYS
    assert parsed["file_type"] == name.rsplit(".", 1)[1]
    assert "Python" in parsed["skills"], parsed["skills"]
    assert parsed["skills"] == sorted(parsed["skills"], key=str.lower)
    assert set(parsed["profile"]) == PROFILE_KEYS
    assert all(s["name"] in SECTION_NAMES for s in parsed["sections"])
    assert "Northwind Analytics" in parsed["text"]


def test_parse_file_reads_the_file_and_uses_its_name(tmp_path: Path):
    for name, make in SAMPLES.items():
        path = tmp_path / name
        path.write_bytes(make())
        assert aligncv.parse_file(path) == aligncv.parse_bytes(make(), name)
        assert aligncv.parse_file(str(path))["file_type"] == path.suffix[1:]


def test_parse_txt_profile():
    parsed = aligncv.parse_bytes(resume_txt(), "cv.txt")
    basics = parsed["profile"]["basics"]
    assert basics["name"] == "Jane Doe"
    assert basics["email"] == "jane.doe@example.com"
    assert parsed["entities"]["EMAIL"] == ["jane.doe@example.com"]
    work = parsed["profile"]["work"]
    assert any("Northwind Analytics" in f"{w['position']} {w['name']}" for w in work), work
    assert work[0]["startDate"] == "2021-03" and work[0]["endDate"] is None, work


def test_parse_accepts_bytes_like_objects_in_place():
    data = resume_txt()
    expected = aligncv.parse_bytes(data, "cv.txt")
    assert aligncv.parse_bytes(bytearray(data), "cv.txt") == expected
    assert aligncv.parse_bytes(memoryview(data), "cv.txt") == expected
    assert aligncv.parse_bytes(memoryview(b"xx" + data)[2:], "cv.txt") == expected


def test_parse_argument_types():
    with pytest.raises(TypeError, match="not str"):
        aligncv.parse_bytes(resume_txt().decode(), "cv.txt")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        aligncv.parse_bytes(12, "cv.txt")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        aligncv.parse_bytes(memoryview(resume_txt())[::2], "cv.txt")  # not contiguous
    with pytest.raises(TypeError):
        aligncv.parse_bytes(resume_txt(), b"cv.txt")  # type: ignore[arg-type]


def test_parse_file_missing_is_an_os_error(tmp_path: Path):
    with pytest.raises(FileNotFoundError):
        aligncv.parse_file(tmp_path / "nope.pdf")


@pytest.mark.parametrize("case", BAD_UPLOADS, ids=[c[0] for c in BAD_UPLOADS])
def test_parse_errors_are_the_upload_table(case):
    _, name, make, status, detail = case
    data = make()
    if data is None:
        pytest.skip("fixture not available")
    if detail == TOO_SHORT:  # parsing alone has no minimum length; only uploads do
        assert set(aligncv.parse_bytes(data, name)) == PARSED_KEYS
        return
    expected = aligncv.UnsupportedMediaTypeError if status == 415 else aligncv.InvalidArgumentError
    with pytest.raises(expected) as caught:
        aligncv.parse_bytes(data, name)
    assert caught.value.detail == detail
    if status == 400:
        assert isinstance(caught.value, ValueError)


def test_parse_runs_on_many_threads():
    data = resume_docx()
    expected = aligncv.parse_bytes(data, "cv.docx")
    results, errors = [], []

    def work():
        try:
            for _ in range(5):
                results.append(aligncv.parse_bytes(data, "cv.docx"))
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(results) == 20 and all(r == expected for r in results)


# ---- an engine's documents -----------------------------------------------------------------

def test_upload_list_detail_file_resume_delete(engine):
    token = token_of(engine)
    data = resume_docx()
    uploaded = engine.upload_document(token, "Jane Doe CV.docx", data)
    assert set(uploaded) == UPLOAD_KEYS
    assert uploaded["message"] == UPLOADED
    assert UUID4_RE.match(uploaded["document_id"])
    assert (uploaded["file_name"], uploaded["file_type"], uploaded["file_size"]) == (
        "Jane Doe CV.docx", "docx", len(data))
    doc_id = uploaded["document_id"]
    user_id = engine.authenticate(token).user_id
    assert uploaded["storage_path"] == f"user_{user_id}/{doc_id}.docx"
    stored = Path(engine.data_dir) / "uploads" / uploaded["storage_path"]
    assert stored.read_bytes() == data

    listed = engine.documents(token)
    assert listed["total"] == 1
    assert set(listed["documents"][0]) == SUMMARY_KEYS
    assert "extracted_text" in engine.documents(token, include_text=True)["documents"][0]

    detail = engine.document(token, doc_id)
    assert set(detail) == DETAIL_KEYS
    assert detail["mime_type"] == MIME["docx"]
    assert detail["parsed_content"]["text_hash"] == hashlib.sha256(
        detail["extracted_text"].encode()).hexdigest()
    assert TIMESTAMP_RE.match(detail["created_at"])

    original = engine.document_file(token, doc_id)
    assert isinstance(original, aligncv.DocumentFile)
    assert (original.data, original.mime_type, original.file_name) == (
        data, MIME["docx"], "Jane Doe CV.docx")
    assert "size=" in repr(original)

    resume = engine.document_json_resume(token, doc_id)
    assert resume["$schema"] == JSON_RESUME_SCHEMA
    assert resume["meta"]["version"] == "v1.0.0"
    assert "evidence" not in resume and "experience_months" not in resume
    assert_no_nulls(resume)

    assert engine.delete_document(token, doc_id) is None
    assert not stored.exists()
    assert engine.documents(token) == {"documents": [], "total": 0}
    with pytest.raises(aligncv.NotFoundError):
        engine.document(token, doc_id)


def test_list_is_newest_first_with_paging(clocked_engine, clock):
    token = token_of(clocked_engine)
    ids = []
    for i in range(3):
        ids.append(clocked_engine.upload_document(token, f"cv{i}.txt", resume_txt())[
            "document_id"])
        clock.advance_seconds(1)
    page = clocked_engine.documents(token)
    assert [d["id"] for d in page["documents"]] == ids[::-1]
    assert page["total"] == 3
    second = clocked_engine.documents(token, limit=1, offset=1)
    assert [d["id"] for d in second["documents"]] == [ids[1]]
    assert second["total"] == 3
    assert "extracted_text" not in second["documents"][0]


@pytest.mark.parametrize("kwargs, loc", [
    ({"limit": 0}, ["query", "limit"]),
    ({"limit": 101}, ["query", "limit"]),
    ({"offset": -1}, ["query", "offset"]),
])
def test_list_query_rules_come_from_the_engine(engine, kwargs, loc):
    with pytest.raises(aligncv.ValidationError) as caught:
        engine.documents(token_of(engine), **kwargs)
    assert [issue["loc"] for issue in caught.value.issues] == [loc]


def test_other_users_and_malformed_ids_are_not_found(engine):
    owner, other = token_of(engine), token_of(engine)
    doc_id = engine.upload_document(owner, "cv.txt", resume_txt())["document_id"]
    for token, ident in [(other, doc_id), (owner, "99999"), (owner, doc_id.upper()), (owner, "")]:
        for call in (engine.document, engine.document_file, engine.document_json_resume,
                     engine.delete_document):
            with pytest.raises(aligncv.NotFoundError) as caught:
                call(token, ident)
            assert caught.value.detail == NOT_FOUND["detail"]
            assert isinstance(caught.value, LookupError)
    assert engine.document(owner, doc_id)["id"] == doc_id  # untouched


@pytest.mark.parametrize("case", BAD_UPLOADS, ids=[c[0] for c in BAD_UPLOADS])
def test_upload_errors_raise_the_contract_classes(engine, case):
    _, name, make, status, detail = case
    data = make()
    if data is None:
        pytest.skip("fixture not available")
    token = token_of(engine)
    expected = aligncv.UnsupportedMediaTypeError if status == 415 else aligncv.InvalidArgumentError
    with pytest.raises(expected) as caught:
        engine.upload_document(token, name, data)
    assert caught.value.detail == detail
    assert engine.documents(token)["total"] == 0
    assert not [p for p in (Path(engine.data_dir) / "uploads").rglob("*") if p.is_file()]


def test_upload_size_limit_allows_equal(engine_factory):
    engine = engine_factory(max_file_size_mb=1)
    token = token_of(engine)
    assert engine.upload_document(token, "cv.docx", padded_docx(1 << 20))["file_size"] == 1 << 20
    with pytest.raises(aligncv.PayloadTooLargeError) as caught:
        engine.upload_document(token, "cv.docx", padded_docx((1 << 20) + 1))
    assert caught.value.detail == "File size exceeds maximum allowed size of 1MB"


def test_upload_rate_limit_counts_successes_only(engine_factory, clock):
    engine = engine_factory(rate_limit_uploads_per_hour=2, clock=clock)
    token = engine.authenticate(token_of(engine))  # a Principal outlives the access token
    engine.upload_document(token, "a.txt", resume_txt())
    with pytest.raises(aligncv.InvalidArgumentError):
        engine.upload_document(token, "b.txt", b"too short")
    engine.upload_document(token, "c.txt", resume_txt())
    with pytest.raises(aligncv.RateLimitedError) as caught:
        engine.upload_document(token, "d.exe", b"MZ")  # the limit comes before the file checks
    assert caught.value.retry_after == 3600
    assert caught.value.detail == "Upload limit reached (2 per hour). Try again in 3600 seconds."
    clock.advance_seconds(3600)
    engine.upload_document(token, "e.txt", resume_txt())


def test_upload_argument_types(engine):
    token = token_of(engine)
    with pytest.raises(TypeError):
        engine.upload_document(token, "cv.txt", resume_txt().decode())  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        engine.upload_document(token, None, resume_txt())  # type: ignore[arg-type]
    with pytest.raises(aligncv.NotAuthenticatedError):
        engine.upload_document(None, "cv.txt", resume_txt())
    assert engine.upload_document(token, "cv.txt", bytearray(resume_txt()))["file_type"] == "txt"


@pytest.mark.parametrize("raw, shown", [
    ("../../etc/passwd.txt", "passwd.txt"),
    ("C:\\Users\\jane\\cv.txt", "cv.txt"),
    ("cv\x00\x01\x1f\x7f.txt", "cv.txt"),
    ("Lebenslauf Jürgen 履歴書.txt", "Lebenslauf Jürgen 履歴書.txt"),
])
def test_hostile_file_names_are_display_names_only(engine, raw, shown):
    token = token_of(engine)
    uploaded = engine.upload_document(token, raw, resume_txt())
    assert uploaded["file_name"] == shown
    user = engine.authenticate(token).user_id
    assert uploaded["storage_path"] == f"user_{user}/{uploaded['document_id']}.txt"
    uploads = Path(engine.data_dir) / "uploads"
    assert [p.relative_to(uploads).as_posix() for p in uploads.rglob("*") if p.is_file()] == [
        uploaded["storage_path"]]


def test_long_file_name_is_cut_to_255_characters_keeping_the_extension(engine):
    token = token_of(engine)
    uploaded = engine.upload_document(token, "é" * 296 + ".txt", resume_txt())
    assert len(uploaded["file_name"]) == 255
    assert uploaded["file_name"].endswith(".txt")
    assert uploaded["file_type"] == "txt"


def test_account_deletion_removes_the_upload_folder(engine):
    token = token_of(engine)
    engine.upload_document(token, "cv.txt", resume_txt())
    folder = Path(engine.data_dir) / "uploads" / f"user_{engine.authenticate(token).user_id}"
    assert folder.is_dir()
    engine.delete_account(token)
    assert not folder.exists()


def test_export_includes_documents(engine):
    token = token_of(engine)
    doc_id = engine.upload_document(token, "cv.txt", resume_txt())["document_id"]
    exported = engine.export_data(token)["documents"]
    assert [d["id"] for d in exported] == [doc_id]
    assert set(exported[0]) == DETAIL_KEYS
    assert "Northwind Analytics" in exported[0]["extracted_text"]


def test_api_info_lists_the_document_features(engine):
    features = engine.api_info()["features"]
    for feature in ("Document Upload (PDF/DOCX/TXT/MD)", "Resume Parsing (JSON Resume)",
                    "Skills Extraction (O*NET taxonomy)"):
        assert feature in features


# ---- the command line: aligncv parse --------------------------------------------------------

def run_cli(aligncv_bin, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(aligncv_bin), *args], cwd=cwd, capture_output=True, timeout=60,
                          stdin=subprocess.DEVNULL)


@pytest.mark.http
def test_cli_parse_json_is_the_python_result(aligncv_bin, tmp_path: Path):
    for name, make in SAMPLES.items():
        (tmp_path / name).write_bytes(make())
        result = run_cli(aligncv_bin, "parse", name, "--json", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout) == aligncv.parse_bytes(make(), name)
        assert not list(tmp_path.glob("aligncv-data*"))  # nothing stored, no data folder


@pytest.mark.http
def test_cli_parse_summary(aligncv_bin, tmp_path: Path):
    (tmp_path / "jane.txt").write_bytes(resume_txt())
    result = run_cli(aligncv_bin, "parse", "jane.txt", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode()
    for expected in ("File:        jane.txt (txt, ", "Name:        Jane Doe",
                     "Email:       jane.doe@example.com", "Sections (", "experience",
                     "Work (2):", "2021-03 - present", "Education (1):", "Skills (",
                     "Python"):
        assert expected in out, out


@pytest.mark.http
@pytest.mark.parametrize("args, code, message", [
    (["parse", "missing.pdf"], 1, "aligncv: cannot read missing.pdf: No such file or directory"),
    (["parse", "old.doc"], 1, "aligncv: Legacy .doc is not supported; save as .docx or PDF"),
    (["parse", "short.txt"], 0, None),  # parsing alone has no minimum length
    (["parse", "latin1.txt"], 1, "aligncv: Text file is not valid UTF-8"),
    (["parse"], 2, "aligncv: parse takes exactly one FILE"),
    (["parse", "a.txt", "b.txt"], 2, "aligncv: parse takes exactly one FILE"),
])
def test_cli_parse_errors(aligncv_bin, tmp_path: Path, args, code, message):
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 60)
    (tmp_path / "short.txt").write_bytes(b"Hello World!")
    (tmp_path / "latin1.txt").write_bytes("Jürgen Müller".encode("latin-1"))
    result = run_cli(aligncv_bin, *args, cwd=tmp_path)
    assert result.returncode == code, (result.stdout, result.stderr)
    if message:
        assert result.stderr.decode().splitlines()[0] == message
        assert result.stdout == b""


@pytest.mark.http
def test_cli_parse_help(aligncv_bin, tmp_path: Path):
    result = run_cli(aligncv_bin, "parse", "--help", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.decode().startswith("Usage: aligncv parse FILE [--json]")
    assert "parse FILE [--json]" in run_cli(aligncv_bin, "--help", cwd=tmp_path).stdout.decode()
