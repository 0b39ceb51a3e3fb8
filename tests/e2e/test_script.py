"""In a real browser: a hostile company name shows as plain text; an interview fills the form."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import Dialog, Page, expect

from followup import tracker, ui
from followup.script import LABELS
from followup.store import CsvStore
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


def test_choosing_an_interview_fills_the_form_and_keeps_what_you_typed(
    page: Page, app_url: str, server_data_dir: Path
):
    """Picking a tracked interview fills its fields; your typed name stays; both survive a visit."""
    company = f"Prefill Test {uuid.uuid4().hex[:6]}"
    row = {"company": company, "role": "Data analyst", "interviewer": "Dana Reyes"}
    row["interview_date"] = "2024-09-18"
    CsvStore(server_data_dir).update(lambda t: tracker.add_interview(t, row))

    page.goto(f"{app_url}/Call_script")
    settle(page)
    page.get_by_label(LABELS["your_name"], exact=True).fill("Sam Lee")
    page.locator(".st-key-script_interview").click()
    page.get_by_role("option", name=re.compile(re.escape(company))).click()
    settle(page)

    expect(page.get_by_label(LABELS["company"], exact=True)).to_have_value(company)
    expect(page.get_by_label(LABELS["interviewer"], exact=True)).to_have_value("Dana Reyes")
    expect(page.get_by_label(LABELS["your_name"], exact=True)).to_have_value("Sam Lee")

    page.locator('[data-testid="stSidebar"]').get_by_role("link", name=ui.TRACKER.label).click()
    settle(page)
    page.locator('[data-testid="stSidebar"]').get_by_role("link", name=ui.CALL_SCRIPT.label).click()
    settle(page)
    expect(page.get_by_label(LABELS["company"], exact=True)).to_have_value(company)
    picker = page.get_by_role("combobox", name="Start from a tracked interview")
    expect(picker).to_have_value(re.compile(re.escape(company)))
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
