"""Take the README's screenshots with the browser tests' machinery: `make screenshots`."""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from followup import tracker, ui
from followup.paths import REPO_ROOT, SHIPPED_DATA_DIR
from followup.store import CsvStore, read_folder
from tests.e2e.browser import SETTLED, launch_chromium, streamlit_server


def take_screenshots(out_dir: Path) -> list[Path]:
    """Serve the app on the sample tracker and save one PNG per page into `out_dir`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    saved = []
    with (
        tempfile.TemporaryDirectory() as tmp,
        streamlit_server(_tracker(tmp)) as url,
        sync_playwright() as playwright,
    ):
        browser = launch_chromium(playwright)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        for target in (ui.HOME, *ui.PAGES):
            page.goto(url)
            page.wait_for_selector(SETTLED, state="attached")
            if target is not ui.HOME:
                page.locator('[data-testid="stSidebar"]').get_by_role(
                    "link", name=target.label
                ).click()
            page.get_by_role("heading", name=target.title).wait_for()
            page.wait_for_selector(SETTLED, state="attached")
            page.wait_for_load_state("networkidle")
            path = out_dir / f"{Path(target.path).stem.lower()}.png"
            page.screenshot(path=str(path), full_page=True)
            saved.append(path)
        saved += _tracker_loop(page, out_dir)
        browser.close()
    return saved


def _tracker_loop(page: Page, out_dir: Path) -> list[Path]:
    """The Tracker's daily loop: the Due tab with a reminder selected, and the board view."""
    page.get_by_role("tab", name="Due").click()
    page.wait_for_selector(SETTLED, state="attached")
    due_table = '[class*="st-key-tracker_due_table_"] [data-testid="stDataFrameResizable"]'
    table = page.locator(due_table)
    box = table.bounding_box()
    if box is not None:
        # The first reminder, selected: what the actions under the table will act on.
        page.mouse.click(box["x"] + 18, box["y"] + 35 * 1.5)
        page.get_by_text("Click rows to select them").wait_for(state="detached")
    page.wait_for_selector(SETTLED, state="attached")
    page.wait_for_load_state("networkidle")
    due = out_dir / "3_tracker_due.png"
    page.screenshot(path=str(due), full_page=True)
    page.get_by_role("tab", name="Interviews").click()
    page.wait_for_selector(SETTLED, state="attached")
    page.locator(".st-key-tracker_find_view").get_by_text("Board").click()
    page.get_by_text("Awaiting decision (").first.wait_for()
    page.wait_for_selector(SETTLED, state="attached")
    page.wait_for_load_state("networkidle")
    board = out_dir / "3_tracker_board.png"
    page.screenshot(path=str(board), full_page=True)
    return [due, board]


def _tracker(tmp: str) -> Path:
    """A data folder holding the shipped sample tracker, so the pictures show a tracker in use."""
    folder = Path(tmp) / "tracker"
    sample = read_folder(SHIPPED_DATA_DIR / "sample_tracker")
    CsvStore(folder).update(lambda t: tracker.add_sample(t, sample, dt.date.today()))
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out_dir", nargs="?", type=Path, default=REPO_ROOT / "docs" / "screenshots")
    for path in take_screenshots(parser.parse_args().out_dir):
        print(path.relative_to(REPO_ROOT) if path.is_relative_to(REPO_ROOT) else path)


if __name__ == "__main__":
    main()
