"""The due list's actions and the undo of tracker changes: each applied, then taken back by id."""

from __future__ import annotations

import datetime as dt

import pytest

from followup import changes, schedule, stale, tracker
from followup.tracker import Tracker

THURSDAY = dt.date(2024, 9, 19)
MONDAY = dt.date(2024, 9, 23)


def two_interviews() -> Tracker:
    t = Tracker.empty()
    for company in ("Acme", "Beta"):
        row = {"company": company, "role": "Analyst", "interview_date": THURSDAY}
        t = tracker.add_interview(t, row)
    return t


def items_of(t: Tracker, today: dt.date, company: str) -> list[str]:
    items = schedule.due_items(t, today)
    return items.loc[items["company"] == company, "kind"].tolist()


def test_snooze_hides_until_the_date_then_shows_due_not_overdue():
    """Snoozed to Wednesday, Acme's reminders leave Monday's list and come back due on Wednesday."""
    t = two_interviews()
    items = schedule.due_items(t, MONDAY)
    acme = items[items["company"] == "Acme"]
    change = changes.snooze(acme, dt.date(2024, 9, 25), t)
    snoozed = change.apply(t)
    assert items_of(snoozed, MONDAY, "Acme") == []
    assert items_of(snoozed, MONDAY, "Beta") == [schedule.THANK_YOU, schedule.CHECK_IN]
    back = schedule.due_items(snoozed, dt.date(2024, 9, 25))
    acme_back = back[back["company"] == "Acme"]
    # The thank-you (due last Friday) is due now, not overdue; the later check-in is unchanged.
    assert acme_back[["kind", "status", "due"]].values.tolist() == [
        [schedule.THANK_YOU, schedule.DUE_NOW, dt.date(2024, 9, 25)],
        [schedule.CHECK_IN, schedule.UPCOMING, dt.date(2024, 9, 30)],
    ]
    assert items_of(change.undo(snoozed), MONDAY, "Acme") == [
        schedule.THANK_YOU,
        schedule.CHECK_IN,
    ]


def test_dismiss_removes_one_reminder_and_undo_brings_it_back():
    """Dismissing Acme's thank-you keeps its check-in; undo restores the thank-you only."""
    t = two_interviews()
    items = schedule.due_items(t, MONDAY)
    thanks = items[(items["company"] == "Acme") & (items["kind"] == schedule.THANK_YOU)]
    change = changes.dismiss(thanks)
    dismissed = change.apply(t)
    assert items_of(dismissed, MONDAY, "Acme") == [schedule.CHECK_IN]
    # Dismissed elsewhere meanwhile: the undo takes back its own key only.
    other = schedule.due_items(dismissed, MONDAY)
    check_in = other[(other["company"] == "Acme")]
    both = changes.dismiss(check_in).apply(dismissed)
    assert items_of(change.undo(both), MONDAY, "Acme") == [schedule.THANK_YOU]


def test_mark_done_logs_the_follow_up_the_item_asked_for():
    """Done on a thank-you logs an email thank-you dated today; undo deletes that row only."""
    t = two_interviews()
    acme_id = t.interviews["interview_id"].iloc[0]
    t = tracker.update_interviews(t, {acme_id: {"preferred_channel": "Handwritten note"}})
    items = schedule.due_items(t, MONDAY)
    thanks = items[(items["company"] == "Acme") & (items["kind"] == schedule.THANK_YOU)]
    change = changes.mark_done(thanks, MONDAY)
    done = change.apply(t)
    row = done.followups.iloc[0]
    assert (row["channel"], row["purpose"], row["outcome"]) == (
        "Handwritten note",
        "Thank-you",
        "Done",
    )
    assert row["date"].date() == MONDAY
    assert items_of(done, MONDAY, "Acme") == [schedule.CHECK_IN]
    assert change.undo(done).followups.empty


def test_mark_done_turns_a_planned_follow_up_into_done_and_undo_replans_it():
    """A planned call, done: outcome Done dated today; undo puts back Planned on its date."""
    t = two_interviews()
    acme_id = t.interviews["interview_id"].iloc[0]
    planned = {"interview_id": acme_id, "date": dt.date(2024, 9, 20), "channel": "Phone call"}
    t = tracker.add_followup(t, planned | {"purpose": "Check-in", "outcome": "Planned"})
    items = schedule.due_items(t, MONDAY)
    item = items[items["kind"] == schedule.PLANNED]
    change = changes.mark_done(item, MONDAY)
    done = change.apply(t)
    assert done.followups[["outcome"]].iloc[0].tolist() == ["Done"]
    assert done.followups["date"].iloc[0].date() == MONDAY
    undone = change.undo(done)
    assert undone.followups["outcome"].iloc[0] == "Planned"
    assert undone.followups["date"].iloc[0].date() == dt.date(2024, 9, 20)


def test_long_silent_interviews_go_quiet_and_leave_the_due_list():
    """Six weeks without activity: not overdue, listed apart; a follow-up logged keeps it awake."""
    t = two_interviews()
    later = THURSDAY + dt.timedelta(days=schedule.QUIET_AFTER_DAYS + 1)
    assert schedule.due_items(t, later).empty
    assert schedule.gone_quiet(t, later)["company"].tolist() == ["Acme", "Beta"]
    beta = t.interviews["interview_id"].iloc[1]
    recent = {
        "interview_id": beta,
        "date": later,
        "channel": "Email",
        "purpose": "Extra information",
    }
    t = tracker.add_followup(t, recent | {"outcome": "Done"})
    assert schedule.gone_quiet(t, later)["company"].tolist() == ["Acme"]
    assert items_of(t, later, "Beta") == [schedule.THANK_YOU, schedule.CHECK_IN]


