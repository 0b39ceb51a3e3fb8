"""What to follow up on and when: pure functions of a tracker and `today`.

Rules:
- Thank-you (email or note) within 24 hours: due from the interview day to the next day.
- Check-in: 1-2 business days after `decision_expected`, or 5-7 business days after the interview
  when no decision date was given.
- A planned follow-up (outcome Planned) is due on its date.
- No reminder for a closed interview (Offer, Rejected, Withdrawn) or once a reply is logged.
- A reminder is done once a follow-up with its purpose is logged with an outcome other than
  Planned; a planned one with that purpose replaces it (the date the user chose wins).
Business days are Monday to Friday; public holidays are not known.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from followup import vocab
from followup.tracker import Tracker

OVERDUE = "overdue"
DUE_NOW = "due now"
UPCOMING = "upcoming"
STATUS_ORDER: tuple[str, ...] = (OVERDUE, DUE_NOW, UPCOMING)

THANK_YOU = "thankyou"
CHECK_IN = "checkin"
PLANNED = "planned"

DUE_COLUMNS: tuple[str, ...] = (
    "status",
    "due",
    "starts",
    "company",
    "role",
    "todo",
    "interview_id",
    "kind",
    "followup_id",
)
CHECK_IN_AFTER_DECISION = (1, 2)
CHECK_IN_AFTER_INTERVIEW = (5, 7)


def business_days_after(day: dt.date, count: int) -> dt.date:
    """The `count`-th business day after `day` (a weekend day counts from the Friday before)."""
    moved = np.busday_offset(np.datetime64(day, "D"), count, roll="backward")
    return moved.astype(dt.date)


def due_items(tracker: Tracker, today: dt.date) -> pd.DataFrame:
    """Every open reminder, most urgent first, with columns `DUE_COLUMNS`."""
    rows: list[dict[str, object]] = []
    followups = tracker.followups
    # One pass to group follow-ups by interview, not one scan of all of them per interview.
    by_interview = {key: group for key, group in followups.groupby("interview_id", sort=False)}
    none = followups.iloc[0:0]
    for interview in tracker.interviews.to_dict("records"):
        if interview["status"] in vocab.CLOSED_STATUSES:
            continue
        mine = by_interview.get(interview["interview_id"], none)
        if (mine["outcome"] == vocab.REPLIED).any():
            continue
        rows.extend(_reminders(interview, mine))
    frame = pd.DataFrame(rows, columns=[c for c in DUE_COLUMNS if c != "status"])
    return _with_status(frame, today)


def due_now(items: pd.DataFrame) -> pd.DataFrame:
    """Only the reminders that are overdue or due now (their window has opened)."""
    return items[items["status"].isin((OVERDUE, DUE_NOW))].reset_index(drop=True)


def _reminders(interview: dict[str, object], mine: pd.DataFrame) -> list[dict[str, object]]:
    base = {
        "company": interview["company"],
        "role": interview["role"],
        "interview_id": interview["interview_id"],
    }
    interviewed = pd.Timestamp(interview["interview_date"]).date()
    who = _who(interview)
    rows = []
    for followup in mine[mine["outcome"] == vocab.PLANNED].to_dict("records"):
        day = pd.Timestamp(followup["date"]).date()
        todo = f"{followup['purpose']}: {followup['channel']} to {who} (planned)"
        rows.append(
            {
                **base,
                "starts": day,
                "due": day,
                "todo": todo,
                "kind": PLANNED,
                "followup_id": followup["followup_id"],
            }
        )
    purposes = set(mine["purpose"])
    if "Thank-you" not in purposes:
        rows.append(
            {
                **base,
                "starts": interviewed,
                "due": interviewed + dt.timedelta(days=1),
                "todo": f"Send a thank-you email or note to {who}",
                "kind": THANK_YOU,
                "followup_id": None,
            }
        )
    if "Check-in" not in purposes:
        decision = interview["decision_expected"]
        if pd.isna(decision):
            anchor, (first, last) = interviewed, CHECK_IN_AFTER_INTERVIEW
            why = "no decision date was given"
        else:
            anchor, (first, last) = pd.Timestamp(decision).date(), CHECK_IN_AFTER_DECISION
            why = f"a decision was expected on {anchor.isoformat()}"
        rows.append(
            {
                **base,
                "starts": business_days_after(anchor, first),
                "due": business_days_after(anchor, last),
                "todo": f"Check in with {who} ({why})",
                "kind": CHECK_IN,
                "followup_id": None,
            }
        )
    return rows


def _who(interview: dict[str, object]) -> str:
    name = interview.get("interviewer")
    return name if isinstance(name, str) and name.strip() else "the interviewer"


def _with_status(frame: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    status = np.where(
        frame["due"] < today, OVERDUE, np.where(frame["starts"] <= today, DUE_NOW, UPCOMING)
    )
    frame.insert(0, "status", pd.Series(status, index=frame.index, dtype="str"))
    frame["_rank"] = frame["status"].map(STATUS_ORDER.index)
    ordered = frame.sort_values(["_rank", "due", "company"], kind="stable").drop(columns="_rank")
    ordered = ordered.reset_index(drop=True)
    for column in ("company", "role", "todo", "interview_id", "kind", "followup_id"):
        ordered[column] = ordered[column].astype("str")
    return ordered
