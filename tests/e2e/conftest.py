"""Browser fixtures: one real server per session, a fresh page per test, a screenshot on failure."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect, sync_playwright

from tests.e2e.browser import SETTLED, NoBrowser, launch_chromium, streamlit_server

# One patience for every wait: a shared 2-core CI machine can take seconds for a save and rerun.
# Playwright's `expect` does not follow `Page.set_default_timeout`, so set both.
TIMEOUT_MS = 20_000
expect.set_options(timeout=TIMEOUT_MS)


@pytest.fixture(scope="session")
def server_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("server") / "tracker"
    folder.mkdir()
    return folder


@pytest.fixture(scope="session")
def app_url(server_data_dir: Path) -> Iterator[str]:
    with streamlit_server(server_data_dir) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        try:
            chromium = launch_chromium(playwright)
        except NoBrowser as err:
            if os.environ.get("CI") == "true":
                pytest.fail(str(err))
            pytest.skip(str(err))
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(TIMEOUT_MS)
    yield tab
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        shot = tmp_path / "failure.png"
        tab.screenshot(path=str(shot), full_page=True)
        print(f"screenshot of the failure: {shot}")
    context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator:
    report = yield
    if report.when == "call":
        item.rep_call = report
    return report


def settle(page: Page) -> None:
    """Wait until the script has finished running and the page is drawn.

    The app reports "notRunning" before its first run too, so first wait for the page's heading:
    every page draws one, and only a run can draw it.
    """
    page.locator('[data-testid="stMain"] h1').first.wait_for(state="visible")
    page.wait_for_selector(SETTLED, state="attached")
    page.wait_for_load_state("networkidle")


def open_expander(expander: Locator) -> None:
    """Open a collapsed `st.expander` and wait until its opening animation has ended.

    A click during the animation can press a button that then moves away before the mouse is
    released, so the click lands on no button (seen in CI: mousedown on "Add interview", click on
    the form around it).
    """
    if expander.locator("details").get_attribute("open") is None:
        expander.locator("summary").click()
    previous = None
    for _ in range(50):
        box = expander.bounding_box()
        if box is not None and box == previous:
            return
        previous = box
        expander.page.wait_for_timeout(100)
    raise AssertionError("the expander kept moving for 5 s")
