"""A public dashboard in `session` mode, in a real browser: keep the tracker as a zip, load it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from followup.hosting import STORAGE_ENV
from tests.e2e.browser import streamlit_server
from tests.e2e.conftest import TIMEOUT_MS, settle

pytestmark = pytest.mark.e2e
COMPANY = "Session Test Ltd"


@pytest.fixture(scope="module")
def session_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A server in `session` mode with its own (to stay empty) data folder: (url, folder)."""
    folder = tmp_path_factory.mktemp("session-server") / "tracker"
    folder.mkdir()
    with streamlit_server(folder, extra_env={STORAGE_ENV: "session"}) as url:
        yield url, folder


def open_tracker(page: Page, url: str) -> None:
    page.goto(f"{url}/Tracker")
    settle(page)
    expect(page.get_by_text("Your tracker lives only in this browser session")).to_be_visible()


def test_a_kept_zip_brings_the_tracker_back_in_a_new_visit(
    page: Page, browser: Browser, session_server: tuple[str, Path], tmp_path: Path
):
    """A visitor adds an interview and downloads the zip; a later visit loads it back."""
    url, folder = session_server
    open_tracker(page, url)
    page.locator(".st-key-tracker_add_company input").fill(COMPANY)
    page.locator(".st-key-tracker_add_role input").fill("Data analyst")
    page.locator(".st-key-tracker_add_submit button").click()
    expect(page.get_by_text("Interview added and saved.")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download my tracker").click()
    kept = tmp_path / "kept.zip"
    download.value.save_as(kept)

    later = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    later.set_default_timeout(TIMEOUT_MS)
    open_tracker(later, url)
    expect(later.get_by_text("First visit?")).to_be_visible()
    later.locator(".st-key-tracker_session_load input[type=file]").set_input_files(kept)
    later.locator(".st-key-tracker_session_load_confirm button").click()
    expect(
        later.get_by_text(re.compile(r"Your tracker was loaded: 1 interview and \d+ follow-up"))
    ).to_be_visible()
    settle(later)  # the run that loaded it may still show the tabs drawn before, being replaced
    later.get_by_role("tab", name="Follow-ups").click()
    later.locator(".st-key-tracker_selected").click()
    expect(later.get_by_role("option", name=re.compile(COMPANY))).to_be_visible()
    later.context.close()
    assert [path for path in folder.rglob("*")] == []
