"""The whole search in one row: an application before any interview, its dates, link and salary."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from followup import tracker, vocab
from followup.store import CsvStore
from followup.tracker import Tracker, TrackerError

APPLICATION = {
    "company": "Acme",
    "role": "Analyst",
    "status": "Applied",
    "application_date": "2024-09-02",
}
# Version 1 of interviews.csv: the header before the application columns were added.
VERSION_1_HEADER = (
    "interview_id,company,role,interviewer,interviewer_title,interviewer_email,"
    "interviewer_phone,interview_date,round,decision_expected,status,preferred_channel,notes"
)


def test_an_application_needs_no_interview_date():
    """Someone who has only applied adds the application with its date and no interview."""
    t = tracker.add_interview(Tracker.empty(), APPLICATION)
    row = t.interviews.iloc[0]
    assert row["status"] == "Applied"
    assert row["application_date"] == pd.Timestamp("2024-09-02")
    assert pd.isna(row["interview_date"])


def test_an_application_needs_its_application_date():
    """An application without the day it was sent is refused with the reason."""
    with pytest.raises(TrackerError, match="application date is required for the status Applied"):
        tracker.add_interview(Tracker.empty(), {**APPLICATION, "application_date": None})


def test_the_interview_date_is_required_once_an_interview_is_set():
    """Moving an application to Awaiting decision without an interview date is refused."""
    t = tracker.add_interview(Tracker.empty(), APPLICATION)
    row_id = t.interviews["interview_id"].iloc[0]
    with pytest.raises(TrackerError, match="interview date is required once an interview is set"):
        tracker.update_interviews(t, {row_id: {"status": "Awaiting decision"}})
    moved = tracker.update_interviews(
        t, {row_id: {"status": "Awaiting decision", "interview_date": dt.date(2024, 9, 19)}}
    )
    assert moved.interviews["status"].iloc[0] == "Awaiting decision"


def test_a_closed_row_needs_one_of_the_two_dates():
    """A rejection after applying keeps its application date; with neither date it is refused."""
    rejected = {**APPLICATION, "status": "Rejected"}
    assert len(tracker.add_interview(Tracker.empty(), rejected).interviews) == 1
    with pytest.raises(TrackerError, match="application date or the interview date"):
        tracker.add_interview(Tracker.empty(), {**rejected, "application_date": None})


def test_a_new_interview_still_defaults_to_awaiting_decision():
    """Applied comes first in the list; an interview added without a status awaits a decision."""
    row = {"company": "Acme", "role": "Analyst", "interview_date": "2024-09-19"}
    t = tracker.add_interview(Tracker.empty(), row)
    assert vocab.STATUSES[0] == "Applied"
    assert t.interviews["status"].iloc[0] == "Awaiting decision"


@pytest.mark.parametrize(
    "link",
    ["javascript:alert(1)", "ftp://example.org/job", "example.org/job", "https://", "http://a b"],
)
def test_only_web_links_are_accepted_as_job_links(link: str):
    """A job link must be an http or https address; anything else is refused, not shown."""
    with pytest.raises(TrackerError, match="not a web address"):
        tracker.add_interview(Tracker.empty(), {**APPLICATION, "job_url": link})


def test_a_file_with_a_bad_job_link_is_refused_by_the_vectorised_check(tmp_path: Path):
    """A hand-edited file with a javascript: link among good rows is refused on load."""
    header = f"{VERSION_1_HEADER},application_date,job_url,location,salary"
    good = "a1,Acme,Analyst,,,,,2024-09-19,,,Awaiting decision,,,,https://acme.example/jobs/1,,"
    bad = "a2,Beta,Analyst,,,,,2024-09-19,,,Awaiting decision,,,,javascript:alert(1),,"
    (tmp_path / "interviews.csv").write_text(f"{header}\n{good}\n{bad}\n")
    with pytest.raises(ValueError, match="row 2: the job link"):
        CsvStore(tmp_path).load()


def test_a_version_1_file_loads_and_the_first_save_writes_the_new_header(tmp_path: Path):
    """An old tracker loads unchanged; the next save adds the four new columns to the header."""
    row = "a1,Acme,Analyst,Dana,,,,2024-09-19,1,,Awaiting decision,Email,hello"
    path = tmp_path / "interviews.csv"
    path.write_text(f"{VERSION_1_HEADER}\r\n{row}\r\n")
    store = CsvStore(tmp_path)
    loaded = store.load()
    assert loaded.interviews.loc[0, "notes"] == "hello"
    assert loaded.interviews["application_date"].isna().all()
    assert path.read_bytes().startswith(f"{VERSION_1_HEADER}\r\n".encode())
    store.update(lambda t: tracker.add_interview(t, APPLICATION))
    header = path.read_text().splitlines()[0]
    assert header == ",".join(f'"{c}"' for c in vocab.INTERVIEW_COLUMNS)
    assert header.endswith(',"notes","application_date","job_url","location","salary"')


def test_link_location_and_salary_are_saved_and_read_back(tmp_path: Path):
    """The optional columns survive a save and a load exactly as typed."""
    row = {
        **APPLICATION,
        "job_url": "https://jobs.example.org/posting?id=42&src=x",
        "location": "Zürich (hybrid)",
        "salary": "€55,000 to 60,000",
    }
    store = CsvStore(tmp_path)
    saved = store.update(lambda t: tracker.add_interview(t, row))
    pd.testing.assert_frame_equal(store.load().interviews, saved.interviews)
    assert saved.interviews.loc[0, "salary"] == "€55,000 to 60,000"


def test_labels_name_an_application_by_its_application_date():
    """Pickers name a row without an interview by the day it was sent."""
    t = tracker.add_interview(Tracker.empty(), APPLICATION)
    row_id = t.interviews["interview_id"].iloc[0]
    assert tracker.interview_labels(t.interviews)[row_id] == "Acme · Analyst · applied 2024-09-02"
    assert tracker.interview_label(t.interviews.iloc[0]) == "Acme · Analyst · applied 2024-09-02"


def test_a_link_with_an_unusual_character_is_checked_exactly(tmp_path: Path):
    """Links the fast pass does not vouch for (non-ASCII, a hidden character) get the full check."""
    header = f"{VERSION_1_HEADER},application_date,job_url,location,salary"
    accented = (
        "a1,Acme,Analyst,,,,,2024-09-19,,,Awaiting decision,,,,https://acme.example/jobs/müller,,"
    )
    hidden = (
        "a2,Beta,Analyst,,,,,2024-09-19,,,Awaiting decision,,,,https://beta.example/\u200bjob,,"
    )
    (tmp_path / "interviews.csv").write_text(f"{header}\n{accented}\n", encoding="utf-8")
    assert CsvStore(tmp_path).load().interviews.loc[0, "job_url"].endswith("müller")
    (tmp_path / "interviews.csv").write_text(f"{header}\n{accented}\n{hidden}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="row 2: the job link"):
        CsvStore(tmp_path).load()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://jobs.example/1", True),
        ("HTTPS://Jobs.Example", True),
        (" https://jobs.example/1", False),  # a space the address bar would drop: not as typed
        ("https://jobs.example/1\n", False),
        ("https://jobs.example/\u200b", False),  # an invisible character
        ("http://[::1", False),  # an address the URL parser cannot read
        (None, False),
        (float("nan"), False),
    ],
)
def test_a_web_link_is_an_exact_http_address_and_nothing_else(value, expected):
    """Only text exactly as typed, printable, of scheme http(s) with a host counts as a link."""
    assert tracker.is_web_link(value) is expected
