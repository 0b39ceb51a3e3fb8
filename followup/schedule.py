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
    interviews, followups = tracker.interviews, tracker.followups
    replied = set(followups.loc[followups["outcome"] == vocab.REPLIED, "interview_id"])
    is_open = ~interviews["status"].isin(vocab.CLOSED_STATUSES) & ~interviews["interview_id"].isin(
        replied
    )
    # The interview's position keeps each interview's reminders together, in a fixed order.
    open_ = interviews[is_open].assign(_order=np.arange(int(is_open.sum())))
    who = open_["interviewer"].where(open_["interviewer"].str.strip().str.len() > 0)
    open_ = open_.assign(_who=who.fillna("the interviewer"))
    frames = [
        _planned(open_, followups),
        _thank_yous(open_, followups),
        _check_ins(open_, followups),
    ]
    frame = pd.concat([f for f in frames if not f.empty] or frames[:1], ignore_index=True)
    frame = frame.sort_values(["_order", "_kind_order"], kind="stable")
    frame = frame.drop(columns=["_order", "_kind_order"]).reset_index(drop=True)
    return _with_status(frame.loc[:, [c for c in DUE_COLUMNS if c != "status"]], today)


def due_now(items: pd.DataFrame) -> pd.DataFrame:
    """Only the reminders that are overdue or due now (their window has opened)."""
    return items[items["status"].isin((OVERDUE, DUE_NOW))].reset_index(drop=True)


def _planned(open_: pd.DataFrame, followups: pd.DataFrame) -> pd.DataFrame:
    """Each planned follow-up of an open interview, due on its own date."""
    planned = followups[followups["outcome"] == vocab.PLANNED].merge(
        open_[["interview_id", "company", "role", "_who", "_order"]], on="interview_id"
    )
    day = planned["date"].dt.date
    return pd.DataFrame(
        {
            "starts": day,
            "due": day,
            "company": planned["company"],
            "role": planned["role"],
            "todo": planned["purpose"]
            + ": "
            + planned["channel"]
            + " to "
            + planned["_who"]
            + " (planned)",
            "interview_id": planned["interview_id"],
            "kind": PLANNED,
            "followup_id": planned["followup_id"],
            "_order": planned["_order"],
            "_kind_order": 0,
        }
    )


def _without(open_: pd.DataFrame, followups: pd.DataFrame, purpose: str) -> pd.DataFrame:
    """The open interviews with no follow-up of `purpose` logged or planned."""
    done = followups.loc[followups["purpose"] == purpose, "interview_id"]
    return open_[~open_["interview_id"].isin(set(done))]


def _thank_yous(open_: pd.DataFrame, followups: pd.DataFrame) -> pd.DataFrame:
    """A thank-you within 24 hours, for each open interview that has none."""
    todo = _without(open_, followups, "Thank-you")
    interviewed = todo["interview_date"].dt.date
    return pd.DataFrame(
        {
            "starts": interviewed,
            "due": (todo["interview_date"] + pd.Timedelta(days=1)).dt.date,
            "company": todo["company"],
            "role": todo["role"],
            "todo": "Send a thank-you email or note to " + todo["_who"],
            "interview_id": todo["interview_id"],
            "kind": THANK_YOU,
            "followup_id": None,
            "_order": todo["_order"],
            "_kind_order": 1,
        }
    )


def _check_ins(open_: pd.DataFrame, followups: pd.DataFrame) -> pd.DataFrame:
    """A check-in after the decision date, or some days after the interview without one."""
    todo = _without(open_, followups, "Check-in")
    no_date = todo["decision_expected"].isna()
    anchor = todo["decision_expected"].fillna(todo["interview_date"]).to_numpy("datetime64[D]")
    after_interview, after_decision = CHECK_IN_AFTER_INTERVIEW, CHECK_IN_AFTER_DECISION
    first = np.where(no_date, after_interview[0], after_decision[0])
    last = np.where(no_date, after_interview[1], after_decision[1])
    why = ("a decision was expected on " + todo["decision_expected"].dt.strftime("%Y-%m-%d")).where(
        ~no_date, "no decision date was given"
    )
    return pd.DataFrame(
        {
            "starts": _business_days_after(anchor, first),
            "due": _business_days_after(anchor, last),
            "company": todo["company"],
            "role": todo["role"],
            "todo": "Check in with " + todo["_who"] + " (" + why + ")",
            "interview_id": todo["interview_id"],
            "kind": CHECK_IN,
            "followup_id": None,
            "_order": todo["_order"],
            "_kind_order": 2,
        },
        index=todo.index,
    )


def _business_days_after(days: np.ndarray, counts: np.ndarray) -> list[dt.date]:
    return list(np.busday_offset(days, counts, roll="backward").astype(dt.date))


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
