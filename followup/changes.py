"""Changes with their inverse: what the due list's actions do, and what undoes any tracker change.

A `Change` pairs a pure function Tracker -> Tracker (what `Store.update` takes) with its inverse,
also applied by id to whatever the tracker holds then: an undo never puts an old file back over
changes made since, it only takes back its own change. An inverse skips rows that are gone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from followup import schedule, stale, tracker, vocab
from followup.tracker import Tracker

Apply = Callable[[Tracker], Tracker]


@dataclass(frozen=True)
class Change:
    """A change, its inverse and the sentence that confirms it."""

    apply: Apply
    undo: Apply
    message: str
    # The interviews a change added (an import), for what the page offers next.
    added_ids: tuple[str, ...] = ()


def _cell(interviews: pd.DataFrame, interview_id: str, column: str) -> object:
    if column not in interviews.columns:
        return None
    values = interviews.loc[interviews["interview_id"] == interview_id, column]
    return None if values.empty or pd.isna(values.iloc[0]) else values.iloc[0]


def _set_cells(values: Mapping[str, Mapping[str, object]]) -> Apply:
    """Set the given cells of each interview that still exists."""

    def run(t: Tracker) -> Tracker:
        present = set(t.interviews["interview_id"])
        kept = {i: change for i, change in values.items() if i in present}
        return tracker.update_interviews(t, kept) if kept else t

    return run


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def while_due(change: Change, items: pd.DataFrame, today: dt.date, action: str) -> Change:
    """`change`, saved only while every reminder in `items` is still on the due list as shown
    (checked inside the store's transaction); else `stale.StaleError` and nothing is saved.

    Another tab may have marked one done, snoozed or dismissed it, or deleted its interview,
    after this page showed it: acting again would log a follow-up twice or snooze the wrong day.
    """
    wanted = {
        (item["interview_id"], schedule.reminder_key(item), item["due"])
        for item in items.to_dict("records")
    }

    def guarded(t: Tracker) -> Tracker:
        now = schedule.due_items(t, today)
        present = {
            (item["interview_id"], schedule.reminder_key(item), item["due"])
            for item in now.to_dict("records")
        }
        changed = len(wanted - present)
        if changed:
            raise stale.StaleError(
                f"{action}: {_plural(changed, 'selected reminder')} changed or was dealt with "
                "after this page showed it (in another tab or window, perhaps). Nothing was "
                "saved; check the list and try again."
            )
        return change.apply(t)

    return Change(guarded, change.undo, change.message, change.added_ids)


def next_business_day(today: dt.date) -> dt.date:
    """The next Monday-to-Friday day after `today`."""
    return schedule.business_days_after(today, 1)


def next_week(today: dt.date) -> dt.date:
    """The Monday of the week after `today`'s."""
    return today + dt.timedelta(days=7 - today.weekday())


def mark_done(items: pd.DataFrame, today: dt.date, taken: Iterable[str] = ()) -> Change:
    """Log each reminder as done today: a follow-up with its channel and purpose, or the planned
    follow-up it came from turned to Done (dated today). Undo deletes the new rows or replans."""
    used = set(taken)
    added: list[dict[str, object]] = []
    replanned: dict[str, dict[str, object]] = {}
    for item in items.to_dict("records"):
        if item["kind"] == schedule.PLANNED:
            replanned[item["followup_id"]] = {"outcome": vocab.PLANNED, "date": item["due"]}
            continue
        new = tracker.new_id(used)
        used.add(new)
        added.append(
            {
                "followup_id": new,
                "interview_id": item["interview_id"],
                "date": today,
                "channel": item["channel"],
                "purpose": item["purpose"],
                "outcome": "Done",
            }
        )
    done = {followup_id: {"outcome": "Done", "date": today} for followup_id in replanned}

    def apply(t: Tracker) -> Tracker:
        for row in added:
            t = tracker.add_followup(t, row)
        return tracker.update_followups(t, done) if done else t

    def undo(t: Tracker) -> Tracker:
        t = tracker.delete_followups(t, [row["followup_id"] for row in added])
        present = set(t.followups["followup_id"])
        back = {i: change for i, change in replanned.items() if i in present}
        return tracker.update_followups(t, back) if back else t

    return Change(apply, undo, f"{_plural(len(items), 'follow-up')} marked done, dated today.")


def snooze(items: pd.DataFrame, until: dt.date, current: Tracker) -> Change:
    """Hide the reminders' interviews until `until`; undo puts each snooze back as it was."""
    ids = list(dict.fromkeys(items["interview_id"]))
    column = schedule.SNOOZED_COLUMN
    before = {i: {column: _cell(current.interviews, i, column)} for i in ids}
    after = {i: {column: until.isoformat()} for i in ids}
    message = f"{_plural(len(ids), 'interview')} snoozed until {until.isoformat()}."
    return Change(_set_cells(after), _set_cells(before), message)


def _edit_dismissed(pairs: list[tuple[str, str]], *, add: bool) -> Apply:
    """Add (or take out) reminder keys in the `dismissed` cells of the named interviews."""

    def run(t: Tracker) -> Tracker:
        cells: dict[str, set[str]] = {}
        for interview_id, key in pairs:
            if interview_id not in cells:
                cell = _cell(t.interviews, interview_id, schedule.DISMISSED_COLUMN)
                cells[interview_id] = schedule.dismissed_keys(cell)
            keys = cells[interview_id]
            keys.add(key) if add else keys.discard(key)
        values = {
            i: {schedule.DISMISSED_COLUMN: schedule.dismissed_cell(keys)}
            for i, keys in cells.items()
        }
        return _set_cells(values)(t)

    return run


def dismiss(items: pd.DataFrame) -> Change:
    """No follow-up needed for this round: the reminders are kept out of the due list."""
    pairs = [
        (item["interview_id"], schedule.reminder_key(item)) for item in items.to_dict("records")
    ]
    message = f"{_plural(len(pairs), 'reminder')} dismissed for this round."
    return Change(_edit_dismissed(pairs, add=True), _edit_dismissed(pairs, add=False), message)


def restore_dismissed(pairs: Iterable[tuple[str, str]]) -> Change:
    """Bring dismissed reminders (interview id, reminder key) back to the due list."""
    pairs = list(pairs)
    message = f"{_plural(len(pairs), 'dismissed reminder')} back on the due list."
    return Change(_edit_dismissed(pairs, add=False), _edit_dismissed(pairs, add=True), message)


def older_than(current: Tracker, before: dt.date) -> list[str]:
    """Ids of the open interviews whose last activity is before `before`."""
    stale = schedule.last_activity(current) < pd.Timestamp(before)
    mask = schedule.open_interviews(current) & stale
    return current.interviews.loc[mask.to_numpy(), "interview_id"].tolist()


def mark_quiet(ids: list[str]) -> Change:
    """Mark interviews as gone quiet: none of their reminders is due, they are listed apart."""
    pairs = [(i, schedule.QUIET) for i in ids]
    message = f"{_plural(len(ids), 'interview')} marked as gone quiet."
    return Change(_edit_dismissed(pairs, add=True), _edit_dismissed(pairs, add=False), message)


def close(ids: list[str], current: Tracker, status: str = "Withdrawn") -> Change:
    """Set the interviews' status to a closed one; undo puts back each one's own status."""
    before = {i: {"status": _cell(current.interviews, i, "status")} for i in ids}
    after = {i: {"status": status} for i in ids}
    message = f"{_plural(len(ids), 'interview')} closed as {status}."
    return Change(_set_cells(after), _set_cells(before), message)


def cell_edits(kind: str, edits: Sequence[stale.CellEdit], message: str) -> Change:
    """Table edits applied by id (`stale.apply_edits`); undo sets each cell back to what was
    shown, where it still holds what was typed (a later change to it is kept)."""
    back = [stale.CellEdit(e.row_id, e.name, e.column, e.label, e.typed, e.shown) for e in edits]
    return Change(stale.apply_edits(kind, edits), stale.apply_edits(kind, back), message)


def restore_followups(rows: pd.DataFrame) -> Apply:
    """Add back deleted follow-up rows (with their ids) whose interview is still there."""
    return _add_back(rows.iloc[0:0].reindex(columns=["interview_id"]), rows)


def _add_back(interviews: pd.DataFrame, followups: pd.DataFrame) -> Apply:
    """Add back rows (with their ids) that are not in the tracker; follow-ups of gone interviews
    stay out."""

    def run(t: Tracker) -> Tracker:
        missing = interviews[~interviews["interview_id"].isin(t.interviews["interview_id"])]
        if not missing.empty:
            t = tracker.add_interviews(t, missing)
        keep = followups["interview_id"].isin(t.interviews["interview_id"]) & ~followups[
            "followup_id"
        ].isin(t.followups["followup_id"])
        for row in followups[keep].to_dict("records"):
            t = tracker.add_followup(t, row)
        return t

    return run


def _delete_rows(interview_ids: Iterable[str], followup_ids: Iterable[str]) -> Apply:
    gone = set(interview_ids)

    def run(t: Tracker) -> Tracker:
        t = tracker.delete_followups(t, followup_ids)
        if not gone:
            return t
        interviews = t.interviews[~t.interviews["interview_id"].isin(gone)]
        followups = t.followups[~t.followups["interview_id"].isin(gone)]
        return Tracker(interviews.reset_index(drop=True), followups.reset_index(drop=True))

    return run


def delete_interview(interview_id: str, guard: Callable[[Apply], Apply] | None = None) -> Change:
    """Delete an interview and its follow-ups (the change wrapped by `guard`, say a staleness
    check); undo adds back, with their ids, the rows the delete removed when it ran."""
    removed: dict[str, pd.DataFrame] = {}

    def delete(t: Tracker) -> Tracker:
        # The store may run a change twice: the last run is the one saved.
        removed["interviews"] = t.interviews[t.interviews["interview_id"] == interview_id]
        removed["followups"] = t.followups[t.followups["interview_id"] == interview_id]
        return tracker.delete_interview(t, interview_id)

    def undo(t: Tracker) -> Tracker:
        return _add_back(removed["interviews"], removed["followups"])(t)

    apply = guard(delete) if guard else delete
    return Change(apply, undo, "Interview and its follow-ups deleted.")


def added(before: Tracker, after: Tracker, message: str) -> Change:
    """Rows `after` has that `before` had not (an import, the sample): undo deletes them by id."""
    new_interviews = set(after.interviews["interview_id"]) - set(before.interviews["interview_id"])
    new_followups = set(after.followups["followup_id"]) - set(before.followups["followup_id"])
    interviews = after.interviews[after.interviews["interview_id"].isin(new_interviews)]
    followups = after.followups[after.followups["followup_id"].isin(new_followups)]
    return Change(
        _add_back(interviews, followups), _delete_rows(new_interviews, new_followups), message
    )


def removed(before: Tracker, after: Tracker, message: str) -> Change:
    """Rows `before` had that `after` has not (the sample removed): undo adds them back."""
    undo = added(after, before, message)
    return Change(undo.undo, undo.apply, message)


def import_rows(rows: pd.DataFrame, taken: Iterable[str]) -> Change:
    """Add imported interview rows under ids chosen now; undo deletes those ids only."""
    used = set(taken)
    ids = []
    for _ in range(len(rows)):
        ids.append(tracker.new_id(used))
        used.add(ids[-1])
    with_ids = rows.assign(interview_id=ids)
    return Change(
        lambda t: tracker.add_interviews(t, with_ids),
        _delete_rows(ids, []),
        f"{_plural(len(ids), 'interview')} imported.",
        tuple(ids),
    )
