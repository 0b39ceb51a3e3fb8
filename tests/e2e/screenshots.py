"""Take the README's screenshots with the browser tests' machinery: `make screenshots`.

Every page in the light theme on a desktop (`app.png`, `1_channels.png`...), in the dark theme
(`dark/`) and on a 390 px phone (`phone/`); and, on the desktop in the light theme, the Tracker's
daily loop: the Due tab with a reminder selected (`3_tracker_due.png`) and the board
(`3_tracker_board.png`).
"""

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

# Folder (under the output folder), colour scheme and window size of each set of pictures.
SETS = (
    ("", "light", {"width": 1280, "height": 900}),
    ("dark", "dark", {"width": 1280, "height": 900}),
    ("phone", "light", {"width": 390, "height": 844}),
)


def take_screenshots(out_dir: Path) -> list[Path]:
    """Serve the app on the sample tracker and save one PNG per page and set into `out_dir`."""
    saved = []
    with (
        tempfile.TemporaryDirectory() as tmp,
        streamlit_server(sample_data_dir(Path(tmp), dt.date.today().isoformat())) as url,
        sync_playwright() as playwright,
    ):
        browser = launch_chromium(playwright)
        for folder, scheme, viewport in SETS:
            context = browser.new_context(viewport=viewport, color_scheme=scheme)
            page = context.new_page()
            (out_dir / folder).mkdir(parents=True, exist_ok=True)
            for target in (ui.HOME, *ui.PAGES):
                page.goto(url if target is ui.HOME else f"{url}/{_url_path(target)}")
                page.get_by_role("heading", name=target.title).wait_for()
                page.wait_for_selector(SETTLED, state="attached")
                page.wait_for_load_state("networkidle")
                path = out_dir / folder / f"{Path(target.path).stem.lower()}.png"
                _full_page(page, path)
                saved.append(path)
            if not folder:
                saved += _tracker_loop(page, out_dir)
            context.close()
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
    _full_page(page, due)
    page.get_by_role("tab", name="Interviews").click()
    page.wait_for_selector(SETTLED, state="attached")
    page.locator(".st-key-tracker_find_view").get_by_text("Board").click()
    page.get_by_text("Awaiting decision (").first.wait_for()
    page.wait_for_selector(SETTLED, state="attached")
    page.wait_for_load_state("networkidle")
    board = out_dir / "3_tracker_board.png"
    _full_page(page, board)
    return [due, board]


def _url_path(page: ui.PageLink) -> str:
    """The address Streamlit gives a page file: `pages/1_Channels.py` -> `Channels`."""
    return Path(page.path).stem.split("_", 1)[1]


def _full_page(page, path: Path) -> None:
    """The whole page: Streamlit scrolls inside its main block, so grow the window to fit it."""
    viewport = page.viewport_size
    height = page.locator('[data-testid="stMain"]').evaluate("el => el.scrollHeight")
    page.set_viewport_size({"width": viewport["width"], "height": max(height, viewport["height"])})
    page.wait_for_timeout(300)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(viewport)


def sample_data_dir(parent: Path, today: str) -> Path:
    """A data folder in `parent` holding the shipped sample tracker, dated around `today`."""
    folder = parent / "tracker"
    sample = read_folder(SHIPPED_DATA_DIR / "sample_tracker")
    CsvStore(folder).update(lambda t: tracker.add_sample(t, sample, dt.date.fromisoformat(today)))
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out_dir", nargs="?", type=Path, default=REPO_ROOT / "docs" / "screenshots")
    for path in take_screenshots(parser.parse_args().out_dir):
        print(path.relative_to(REPO_ROOT) if path.is_relative_to(REPO_ROOT) else path)


if __name__ == "__main__":
    main()
