"""A visitor opens the app in a real browser and uses the sidebar to reach every page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from followup import ui
from tests.e2e.conftest import settle

pytestmark = pytest.mark.e2e


def open_home(page: Page, app_url: str) -> None:
    page.goto(app_url)
    settle(page)
    expect(page.get_by_role("heading", name=ui.HOME.title)).to_be_visible()


def test_home_page_shows_its_heading_and_no_error(page: Page, app_url: str):
    open_home(page, app_url)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


@pytest.mark.parametrize("target", ui.PAGES, ids=lambda p: p.label)
def test_sidebar_link_opens_the_page(page: Page, app_url: str, target: ui.PageLink):
    open_home(page, app_url)
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_role("link", name=target.label).click()
    settle(page)
    expect(page.get_by_role("heading", name=target.title)).to_be_visible()
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
