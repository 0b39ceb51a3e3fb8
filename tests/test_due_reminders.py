"""The due list as a job seeker reads it: what each reminder says, its window, and its place."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from followup import schedule, tracker
from followup.__main__ import main
from followup.store import CsvStore, read_folder
from followup.tracker import Tracker

THURSDAY = dt.date(2024, 9, 19)
SATURDAY = dt.date(2024, 9, 21)


def interview(t: Tracker, company: str = "Acme", **fields: object) -> tuple[Tracker, str]:
    """`t` with one more interview (Thursday 19 September 2024 unless told), and its id."""
    row = {"company": company, "role": "Analyst", "interview_date": THURSDAY, **fields}
    t = tracker.add_interview(t, row)
    return t, t.interviews["interview_id"].iloc[-1]


def followup(t: Tracker, interview_id: str, **fields: object) -> Tracker:
    """`t` with one more follow-up: a thank-you email sent on the interview day unless told."""
    row = {
        "interview_id": interview_id,
        "date": THURSDAY,
        "channel": "Email",
        "purpose": "Thank-you",
        "outcome": "Done",
        **fields,
    }
    return tracker.add_followup(t, row)


def todos(t: Tracker, today: dt.date) -> list[str]:
    """The reminder texts, in the order the due list shows them."""
    return schedule.due_items(t, today)["todo"].tolist()


def test_a_check_in_says_why_it_is_due_without_a_decision_date():
    """With no decision date, the check-in names the interviewer and says none was given."""
    t, first = interview(Tracker.empty(), interviewer="Dana Reyes")
    t = followup(t, first)
    assert todos(t, THURSDAY) == ["Check in with Dana Reyes (no decision date was given)"]


def test_a_check_in_names_the_decision_date_it_follows():
    """With a decision date, the check-in says which date passed, written as YYYY-MM-DD."""
    t, first = interview(Tracker.empty(), decision_expected=dt.date(2024, 9, 27))
    t = followup(t, first)
    assert todos(t, THURSDAY) == [
        "Check in with the interviewer (a decision was expected on 2024-09-27)"
    ]


def test_a_planned_followup_says_what_how_and_to_whom():
    """A planned call reads as its purpose, its channel and the person, marked as planned."""
    t, first = interview(Tracker.empty(), interviewer="Dana Reyes")
    t = followup(t, first)
    t = followup(t, first, purpose="Check-in", channel="Phone call", outcome="Planned")
    assert todos(t, THURSDAY) == ["Check-in: Phone call to Dana Reyes (planned)"]


@pytest.mark.parametrize("name", ["   ", "J"])
def test_a_blank_interviewer_is_the_interviewer_and_a_short_name_is_kept(tmp_path: Path, name: str):
    """A name left as spaces in a hand-edited file reads 'the interviewer'; 'J' stays 'J'."""
    content = (
        "interview_id,company,role,interview_date,interviewer\r\n"
        f"a1,Acme,Analyst,2024-09-19,{name}\r\n"
    )
    (tmp_path / "interviews.csv").write_text(content, encoding="utf-8")
    expected = "the interviewer" if not name.strip() else name
    assert todos(read_folder(tmp_path), THURSDAY)[0] == (
        f"Send a thank-you email or note to {expected}"
    )


def test_with_the_check_in_logged_only_the_thank_you_is_left():
    """A check-in already made leaves the thank-you alone on the list, with no follow-up id."""
    t, first = interview(Tracker.empty())
    t = followup(t, first, purpose="Check-in", date=dt.date(2024, 9, 26))
    items = schedule.due_items(t, THURSDAY)
    assert items["kind"].tolist() == [schedule.THANK_YOU]
    assert items["followup_id"].isna().tolist() == [True]


def test_an_interview_on_a_saturday_counts_business_days_from_the_friday():
    """A weekend interview: the check-in window is 5-7 business days after the Friday before."""
    t, first = interview(Tracker.empty(), interview_date=SATURDAY)
    t = followup(t, first, date=SATURDAY)
    items = schedule.due_items(t, SATURDAY)
    window = items[["starts", "due"]].values.tolist()
    assert window == [[dt.date(2024, 9, 27), dt.date(2024, 10, 1)]]


def test_a_decision_due_on_a_sunday_is_checked_on_monday_or_tuesday():
    """A decision expected on a Sunday: the check-in is 1-2 business days after the Friday."""
    t, first = interview(Tracker.empty(), decision_expected=dt.date(2024, 9, 22))
    t = followup(t, first)
    items = schedule.due_items(t, THURSDAY)
    window = items[["starts", "due"]].values.tolist()
    assert window == [[dt.date(2024, 9, 23), dt.date(2024, 9, 24)]]


def test_what_is_due_now_comes_before_an_upcoming_item_that_ends_sooner():
    """Due-now first, even when an upcoming planned follow-up has an earlier due date."""
    t, first = interview(Tracker.empty(), company="Acme")
    t = followup(t, first)
    t, second = interview(t, company="Beta", interview_date=dt.date(2024, 9, 25))
    t = followup(t, second, date=dt.date(2024, 9, 25))
    t = followup(t, second, purpose="Check-in", outcome="Planned", date=dt.date(2024, 9, 28))
    items = schedule.due_items(t, dt.date(2024, 9, 27))
    assert items[["status", "company", "due"]].values.tolist() == [
        [schedule.DUE_NOW, "Acme", dt.date(2024, 9, 30)],
        [schedule.UPCOMING, "Beta", dt.date(2024, 9, 28)],
    ]


def test_two_rounds_at_one_company_due_the_same_day_keep_the_trackers_order():
    """Ties (same status, day and company) are listed interview by interview, as added."""
    t, first = interview(Tracker.empty(), interview_date=dt.date(2024, 9, 16))
    t = followup(t, first, date=dt.date(2024, 9, 16))
    t, _ = interview(t, interview_date=dt.date(2024, 9, 24), round="2")
    items = schedule.due_items(t, dt.date(2024, 9, 24))
    now = schedule.due_now(items)
    assert now["kind"].tolist() == [schedule.CHECK_IN, schedule.THANK_YOU]
    assert now["due"].tolist() == [dt.date(2024, 9, 25)] * 2


def test_the_due_list_has_its_columns_as_text_even_when_empty():
    """The list's columns come in the documented order, text as text, also with nothing due."""
    t, _ = interview(Tracker.empty())
    for items in (schedule.due_items(t, THURSDAY), schedule.due_items(Tracker.empty(), THURSDAY)):
        assert list(items.columns) == list(schedule.DUE_COLUMNS)
        assert items.index.tolist() == list(range(len(items)))
        text = ["status", "company", "role", "todo", "interview_id", "kind", "followup_id"]
        assert all(items[column].dtype == "str" for column in text)


