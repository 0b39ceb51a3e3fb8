"""Downloads: each table as CSV, both as a zip, read back exactly; hostile files get a message."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pandas as pd
import pytest

from followup import csvformat, export, tracker
from followup.tracker import Tracker


def sample() -> Tracker:
    """A tracker with formula-like text, an unknown column and one follow-up."""
    t = tracker.add_interview(
        Tracker.empty(),
        {
            "company": '=HYPERLINK("http://x")',
            "role": "Analyst",
            "interview_date": dt.date(2024, 9, 19),
            "interviewer_phone": "+1 555 0100",
            "notes": '\'quoted\nsecond line, with "quotes"',
            "referral": "@jo",
        },
    )
    interview_id = t.interviews["interview_id"].iloc[0]
    row = {
        "interview_id": interview_id,
        "date": "2024-09-20",
        "channel": "Email",
        "purpose": "Thank-you",
        "outcome": "Done",
        "notes": "-1 point",
    }
    return tracker.add_followup(t, row)


def assert_same(left: Tracker, right: Tracker) -> None:
    pd.testing.assert_frame_equal(left.interviews, right.interviews)
    pd.testing.assert_frame_equal(left.followups, right.followups)


def test_exported_csv_neutralises_formulas():
    """A cell a spreadsheet would run as a formula starts with an apostrophe in the CSV."""
    text = export.interviews_csv(sample()).decode("utf-8")
    assert "'=HYPERLINK" in text
    assert "'+1 555 0100" in text
    assert ',"\'@jo"' in text


def test_zip_round_trip_is_exact():
    """Reading our own zip back gives the same tables, apostrophes removed."""
    t = sample()
    assert_same(export.read_tracker_zip(export.tracker_zip(t)), t)


def test_each_csv_reads_back_exactly():
    """Each table's CSV reads back to the same table."""
    t = sample()
    pd.testing.assert_frame_equal(
        export.read_interviews_csv(export.interviews_csv(t)), t.interviews
    )
    pd.testing.assert_frame_equal(export.read_followups_csv(export.followups_csv(t)), t.followups)


def test_the_same_tracker_gives_the_same_zip_bytes():
    """Two exports of the same tracker are byte for byte equal."""
    t = sample()
    assert export.tracker_zip(t) == export.tracker_zip(t)


def zip_of(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"not a zip at all", "not a zip file"),
        (zip_of({"interviews.csv": b"interview_id\n"}), "no followups.csv"),
        (
            zip_of({"interviews.csv": b"\x00" * (csvformat.MAX_BYTES + 1), "followups.csv": b"x"}),
            "more than a tracker file can hold",
        ),
        (zip_of({f"f{i}.csv": b"" for i in range(20)}), "holds 20 files"),
        (
            zip_of({"interviews.csv": b"\x89PNG\x00\x00", "followups.csv": b"a\n"}),
            "binary",
        ),
        (
            zip_of({"interviews.csv": b"interview_id,company\n", "followups.csv": b"x\n"}),
            "lacks the column",
        ),
    ],
    ids=["not-zip", "missing-member", "bomb", "many-files", "binary", "columns"],
)
def test_a_hostile_zip_gives_a_message(data: bytes, problem: str):
    """Anything that is not our export is refused with a message, never a traceback."""
    with pytest.raises(export.ExportError, match=problem):
        export.read_tracker_zip(data)


def test_an_unknown_value_in_an_edited_export_is_reported():
    """An export edited by hand with an unknown status is refused, naming the problem."""
    t = sample()
    text = export.interviews_csv(t).decode().replace("Awaiting decision", "Ghosted")
    edited = zip_of({"interviews.csv": text.encode(), "followups.csv": export.followups_csv(t)})
    with pytest.raises(export.ExportError, match="'Ghosted' is not one of"):
        export.read_tracker_zip(edited)


def test_the_two_csvs_load_whatever_the_browser_named_them():
    """The two CSV downloads, saved as "interviews (1).csv" and "tracker.csv", load back exactly."""
    t = sample()
    files = [
        ("tracker.csv", export.followups_csv(t)),
        ("interviews (1).csv", export.interviews_csv(t)),
    ]
    assert_same(export.read_tracker_files(files), t)


def test_our_zip_loads_as_an_upload():
    """The zip download, uploaded on its own, loads back exactly."""
    t = sample()
    assert_same(export.read_tracker_files([("mine.zip", export.tracker_zip(t))]), t)


@pytest.mark.parametrize(
    ("names", "problem"),
    [
        (["interviews"], "or both its files"),
        (["interviews", "interviews"], "or both its files"),
        (["zip", "followups"], "or both its files"),
        (["interviews", "other"], "notes.csv is neither interviews.csv nor followups.csv"),
    ],
    ids=["one-csv", "same-twice", "zip-and-csv", "unknown-csv"],
)
def test_an_upload_that_is_not_our_files_is_explained(names: list[str], problem: str):
    """Anything but our zip or our two CSVs is refused with a message saying what to choose."""
    t = sample()
    made = {
        "interviews": ("interviews.csv", export.interviews_csv(t)),
        "followups": ("followups.csv", export.followups_csv(t)),
        "zip": (export.ZIP_NAME, export.tracker_zip(t)),
        "other": ("notes.csv", b"what,is\n1,2\n"),
    }
    with pytest.raises(export.ExportError, match=problem):
        export.read_tracker_files([made[name] for name in names])
