"""The example scripts under examples/ run and print what they promise."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import List

from support import REPO

QUICKSTART = REPO / "examples" / "python_quickstart.py"

# What every run prints after its sign-up line, in order.
AFTER_SIGNUP = [
    "Login successful: access token expires in 900 s",
    "Me: Jane Doe, jane@example.com, admin: False",
    "Settings: digest weekly, min match score 0.75, notification_frequency weekly",
    "Wrong password (invalid_credentials): Invalid email or password",
    "Rejected body.digest_frequency: Input should be 'daily', 'weekly' or 'disabled'",
    "Rejected body.min_match_score: Input should be less than or equal to 1",
    "After logout (invalid_token): Invalid or expired token",
]


def run_quickstart(cwd: Path, *args: str) -> List[str]:
    # sys.executable is the interpreter running pytest: .venv/bin/python under `./dev test`,
    # where aligncv is installed.
    result = subprocess.run(
        [sys.executable, str(QUICKSTART), *args],
        cwd=cwd, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, f"exit {result.returncode}\n{result.stdout}\n{result.stderr}"
    assert result.stderr == "", result.stderr  # log_to_console=False: nothing but the output
    return result.stdout.splitlines()


def test_quickstart_in_a_given_data_dir_and_again(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    lines = run_quickstart(tmp_path, str(data_dir))
    assert lines == [
        f"Data folder: {data_dir}",
        "Signed up Jane Doe <jane@example.com>",
        *AFTER_SIGNUP,
    ]
    assert (data_dir / "aligncv.db").is_file()

    # The folder is kept: a second run meets the account and handles the conflict.
    lines = run_quickstart(tmp_path, str(data_dir))
    assert lines == [
        f"Data folder: {data_dir}",
        "Sign-up refused (conflict): Email already registered",
        *AFTER_SIGNUP,
    ]


def test_quickstart_without_argument_uses_a_temporary_folder(tmp_path: Path) -> None:
    lines = run_quickstart(tmp_path)
    assert lines[0].startswith("Data folder: ")
    temporary = Path(lines[0].removeprefix("Data folder: "))
    assert temporary.name.startswith("aligncv-quickstart-")
    assert lines[1:] == ["Signed up Jane Doe <jane@example.com>", *AFTER_SIGNUP]
    assert not temporary.exists(), "the temporary data folder was not removed"
    assert list(tmp_path.iterdir()) == [], "the script wrote into its working directory"
