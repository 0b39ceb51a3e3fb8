"""A tracker checked once is not checked again: a save after adding one row checks that row."""

from __future__ import annotations

import datetime as dt

import pytest

from followup import tracker

ROW = {"company": "Acme", "role": "Analyst", "interview_date": dt.date(2024, 9, 19)}


def refuse(frame: object, **_: object) -> None:
    raise tracker.TrackerError("checked the whole table")


def test_adding_a_row_to_a_checked_tracker_needs_no_whole_check(monkeypatch: pytest.MonkeyPatch):
    """The new row is checked when added; the rows already checked are not checked again."""
    checked = tracker.add_interview(tracker.Tracker.empty(), ROW)
    tracker.validate(checked)
    monkeypatch.setattr(tracker, "check_interviews", refuse)
    tracker.validate(tracker.add_interview(checked, {**ROW, "company": "Beta"}))


def test_a_tracker_never_checked_is_checked_whole(monkeypatch: pytest.MonkeyPatch):
    """A tracker built from tables (a file, a hand-made frame) gets the whole check."""
    added = tracker.add_interview(tracker.Tracker.empty(), ROW)
    monkeypatch.setattr(tracker, "check_interviews", refuse)
    with pytest.raises(tracker.TrackerError, match="whole table"):
        tracker.validate(tracker.add_interview(added, {**ROW, "company": "Beta"}))
    with pytest.raises(tracker.TrackerError, match="whole table"):
        tracker.validate(tracker.Tracker(added.interviews, added.followups))


def test_a_bad_row_is_refused_when_added_to_a_checked_tracker():
    """Skipping the whole check never lets a bad row in: adding it fails."""
    checked = tracker.add_interview(tracker.Tracker.empty(), ROW)
    tracker.validate(checked)
    with pytest.raises(tracker.TrackerError):
        tracker.add_interview(checked, {**ROW, "company": ""})
    with pytest.raises(tracker.TrackerError):
        tracker.add_interview(
            checked, {**ROW, "interview_id": checked.interviews["interview_id"][0]}
        )
