"""In a real browser, a hostile company name in the call-script form shows up as plain text."""

from __future__ import annotations

import pytest
from playwright.sync_api import Dialog, Page, expect

from followup import ui
from followup.script import LABELS
from tests.e2e.conftest import settle

pytestmark = pytest.mark.e2e

HOSTILE = "<script>alert(1)</script>"


def test_hostile_company_name_is_shown_literally_and_runs_nothing(page: Page, app_url: str):
    """A company typed as a script tag appears as text in the call script; nothing runs."""
    dialogs: list[str] = []

    def record(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    page.goto(app_url)
    settle(page)
    page.locator('[data-testid="stSidebar"]').get_by_role("link", name=ui.CALL_SCRIPT.label).click()
    settle(page)
    expect(page.get_by_role("heading", name=ui.CALL_SCRIPT.title)).to_be_visible()

    values = {
        "your_name": "Sam Lee",
        "interviewer": "Dana Reyes",
        "company": HOSTILE,
        "role": "Data analyst",
        "qualifications": "five years of SQL reporting",
        "employer_needs": "someone to rebuild the monthly reporting",
    }
    for field, value in values.items():
        page.get_by_label(LABELS[field], exact=True).fill(value)
    page.get_by_role("button", name="Build my script").click()
    settle(page)

    first_script = page.locator('[data-testid="stCode"]').first
    expect(first_script).to_contain_text(f"the Data analyst role at {HOSTILE} when we met")
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    injected = page.evaluate(
        "() => [...document.querySelectorAll('script')]"
        ".filter(s => s.textContent.includes('alert(1)')).length"
    )
    assert injected == 0
    assert dialogs == []
