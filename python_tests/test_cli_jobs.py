"""The job commands of build/bin/aligncv (or $ALIGNCV_BIN): `import-jobs` into a data folder
(summary, rejected lines, a progress bar on a terminal only, large files with the right
line numbers) and `match` of a résumé file against a jobs file or the demo catalogue."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import re
import subprocess
from pathlib import Path
from typing import List

import pytest

import aligncv
from jobs_support import (
    MATCH_KEYS,
    RESUME_TEXT,
    job_records,
    json_payload,
    jobspy_csv,
    jsonl_payload,
    new_source,
)
from support import FAST_ARGON2, JWT_SECRET, PASSWORD, server_env, unique_email

HIT_KEYS = MATCH_KEYS - {"is_bookmarked", "is_applied"}  # no user: no flags


def run_cli(aligncv_bin: Path, *args: str, cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([str(aligncv_bin), *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, env=server_env(cwd / "data", {}), **kwargs)


def stored_jobs(data_dir: Path, source: str) -> List[dict]:
    """The postings of `source` in a data folder, read through the Python API."""
    with aligncv.Engine(data_dir, jwt_secret_key=JWT_SECRET, log_to_console=False,
                        **FAST_ARGON2) as engine:
        token = engine.signup(name="Reader", email=unique_email(), password=PASSWORD)[
            "tokens"]["access_token"]
        page = engine.jobs(token, source=source, limit=100)
        assert page["total"] == len(page["jobs"])
        return page["jobs"]


# ---- import-jobs -----------------------------------------------------------------------------------

def test_import_jobs_csv_summary_and_rejected_lines(aligncv_bin, tmp_path):
    source = new_source()
    (tmp_path / "jobspy.csv").write_bytes(jobspy_csv(source))
    data_dir = tmp_path / "store"
    result = run_cli(aligncv_bin, "import-jobs", "jobspy.csv", "--data-dir", str(data_dir),
                     cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["2 new, 0 updated, 1 rejected",
                                          "  line 5: Row has 3 fields, header has 21"]
    assert result.stderr == ""  # no progress bar when standard error is not a terminal

    again = run_cli(aligncv_bin, "import-jobs", "jobspy.csv", f"--data-dir={data_dir}",
                    cwd=tmp_path)
    assert again.stdout.splitlines()[0] == "0 new, 2 updated, 1 rejected"
    jobs = stored_jobs(data_dir, source)
    assert sorted(job["title"] for job in jobs) == ["Data Engineer", "Site Reliability Engineer"]


@pytest.mark.parametrize("name,payload,rejected", [
    ("jobs.json", json_payload, []),
    ("jobs.jsonl", jsonl_payload, ["  line 5: Invalid JSON: ", "  line 6: Missing required field: "
                                                             "company"]),
    ("jobs.ndjson", jsonl_payload, ["  line 5: Invalid JSON: ", "  line 6: Missing required "
                                                               "field: company"]),
])
def test_import_jobs_json_formats(aligncv_bin, tmp_path, name, payload, rejected):
    source = new_source()
    (tmp_path / name).write_bytes(payload(source))
    result = run_cli(aligncv_bin, "import-jobs", name, "--data-dir", "d", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"3 new, 0 updated, {len(rejected)} rejected"
    assert len(lines) == 1 + len(rejected)
    for line, expected in zip(lines[1:], rejected):
        assert line.startswith(expected), line
    assert len(stored_jobs(tmp_path / "d", source)) == 3


def test_import_jobs_format_option(aligncv_bin, tmp_path):
    source = new_source()
    (tmp_path / "export.txt").write_bytes(json_payload(source))
    result = run_cli(aligncv_bin, "import-jobs", "export.txt", "--data-dir", "d", cwd=tmp_path)
    assert result.returncode == 2
    assert "cannot tell the format of export.txt" in result.stderr and "--format" in result.stderr
    result = run_cli(aligncv_bin, "import-jobs", "export.txt", "--format", "xml", cwd=tmp_path)
    assert result.returncode == 2 and "--format must be json, jsonl or csv" in result.stderr
    result = run_cli(aligncv_bin, "import-jobs", "export.txt", "--format", "json",
                     "--data-dir", "d", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "3 new, 0 updated, 0 rejected\n"


@pytest.mark.parametrize("content,message", [
    (b"", "aligncv: Import body is empty"),
    (b"name,employer\nx,y\n", "aligncv: CSV header must include title and company"),
])
def test_import_jobs_payload_errors(aligncv_bin, tmp_path, content, message):
    (tmp_path / "bad.csv").write_bytes(content)
    result = run_cli(aligncv_bin, "import-jobs", "bad.csv", "--data-dir", "d", cwd=tmp_path)
    assert (result.returncode, result.stderr.strip()) == (1, message)


def test_import_jobs_unparsable_json_array(aligncv_bin, tmp_path):
    (tmp_path / "bad.json").write_text('[{"title": "a", "company": "b"},\n{"title": ')
    result = run_cli(aligncv_bin, "import-jobs", "bad.json", "--data-dir", "d", cwd=tmp_path)
    assert result.returncode == 1
    assert re.match(r"^aligncv: Invalid JSON: .* at line \d+$", result.stderr.strip()), result.stderr


def test_import_jobs_usage_errors(aligncv_bin, tmp_path):
    result = run_cli(aligncv_bin, "import-jobs", cwd=tmp_path)
    assert result.returncode == 2 and "import-jobs takes exactly one FILE" in result.stderr
    result = run_cli(aligncv_bin, "import-jobs", "missing.csv", "--data-dir", "d", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip() == ("aligncv: cannot read missing.csv: No such file or "
                                     "directory")


def many_records(source: str, count: int) -> List[dict]:
    record = job_records(source)[2]
    return [dict(record, url=f"https://jobs.example/{source}/{i}") for i in range(count)]


def test_import_jobs_large_json_lines_keeps_line_numbers(aligncv_bin, tmp_path):
    source = new_source()
    lines = [json.dumps(r) for r in many_records(source, 900)]
    for at in (9, 449, 899):  # 0-based: lines 10, 450 and 900, in different chunks
        lines[at] = '{"title": "broken'
    lines.insert(300, "")  # a blank line shifts the lines after it
    (tmp_path / "many.jsonl").write_text("\n".join(lines) + "\n")
    result = run_cli(aligncv_bin, "import-jobs", "many.jsonl", "--data-dir", "d", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout.splitlines()
    assert out[0] == "897 new, 0 updated, 3 rejected"
    assert [line.split(":")[0] for line in out[1:]] == ["  line 10", "  line 451", "  line 901"]


def test_import_jobs_large_json_array_keeps_element_numbers(aligncv_bin, tmp_path):
    source = new_source()
    records = many_records(source, 700)
    del records[499]["company"]  # element 500
    records[650] = dict(records[649])  # a duplicate within the file counts as updated
    (tmp_path / "many.json").write_text(json.dumps(records))
    result = run_cli(aligncv_bin, "import-jobs", "many.json", "--data-dir", "d", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["698 new, 1 updated, 1 rejected",
                                          "  line 500: Missing required field: company"]


def test_import_jobs_large_csv_with_multi_line_fields(aligncv_bin, tmp_path):
    source = new_source()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["title", "company", "site", "job_url", "description"])
    expected_bad = []
    line = 2
    for i in range(500):
        if i in (123, 456):
            out.write(f"Broken row {i}\n")
            expected_bad.append(line)
            line += 1
            continue
        writer.writerow([f"Engineer {i}", "Contoso", source, f"https://jobs.example/{i}",
                         f"First line {i}\nSecond line with Python"])
        line += 2
    (tmp_path / "many.csv").write_text(out.getvalue())
    result = run_cli(aligncv_bin, "import-jobs", "many.csv", "--data-dir", "d", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "498 new, 0 updated, 2 rejected"
    assert [int(re.match(r"  line (\d+): Row has 1 fields?, header has 5", l).group(1))
            for l in lines[1:]] == expected_bad, lines


def test_import_jobs_draws_a_progress_bar_on_a_terminal(aligncv_bin, tmp_path):
    source = new_source()
    (tmp_path / "many.jsonl").write_text(
        "\n".join(json.dumps(r) for r in many_records(source, 450)) + "\n")
    master, slave = pty.openpty()
    try:
        result = subprocess.run([str(aligncv_bin), "import-jobs", "many.jsonl", "--data-dir", "d"],
                                cwd=tmp_path, stdout=subprocess.PIPE, stderr=slave, text=True,
                                timeout=120, env=server_env(tmp_path / "d", {}))
        os.close(slave)
        slave = -1
        chunks = []
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the terminal is closed
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        if slave >= 0:
            os.close(slave)
        os.close(master)
    terminal = b"".join(chunks).decode()
    assert result.returncode == 0
    assert result.stdout == "450 new, 0 updated, 0 rejected\n"
    assert "100%  450/450 records" in terminal and "[" + "#" * 30 + "]" in terminal, terminal
    assert terminal.count("\r") >= 3  # redrawn in place as chunks are saved


def test_import_jobs_help(aligncv_bin, tmp_path):
    result = run_cli(aligncv_bin, "import-jobs", "--help", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("Usage: aligncv import-jobs FILE [--format json|jsonl|csv]")
    top = run_cli(aligncv_bin, "--help", cwd=tmp_path).stdout
    assert "import-jobs FILE" in top and "match RESUME_FILE" in top


# ---- match -------------------------------------------------------------------------------------------

@pytest.fixture
def resume_file(tmp_path: Path) -> Path:
    path = tmp_path / "jane_doe_resume.txt"
    path.write_text(RESUME_TEXT)
    return path


def test_match_against_a_jobs_file(aligncv_bin, tmp_path, resume_file):
    (tmp_path / "jobs.json").write_bytes(json_payload(new_source()))
    result = run_cli(aligncv_bin, "match", resume_file.name, "--jobs", "jobs.json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    ranks = [line for line in lines if re.match(r"^\d+\. ", line)]
    assert len(ranks) == 3
    assert re.match(r"^1\. \d{1,3}%  Senior Backend Engineer \u2014 Northwind Analytics, "
                    r"Berlin, Germany$", ranks[0]), ranks
    first = lines[lines.index(ranks[0]) + 1:lines.index(ranks[1])]
    assert len(first) == 3  # summary, matched, missing
    assert first[1].strip().startswith("matched: ") and "Python" in first[1]
    assert first[2].strip().startswith("missing: ") and "Kubernetes" in first[2]

    as_json = run_cli(aligncv_bin, "match", resume_file.name, "--jobs", "jobs.json", "--json",
                      cwd=tmp_path)
    hits = json.loads(as_json.stdout)
    assert [hit["title"] for hit in hits] == [re.sub(r"^\d+\. \d+%  (.*) \u2014 .*$", r"\1", r)
                                              for r in ranks]
    for hit, rank in zip(hits, ranks):
        assert HIT_KEYS <= set(hit) and "is_bookmarked" not in hit, set(hit)
        assert f" {hit['fit_percentage']}%  " in rank
    assert first[0].strip() == hits[0]["explanation"]["summary"]


def test_match_top_and_the_demo_catalogue(aligncv_bin, tmp_path, resume_file):
    result = run_cli(aligncv_bin, "match", resume_file.name, "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert len(hits) == min(10, len(aligncv.demo_jobs()))
    demo_ids = {job["job_id"] for job in aligncv.demo_jobs()}
    assert all(hit["job_id"] in demo_ids for hit in hits)
    scores = [hit["combined_score"] for hit in hits]
    assert scores == sorted(scores, reverse=True)

    three = json.loads(run_cli(aligncv_bin, "match", resume_file.name, "--top", "3", "--json",
                               cwd=tmp_path).stdout)
    assert [hit["job_id"] for hit in three] == [hit["job_id"] for hit in hits[:3]]
    human = run_cli(aligncv_bin, "match", resume_file.name, "--top=12", cwd=tmp_path).stdout
    assert re.search(r"^ 1\. ", human, re.M) and re.search(r"^12\. ", human, re.M)


DATA_ENGINEER_RESUME = """Maria Keller
maria.keller@example.com | San Francisco, CA

