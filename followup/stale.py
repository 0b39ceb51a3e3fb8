"""Changes built from what a page showed, checked against the tracker as it is when they are saved.

A page draws a tracker; by the time the user clicks, another tab or process may have deleted or
changed the row they acted on. An action therefore carries what it was built from (`Shown`: the
row's id and the cells it depended on), and `guard` wraps its change so that the store checks,
inside its transaction, that the row is still there and still says the same. When it is not, the
change raises `StaleError` naming what changed, and nothing is saved: the action is never
redirected to whatever row now sits in its place.

Edits made in a table (`CellEdit`) are finer-grained: each one is applied by id when its row still
exists and its cell still holds what the table showed, and refused on its own otherwise.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from followup.tracker import (
    Tracker,
    TrackerError,
    delete_followups,
    interview_label,
    update_followups,
    update_interviews,
)
from followup.vocab import CHECKLIST_COLUMN

Change = Callable[[Tracker], Tracker]
INTERVIEW = "interview"
FOLLOWUP = "follow-up"
# The cells that name an interview wherever a page shows one (`tracker.interview_label`).
NAMING_CELLS = ("company", "role", "interview_date")
_LABELS = {CHECKLIST_COLUMN: "call checklist"}
_TABLES = {INTERVIEW: ("interviews", "interview_id"), FOLLOWUP: ("followups", "followup_id")}


class StaleError(TrackerError):
    """An action built from a view of the tracker that no longer holds; nothing was saved."""


@dataclass(frozen=True)
class Shown:
    """One row as a page showed it: what an action built from that page depends on."""

    kind: str
    row_id: str
    name: str
    cells: tuple[tuple[str, object], ...]
    # For an interview whose follow-ups the action covers too (delete): their ids as shown.
    followups: frozenset[str] | None = None


def shown_interview(
    tracker: Tracker,
    interview_id: str,
    cells: Iterable[str] = NAMING_CELLS,
    *,
    with_followups: bool = False,
) -> Shown:
    """The interview `interview_id` as `tracker` has it: its name, `cells` and maybe follow-ups."""
    row = _row(tracker, INTERVIEW, interview_id)
    if row is None:
        raise StaleError(f"That {INTERVIEW} is no longer in the tracker.")
    followups = None
    if with_followups:
        mine = tracker.followups["interview_id"] == interview_id
        followups = frozenset(tracker.followups.loc[mine, "followup_id"])
    return Shown(
        INTERVIEW,
        interview_id,
        interview_label(row),
        tuple((column, _plain(row.get(column))) for column in cells),
        followups,
    )


def check(tracker: Tracker, shown: Shown, action: str) -> None:
    """Raise StaleError when `shown` no longer describes `tracker`: `action` names the refusal."""
    row = _row(tracker, shown.kind, shown.row_id)
    what = f"the {shown.kind} {_quote(shown.name)}"
    if row is None:
        raise StaleError(
            f"{action}: {what} was deleted after this page showed it (in another tab or "
            "window, perhaps). Nothing was saved."
        )
    for column, was in shown.cells:
        now = _plain(row.get(column))
        if now != was:
            raise StaleError(
                f"{action}: {what} changed after this page showed it: its "
                f"{_label(column)} is now {_show(now)} (it was {_show(was)}). Nothing was saved; "
                "check it and try again."
            )
    if shown.followups is not None:
        mine = tracker.followups["interview_id"] == shown.row_id
        now_ids = frozenset(tracker.followups.loc[mine, "followup_id"])
        if now_ids != shown.followups:
            raise StaleError(
                f"{action}: {what} now has {_count(len(now_ids))}, not the "
                f"{_count(len(shown.followups))} this page showed. Nothing was saved; "
                "check them and try again."
            )


def guard(change: Change, action: str, *shown: Shown) -> Change:
    """`change`, run only while every `shown` row still holds (checked inside the transaction)."""

    def guarded(tracker: Tracker) -> Tracker:
        for row in shown:
            check(tracker, row, action)
        return change(tracker)

    return guarded


@dataclass(frozen=True)
class CellEdit:
    """One cell changed in a table: the row's id and name, the column, the value shown and typed."""

    row_id: str
    name: str
    column: str
    label: str
    shown: object
    typed: object


