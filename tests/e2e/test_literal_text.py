"""Text from a file or a user is shown as typed: never as a link, even when it looks like one."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import settle

pytestmark = pytest.mark.e2e

HOSTILE = "See www.evil.example/login or http://evil.example/x or boss@evil.example"


def test_a_column_name_that_looks_like_an_address_is_not_a_link(page: Page, app_url: str):
    """An imported file's unused column named like a web address shows as text, with no link."""
    page.goto(f"{app_url}/Tracker")
    settle(page)
    page.get_by_role("tab", name="Import").click()
    data = f"Company,Role,Date,{HOSTILE}\nAcme,Analyst,2024-09-19,x\n".encode()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        {"name": "jobs.csv", "mimeType": "text/csv", "buffer": data}
    )
    caption = page.locator('[data-testid="stCaptionContainer"]').filter(has_text="Not imported")
    expect(caption).to_be_visible()
    assert caption.inner_text().replace("\u2060", "") == f"Not imported: {HOSTILE}"
    expect(page.locator('[data-testid="stMain"] a[href*="evil"]')).to_have_count(0)