Experience
Senior Data Engineer, Harbor Analytics, Jan 2020 - Present
- Built Spark and Airflow pipelines that load 4 TB a day into Redshift
Data Engineer, Lumen Retail, Jun 2016 - Dec 2019
- Wrote Python ETL jobs and SQL transformations over PostgreSQL and S3

Education
BSc Computer Science, UC Davis, 2012 - 2016

Skills
Python, SQL, Spark, Airflow, AWS, Redshift, Kafka
"""

FRONTEND_RESUME = """Lena Park
lena.park@example.com | Seattle, WA

Experience
Frontend Developer, Brightcart, Apr 2021 - Present
- Built the checkout pages in React and TypeScript
Web Developer, Pixelwise Agency, Aug 2019 - Mar 2021
- Built marketing sites with JavaScript, HTML and CSS from Figma designs

Education
BA Interaction Design, University of Washington, 2015 - 2019

Skills
React, TypeScript, JavaScript, HTML, CSS, Figma, Git
"""

NURSE_RESUME = """Grace Miller
grace.miller@example.com | Columbus, OH

Experience
Registered Nurse, Riverside Methodist Hospital, May 2019 - Present
- Care for 5-6 patients per shift on a medical-surgical unit; document care in Epic

Education
Bachelor of Science in Nursing (BSN), The Ohio State University, 2013 - 2017

