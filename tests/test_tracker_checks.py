"""Checking a large table at once refuses exactly the rows that checking row by row refuses."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followup import tracker, vocab
from followup.tracker import TrackerError, check_followup, check_followups, check_interview

TEXT = st.sampled_from(["Acme", "", " ", "\u2028", "\t\n", None, "Data analyst"])
STATUS = st.sampled_from(["Awaiting decision", "Offer", "Ghosted", "", " ", None, "offer"])
CHANNEL = st.sampled_from(["Email", "Phone call", "Fax", "", None])


def row_by_row(frame: pd.DataFrame, check) -> str | None:
    """The first refusal when every row is checked in Python, as the table check used to."""
    for position, row in enumerate(frame.to_dict("records"), start=1):
        try:
            check(row)
        except TrackerError as err:
            message = str(err)
            return f"Row {position}: {message[0].lower()}{message[1:]}"
    return None


def table_check(frame: pd.DataFrame, check_table) -> str | None:
    try:
        check_table(frame)
    except TrackerError as err:
        return str(err)
    return None


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "company": TEXT,
                "role": TEXT,
                "interview_date": st.sampled_from([pd.Timestamp("2026-01-05"), pd.NaT]),
                "status": STATUS,
                "preferred_channel": CHANNEL,
            }
        ),
        max_size=8,
    )
)
def test_interview_tables_are_refused_at_the_same_row_with_the_same_message(rows: list[dict]):
    """Blank names, missing dates and unknown choices are caught where they always were."""
    columns = ["company", "role", "interview_date", "status", "preferred_channel"]
    frame = pd.DataFrame(rows, columns=columns)
    frame.insert(0, "interview_id", [f"id{n}" for n in range(len(frame))])
    assert table_check(frame, tracker.check_interviews) == row_by_row(frame, check_interview)


FIRST_DAY, LAST_DAY = pd.Timestamp(tracker.MIN_DATE), pd.Timestamp(tracker.MAX_DATE)
GOOD_LINKS = ["https://jobs.example/1", "HTTP://a.example:80/x?y", "https://bücher.example/", None]
# A row that passes, with each field it holds drawn from values the row check accepts...
GOOD_ROW = st.fixed_dictionaries(
    {
        "company": st.just("Acme"),
        "role": st.just("Analyst"),
        "status": st.sampled_from([*vocab.STATUSES, None]),
        "interview_date": st.sampled_from([pd.Timestamp("2026-01-05"), FIRST_DAY, pd.NaT]),
        "application_date": st.sampled_from([pd.Timestamp("2025-12-01"), LAST_DAY, pd.NaT]),
        "job_url": st.sampled_from(GOOD_LINKS),
        "preferred_channel": st.sampled_from([*vocab.CHANNELS, None]),
    }
)
# ...then up to two of its fields damaged (a row may also break the stage rules by itself).
BAD_VALUES = {
    "company": ["", " ", "\t", None],
    "role": ["", " ", None],
    "status": ["Ghosted", "offer", ""],
    "interview_date": [FIRST_DAY - pd.Timedelta(days=1), pd.Timestamp("2250-01-01"), pd.NaT],
    "application_date": [pd.Timestamp("1850-01-01"), LAST_DAY + pd.Timedelta(days=1)],
    "job_url": ["javascript:alert(1)", "http://", "ftp://x", " https://a.example", ""],
    "preferred_channel": ["Fax", ""],
}


def damaged(good: st.SearchStrategy, bad_values: dict[str, list]) -> st.SearchStrategy:
    """Tables of up to 8 rows drawn from `good`, each with up to two fields given a bad value."""
    pairs = [(field, bad) for field, values in bad_values.items() for bad in values]
    damage = st.lists(st.sampled_from(pairs), max_size=2).map(dict)
    return st.lists(st.builds(lambda row, harm: row | harm, good, damage), max_size=8)


def interview_rows() -> st.SearchStrategy:
    return damaged(GOOD_ROW, BAD_VALUES)


INTERVIEW_COLUMNS = [
    "company", "role", "status", "interview_date", "application_date", "job_url",
    "preferred_channel",
]  # fmt: skip


def interview_frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=INTERVIEW_COLUMNS)
    for column in ("interview_date", "application_date"):
        frame[column] = pd.to_datetime(frame[column])
    frame.insert(0, "interview_id", [f"id{n}" for n in range(len(frame))])
    return frame


@settings(max_examples=300, deadline=None)
@given(interview_rows())
def test_dates_statuses_and_links_are_refused_at_the_same_row_as_row_by_row(rows: list[dict]):
    """Stage dates, dates out of range and job links: the table check names the same row."""
    frame = interview_frame(rows)
    assert table_check(frame, tracker.check_interviews) == row_by_row(frame, check_interview)


OPTIONAL = st.sets(st.sampled_from(["status", "application_date", "job_url", "preferred_channel"]))


@settings(max_examples=300, deadline=None)
@given(interview_rows(), OPTIONAL)
def test_the_quick_pass_flags_exactly_the_rows_the_row_check_refuses(rows: list[dict], absent):
    """The vectorised pass flags the rows the row check refuses, no fewer (a refusal would be
    missed) and no more (a clean table stays on the fast path), also when a column is absent."""
    # As every store reads a table: an empty cell is missing, never an empty string.
    frame = interview_frame([{k: v if v != "" else None for k, v in row.items()} for row in rows])
    frame = frame.drop(columns=list(absent))
    required, choices = vocab.REQUIRED_INTERVIEW_FIELDS, tracker.INTERVIEW_CHOICES
    flagged = tracker._suspect_rows(frame, required, choices) | tracker._suspect_stage_rows(frame)
    assert flagged.tolist() == [refuses(check_interview, row) for row in frame.to_dict("records")]


FOLLOWUP_BAD_VALUES = {
    "interview_id": [None, " "],
    "date": [pd.NaT, FIRST_DAY - pd.Timedelta(days=1), LAST_DAY + pd.Timedelta(days=1)],
    "channel": [None, " ", "Fax"],
    "purpose": [None, "", "thank-you"],
    "outcome": [None, "\t", "Lost"],
}
GOOD_FOLLOWUP = st.fixed_dictionaries(
    {
        "interview_id": st.just("id0"),
        "date": st.sampled_from([pd.Timestamp("2026-01-05"), FIRST_DAY, LAST_DAY]),
        "channel": st.sampled_from(vocab.CHANNELS),
        "purpose": st.sampled_from(vocab.PURPOSES),
        "outcome": st.sampled_from(vocab.OUTCOMES),
    }
)


@settings(max_examples=200, deadline=None)
@given(damaged(GOOD_FOLLOWUP, FOLLOWUP_BAD_VALUES))
def test_the_quick_pass_flags_exactly_the_follow_ups_the_row_check_refuses(rows: list[dict]):
    """Follow-ups: every refused row flagged (a missing channel too), no good row flagged."""
    rows = [{k: v if v != "" else None for k, v in row.items()} for row in rows]
    frame = pd.DataFrame(rows, columns=list(FOLLOWUP_BAD_VALUES))
    frame["date"] = pd.to_datetime(frame["date"])
    frame.insert(0, "followup_id", [f"f{n}" for n in range(len(frame))])
    required, choices = tracker.REQUIRED_FOLLOWUP_FIELDS, tracker.FOLLOWUP_CHOICES
    flagged = tracker._suspect_rows(frame, required, choices)
    assert flagged.tolist() == [refuses(check_followup, row) for row in frame.to_dict("records")]
    assert table_check(frame, check_followups) == row_by_row(frame, check_followup)


def refuses(check, row: dict) -> bool:
    try:
        check(row)
    except TrackerError:
        return True
    return False


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.fixed_dictionaries({"channel": CHANNEL, "purpose": TEXT, "outcome": STATUS}),
        max_size=8,
    )
)
def test_followup_tables_are_refused_at_the_same_row_with_the_same_message(rows: list[dict]):
    """A follow-up without a known channel, purpose or outcome is refused as before."""
    frame = pd.DataFrame(rows, columns=["channel", "purpose", "outcome"])
    frame.insert(0, "followup_id", [f"f{n}" for n in range(len(frame))])
    frame.insert(1, "interview_id", "id0")
    frame.insert(2, "date", pd.Timestamp("2026-01-05"))
    assert table_check(frame, check_followups) == row_by_row(frame, check_followup)


def test_a_table_without_a_required_column_is_refused_at_its_first_row():
    """A file missing the role column is refused as a missing role on row 1."""
    frame = pd.DataFrame({"interview_id": ["a"], "company": ["Acme"], "interview_date": ["x"]})
    with pytest.raises(TrackerError, match="Row 1"):
        tracker.check_interviews(frame)


def changes_row_by_row(before: pd.DataFrame, after: pd.DataFrame) -> dict:
    """The edits found by comparing every shared row cell by cell, as the page used to."""
    changes = {}
    columns = [column for column in before.columns if column in after.columns]
    for row_id in before.index.intersection(after.index):
        old, new = before.loc[row_id, columns], after.loc[row_id, columns]
        changed = {
            column: tracker._python(new[column])
            for column in columns
            if not tracker._same(old[column], new[column])
        }
        if changed:
            changes[str(row_id)] = changed
    return changes


CELL = st.sampled_from(["Acme", "Beta", "", " ", None])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(CELL, CELL, CELL, CELL), min_size=1, max_size=8))
def test_edits_in_the_table_are_found_exactly_as_cell_by_cell(pairs: list[tuple]):
    """Every edited cell is found, and a blank swapped for an empty cell is not an edit."""
    ids = [f"id{n}" for n in range(len(pairs))]
    before = pd.DataFrame({"company": [p[0] for p in pairs], "role": [p[1] for p in pairs]}, ids)
    after = pd.DataFrame({"company": [p[2] for p in pairs], "role": [p[3] for p in pairs]}, ids)
    changes, deleted = tracker.table_changes(before, after)
    assert changes == changes_row_by_row(before, after)
    assert deleted == []


def _two_rows() -> pd.DataFrame:
    """The interviews table of a valid two-row tracker, to damage by hand as an edited file is."""
    row = {"company": "Acme", "role": "Analyst", "interview_date": dt.date(2024, 9, 19)}
    t = tracker.add_interview(tracker.Tracker.empty(), row)
    t = tracker.add_interview(t, row | {"company": "Beta", "interview_date": dt.date(2024, 9, 20)})
    return t.interviews.copy()


@pytest.mark.parametrize("status", ["Rejected", "Withdrawn", "Offer"])
def test_a_row_with_neither_date_is_refused_whatever_its_status(status):
    """No application date and no interview date: refused, even for a status needing neither."""
    frame = _two_rows()
    frame.loc[0, ["interview_date", "status"]] = [pd.NaT, status]
    with pytest.raises(tracker.TrackerError, match=r"^Row 1: give the application date or the"):
        tracker.check_interviews(frame)


def test_the_first_bad_row_is_named_when_a_later_row_has_a_bad_job_link():
    """A row without dates above a row with a non-web link: the message names the first."""
    frame = _two_rows()
    frame.loc[0, "interview_date"] = pd.NaT
    frame.loc[1, "job_url"] = "javascript:alert(1)"
    with pytest.raises(tracker.TrackerError, match=r"^Row 1: "):
        tracker.check_interviews(frame)


def test_a_date_before_1900_in_a_typed_table_is_refused():
    """A date column already typed (a table, not typed text) is still held to the date range."""
    frame = _two_rows()
    frame.loc[1, "interview_date"] = pd.Timestamp("1850-01-01")
    outside = r"^Row 2: the interview date 1850-01-01 is outside"
    with pytest.raises(tracker.TrackerError, match=outside):
        tracker.check_interviews(frame)
