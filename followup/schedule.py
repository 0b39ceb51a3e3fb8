"""What to follow up on and when: pure functions of a tracker and `today`.

Rules go by the stage of each row's status (`vocab.STAGE_OF_STATUS`; sources in
docs/follow-up-rules.md):
- Application (Applied): one check-in, by email, 5-10 business days after `application_date`.
  No thank-you: there was no interview to thank anyone for.
- Interview (Awaiting decision, Next round):
  - thank-you (email or note) within 24 hours: due from the interview day to the next day;
  - check-in: 1-2 business days after `decision_expected`, or 5-7 business days after the
    interview when no decision date was given.
- Offer: your answer, due from 2 business days before its deadline (`decision_expected`) to the
  deadline; nothing without a deadline.
- Closed (Rejected, Withdrawn): nothing, planned follow-ups included.
- A planned follow-up (outcome Planned) is due on its date.
- Only the follow-ups of the current stage count: those dated on or after its start (the
  application date, or the interview date). A reply logged in the stage ends its reminders (not
  an offer's: the answer is yours to give).
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
APPLICATION_CHECK_IN = "applicationcheckin"
OFFER_REPLY = "offerreply"
# The purpose of the follow-up that completes each kind of reminder.
PURPOSE_OF_KIND: dict[str, str] = {
    THANK_YOU: "Thank-you",
    CHECK_IN: "Check-in",
    APPLICATION_CHECK_IN: "Check-in",
    OFFER_REPLY: vocab.OFFER_REPLY,
}

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
# The only columns the schedule reads: whatever else a file holds (a column added by hand, named
# `company` or `_order`, say) never meets the columns computed here.
INTERVIEW_FIELDS: tuple[str, ...] = (
    "interview_id",
    "company",
    "role",
    "interviewer",
    "interview_date",
    "decision_expected",
    "status",
    "application_date",
)
FOLLOWUP_FIELDS: tuple[str, ...] = (
    "followup_id",
    "interview_id",
    "date",
    "purpose",
    "channel",
    "outcome",
)
CHECK_IN_AFTER_DECISION = (1, 2)
CHECK_IN_AFTER_INTERVIEW = (5, 7)
# One to two weeks after applying: the most common answer of HR managers asked how long to wait.
CHECK_IN_AFTER_APPLICATION = (5, 10)
# The answer to an offer: its window opens this many business days before the deadline.
OFFER_REPLY_NOTICE = 2


def business_days_after(day: dt.date, count: int) -> dt.date:
    """The `count`-th business day after `day` (a weekend day counts from the Friday before)."""
    moved = np.busday_offset(np.datetime64(day, "D"), count, roll="backward")
    return moved.astype(dt.date)


def due_items(tracker: Tracker, today: dt.date) -> pd.DataFrame:
    """Every open reminder, most urgent first, with columns `DUE_COLUMNS`."""
    interviews = tracker.interviews.loc[:, list(INTERVIEW_FIELDS)]
    followups = tracker.followups.loc[:, list(FOLLOWUP_FIELDS)]
    stages = interviews["status"].fillna(vocab.DEFAULT_STATUS).map(vocab.STAGE_OF_STATUS)
    stages = stages.fillna(vocab.INTERVIEW_STAGE)
    current = _of_current_stage(interviews, stages, followups)
    replied = set(current.loc[current["outcome"] == vocab.REPLIED, "interview_id"])
    chasing = stages.isin((vocab.APPLICATION_STAGE, vocab.INTERVIEW_STAGE))
    is_open = (stages != vocab.CLOSED_STAGE) & ~(chasing & interviews["interview_id"].isin(replied))
    # The interview's position keeps each interview's reminders together, in a fixed order.
    open_ = interviews[is_open].assign(_order=np.arange(int(is_open.sum())), _stage=stages[is_open])
    who = open_["interviewer"].where(open_["interviewer"].str.strip().str.len() > 0)
    open_ = open_.assign(_who=who.fillna("the interviewer"))
    interviewed = open_[open_["_stage"] == vocab.INTERVIEW_STAGE]
    frames = [
        _planned(open_, followups),
        _application_check_ins(open_[open_["_stage"] == vocab.APPLICATION_STAGE], current),
        _thank_yous(interviewed, current),
        _check_ins(interviewed, current),
        _offer_replies(open_[open_["_stage"] == vocab.OFFER_STAGE], current),
    ]
    frame = pd.concat([f for f in frames if not f.empty] or frames[:1], ignore_index=True)
    frame = frame.sort_values(["_order", "_kind_order"], kind="stable")
    frame = frame.drop(columns=["_order", "_kind_order"]).reset_index(drop=True)
    return _with_status(frame.loc[:, [c for c in DUE_COLUMNS if c != "status"]], today)


def due_now(items: pd.DataFrame) -> pd.DataFrame:
    """Only the reminders that are overdue or due now (their window has opened)."""
    return items[items["status"].isin((OVERDUE, DUE_NOW))].reset_index(drop=True)


def _of_current_stage(
    interviews: pd.DataFrame, stages: pd.Series, followups: pd.DataFrame
) -> pd.DataFrame:
    """The follow-ups dated on or after the start of their row's stage (all, for an offer)."""
    start = interviews["interview_date"].where(stages == vocab.INTERVIEW_STAGE)
    start = start.fillna(interviews["application_date"].where(stages == vocab.APPLICATION_STAGE))
    by_id = pd.Series(start.to_numpy(), index=interviews["interview_id"].to_numpy())
    # reindex keeps the dates' dtype, also for an empty tracker (map would give floats).
    since = by_id.reindex(followups["interview_id"].to_numpy()).to_numpy()
    keep = pd.isna(since) | (followups["date"].to_numpy() >= since)
    return followups[keep]


