"""The daily loop on the pages: import an old tracker, act on the due list, reload, undo.

Done, snooze and dismiss are saved in the tracker's files, so they hold in a new session; the
undo takes back one change by id and leaves the others.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from followup import tracker
from followup.store import CsvStore
from followup.ui import TODAY_ENV, import_flow, tables
from tests.apptest import APP, TIMEOUT, as_seen, open_app, open_page, open_tab

PAGE = "pages/3_Tracker.py"
TODAY = dt.date(2024, 9, 23)  # a Monday
OLD_TRACKER = (
    b"Company,Position,Interview Date,Status,Contact\n"
    b"Adatum,Analyst,2024-04-02,Interviewing,\n"
    b"Litware,Analyst,2024-04-15,,\n"
    b"Proseware,Data engineer,2024-05-06,Interviewing,\n"
    b"Tailspin,Analyst,2024-05-21,,\n"
    b"Wingtip,BI developer,2024-06-03,Interviewing,\n"
    b"Fabrikam,Product analyst,2024-09-16,Interviewing,Dana\n"
    b"Northwind,Data analyst,2024-09-19,Interviewing,Ann Lee\n"
    b"Contoso,Analyst,2024-09-20,Interviewing,\n"
)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TODAY_ENV, TODAY.isoformat())


def due_table(at: AppTest, prefix: str = "tracker_due_table_"):
    return next(d for d in at.dataframe if d.key and d.key.startswith(prefix))


def select(at: AppTest, company: str, what: str, prefix: str = "tracker_due_table_") -> AppTest:
    """Tick the reminder of `company` whose text starts with `what`, as a click on its box does."""
    table = due_table(at, prefix)
    rows = table.value
    match = rows[(rows["company"] == company) & rows["todo"].str.startswith(what)]
    at.session_state[table.key] = {
        "selection": {"rows": [int(match.index[0])], "columns": [], "cells": []}
    }
    return at.run()


def shown(at: AppTest) -> list[tuple[str, str]]:
    rows = due_table(at).value
    return list(zip(rows["company"], rows["todo"].str.split(" ").str[0], strict=True))


def import_old_tracker(at: AppTest) -> AppTest:
    at = open_tab(at, "Import")
    uploader = at.file_uploader(key=import_flow.uploader_key_for(0))
    uploader.set_value(("old.csv", OLD_TRACKER, "text/csv"))
    at.run()
    return at.button(key=import_flow.COMMIT).click().run()


def test_the_loop_import_act_reload_undo(data_dir: Path):
    """Import -> short list that says why -> done, snooze, dismiss -> reload holds -> undo one."""
    at = import_old_tracker(open_page(PAGE))
    assert not at.exception
    report = at.get_by_key("tracker_after_import").markdown[0].value
    assert "The import created 6 reminders, 4 of them due now or overdue." in report
    assert "5 imported interviews have gone quiet" in report

    at = open_tab(at, "Due")
    assert at.markdown[0].value == "4 to do now, 2 coming up."
    assert any("5 interviews gone quiet" in c.value for c in at.caption)
    assert at.button(key="tracker_due_table_done").disabled  # nothing selected yet

    at = select(at, "Northwind", "Send")
    at.button(key="tracker_due_table_done").click().run()
    at = select(at, "Contoso", "Send")
    at.selectbox(key="tracker_due_table_snooze_choice").set_value("Next business day")
    at.button(key="tracker_due_table_snooze").click().run()
    at = select(at, "Fabrikam", "Check")
    at.button(key="tracker_due_table_dismiss").click().run()
    assert not at.exception
    assert at.toast[0].value == "1 reminder dismissed for this round."

    # A new session (a reload, another device) reads the same three changes from the files.
    again = open_tab(open_page(PAGE), "Due")
    assert sorted(shown(again)) == [("Fabrikam", "Send"), ("Northwind", "Check")]
    assert any("1 interview snoozed" in c.value for c in again.caption)
    saved = CsvStore(data_dir).load()
    interviews = saved.interviews.set_index("company")
    done = saved.followups.iloc[0]
    assert (done["purpose"], done["outcome"], done["date"].date()) == ("Thank-you", "Done", TODAY)
    assert interviews.at["Contoso", "snoozed_until"] == "2024-09-24"
    assert interviews.at["Fabrikam", "dismissed"] == "checkin"

    # Undo, still on the first page: the dismissal is taken back, the other two stay.
    at.button(key="tracker_undo_button").click().run()
    saved = CsvStore(data_dir).load()
    assert pd.isna(saved.interviews.set_index("company").at["Fabrikam", "dismissed"])
    assert len(saved.followups) == 1
    assert saved.interviews.set_index("company").at["Contoso", "snoozed_until"] == "2024-09-24"
    assert ("Fabrikam", "Check") in shown(at)


def test_home_lists_what_is_due_now_and_acts_on_it(data_dir: Path):
    """The home page's list is the same component: mark done there, it leaves the list."""
    import_old_tracker(open_page(PAGE))
    home = open_app()
    assert any(m.value == "4 follow-ups to do, 3 of them overdue." for m in home.markdown)
    home = select(home, "Northwind", "Send", prefix="home_due_table_")
    home.button(key="home_due_table_done").click().run()
    assert not home.exception
    rows = due_table(home, "home_due_table_").value
    assert rows["company"].tolist() == ["Fabrikam", "Contoso", "Fabrikam"]
    assert len(CsvStore(data_dir).load().followups) == 1


