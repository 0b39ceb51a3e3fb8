"""Typed text survives the zip download; trackers() also feeds the store contract suite."""

from __future__ import annotations

import datetime as dt
import tempfile
import unicodedata

import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from followup import export, tracker
from followup.store import CsvStore, StoreError
from followup.tracker import Tracker

# Any unicode except surrogates (not encodable) and NUL (a binary-file marker we refuse).
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=30,
)
FORMULA_LIKE = st.sampled_from(["=1+1", "+44 20", "-3", "@SUM(A1)", "\tx", "\rx", "'x", "''"])
CELL = st.one_of(TEXT, FORMULA_LIKE, st.builds(lambda a, b: a + b, FORMULA_LIKE, TEXT))
REQUIRED = CELL.filter(lambda s: tracker.clean_text(s).strip() != "")
DATES = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31))


@st.composite
def trackers(draw) -> Tracker:
    t = Tracker.empty()
    for _ in range(draw(st.integers(1, 3))):
        row = {
            "company": draw(REQUIRED),
            "role": draw(REQUIRED),
            "interview_date": draw(DATES),
            "decision_expected": draw(st.none() | DATES),
            "interviewer": draw(CELL),
            "notes": draw(CELL),
            "round": draw(CELL),
            "custom column": draw(CELL),
        }
        t = tracker.add_interview(t, row)
    first = t.interviews["interview_id"].iloc[0]
    followup = {
        "interview_id": first,
        "date": draw(DATES),
        "channel": "Email",
        "purpose": "Thank-you",
        "outcome": "Done",
        "notes": draw(CELL),
    }
    return tracker.add_followup(t, followup)


@settings(max_examples=12, deadline=None)
@given(trackers())
def test_zip_export_then_import_gives_equal_frames(saved: Tracker):
    """Our zip export reads back identical, formula-like cells included."""
    loaded = export.read_tracker_zip(export.tracker_zip(saved))
    pd.testing.assert_frame_equal(loaded.interviews, saved.interviews)
    pd.testing.assert_frame_equal(loaded.followups, saved.followups)


# Every code point a browser, a paste or the Python API could hand over, lone surrogates and
# control characters (NUL, vertical tab, DEL, C1) included.
ANY_TEXT = st.text(alphabet=st.characters(), max_size=20)
KEPT_CONTROLS = "\t\n\r"


def storable(text: str) -> str:
    """What the tracker keeps of `text`: it without control characters and lone surrogates."""
    gone = ("Cc", "Cs")
    return "".join(c for c in text if c in KEPT_CONTROLS or unicodedata.category(c) not in gone)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(company=ANY_TEXT, notes=ANY_TEXT, edited=ANY_TEXT, followup_notes=ANY_TEXT)
@example(company="", notes="", edited="", followup_notes="\r")
@example(company="\ud800", notes="a\udfffb\x00", edited="\x7f", followup_notes="")
def test_any_unicode_typed_is_kept_cleaned_or_refused_and_reads_back(
    company: str, notes: str, edited: str, followup_notes: str
):
    """add -> save -> load: what the tracker accepted reads back identically, never a lockout."""
    row = {"company": "Co " + company, "role": "Dev", "interview_date": "2024-09-19"}
    with tempfile.TemporaryDirectory() as folder:
        store = CsvStore(folder)
        try:
            saved = store.update(lambda t: tracker.add_interview(t, row | {"notes": notes}))
            interview_id = saved.interviews["interview_id"].iloc[0]
            saved = store.update(
                lambda t: tracker.update_interviews(t, {interview_id: {"round": edited}})
            )
            followup = {"interview_id": interview_id, "date": "2024-09-20", "channel": "Email"}
            followup |= {"purpose": "Thank-you", "outcome": "Done", "notes": followup_notes}
            saved = store.update(lambda t: tracker.add_followup(t, followup))
        except tracker.TrackerError:
            return  # refused with a message: nothing to read back
        loaded = CsvStore(folder).load()
    pd.testing.assert_frame_equal(loaded.interviews, saved.interviews)
    pd.testing.assert_frame_equal(loaded.followups, saved.followups)
    first = saved.interviews.iloc[0]
    assert first["company"] == storable("Co " + company)
    for value, typed in (
        (first["notes"], notes),
        (first["round"], edited),
        (saved.followups["notes"].iloc[0], followup_notes),
    ):
        # Text of white space only (a lone "\r" too) is an empty cell, like an untouched field.
        assert (pd.isna(value) and storable(typed).strip() == "") or value == storable(typed)


def test_a_nul_put_in_by_hand_through_the_api_is_refused_before_writing(tmp_path):
    """A frame built without add_* still never reaches the disk with a NUL in it."""
    store = CsvStore(tmp_path)
    row = {"company": "Acme", "role": "Dev", "interview_date": "2024-09-19"}
    good = store.update(lambda t: tracker.add_interview(t, row))
    before = (tmp_path / "interviews.csv").read_bytes()
    bad = good.interviews.assign(notes="a\x00b")
    with pytest.raises(ValueError, match=r"row 1's notes holds a NUL"):
        store.update(lambda t: Tracker(bad, t.followups))
    assert (tmp_path / "interviews.csv").read_bytes() == before
    assert CsvStore(tmp_path).load().interviews.equals(good.interviews)


def test_a_nul_in_a_mixed_column_or_a_column_name_is_refused_and_placed(tmp_path):
    """A pasted column of numbers and text names the row; a NUL in a header is refused too."""
    store = CsvStore(tmp_path)
    row = {"company": "Acme", "role": "Dev", "interview_date": "2024-09-19"}
    good = store.update(lambda t: tracker.add_interview(t, row))
    good = store.update(lambda t: tracker.add_interview(t, {**row, "company": "Beta"}))
    before = (tmp_path / "interviews.csv").read_bytes()
    mixed = good.interviews.assign(notes=pd.Series([3, "a\x00b"], dtype=object))
    with pytest.raises(StoreError) as raised:
        store.update(lambda t: Tracker(mixed, t.followups))
    assert str(raised.value) == (
        "interviews.csv cannot be saved: row 2's notes holds a NUL character, which a CSV file "
        "cannot keep."
    )
    named = good.interviews.assign(**{"shoe\x00size": "42"})
    with pytest.raises(StoreError) as raised:
        store.update(lambda t: Tracker(named, t.followups))
    assert str(raised.value) == (
        "interviews.csv cannot be saved: a cell holds a NUL character, which a CSV file cannot "
        "keep."
    )
    assert (tmp_path / "interviews.csv").read_bytes() == before


def test_a_character_with_no_utf8_form_put_in_by_hand_is_refused_naming_the_file(tmp_path):
    store = CsvStore(tmp_path)
    row = {"company": "Acme", "role": "Dev", "interview_date": "2024-09-19"}
    good = store.update(lambda t: tracker.add_interview(t, row))
    bad = good.interviews.assign(notes=pd.Series(["\ud800"], dtype=object))
    with pytest.raises(StoreError) as raised:
        store.update(lambda t: Tracker(bad, t.followups))
    assert str(raised.value) == (
        "interviews.csv cannot be saved: a cell holds '\\ud800', a character with no UTF-8 form; "
        "remove it."
    )
