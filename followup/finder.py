"""Find interviews: search, status filter, closed ones hidden, sorted; pure functions of a table."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from followup import schedule, vocab

# Searched, in this order of usefulness; a match in any of them keeps the row.
SEARCHED: tuple[str, ...] = ("company", "role", "interviewer", "notes")
# Closed and hidden by default ("hide closed"): an offer is closed but still worth seeing.
HIDDEN_WHEN_CLOSED: frozenset[str] = frozenset({"Rejected", "Withdrawn"})
# The first is the default: newest first, as the Follow-ups tab and the Call script list them.
SORTS: dict[str, tuple[str, bool]] = {
    "Interview date, newest first": ("interview_date", False),
    "Next step, soonest first": (schedule.NEXT_DATE, True),
    "Company, A to Z": ("company", True),
    "Status": ("status", True),
}
# The most useful columns first (on a phone only the first few fit on the screen); the rest
# follow in the table's own order.
FIRST_COLUMNS: tuple[str, ...] = (
    "company",
    "role",
    "status",
    schedule.NEXT_STEP,
    schedule.NEXT_DATE,
    "interview_date",
    "application_date",
    "decision_expected",
)


@dataclass(frozen=True)
class Filters:
    """What the user asked to see."""

    text: str = ""
    statuses: tuple[str, ...] = ()
    hide_closed: bool = True
    sort: str = next(iter(SORTS))


def find(table: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The rows of `table` (interviews, any index) that match `filters`, sorted as asked."""
    keep = pd.Series(True, index=table.index)
    if filters.hide_closed:
        keep &= ~table["status"].isin(HIDDEN_WHEN_CLOSED)
    if filters.statuses:
        keep &= table["status"].isin(filters.statuses)
    words = filters.text.casefold().split()
    for word in words:
        hit = pd.Series(False, index=table.index)
        for column in SEARCHED:
            if column in table.columns:
                # regex=False: what the user types is text, never a pattern.
                hit |= table[column].str.casefold().str.contains(word, regex=False, na=False)
        keep &= hit
    column, ascending = SORTS.get(filters.sort, next(iter(SORTS.values())))
    found = table[keep.to_numpy()]
    if column == "status":
        order = {status: i for i, status in enumerate(vocab.STATUSES)}
        return found.sort_values(
            "status", key=lambda s: s.map(order), kind="stable", na_position="last"
        )
    if column in found.columns:
        key = (lambda s: s.str.casefold()) if found[column].dtype.kind not in "Mm" else None
        return found.sort_values(
            column, ascending=ascending, kind="stable", na_position="last", key=key
        )
    return found


def column_order(columns: list[str]) -> list[str]:
    """`columns` with the most useful first (`FIRST_COLUMNS`), the rest in their order."""
    first = [c for c in FIRST_COLUMNS if c in columns]
    return first + [c for c in columns if c not in first]