def _planned(open_: pd.DataFrame, followups: pd.DataFrame) -> pd.DataFrame:
    """Each planned follow-up of an open interview, due on its own date (an offer: its answer)."""
    planned = followups[followups["outcome"] == vocab.PLANNED].merge(
        open_[["interview_id", "company", "role", "_who", "_order", "_stage"]], on="interview_id"
    )
    planned = planned[
        (planned["_stage"] != vocab.OFFER_STAGE) | (planned["purpose"] == vocab.OFFER_REPLY)
    ]
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


def _application_check_ins(open_: pd.DataFrame, followups: pd.DataFrame) -> pd.DataFrame:
    """One check-in by email some business days after an application with no answer yet."""
    todo = _without(open_, followups, PURPOSE_OF_KIND[APPLICATION_CHECK_IN])
    sent = todo["application_date"].to_numpy("datetime64[D]")
    first, last = CHECK_IN_AFTER_APPLICATION
    return pd.DataFrame(
        {
            "starts": _business_days_after(sent, np.full(len(todo), first)),
            "due": _business_days_after(sent, np.full(len(todo), last)),
            "company": todo["company"],
            "role": todo["role"],
            "todo": "Ask about your application by email (sent "
            + todo["application_date"].dt.strftime("%Y-%m-%d")
            + ", no answer yet)",
            "interview_id": todo["interview_id"],
            "kind": APPLICATION_CHECK_IN,
            "followup_id": None,
            "_order": todo["_order"],
            "_kind_order": 1,
        },
        index=todo.index,
    )


def _offer_replies(open_: pd.DataFrame, followups: pd.DataFrame) -> pd.DataFrame:
    """Your answer to an offer, in the last business days before its deadline."""
    todo = _without(open_, followups, vocab.OFFER_REPLY)
    todo = todo[todo["decision_expected"].notna()]
    deadline = todo["decision_expected"].to_numpy("datetime64[D]")
    return pd.DataFrame(
        {
            "starts": _business_days_after(deadline, np.full(len(todo), -OFFER_REPLY_NOTICE)),
            "due": list(todo["decision_expected"].dt.date),
            "company": todo["company"],
            "role": todo["role"],
            "todo": "Give your answer to the offer by "
            + todo["decision_expected"].dt.strftime("%Y-%m-%d"),
            "interview_id": todo["interview_id"],
            "kind": OFFER_REPLY,
            "followup_id": None,
            "_order": todo["_order"],
            "_kind_order": 1,
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