Skills
Patient assessment, medication administration, IV therapy, Epic
"""


@pytest.mark.parametrize("text,title", [
    (RESUME_TEXT, r"(Backend|Go|Python|Java|Node\.js) (Developer|Engineer)|Software Engineer"),
    (DATA_ENGINEER_RESUME, r"Data (Platform )?Engineer"),
    (FRONTEND_RESUME, r"Frontend (Developer|Engineer)|React Developer"),
    (NURSE_RESUME, r"Registered Nurse"),
], ids=["backend", "data-engineer", "frontend", "nurse"])
def test_match_the_demo_catalogue_ranks_the_fitting_roles_first(aligncv_bin, tmp_path, text,
                                                                title):
    # What someone sees right after signing up: the demo catalogue's best matches for a typical
    # résumé are the roles a recruiter would pick (ROLES in scripts/build_demo_jobs.py).
    (tmp_path / "resume.txt").write_text(text)
    result = run_cli(aligncv_bin, "match", "resume.txt", "--top", "3", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    titles = [hit["title"] for hit in json.loads(result.stdout)]
    assert len(titles) == 3 and all(re.search(title, t) for t in titles), titles


def test_match_reports_unreadable_postings_and_goes_on(aligncv_bin, tmp_path, resume_file):
    (tmp_path / "jobspy.csv").write_bytes(jobspy_csv(new_source()))
    result = run_cli(aligncv_bin, "match", resume_file.name, "--jobs", "jobspy.csv", "--json",
                     cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == 2
    assert "jobspy.csv line 5: Row has 3 fields, header has 21 (skipped)" in result.stderr


@pytest.mark.parametrize("args,code,message", [
    (["match"], 2, "match takes exactly one RESUME_FILE"),
    (["match", "cv.txt", "--top", "0"], 2, "--top must be a whole number of at least 1"),
    (["match", "cv.txt", "--top", "x"], 2, "--top must be a whole number of at least 1"),
    (["match", "missing.txt"], 1, "cannot read missing.txt"),
    (["match", "cv.txt", "--jobs", "jobs.xml"], 2, "cannot tell the format of jobs.xml"),
    (["match", "cv.txt", "--jobs", "empty.json"], 1, "Import body is empty"),
])
def test_match_errors(aligncv_bin, tmp_path, args, code, message):
    (tmp_path / "cv.txt").write_text(RESUME_TEXT)
    (tmp_path / "jobs.xml").write_text("<jobs/>")
    (tmp_path / "empty.json").write_text("")
    result = run_cli(aligncv_bin, *args, cwd=tmp_path)
    assert result.returncode == code, (result.stdout, result.stderr)
    assert message in result.stderr


def test_match_help(aligncv_bin, tmp_path):
    result = run_cli(aligncv_bin, "match", "--help", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith(
        "Usage: aligncv match RESUME_FILE [--jobs FILE] [--top N] [--json]")
