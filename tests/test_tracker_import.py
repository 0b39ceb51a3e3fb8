"""Importing on the Tracker page: rows from a spreadsheet land in the saved tracker, once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from followup import export, tracker
from followup.store import CsvStore
from followup.ui import TODAY_ENV, import_flow
from tests.apptest import open_page, open_tab

PAGE = "pages/3_Tracker.py"
CORPUS = Path(__file__).parent / "data" / "import"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TODAY_ENV, "2024-10-07")


def upload(at, name: str, content: bytes):
    at = open_tab(at, "Import")
    at.file_uploader(key=import_flow.uploader_key_for(0)).set_value((name, content, "text/csv"))
    return at.run()


def test_a_foreign_tracker_is_imported_into_the_saved_files(data_dir: Path):
    """A job seeker imports their old spreadsheet; its three interviews are saved once."""
    at = upload(open_page(PAGE), "old.csv", (CORPUS / "other_tracker.csv").read_bytes())
    assert not at.exception
    at.button(key=import_flow.COMMIT).click().run()
    assert not at.exception
    saved = CsvStore(data_dir).load().interviews
    assert sorted(saved["company"]) == ["Acme Corp", "Beta Ltd", "Gamma"]
    assert saved["interview_id"].is_unique
    at.run()
    assert len(CsvStore(data_dir).load().interviews) == 3


def test_a_bad_file_leaves_the_saved_tracker_byte_for_byte(data_dir: Path):
    """Uploading a picture by mistake explains the problem and touches nothing on disk."""
    store = CsvStore(data_dir)
    row = {"company": "Acme", "role": "Analyst", "interview_date": dt.date(2024, 10, 1)}
    store.update(lambda t: tracker.add_interview(t, row))
    before = store.interviews_path.read_bytes()
    at = upload(open_page(PAGE), "photo.csv", (CORPUS / "image.csv").read_bytes())
    assert not at.exception
    assert any("not a CSV file" in error.value for error in at.error)
    assert store.interviews_path.read_bytes() == before


def test_our_own_export_comes_back_exactly(data_dir: Path, tmp_path: Path):
    """Interviews exported from one tracker import into another with every cell as typed."""
    source = CsvStore(tmp_path / "other")
    row = {
        "company": "=HYPERLINK(1)",
        "role": "+Lead",
        "interview_date": dt.date(2024, 10, 1),
        "notes": "'quoted', \"double\"\nsecond line",
    }
    exported = export.interviews_csv(source.update(lambda t: tracker.add_interview(t, row)))
    at = upload(open_page(PAGE), "interviews.csv", exported)
    at.button(key=import_flow.COMMIT).click().run()
    assert not at.exception
    saved = CsvStore(data_dir).load().interviews.iloc[0]
    assert (saved["company"], saved["role"], saved["notes"]) == (
        row["company"],
        row["role"],
        row["notes"],
    )