def test_one_reminder_opens_in_the_call_script_or_as_an_email_draft(data_dir: Path):
    """One selected reminder: an email draft link to the interviewer, and the Call script
    page opened with that interview chosen and the form filled in."""
    row = {
        "company": "Northwind",
        "role": "Data analyst",
        "interviewer": "Ann Lee",
        "interviewer_email": "ann@northwind.example",
        "interview_date": dt.date(2024, 9, 19),
    }
    saved = CsvStore(data_dir).update(lambda t: tracker.add_interview(t, row))
    interview_id = saved.interviews["interview_id"].iloc[0]
    at = open_tab(open_page(PAGE), "Due")
    at = select(at, "Northwind", "Send")
    (draft,) = [b for b in at.get("link_button") if b.proto.label == "Email draft"]
    assert draft.proto.url.startswith("mailto:ann@northwind.example?subject=Thank%20you")
    assert "Dear%20Ann%2C" in draft.proto.url
    assert not draft.proto.disabled
    at.button(key="tracker_due_table_script").click().run()
    assert not at.exception
    assert at.session_state["script_interview"] == interview_id
    assert at.text_input(key="script_company").value == "Northwind"
    assert at.text_input(key="script_interviewer").value == "Ann Lee"


def test_a_reminder_dealt_with_in_another_tab_is_not_acted_on_twice(data_dir: Path):
    """Selected here, marked done in another tab, then Mark done here: refused, logged once."""
    at = import_old_tracker(open_page(PAGE))
    at = open_tab(at, "Due")
    at = select(at, "Northwind", "Send")
    other = open_tab(open_page(PAGE), "Due")
    other = select(other, "Northwind", "Send")
    other.button(key="tracker_due_table_done").click().run()
    at.button(key="tracker_due_table_done").click().run()
    assert not at.exception
    message = at.error[0].value.replace("\\", "").replace("\u2060", "")
    assert message.startswith("Nothing was done: the due list changed after you selected")
    assert len(CsvStore(data_dir).load().followups) == 1


def test_with_plain_tables_reminders_are_picked_by_name(data_dir: Path):
    """Plain tables have no row selection: a picker names the reminders, and Mark done logs
    the one picked."""
    row = {"company": "Northwind", "role": "Data analyst", "interview_date": "2024-09-19"}
    CsvStore(data_dir).update(lambda t: tracker.add_interview(t, row))
    at = open_page(PAGE)
    at.toggle(key="sidebar_plain_tables").set_value(True).run()
    at = open_tab(at, "Due")
    assert not at.exception and not at.dataframe
    (picker,) = [m for m in at.multiselect if m.label == "Reminders to act on"]
    assert picker.options[0].startswith("Send a thank-you")
    picker.set_value([0]).run()
    at.button(key="tracker_due_table_done").click().run()
    assert not at.exception
    (logged,) = CsvStore(data_dir).load().followups.to_dict("records")
    assert logged["purpose"] == "Thank-you"


def test_ticking_a_card_of_the_list_view_marks_that_reminder_done(data_dir: Path):
    """On a phone, List shows what to do first, then when and for which job; a ticked card is
    what Mark done acts on."""
    import_old_tracker(open_page(PAGE))
    at = open_tab(open_page(PAGE), "Due")
    at.radio(key="tracker_due_view").set_value("List").run()
    assert not at.exception
    assert not [d for d in at.dataframe if d.key and d.key.startswith("tracker_due_table_")]
    boxes = [c for c in at.checkbox if c.key.startswith("tracker_due_table_")]
    cards = [t.value for t in at.text]
    assert len(boxes) == len(cards) == 6
    northwind = next(i for i, card in enumerate(cards) if "Northwind · Data analyst" in card)
    assert as_seen(boxes[northwind].label).startswith("Send")
    assert cards[northwind].splitlines()[0].startswith("Due by 2024-09-")
    boxes[northwind].check().run()
    at.button(key="tracker_due_table_done").click().run()
    assert not at.exception
    saved = CsvStore(data_dir).load()
    northwind_id = saved.interviews.set_index("company").at["Northwind", "interview_id"]
    done = saved.followups
    assert done[["interview_id", "purpose"]].values.tolist() == [[northwind_id, "Thank-you"]]
    assert len([c for c in at.checkbox if c.key.startswith("tracker_due_table_")]) == 5


def test_a_long_list_view_shows_the_most_urgent_and_says_how_many_more(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
):
    """Past the list's limit, the later reminders are counted, not drawn as cards."""
    monkeypatch.setattr(tables, "LIST_LIMIT", 4)
    import_old_tracker(open_page(PAGE))
    at = open_tab(open_page(PAGE), "Due")
    at.radio(key="tracker_due_view").set_value("List").run()
    assert len([c for c in at.checkbox if c.key.startswith("tracker_due_table_")]) == 4
    assert any(c.value.startswith("2 later reminders not shown") for c in at.caption)


def test_a_link_with_the_list_view_opens_the_home_due_list_as_cards(data_dir: Path):
    """?home_due_view=List: the home page's due list opens as cards, what to do first."""
    import_old_tracker(open_page(PAGE))
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params["home_due_view"] = "List"
    at.run()
    assert not at.exception
    assert not [d for d in at.dataframe if d.key and d.key.startswith("home_due_table_")]
    boxes = [c for c in at.checkbox if c.key.startswith("home_due_table_")]
    assert len(boxes) == 4
    assert as_seen(boxes[0].label).startswith(("Send", "Check"))
