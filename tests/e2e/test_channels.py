"""In a real browser, the Channels page draws the survey chart and answers a click on a channel."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from followup import ui
from tests.e2e.conftest import settle

pytestmark = pytest.mark.e2e

CHART = '[data-testid="stVegaLiteChart"]'


def open_channels(page: Page, app_url: str) -> None:
    page.goto(app_url)
    settle(page)
    page.locator('[data-testid="stSidebar"]').get_by_role("link", name=ui.CHANNELS.label).click()
    expect(page.get_by_role("heading", name=ui.CHANNELS.title)).to_be_visible()
    settle(page)


def test_survey_chart_is_drawn_without_an_error(page: Page, app_url: str):
    """The visitor sees the survey drawn as a chart (canvas or SVG) and no exception box."""
    open_channels(page, app_url)
    expect(page.locator(f"{CHART} canvas, {CHART} svg").first).to_be_visible()
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


def test_clicking_a_channel_shows_its_advice(page: Page, app_url: str):
    """Clicking the 'Text message' pill shows the advice on texting beside the chart."""
    open_channels(page, app_url)
    page.get_by_role("radio", name="Text message").click()
    expect(page.get_by_role("heading", name="Text message")).to_be_visible()
    expect(page.get_by_text("When to avoid it.")).to_be_visible()