def test_mark_quiet_and_close_older_than_a_date_are_undone_by_id():
    """Interviews before a date marked quiet (or closed) in one step; undo restores each."""
    t = two_interviews()
    newer = {"company": "Cyan", "role": "Analyst", "interview_date": MONDAY}
    t = tracker.add_interview(t, newer)
    old = changes.older_than(t, dt.date(2024, 9, 20))
    assert len(old) == 2
    quiet = changes.mark_quiet(old)
    marked = quiet.apply(t)
    assert schedule.gone_quiet(marked, MONDAY)["company"].tolist() == ["Acme", "Beta"]
    assert set(schedule.due_items(marked, MONDAY)["company"]) == {"Cyan"}
    assert schedule.gone_quiet(quiet.undo(marked), MONDAY).empty
    closing = changes.close(old, t)
    closed = closing.apply(t)
    assert closed.interviews["status"].tolist() == ["Withdrawn", "Withdrawn", "Awaiting decision"]
    assert set(closing.undo(closed).interviews["status"]) == {"Awaiting decision"}


def test_undo_of_a_delete_adds_the_rows_back_with_their_ids():
    """Deleting an interview, then undoing it, brings back the row and its follow-ups."""
    t = two_interviews()
    acme_id = t.interviews["interview_id"].iloc[0]
    thanks = {"interview_id": acme_id, "date": THURSDAY, "channel": "Email"}
    t = tracker.add_followup(t, thanks | {"purpose": "Thank-you", "outcome": "Done"})
    change = changes.delete_interview(acme_id)
    gone = change.apply(t)
    # A change made after the delete survives the undo.
    gone = tracker.update_interviews(gone, {t.interviews["interview_id"].iloc[1]: {"notes": "hi"}})
    back = change.undo(gone)
    assert sorted(back.interviews["interview_id"]) == sorted(t.interviews["interview_id"])
    assert back.followups["followup_id"].tolist() == t.followups["followup_id"].tolist()
    assert back.interviews["notes"].notna().sum() == 1


def test_undo_of_an_import_deletes_only_the_imported_rows():
    """An import undone removes its rows by id and keeps an interview added afterwards."""
    before = two_interviews()
    after = tracker.add_interview(before, {"company": "New", "role": "R", "interview_date": MONDAY})
    change = changes.added(before, after, "Imported.")
    later = tracker.add_interview(
        after, {"company": "Later", "role": "R", "interview_date": MONDAY}
    )
    assert change.undo(later).interviews["company"].tolist() == ["Acme", "Beta", "Later"]


def test_edit_undo_sets_the_cells_back():
    """An edited status is set back by id; a cell changed again later keeps its later value."""
    t = two_interviews()
    acme_id, beta_id = t.interviews["interview_id"]
    edits = [
        stale.CellEdit(acme_id, "Acme", "status", "Status", "Awaiting decision", "Offer"),
        stale.CellEdit(beta_id, "Beta", "status", "Status", "Awaiting decision", "Next round"),
    ]
    change = changes.cell_edits(stale.INTERVIEW, edits, "Saved.")
    edited = change.apply(t)
    edited = tracker.update_interviews(edited, {beta_id: {"status": "Rejected"}})
    undone = change.undo(edited).interviews.set_index("interview_id")
    assert undone.at[acme_id, "status"] == "Awaiting decision"
    assert undone.at[beta_id, "status"] == "Rejected"


def test_deleted_follow_ups_come_back_with_their_ids():
    """Follow-up rows deleted are added back as they were, unless their interview is gone."""
    t = two_interviews()
    acme_id, beta_id = t.interviews["interview_id"]
    for interview_id in (acme_id, beta_id):
        row = {"interview_id": interview_id, "date": THURSDAY, "channel": "Email"}
        t = tracker.add_followup(t, row | {"purpose": "Thank-you", "outcome": "Done"})
    gone = t.followups
    after = tracker.delete_followups(t, gone["followup_id"])
    after = tracker.delete_interview(after, beta_id)
    back = changes.restore_followups(gone)(after)
    assert back.followups["interview_id"].tolist() == [acme_id]
    assert back.followups["followup_id"].iloc[0] == gone["followup_id"].iloc[0]


def test_an_action_on_a_reminder_dealt_with_elsewhere_is_refused():
    """Marked done in another tab first: marking it done again is refused, nothing logged twice."""
    t = two_interviews()
    items = schedule.due_items(t, MONDAY)
    thanks = items[(items["company"] == "Acme") & (items["kind"] == schedule.THANK_YOU)]
    elsewhere = changes.mark_done(thanks, MONDAY).apply(t)
    mine = changes.while_due(changes.mark_done(thanks, MONDAY), thanks, MONDAY, "Not marked done")
    with pytest.raises(stale.StaleError, match="Not marked done: 1 selected reminder changed"):
        mine.apply(elsewhere)
    assert len(mine.apply(t).followups) == 1
