"""The Tracker page with applications: add one, see its link, get its one check-in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from followup import tracker
from followup.store import CsvStore
from followup.ui import TODAY_ENV
from followup.ui import interviews as interviews_tab
from tests.apptest import open_app, open_expander, open_page, open_tab

PAGE = "pages/3_Tracker.py"
TODAY = dt.date(2024, 9, 23)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TODAY_ENV, TODAY.isoformat())


def test_adding_an_application_saves_it_without_an_interview(data_dir: Path):
    """Someone who has just applied adds the job with its link; no interview date is invented."""
    at = open_expander(open_page(PAGE), interviews_tab.APPLY_OPEN)
    at.text_input(key="tracker_apply_company").input("Northwind")
    at.text_input(key="tracker_apply_role").input("Data analyst")
    at.date_input(key="tracker_apply_date").set_value(dt.date(2024, 9, 9))
    at.text_input(key="tracker_apply_link").input("https://jobs.northwind.example/42")
    at.text_input(key="tracker_apply_salary").input("€50k")
    at.button(key="tracker_apply_submit").click().run()
    assert not at.exception
    row = CsvStore(data_dir).load().interviews.iloc[0]
    assert (row["status"], row["job_url"], row["salary"]) == (
        "Applied",
        "https://jobs.northwind.example/42",
        "€50k",
    )
    assert row["application_date"].date() == dt.date(2024, 9, 9)
    assert row["interview_date"] != row["interview_date"]  # NaT: no interview yet
    assert at.toast[0].value == "Application added and saved."


def test_a_link_that_is_not_a_web_address_is_refused_with_the_reason(data_dir: Path):
    """A javascript: link never reaches the file; the page says what a job link must be."""
    at = open_expander(open_page(PAGE), interviews_tab.APPLY_OPEN)
    at.text_input(key="tracker_apply_company").input("Northwind")
    at.text_input(key="tracker_apply_role").input("Data analyst")
    at.text_input(key="tracker_apply_link").input("javascript:alert(1)")
    at.button(key="tracker_apply_submit").click().run()
    assert "is not a web address" in at.error[0].value
    assert CsvStore(data_dir).load().interviews.empty


def test_the_job_link_shows_as_a_link_column():
    """The interviews table shows the job link as a link, and only http(s) ones are valid."""
    config = interviews_tab.COLUMNS["job_url"]
    assert config["type_config"]["type"] == "link"
    assert config["type_config"]["validate"].startswith("^https?://")


def test_an_application_is_due_for_one_check_in_and_no_thank_you(data_dir: Path):
    """Two weeks after applying, the home page and the Due tab list one check-in by email."""
    row = {"company": "Acme", "role": "Analyst", "status": "Applied"}
    row["application_date"] = dt.date(2024, 9, 9)
    CsvStore(data_dir).update(lambda t: tracker.add_interview(t, row))
    home = open_app().dataframe[0].value
    assert home["todo"].tolist() == [
        "Ask about your application by email (sent 2024-09-09, no answer yet)"
    ]
    due = open_tab(open_page(PAGE), "Due")
    shown = due.dataframe[0].value["todo"].tolist()
    assert len(shown) == 1
    assert not any("thank-you" in todo for todo in shown)
