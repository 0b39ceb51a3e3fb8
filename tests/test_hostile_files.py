"""Hand-edited and odd tracker files: every page shows a message or the data, never a traceback."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from followup import tracker, ui, vocab
from followup.store import CsvStore, StoreError
from followup.ui import TODAY_ENV
from tests.apptest import open_app, open_tab

TODAY = dt.date(2024, 9, 23)
TRACKER_TABS = ("Interviews", "Follow-ups", "Due", "Overview", "Import", "Download")
INTERVIEWS = ",".join(vocab.INTERVIEW_COLUMNS)
FOLLOWUPS = ",".join(vocab.FOLLOWUP_COLUMNS)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TODAY_ENV, TODAY.isoformat())


def every_view() -> dict[str, AppTest]:
    """Home, each tab of the Tracker page, Channels and Call script, each run once."""
    views = {"Home": open_app()}
    at = open_app().switch_page(ui.TRACKER.path).run()
    for label in TRACKER_TABS:
        views[f"Tracker {label}"] = open_tab(at, label)
    for page in (ui.PAGES[0], ui.PAGES[1]):
        views[page.label] = open_app().switch_page(page.path).run()
    return views


def assert_no_traceback(views: dict[str, AppTest]) -> None:
    failed = {name: at.exception[0].message for name, at in views.items() if at.exception}
    assert not failed


def shown_error(at: AppTest) -> str:
    """The first error message as the reader sees it (`ui.plain` escapes Markdown)."""
    return at.error[0].value.replace("\\", "")


def write(folder: Path, interviews: str, followups: str = FOLLOWUPS + "\r\n") -> None:
    (folder / "interviews.csv").write_text(interviews, encoding="utf-8", newline="")
    (folder / "followups.csv").write_text(followups, encoding="utf-8", newline="")


def test_user_columns_named_like_computed_ones_show_everywhere(data_dir: Path):
    """`company`, `role`, `_who`, `_order`, `calls` added by hand to the files break no page."""
    extra = ["_who", "_order", "_kind_order", "calls", "too_many_calls", "kind", "todo"]
    write(
        data_dir,
        f"{INTERVIEWS},{','.join(extra)}\r\n"
        f"i1,Acme,Analyst,Dana,,,,2024-09-19,1,,Awaiting decision,,,{','.join(extra)}\r\n",
        f"{FOLLOWUPS},company,role,{','.join(extra)}\r\n"
        f"f1,i1,2024-09-24,Email,Check-in,Planned,,Other Co,Other role,{','.join(extra)}\r\n",
    )
    views = every_view()
    assert_no_traceback(views)
    due = views["Home"].dataframe[0].value
    assert due["company"].tolist() == ["Acme"]
    assert due["todo"].tolist() == ["Send a thank-you email or note to Dana"]


def test_a_saved_column_in_the_apps_namespace_is_refused_with_its_name(data_dir: Path):
    """A column named like a computed one (`followup:calls`) is named in a message, not used."""
    write(data_dir, f"{INTERVIEWS},{tracker.CALLS}\r\ni1,Acme,Analyst,,,,,2024-09-19,,,,,,2\r\n")
    with pytest.raises(StoreError, match="followup:calls"):
        CsvStore(data_dir).load()
    views = every_view()
    assert_no_traceback(views)
    assert "followup:calls" in shown_error(views["Home"])
