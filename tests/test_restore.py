"""A downloaded tracker can be put back on every store, not only in a session."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from followup import export, hosting, sqlstore, tracker
from followup.hosting import DATABASE_URL_ENV
from followup.sqlstore import SqlStore
from followup.store import CsvStore
from followup.tracker import Tracker
from followup.ui import TODAY_ENV
from tests.apptest import open_page, open_tab
from tests.test_hosting_pages import TRACKER, add_interview


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TODAY_ENV, "2024-09-23")


def kept_tracker() -> Tracker:
    """What a visitor downloaded earlier: one interview with one follow-up."""
    kept = tracker.add_interview(
        Tracker.empty(),
        {"company": "Kept Co", "role": "Analyst", "interview_date": dt.date(2024, 9, 19)},
    )
    first = kept.interviews["interview_id"].iloc[0]
    return tracker.add_followup(
        kept,
        {
            "interview_id": first,
            "date": dt.date(2024, 9, 20),
            "channel": "Email",
            "purpose": "Thank-you",
            "outcome": "Done",
        },
    )


def restore(at, files: list[tuple[str, bytes]]):
    """Open the Download tab, upload `files` and confirm."""
    at = open_tab(at, "Download")
    at.get_by_key("tracker_restore_load").set_value(files[0] + ("application/zip",))
    at.run()
    return at


def test_a_downloaded_zip_replaces_the_tracker_in_the_data_folder(data_dir: Path):
    """Local mode: the kept zip, restored from the Download tab, is the tracker on disk."""
    kept = kept_tracker()
    at = restore(
        add_interview(open_page(TRACKER), "Newer Co"), [(export.ZIP_NAME, export.tracker_zip(kept))]
    )
    assert "replaces your tracker, which has 1" in " ".join(m.value for m in at.markdown)
    at.button(key="tracker_restore_confirm").click().run()
    assert not at.exception
    saved = CsvStore(data_dir).load()
    pd.testing.assert_frame_equal(saved.interviews, kept.interviews)
    pd.testing.assert_frame_equal(saved.followups, kept.followups)


def test_a_downloaded_zip_replaces_the_tracker_in_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """On a database the same upload puts the kept rows back for this owner."""
    url = f"sqlite:///{tmp_path / 'followup.db'}"
    monkeypatch.setenv(DATABASE_URL_ENV, url)
    kept = kept_tracker()
    at = restore(
        add_interview(open_page(TRACKER), "Newer Co"), [(export.ZIP_NAME, export.tracker_zip(kept))]
    )
    at.button(key="tracker_restore_confirm").click().run()
    assert not at.exception
    saved = SqlStore(sqlstore.engine_for(url), hosting.LOCAL_OWNER).load()
    assert saved.interviews["company"].tolist() == ["Kept Co"]
    assert saved.followups["outcome"].tolist() == ["Done"]


def test_a_file_that_is_not_a_download_changes_nothing(data_dir: Path):
    """A wrong file is named as such; the tracker on disk stays as it was."""
    at = add_interview(open_page(TRACKER), "Acme")
    before = (data_dir / "interviews.csv").read_bytes()
    at = open_tab(at, "Download")
    at.get_by_key("tracker_restore_load").set_value(("notes.csv", b"what,is\n1,2\n", "text/csv"))
    at.run()
    assert at.error and "Nothing was loaded; your tracker is unchanged." in [
        c.value for c in at.caption
    ]
    assert not [b for b in at.button if b.key == "tracker_restore_confirm"]
    assert (data_dir / "interviews.csv").read_bytes() == before
