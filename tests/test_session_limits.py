"""What one visitor's session may hold in `session` mode: bounded in rows and bytes."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest

from followup import export, limits, tracker
from followup.hosting import STORAGE_ENV
from followup.store import MemoryStore
from followup.tracker import TrackerError
from followup.ui.tracker import SESSION_STORE_KEY
from tests.apptest import as_seen, open_page, open_tab

TRACKER = "pages/3_Tracker.py"


def interviews(count: int) -> tracker.Tracker:
    rows = [
        {"company": f"Co {n}", "role": "Analyst", "interview_date": dt.date(2024, 9, 1)}
        for n in range(count)
    ]
    import pandas as pd

    return tracker.add_interviews(tracker.Tracker.empty(), pd.DataFrame(rows))


def test_a_limited_store_refuses_a_change_past_its_rows_and_keeps_the_tracker():
    store = limits.LimitedStore(MemoryStore(interviews(3)), max_rows=4, max_bytes=10**6)
    store.update(
        lambda t: tracker.add_interview(
            t, {"company": "D", "role": "R", "interview_date": "2024-09-02"}
        )
    )
    with pytest.raises(TrackerError, match="at most 4 rows"):
        store.update(
            lambda t: tracker.add_interview(
                t, {"company": "E", "role": "R", "interview_date": "2024-09-02"}
            )
        )
    assert len(store.load().interviews) == 4


def test_a_limited_store_refuses_a_change_past_its_bytes():
    store = limits.LimitedStore(MemoryStore(), max_rows=100, max_bytes=2_000)
    big = {"company": "D", "role": "R", "interview_date": "2024-09-02", "notes": "x" * 5_000}
    with pytest.raises(TrackerError, match="MB"):
        store.update(lambda t: tracker.add_interview(t, big))
    assert store.load().interviews.empty


def test_a_zip_that_unpacks_past_the_limit_is_refused_before_it_is_read():
    """A small zip of a huge file (a zip bomb) is refused while unpacking, naming the limit."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(export.INTERVIEWS_FILE, b"interview_id,company\n" + b"a" * 3_000_000)
        archive.writestr(export.FOLLOWUPS_FILE, b"followup_id\n")
    assert len(buffer.getvalue()) < 50_000
    with pytest.raises(export.ExportError, match="unpacks to more than"):
        export.read_tracker_files([(export.ZIP_NAME, buffer.getvalue())], max_bytes=1_000_000)


@pytest.fixture
def small_session(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(STORAGE_ENV, "session")
    monkeypatch.setattr(limits, "SESSION_MAX_ROWS", 5)


@pytest.mark.usefixtures("small_session")
def test_loading_a_tracker_larger_than_a_session_may_hold_is_refused():
    """The file is refused with the limit named; the session's tracker stays as it was."""
    at = open_page(TRACKER)
    zipped = export.tracker_zip(interviews(6))
    at.get_by_key("tracker_session_load").set_value((export.ZIP_NAME, zipped, "application/zip"))
    at.run()
    assert not at.exception
    text = as_seen(" ".join(e.value for e in at.error))
    assert "at most 5 rows" in text and "6" in text
    assert not [b for b in at.button if b.key == "tracker_session_load_confirm"]
    assert at.session_state[SESSION_STORE_KEY].load().interviews.empty


@pytest.mark.usefixtures("small_session")
def test_adding_past_what_a_session_may_hold_says_so():
    """The sixth row is refused with a message; the five stay."""
    at = open_page(TRACKER)
    at.session_state[SESSION_STORE_KEY].update(lambda t: interviews(5))
    at.run()
    at.text_input(key="tracker_add_company").input("Sixth")
    at.text_input(key="tracker_add_role").input("Analyst")
    at = at.button(key="tracker_add_submit").click().run()
    assert not at.exception
    assert "at most 5 rows" in as_seen(at.error[0].value)
    assert len(at.session_state[SESSION_STORE_KEY].load().interviews) == 5
    assert open_tab(at, "Interviews").session_state[SESSION_STORE_KEY] is not None