@dataclass(frozen=True)
class RowDeletion:
    """One row deleted in a table, with the cells the table showed for it."""

    row_id: str
    name: str
    cells: tuple[tuple[str, object], ...]


@dataclass
class EditOutcome:
    """What the last run of an `apply_edits` change did: edits saved, and the refusals."""

    saved: int = 0
    refused: tuple[str, ...] = ()


def apply_edits(
    kind: str,
    edits: Sequence[CellEdit],
    deletions: Sequence[RowDeletion] = (),
    outcome: EditOutcome | None = None,
) -> Change:
    """A change applying each edit by id to the tracker as it is now, refusing those that clash.

    An edit is applied when its row exists and its cell still holds the value the table showed
    (or already holds the typed one); a deletion when the row still holds every cell shown. Each
    refusal is a sentence in `outcome.refused`, rewritten on every run of the change (the store may
    run it twice), so after `store.update` it describes what was saved.
    """

    def change(tracker: Tracker) -> Tracker:
        refused: list[str] = []
        updates: dict[str, dict[str, object]] = {}
        for edit in edits:
            row = _row(tracker, kind, edit.row_id)
            what = (
                f"{edit.label} of {_quote(edit.name)} ({_show(edit.shown)} → {_show(edit.typed)})"
            )
            now = _plain(row.get(edit.column)) if row is not None else None
            if row is None:
                refused.append(
                    f"Your edit to {what} was not saved: that {kind} was deleted in another tab "
                    "or window."
                )
            elif now == _plain(edit.typed):
                continue
            elif now != _plain(edit.shown):
                refused.append(
                    f"Your edit to {what} was not saved: another tab or window changed it to "
                    f"{_show(now)} meanwhile."
                )
            else:
                updates.setdefault(edit.row_id, {})[edit.column] = _plain(edit.typed)
        gone: list[str] = []
        for deletion in deletions:
            row = _row(tracker, kind, deletion.row_id)
            if row is None:
                continue
            changed = [c for c, was in deletion.cells if _plain(row.get(c)) != was]
            if changed:
                refused.append(
                    f"The {kind} {_quote(deletion.name)} was not deleted: another tab or window "
                    f"changed its {', '.join(_label(c) for c in changed)} meanwhile."
                )
            else:
                gone.append(deletion.row_id)
        if kind == INTERVIEW:
            after = update_interviews(tracker, updates) if updates else tracker
        else:
            after = update_followups(tracker, updates) if updates else tracker
            after = delete_followups(after, gone) if gone else after
        if outcome is not None:
            outcome.saved = sum(len(cells) for cells in updates.values()) + len(gone)
            outcome.refused = tuple(refused)
        return after

    return change


def plain(value: object) -> object:
    """A cell as a comparable plain value: None for missing, a date for a timestamp."""
    return _plain(value)


def row_of(tracker: Tracker, kind: str, row_id: str) -> dict[str, object] | None:
    """The row `row_id` of the `kind` table as a dict, or None when it is not there."""
    return _row(tracker, kind, row_id)


def _row(tracker: Tracker, kind: str, row_id: str) -> dict[str, object] | None:
    table, id_column = _TABLES[kind]
    frame = getattr(tracker, table)
    match = frame[frame[id_column] == row_id]
    return None if match.empty else match.iloc[0].to_dict()


def _plain(value: object) -> object:
    """A cell as a comparable plain value: None for missing, a date for a timestamp."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, pd.Timestamp | dt.datetime):
        return pd.Timestamp(value).date()
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value


def _show(value: object) -> str:
    if value is None:
        return "empty"
    if isinstance(value, dt.date):
        return value.isoformat()
    return _quote(str(value))


def _quote(text: str) -> str:
    return f"“{text}”"


def _label(column: str) -> str:
    return _LABELS.get(column, column.replace("_", " "))


def _count(number: int) -> str:
    return f"{number} follow-up{'' if number == 1 else 's'}"


def shown_cells(
    row: Mapping[str, object], columns: Iterable[str]
) -> tuple[tuple[str, object], ...]:
    """`columns` of a table row as plain values, for a `RowDeletion`."""
    return tuple((column, _plain(row.get(column))) for column in columns)
