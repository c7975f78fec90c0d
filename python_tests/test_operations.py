"""docs/operations.md, done as an operator would: a backup taken while the server writes restores
into a working server, and a database newer than the binary is refused without being touched."""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

from documents_support import MIME, resume_txt
from support import REPO, ApiClient, ServerProcess, aligncv_binary, server_env, unique_email

BACKUP = REPO / "scripts" / "backup-data-dir.sh"


def run_backup(data_dir: Path, dest: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(BACKUP), str(data_dir), str(dest)], capture_output=True, text=True,
                          timeout=60)


def test_backup_of_a_running_server_restores_accounts_documents_and_sessions(tmp_path: Path) -> None:
    original = ServerProcess(aligncv_binary(), tmp_path / "original",
                             {"ALIGNCV_DEMO_JOBS": "false"}).start()
    try:
        with ApiClient(original.url) as api:
            email = unique_email()
            signup = api.signup(name="Backup Person", email=email)
            assert signup.status_code == 201, signup.text
            token = signup.json()["tokens"]["access_token"]
            upload = api.post("/v2/documents/upload", headers=api.bearer(token),
                              files={"file": ("cv.txt", resume_txt(), MIME["txt"])})
            assert upload.status_code == 200, upload.text
            document_id = upload.json()["document_id"]

            result = run_backup(tmp_path / "original" / "data", tmp_path / "restored" / "data")
            assert result.returncode == 0, result.stderr
            assert "uploads: 1 files" in result.stdout
            # The server kept serving while it was copied.
            assert api.get("/v2/auth/me", headers=api.bearer(token)).status_code == 200
    finally:
        assert original.stop() == 0

    restored = ServerProcess(aligncv_binary(), tmp_path / "restored",
                             {"ALIGNCV_DEMO_JOBS": "false"}).start()
    try:
        with ApiClient(restored.url) as api:
            # The session of before the backup still works, and so does the password.
            me = api.get("/v2/auth/me", headers=api.bearer(token))
            assert me.status_code == 200 and me.json()["email"] == email
            assert api.login(email).status_code == 200
            original_file = api.get(f"/v2/documents/{document_id}/file", headers=api.bearer(token))
            assert original_file.status_code == 200
            assert original_file.content == resume_txt()
            listed = api.get("/v2/documents/", headers=api.bearer(token)).json()
            assert [d["id"] for d in listed["documents"]] == [document_id]
    finally:
        assert restored.stop() == 0


def test_backup_refuses_an_existing_destination_and_a_folder_without_database(tmp_path: Path) -> None:
    (tmp_path / "dest").mkdir()
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "aligncv.db").write_bytes(b"")
    taken = run_backup(tmp_path / "data", tmp_path / "dest")
    assert taken.returncode == 1 and "already exists" in taken.stderr

    empty = run_backup(tmp_path / "dest", tmp_path / "new")
    assert empty.returncode == 1 and "no aligncv.db" in empty.stderr
    assert not (tmp_path / "new").exists()


def test_a_database_from_a_newer_aligncv_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    database = data_dir / "aligncv.db"
    with sqlite3.connect(database) as db:
        db.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
        db.execute("INSERT INTO schema_version VALUES (999)")

    binary = aligncv_binary()
    result = subprocess.run(
        [str(binary), "serve", "--port", "0", "--data-dir", str(data_dir)],
        cwd=tmp_path, env=server_env(data_dir, {}), capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "database schema version 999 is newer than this aligncv" in result.stderr
    with sqlite3.connect(database) as db:
        assert db.execute("SELECT version FROM schema_version").fetchall() == [(999,)]
        tables = db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        assert tables == [("schema_version",)]
