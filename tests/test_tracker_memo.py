"""What a page derives from a tracker is reused by a rerun, and never outlives a change."""

from __future__ import annotations

import datetime as dt

from followup import tracker
from followup.tracker import Tracker

ROW = {"company": "Brightwave", "role": "Analyst", "interview_date": dt.date(2026, 6, 1)}


def counting(calls: list[str], value: str):
    """A computation that notes each time it runs."""

    def compute() -> str:
        calls.append(value)
        return value

    return compute


def test_a_rerun_with_the_same_choices_reuses_the_result():
    """Drawing the page again on the same tracker with the same search computes nothing new."""
    current = tracker.add_interview(Tracker.empty(), ROW)
    calls: list[str] = []
    first = tracker.last_derived(current, "found", ("brightwave",), counting(calls, "rows"))
    again = tracker.last_derived(current, "found", ("brightwave",), counting(calls, "rows"))
    assert (first, again, calls) == ("rows", "rows", ["rows"])


def test_other_choices_are_computed_and_only_the_last_is_kept():
    """A new search is computed; going back to the old one computes it again (one kept a slot)."""
    current = tracker.add_interview(Tracker.empty(), ROW)
    calls: list[str] = []
    tracker.last_derived(current, "found", ("a",), counting(calls, "a"))
    assert tracker.last_derived(current, "found", ("b",), counting(calls, "b")) == "b"
    assert tracker.last_derived(current, "found", ("a",), counting(calls, "a")) == "a"
    assert calls == ["a", "b", "a"]


def test_a_saved_change_is_seen_at_once():
    """After a save the page's rows come from the new tracker, not the one drawn before."""
    before = tracker.add_interview(Tracker.empty(), ROW)
    after = tracker.add_interview(before, {**ROW, "company": "Northwind"})
    calls: list[str] = []
    tracker.last_derived(before, "found", (), counting(calls, "old"))
    assert tracker.last_derived(after, "found", (), counting(calls, "new")) == "new"
    assert calls == ["old", "new"]