def test_due_now_keeps_overdue_items_first_and_the_columns():
    """Home's list: overdue and due-now items, overdue first, numbered from 0, same columns."""
    t, _ = interview(Tracker.empty())
    t, _ = interview(t, company="Beta", interview_date=dt.date(2024, 9, 25))
    now = schedule.due_now(schedule.due_items(t, dt.date(2024, 9, 26)))
    assert now[["status", "company", "kind"]].values.tolist() == [
        [schedule.OVERDUE, "Acme", schedule.THANK_YOU],
        [schedule.DUE_NOW, "Beta", schedule.THANK_YOU],
        [schedule.DUE_NOW, "Acme", schedule.CHECK_IN],
    ]
    assert list(now.columns) == list(schedule.DUE_COLUMNS)
    assert now.index.tolist() == [0, 1, 2]


def test_the_command_line_lists_an_overdue_thank_you(tmp_path: Path, capsys):
    """A cron job run two days late still prints the forgotten thank-you, marked overdue."""
    row = {"company": "Acme", "role": "Analyst", "interview_date": "2024-09-19"}
    CsvStore(tmp_path).update(lambda t: tracker.add_interview(t, row))
    assert main(["due", "--data", str(tmp_path), "--today", "2024-09-23"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert lines[1].split()[:2] == ["overdue", "2024-09-20"]
    assert "Send a thank-you email or note to the interviewer" in lines[1]
