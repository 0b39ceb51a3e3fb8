"""In a real browser: a hostile company name shows as plain text; an interview fills the form."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import Dialog, Page, expect

from followup import tracker, ui
from followup.script import MAILTO_LIMIT, label
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
        page.get_by_label(label(field), exact=True).fill(value)
    page.get_by_role("button", name="Build my script").click()
    settle(page)

    first_script = page.locator('[data-testid="stCode"]').first
    expect(first_script).to_contain_text(f"the Data analyst role at {HOSTILE}. Do you have")
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
    page.get_by_label(label("your_name"), exact=True).fill("Sam Lee")
    page.locator(".st-key-script_interview").click()
    page.get_by_role("option", name=re.compile(re.escape(company))).click()
    settle(page)

    expect(page.get_by_label(label("company"), exact=True)).to_have_value(company)
    expect(page.get_by_label(label("interviewer"), exact=True)).to_have_value("Dana Reyes")
    expect(page.get_by_label(label("your_name"), exact=True)).to_have_value("Sam Lee")

    page.locator('[data-testid="stSidebar"]').get_by_role("link", name=ui.TRACKER.label).click()
    settle(page)
    page.locator('[data-testid="stSidebar"]').get_by_role("link", name=ui.CALL_SCRIPT.label).click()
    settle(page)
    expect(page.get_by_label(label("company"), exact=True)).to_have_value(company)
    picker = page.get_by_role("combobox", name="Start from a tracked interview")
    expect(picker).to_have_value(re.compile(re.escape(company)))
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


def add_tracked_interview(data_dir: Path) -> str:
    """An interview with the interviewer's number and address; return its company."""
    company = f"Northwind Traders {uuid.uuid4().hex[:6]}"
    row = {
        "company": company,
        "role": "Data analyst",
        "interviewer": "Ms. Priya Raman",
        "interviewer_phone": "+44 20 7946 0100",
        "interviewer_email": "priya.raman@northwind.example",
        "interview_date": "2024-09-18",
    }
    CsvStore(data_dir).update(lambda t: tracker.add_interview(t, row))
    return company


@pytest.mark.parametrize(
    "screen",
    [{"width": 1280, "height": 720}, {"width": 390, "height": 844}],
    ids=["laptop", "phone"],
)
def test_a_tracked_interview_builds_a_script_to_dial_and_an_email_to_open(
    page: Page, app_url: str, server_data_dir: Path, screen: dict[str, int]
):
    """From a tracked interview: a paste over the limit stays and says its length; after Build
    the scripts are in view, the call starts with the number to dial, and the email opens in a
    mail app addressed to the interviewer."""
    page.set_viewport_size(screen)
    company = add_tracked_interview(server_data_dir)
    page.goto(f"{app_url}/Call_script")
    settle(page)
    page.locator(".st-key-script_interview").click()
    page.get_by_role("option", name=re.compile(re.escape(company))).click()
    settle(page)

    page.get_by_label(label("your_name"), exact=True).fill("Sam Lee")
    pasted = "Someone to rebuild the monthly reporting. " * 30
    needs = page.get_by_label(label("employer_needs"), exact=True)
    needs.fill(pasted)
    needs.blur()
    settle(page)
    length = len(pasted.strip())
    expect(
        page.get_by_text(f"is {length:,} characters long; keep it to 1,000 at most")
    ).to_be_visible()
    expect(needs).to_have_value(pasted)

    needs.fill("Someone to rebuild the monthly reporting")
    qualifications = page.get_by_label(label("qualifications"), exact=True)
    qualifications.fill("Five years of SQL reporting\nLed a team of four analysts")
    page.get_by_role("button", name="Build my script").click()
    settle(page)

    results = page.locator(".st-key-script_results")
    expect(results).to_be_in_viewport()
    # Its top, the heading and the first tab, is on screen: no scrolling to find the scripts.
    expect(results.get_by_role("heading", name="Your scripts")).to_be_in_viewport(ratio=0.9)
    call = results.locator('[data-testid="stCode"]').first
    expect(call).to_contain_text("Dial +44 20 7946 0100.")
    expect(call).to_contain_text("Hello Ms. Raman, this is Sam Lee.")

    results.get_by_role("tab", name="Email", exact=True).click()
    mail = results.get_by_role("link", name="Open in your mail app")
    href = mail.get_attribute("href") or ""
    assert href.startswith("mailto:priya.raman@northwind.example?subject=Thank%20you%20for%20the")
    assert "Dear%20Ms.%20Raman%2C" in href
    assert len(href) <= MAILTO_LIMIT
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
