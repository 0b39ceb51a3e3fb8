"""The Interviews tab: search and filters narrow the table; the board moves a card's status."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from followup import tracker
from followup.store import CsvStore
from followup.ui import TODAY_ENV
from tests.apptest import as_seen, open_app, open_page, open_tab

PAGE = "pages/3_Tracker.py"
TODAY = dt.date(2024, 9, 23)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TODAY_ENV, TODAY.isoformat())


@pytest.fixture
def three(data_dir: Path) -> Path:
    rows = [
        ("Acme", "Analyst", "Awaiting decision", "Ann Lee"),
        ("Beta", "Engineer", "Rejected", "Bob"),
        ("Cyan", "Data analyst", "Next round", None),
    ]
    for company, role, status, who in rows:
        row = {"company": company, "role": role, "status": status, "interviewer": who}
        row["interview_date"] = TODAY - dt.timedelta(days=3)
        CsvStore(data_dir).update(lambda t, row=row: tracker.add_interview(t, row))
    return data_dir


def table_companies(at) -> list[str]:
    editor = next(e for e in at.data_editor if e.key.startswith("tracker_interviews_"))
    return editor.value["company"].tolist()


def test_search_and_hide_closed(three: Path):
    """Closed rows are hidden at first; a search narrows to the matches and says so."""
    at = open_page(PAGE)
    assert sorted(table_companies(at)) == ["Acme", "Cyan"]
    at.text_input(key="tracker_find_text").input("analyst").run()
    assert sorted(table_companies(at)) == ["Acme", "Cyan"]
    at.text_input(key="tracker_find_text").input("ann").run()
    assert table_companies(at) == ["Acme"]
    assert any("Showing 1 of 3 interviews" in c.value for c in at.caption)
    at.text_input(key="tracker_find_text").input("").run()
    at.toggle(key="tracker_find_hide_closed").set_value(False).run()
    assert sorted(table_companies(at)) == ["Acme", "Beta", "Cyan"]


def test_board_moves_a_card_and_undo_moves_it_back(three: Path):
    """On the board, moving Acme to Offer saves it; Undo puts back its status."""
    at = open_page(PAGE)
    at.radio(key="tracker_find_view").set_value("Board").run()
    acme = CsvStore(three).load().interviews.set_index("company").at["Acme", "interview_id"]
    card = at.selectbox(key=f"tracker_board_{acme}")
    assert card.value == "Awaiting decision"
    card.set_value("Offer").run()
    assert not at.exception
    assert CsvStore(three).load().interviews.set_index("company").at["Acme", "status"] == "Offer"
    at.button(key="tracker_undo_button").click().run()
    status = CsvStore(three).load().interviews.set_index("company").at["Acme", "status"]
    assert status == "Awaiting decision"


def test_a_link_opens_the_tab_search_and_filters_it_names(three: Path):
    """A coach's link (?tracker_tabs=Due&tracker_find_text=...) keeps the search and filters
    while another tab is open, and the Interviews tab then shows just what they find."""
    at = open_app()
    at.query_params["tracker_tabs"] = "Due"
    at.query_params["tracker_find_text"] = "a"
    at.query_params["tracker_find_status"] = ["Rejected", "Next round"]
    at.query_params["tracker_find_hide_closed"] = "false"
    at.query_params["tracker_find_view"] = "List"
    at.switch_page(PAGE).run()
    assert not at.exception
    # The Due tab is open, and the closed Interviews tab draws its controls, so they hold.
    assert at.session_state["tracker_tabs"] == "Due"
    assert at.text_input(key="tracker_find_text").value == "a"
    assert not [m for m in at.markdown if m.value.startswith("**")]
    # A click on the Interviews tab, as the address then says.
    at.query_params["tracker_tabs"] = "Interviews"
    at = open_tab(at, "Interviews")
    assert at.text_input(key="tracker_find_text").value == "a"
    assert at.multiselect(key="tracker_find_status").value == ["Rejected", "Next round"]
    assert at.toggle(key="tracker_find_hide_closed").value is False
    assert at.radio(key="tracker_find_view").value == "List"
    assert not [e for e in at.data_editor if e.key.startswith("tracker_interviews_")]
    assert [as_seen(m.value) for m in at.markdown if m.value.startswith("**")] == [
        "**Beta · Engineer**",
        "**Cyan · Data analyst**",
    ]


def test_the_list_view_shows_each_interview_as_a_card_as_typed(data_dir: Path):
    """On a phone, List shows company and role first, then status, date and next step; text
    that looks like Markdown is shown exactly as typed, and empty fields leave no line."""
    row = {"company": "*Acme* [Labs](http://x.example)", "role": "Analyst_1"}
    row |= {"interview_date": TODAY - dt.timedelta(days=3), "interviewer": "Ann Lee"}
    CsvStore(data_dir).update(lambda t: tracker.add_interview(t, row))
    at = open_page(PAGE)
    at.radio(key="tracker_find_view").set_value("List").run()
    assert not at.exception
    heading = next(m.value for m in at.markdown if m.value.startswith("**"))
    assert as_seen(heading) == "***Acme* [Labs](http://x.example) · Analyst_1**"
    card = at.text[0].value.splitlines()
    assert card[:2] == ["Status: Awaiting decision", "Interview: 2024-09-20"]
    assert card[2].startswith("Next step: ")
    assert card[-1] == "Interviewer: Ann Lee"
    assert not any("None" in line or "NaT" in line for line in card)
