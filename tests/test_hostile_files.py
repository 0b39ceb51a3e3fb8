"""Hand-edited and odd tracker files: every page shows a message or the data, never a traceback."""

from __future__ import annotations

import datetime as dt
import errno
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from followup import store as store_module
from followup import tracker, ui, vocab
from followup.store import CsvStore, StoreError
from followup.ui import TODAY_ENV
from tests.apptest import open_app, open_expander, open_tab

TODAY = dt.date(2024, 9, 23)
TRACKER_TABS = ("Interviews", "Follow-ups", "Due", "Overview", "Import", "Download")
# A version 1 header (13 columns): such files keep loading.
INTERVIEWS = ",".join(vocab.INTERVIEW_COLUMNS[:13])
FOLLOWUPS = ",".join(vocab.FOLLOWUP_COLUMNS)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TODAY_ENV, TODAY.isoformat())


def every_view() -> Iterator[tuple[str, AppTest]]:
    """Home, each tab of the Tracker page, Channels and Call script, each checked as it runs.

    The Tracker's tabs share one session, so look at each view when it is yielded.
    """
    yield "Home", checked("Home", open_app())
    at = open_app().switch_page(ui.TRACKER.path).run()
    for label in TRACKER_TABS:
        yield f"Tracker {label}", checked(label, open_tab(at, label))
    for page in (ui.PAGES[0], ui.PAGES[1]):
        yield page.label, checked(page.label, open_app().switch_page(page.path).run())


def checked(name: str, at: AppTest) -> AppTest:
    """`at`, once it is known to have run without a traceback."""
    assert not at.exception, f"{name}: {at.exception[0].message}"
    return at


def views_of(*names: str) -> dict[str, AppTest]:
    """Run every view; keep the last state of the ones named (a tab's state, while it is open)."""
    kept = {}
    for name, at in every_view():
        if name in names:
            kept[name] = at if name.startswith(("Home", "Channels", "Call")) else _frozen(at)
    return kept


def _frozen(at: AppTest) -> dict[str, object]:
    """What a Tracker tab showed, taken before the next tab replaces it."""
    return {
        "metrics": [m.value for m in at.metric],
        "errors": [plain_text(e.value) for e in at.error],
    }


def shown_error(at: AppTest) -> str:
    """The first error message as the reader sees it (`ui.plain` escapes Markdown)."""
    return plain_text(at.error[0].value)


def plain_text(shown: str) -> str:
    """Markdown as read: without `ui.plain`'s escapes and word joiners (which break links)."""
    return shown.replace("\\", "").replace("\u2060", "")


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
    views = views_of("Home")
    due = views["Home"].dataframe[0].value
    assert due["company"].tolist() == ["Acme"]
    assert due["todo"].tolist() == ["Send a thank-you email or note to Dana"]


def test_a_saved_column_in_the_apps_namespace_is_refused_with_its_name(data_dir: Path):
    """A column named like a computed one (`followup:calls`) is named in a message, not used."""
    write(data_dir, f"{INTERVIEWS},{tracker.CALLS}\r\ni1,Acme,Analyst,,,,,2024-09-19,,,,,,2\r\n")
    with pytest.raises(StoreError, match="followup:calls"):
        CsvStore(data_dir).load()
    views = views_of("Home", "Tracker Due")
    assert "followup:calls" in shown_error(views["Home"])
    assert "followup:calls" in views["Tracker Due"]["errors"][0]


def test_orphan_followups_are_not_counted_on_channels_or_overview(data_dir: Path):
    """Follow-ups whose interview is gone (a file edited by hand) count nowhere."""
    write(
        data_dir,
        f"{INTERVIEWS}\r\ni1,Acme,Analyst,,,,,2024-09-19,1,,Awaiting decision,,\r\n",
        f"{FOLLOWUPS}\r\nf1,gone,2024-09-20,Phone call,Check-in,Replied,\r\n",
    )
    views = views_of("Tracker Overview")
    assert views["Tracker Overview"]["metrics"][:3] == ["1", "0", "n/a"]


@pytest.mark.parametrize("problem", ["file", "backups", "lock", "under a file"])
def test_a_data_folder_in_the_wrong_state_is_a_message_on_every_page(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, problem: str
):
    """FOLLOWUP_DATA_DIR at a file, `backups` a file, the lock a folder: messages, no traceback."""
    CsvStore(data_dir).update(
        lambda t: tracker.add_interview(
            t, {"company": "Acme", "role": "Dev", "interview_date": "2024-09-19"}
        )
    )
    if problem in ("file", "under a file"):
        target = data_dir.parent / "a-file.csv"
        target.write_text("x")
        monkeypatch.setenv("FOLLOWUP_DATA_DIR", str(target if problem == "file" else target / "t"))
    elif problem == "backups":
        (data_dir / "backups").write_text("x")
    else:
        (data_dir / ".tracker.lock").unlink(missing_ok=True)
        (data_dir / ".tracker.lock").mkdir()
    views = views_of("Home", "Tracker Due")
    if problem in ("file", "under a file"):
        assert "is a file, not a folder" in shown_error(views["Home"])
        assert "is a file, not a folder" in views["Tracker Due"]["errors"][0]
    else:
        # Reading still works; the save that needs the folder says what to fix.
        at = open_expander(open_app().switch_page(ui.TRACKER.path).run(), "tracker_add_open")
        at.text_input(key="tracker_add_company").input("Beta")
        at.text_input(key="tracker_add_role").input("Dev")
        at.button(key="tracker_add_submit").click().run()
        assert not at.exception
        expected = "backups is a file" if problem == "backups" else ".tracker.lock is a folder"
        assert expected in shown_error(at)


def test_a_full_disk_on_save_is_a_message_on_the_page(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
):
    """The Tracker page says the disk is full; the files stay as they were."""
    at = open_app().switch_page(ui.TRACKER.path).run()

    def full(*_args: object) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(store_module.os, "write", full)
    at.text_input(key="tracker_add_company").input("Beta")
    at.text_input(key="tracker_add_role").input("Dev")
    at.button(key="tracker_add_submit").click().run()
    assert not at.exception
    assert "is full" in shown_error(at)
    assert sorted(p.name for p in data_dir.iterdir()) in ([], [".tracker.lock"])
