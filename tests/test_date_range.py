"""Dates at the edges: inside the range every view works; outside, a message where they come in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from followup import calendar, export, importer, schedule, tracker, vocab
from followup.__main__ import main
from followup.store import CsvStore, StoreError
from followup.tracker import MAX_DATE, MIN_DATE, Tracker
from followup.ui import TODAY_ENV
from tests.test_hostile_files import (
    FOLLOWUPS,
    INTERVIEWS,
    every_view,
    shown_error,
    views_of,
    write,
)

OUTSIDE = ["9999-12-31", "0000-01-01", "1899-12-31", "2200-01-01", "0001-01-01"]


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TODAY_ENV, "2024-09-23")


def interview(day: object, decision: object = None) -> dict[str, object]:
    return {"company": "Acme", "role": "Dev", "interview_date": day, "decision_expected": decision}


def test_the_range_is_wide_and_documented():
    assert (MIN_DATE.year, MAX_DATE.year) == (1900, 2199)
    readme = (Path(__file__).parents[1] / "README.md").read_text()
    assert f"{MIN_DATE.isoformat()} to {MAX_DATE.isoformat()}" in readme


@pytest.mark.parametrize("day", OUTSIDE)
def test_a_date_outside_the_range_is_refused_with_a_message(day: str):
    """The forms, the editors and the Python API all end in tracker checks."""
    with pytest.raises(tracker.TrackerError, match="outside the dates"):
        tracker.add_interview(Tracker.empty(), interview(day))
    t = tracker.add_interview(Tracker.empty(), interview("2024-09-19"))
    first = t.interviews["interview_id"].iloc[0]
    with pytest.raises(tracker.TrackerError, match="outside the dates"):
        tracker.update_interviews(t, {first: {"decision_expected": day}})
    followup = {"interview_id": first, "date": day, "channel": "Email"}
    with pytest.raises(tracker.TrackerError, match="outside the dates"):
        tracker.add_followup(t, followup | {"purpose": "Thank-you", "outcome": "Done"})


def test_the_edges_of_the_range_work_everywhere_downstream(tmp_path: Path, capsys):
    """Due list, calendar, exports and the CLI take the first and last supported days."""
    t = tracker.add_interview(Tracker.empty(), interview(MAX_DATE, MAX_DATE))
    t = tracker.add_interview(t, interview(MIN_DATE))
    first = t.interviews["interview_id"].iloc[0]
    planned = {"interview_id": first, "date": MAX_DATE, "channel": "Email"}
    t = tracker.add_followup(t, planned | {"purpose": "Check-in", "outcome": "Planned"})
    for today in (MIN_DATE, dt.date(2024, 9, 23), MAX_DATE):
        items = schedule.due_items(t, today)
        calendar.due_calendar(items, today)
    assert export.read_tracker_zip(export.tracker_zip(t)).interviews.equals(t.interviews)
    CsvStore(tmp_path).update(lambda _: t)
    assert main(["due", "--data", str(tmp_path), "--today", MAX_DATE.isoformat()]) == 0
    assert "Acme" in capsys.readouterr().out


@pytest.mark.parametrize("day", ["9999-12-31", "0000-01-01"])
def test_a_file_with_such_a_date_is_a_message_everywhere(data_dir: Path, day: str, capsys):
    """Home, every Tracker tab, Channels, Call script and the CLI: a message, no traceback."""
    write(
        data_dir,
        f"{INTERVIEWS}\r\ni1,Acme,Dev,,,,,2024-09-19,1,{day},Awaiting decision,,\r\n",
        f"{FOLLOWUPS}\r\nf1,i1,{day},Email,Check-in,Planned,\r\n",
    )
    with pytest.raises(StoreError, match=r"interviews\.csv, row 1"):
        CsvStore(data_dir).load()
    views = views_of("Home")
    assert "interviews.csv" in shown_error(views["Home"])
    assert main(["due", "--data", str(data_dir), "--today", "2024-09-23"]) == 1
    assert "interviews.csv" in capsys.readouterr().err


def test_a_followups_file_with_such_a_date_is_refused(data_dir: Path):
    write(
        data_dir,
        f"{INTERVIEWS}\r\ni1,Acme,Dev,,,,,2024-09-19,1,,Awaiting decision,,\r\n",
        f"{FOLLOWUPS}\r\nf1,i1,9999-12-31,Email,Check-in,Planned,\r\n",
    )
    with pytest.raises(StoreError, match=r"followups\.csv, row 1: the follow-up's date"):
        CsvStore(data_dir).load()
    for _name, _at in every_view():
        pass


def test_an_import_with_no_date_sentinels_reports_them():
    """12/31/9999 (a spreadsheet's "no date"): skipped when required, left empty when not."""
    text = (
        "Company,Role,Interview Date,Decision expected\n"
        "Acme,Dev,12/31/9999,\n"
        "Beta,Dev,09/19/2024,12/31/9999\n"
        "Gamma,Dev,01/01/0001,\n"
    )
    raw = importer.read_table(text.encode(), "jobs.csv")
    plan = importer.plan_import(
        raw, importer.suggest_mapping(raw.columns), importer.US, Tracker.empty().interviews
    )
    assert plan.report["outcome"].tolist() == [importer.SKIPPED, importer.ADDED, importer.SKIPPED]
    assert "outside the dates" in plan.report.loc[0, "reason"]
    assert "outside the dates" in plan.report.loc[1, "reason"]
    assert plan.rows()["decision_expected"].tolist() == [None]
    tracker.add_interviews(Tracker.empty(), plan.rows())


def test_every_vocab_date_column_is_checked():
    assert set(tracker.INTERVIEW_DATES) | set(tracker.FOLLOWUP_DATES) == {
        c
        for c in (*vocab.INTERVIEW_COLUMNS, *vocab.FOLLOWUP_COLUMNS)
        if "date" in c or c == "decision_expected"
    }
