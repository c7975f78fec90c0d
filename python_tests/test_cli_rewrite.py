"""`aligncv rewrite FILE --style S` and `aligncv tailor FILE --job JD.txt` of build/bin/aligncv (or
$ALIGNCV_BIN): no data folder, human output and --json, usage errors and --help."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from jobs_support import BACKEND_DESCRIPTION, RESUME_TEXT
from support import server_env

WEAK_RESUME = RESUME_TEXT.replace(
    "- Built Python services on AWS with PostgreSQL and Docker",
    "- Responsible for Python services on AWS with PostgreSQL and Docker")


def run_cli(aligncv_bin: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(aligncv_bin), *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, env=server_env(cwd / "data", {}))


def write_inputs(tmp_path: Path) -> None:
    (tmp_path / "resume.txt").write_text(WEAK_RESUME, encoding="utf-8")
    (tmp_path / "jd.txt").write_text(BACKEND_DESCRIPTION, encoding="utf-8")


def test_rewrite_prints_the_text_the_score_and_the_changes(aligncv_bin, tmp_path):
    write_inputs(tmp_path)
    done = run_cli(aligncv_bin, "rewrite", "resume.txt", "--style", "technical", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Responsible for" not in done.stdout.split("\nStyle:")[0]
    assert "Style: Technical   Impact score: " in done.stdout
    assert "Changes:" in done.stdout
    assert not (tmp_path / "data").exists()  # nothing stored

    as_json = run_cli(aligncv_bin, "rewrite", "resume.txt", "--style", "Sales", "--json", cwd=tmp_path)
    assert as_json.returncode == 0, as_json.stderr
    body = json.loads(as_json.stdout)
    assert body["style"] == "Sales" and body["api_status"] == "local"
    assert {"rewritten_text", "improvements", "impact_score", "diff_html"} <= set(body)


def test_tailor_prints_scores_requirements_and_missing_skills(aligncv_bin, tmp_path):
    write_inputs(tmp_path)
    done = run_cli(aligncv_bin, "tailor", "resume.txt", "--job", "jd.txt", "--level", "conservative",
                   cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Level: conservative   Match score: " in done.stdout
    assert "Missing skills (not added):\n  - Kubernetes" in done.stdout
    as_json = run_cli(aligncv_bin, "tailor", "resume.txt", "--job", "jd.txt", "--json", cwd=tmp_path)
    body = json.loads(as_json.stdout)
    assert body["tailoring_level"] == "moderate" and "Kubernetes" in body["missing_skills"]


def test_usage_errors_and_help(aligncv_bin, tmp_path):
    write_inputs(tmp_path)
    no_style = run_cli(aligncv_bin, "rewrite", "resume.txt", cwd=tmp_path)
    assert no_style.returncode == 2 and "--style" in no_style.stderr
    bad_style = run_cli(aligncv_bin, "rewrite", "resume.txt", "--style", "Poetic", cwd=tmp_path)
    assert bad_style.returncode == 1
    assert "rewrite_style: Input should be 'Technical'" in bad_style.stderr
    bad_level = run_cli(aligncv_bin, "tailor", "resume.txt", "--job", "jd.txt", "--level", "max",
                        cwd=tmp_path)
    assert bad_level.returncode == 1 and "Invalid tailoring level" in bad_level.stderr
    no_job = run_cli(aligncv_bin, "tailor", "resume.txt", cwd=tmp_path)
    assert no_job.returncode == 2 and "--job" in no_job.stderr
    for command in ("rewrite", "tailor"):
        shown = run_cli(aligncv_bin, command, "--help", cwd=tmp_path)
        assert shown.returncode == 0 and shown.stdout.startswith(f"Usage: aligncv {command} FILE")
    listed = run_cli(aligncv_bin, "--help", cwd=tmp_path)
    assert "rewrite FILE --style S" in listed.stdout and "tailor FILE --job JD.txt" in listed.stdout
