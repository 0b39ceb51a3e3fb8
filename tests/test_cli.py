"""`python -m followup due`: the due follow-ups for a cron job."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from followup import tracker
from followup.__main__ import main
from followup.paths import REPO_ROOT
from followup.store import CsvStore


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A tracker folder with one interview on 19 September 2024."""
    path = tmp_path / "cli"
    row = {"company": "Acme", "role": "Analyst", "interview_date": "2024-09-19"}
    CsvStore(path).update(lambda t: tracker.add_interview(t, row))
    return path


def test_prints_the_thank_you_due_on_the_interview_day(folder: Path, capsys):
    """On the interview day the CLI lists the thank-you and exits 0."""
    assert main(["due", "--data", str(folder), "--today", "2024-09-19"]) == 0
    out = capsys.readouterr().out
    assert "due now" in out
    assert "Send a thank-you email or note to the interviewer" in out
    assert "Acme" in out


def test_nothing_due_still_exits_0(folder: Path, capsys):
    """Before the interview nothing is due: a sentence, and exit code 0."""
    assert main(["due", "--data", str(folder), "--today", "2024-09-01"]) == 0
    assert capsys.readouterr().out.strip() == "Nothing is due today."


def test_damaged_file_prints_the_problem_to_stderr_and_exits_1(tmp_path: Path, capsys):
    """A damaged data file gives a message on stderr and exit code 1."""
    (tmp_path / "interviews.csv").write_bytes(b"\x00\x01")
    assert main(["due", "--data", str(tmp_path), "--today", "2024-09-19"]) == 1
    assert "binary" in capsys.readouterr().err


def test_runs_as_a_module(folder: Path):
    """`python -m followup due` works from a shell."""
    done = subprocess.run(
        [sys.executable, "-m", "followup", "due", "--data", str(folder), "--today", "2024-09-20"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert "Acme" in done.stdout


def test_snoozes_and_dismissals_hold_in_the_cli(folder: Path, capsys):
    """A snoozed interview leaves the CLI's list, which says what it keeps off."""
    CsvStore(folder).update(
        lambda t: tracker.update_interviews(
            t, {t.interviews["interview_id"].iloc[0]: {"snoozed_until": "2024-09-25"}}
        )
    )
    assert main(["due", "--data", str(folder), "--today", "2024-09-20"]) == 0
    out = capsys.readouterr().out
    assert "Nothing is due today." in out
    assert "Not listed: 1 interview snoozed." in out
    assert main(["due", "--data", str(folder), "--today", "2024-11-20"]) == 0
    assert "1 interview gone quiet" in capsys.readouterr().out


@pytest.mark.parametrize("kind", ["missing", "file", "empty folder"])
def test_a_wrong_data_folder_is_exit_1_with_a_message(tmp_path: Path, capsys, kind: str):
    """A mistyped --data, a file instead of a folder, or a folder holding no tracker: exit 1."""
    target = tmp_path / "job-serach"
    if kind == "file":
        target.write_text("not a folder")
    elif kind == "empty folder":
        target.mkdir()
    assert main(["due", "--data", str(target), "--today", "2024-09-19"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert str(target) in captured.err
    assert "--data" in captured.err


def test_a_closed_pipe_ends_quietly(folder: Path):
    """`python -m followup due | head -0`: no traceback when the reader has gone."""
    done = subprocess.run(
        f"{sys.executable} -m followup due --data {folder} --today 2024-09-20 | head -c 0",
        shell=True,
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.stderr == ""
