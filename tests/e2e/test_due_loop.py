"""The daily loop in Chromium: import an old tracker, mark done, snooze, dismiss, reload, undo."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from followup import schedule
from followup.store import CsvStore
from followup.ui import TODAY_ENV
from tests.e2e.browser import streamlit_server
from tests.e2e.conftest import settle
from tests.test_due_loop import OLD_TRACKER, TODAY

pytestmark = pytest.mark.e2e
# st.dataframe draws on a canvas: rows are this tall, under a header row of the same height.
ROW_PX = 35
# The caption under the list (the toast and the undo bar say the same words after an action).
KEPT_OFF_SNOOZED = re.compile(r"Not on this list: .*1 interview snoozed")
KEPT_OFF_DISMISSED = re.compile(r"Not on this list: .*1 reminder dismissed")
TABLE = '[class*="st-key-tracker_due_table_"] [data-testid="stDataFrameResizable"]'


@pytest.fixture
def loop_app(data_dir: Path) -> Iterator[tuple[str, Path]]:
    """A server of its own on this test's empty tracker, with today's date pinned."""
    folder = data_dir
    with streamlit_server(folder, extra_env={TODAY_ENV: TODAY.isoformat()}) as url:
        yield url, folder


def tick_row(page: Page, folder: Path, company: str, kind: str) -> None:
    """Click the selection box of the reminder (`company`, `kind`) in the due table."""
    items = schedule.due_items(CsvStore(folder).load(), TODAY)
    row = items.index[(items["company"] == company) & (items["kind"] == kind)][0]
    table = page.locator(TABLE)
    # Right after a save the previous run's table (keyed by the old revision) may still be on
    # screen for a moment beside the new one: wait until only this run's is left.
    expect(table).to_have_count(1)
    expect(table).to_be_visible()
    box = table.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 18, box["y"] + ROW_PX * (int(row) + 1) + ROW_PX / 2)
    # The hint goes once the selection's rerun has drawn the page.
    expect(page.get_by_text("Click rows to select them")).to_have_count(0)
    settle(page)
    expect(page.get_by_role("button", name="Mark done")).to_be_enabled()


def act(page: Page, name: str) -> None:
    """Click the action button called `name` under the due table."""
    page.get_by_role("button", name=name, exact=True).click()
    settle(page)


def test_the_loop_in_a_browser(page: Page, loop_app: tuple[str, Path], tmp_path: Path):
    """The same clicks as the AppTest loop, in Chromium, with a reload in the middle."""
    url, folder = loop_app
    old = tmp_path / "old.csv"
    old.write_bytes(OLD_TRACKER)
    page.goto(f"{url}/Tracker")
    settle(page)
    page.get_by_role("tab", name="Import").click()
    settle(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(old))
    page.locator(".st-key-tracker_import_commit button").click()
    expect(page.get_by_text("The import created 6 reminders, 4 of them due now")).to_be_visible()

    page.get_by_role("tab", name="Due").click()
    settle(page)
    expect(page.get_by_text("4 to do now, 2 coming up.")).to_be_visible()
    expect(page.get_by_text("5 interviews gone quiet", exact=False)).to_be_visible()

    tick_row(page, folder, "Northwind", schedule.THANK_YOU)
    act(page, "Mark done")
    expect(page.get_by_text("3 to do now, 2 coming up.")).to_be_visible()
    tick_row(page, folder, "Contoso", schedule.THANK_YOU)
    act(page, "Snooze")
    expect(page.get_by_text(KEPT_OFF_SNOOZED)).to_be_visible()
    tick_row(page, folder, "Fabrikam", schedule.CHECK_IN)
    act(page, "Dismiss")
    expect(page.get_by_text(KEPT_OFF_DISMISSED)).to_be_visible()

    # Opened again (a reload, another device): a new session reads the same three changes.
    again = page.context.new_page()
    again.goto(f"{url}/Tracker")
    settle(again)
    again.get_by_role("tab", name="Due").click()
    settle(again)
    expect(again.get_by_text("1 to do now, 1 coming up.")).to_be_visible()
    expect(again.get_by_text(KEPT_OFF_DISMISSED)).to_be_visible()
    saved = CsvStore(folder).load().interviews.set_index("company")
    assert saved.at["Contoso", "snoozed_until"] == "2024-09-24"
    assert saved.at["Fabrikam", "dismissed"] == "checkin"
    again.close()

    # Undo on the page still open: the dismissal is taken back, the other two stay.
    page.get_by_role("button", name="Undo").click()
    expect(page.get_by_text("2 to do now, 1 coming up.")).to_be_visible()
    saved = CsvStore(folder).load().interviews.set_index("company")
    assert saved["dismissed"].isna().all()
    assert saved.at["Contoso", "snoozed_until"] == "2024-09-24"
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
