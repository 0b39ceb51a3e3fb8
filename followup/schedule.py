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
- Snoozed (`snoozed_until` on the row): none of its reminders shows before that date; on it they
  come back as due now (their window moved to start there), never as overdue.
- Dismissed (`dismissed` on the row: reminder kinds such as "thankyou" or "checkin", or a planned
  follow-up's id, comma-separated): no follow-up needed for this round; taking the key out brings
  the reminder back. The key "quiet" marks the whole row as gone quiet.
- Gone quiet: an open row with no activity for `QUIET_AFTER_DAYS` (six weeks): its application,
  interview and decision dates and every follow-up logged or planned are all further back than
  that. Its reminders are not due items (`due_items`) but listed apart (`gone_quiet`), so an old
  tracker brought in by an import does not flood the due list.
Business days are Monday to Friday; public holidays are not known.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from followup import vocab
from followup.tracker import COMPUTED_PREFIX, Tracker, once_per_tracker

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
    "channel",
    "purpose",
    "snoozed",
)
# Reminder state kept on interviews (outside the CSV contract, like the checklist column).
SNOOZED_COLUMN = "snoozed_until"
DISMISSED_COLUMN = "dismissed"
STATE_COLUMNS: tuple[str, ...] = (SNOOZED_COLUMN, DISMISSED_COLUMN)
# The only columns the schedule reads: whatever else a file holds (a column added by hand, named
# `company` or `_order`, say) never meets the columns computed here. The reminder state columns
# come last: a file may lack them, and they then read as empty.
INTERVIEW_FIELDS: tuple[str, ...] = (
    "interview_id",
    "company",
    "role",
    "interviewer",
    "interview_date",
    "decision_expected",
    "status",
    "application_date",
    "preferred_channel",
    *STATE_COLUMNS,
)
FOLLOWUP_FIELDS: tuple[str, ...] = (
    "followup_id",
    "interview_id",
    "date",
    "purpose",
    "channel",
    "outcome",
)
# The next-step columns `next_steps` adds to the interviews table, in the reserved namespace so
# a user's own `next_step` column is never mistaken for them.
NEXT_STEP = f"{COMPUTED_PREFIX}next_step"
NEXT_DATE = f"{COMPUTED_PREFIX}next_date"
QUIET = "quiet"
QUIET_AFTER_DAYS = 42
# The channels a thank-you can take: the interview's preferred one when it is one of these.
THANK_YOU_CHANNELS: tuple[str, ...] = (vocab.EMAIL, "Handwritten note")
CHECK_IN_AFTER_DECISION = (1, 2)
CHECK_IN_AFTER_INTERVIEW = (5, 7)
# One to two weeks after applying: the most common answer of HR managers asked how long to wait.
CHECK_IN_AFTER_APPLICATION = (5, 10)
# The answer to an offer: its window opens this many business days before the deadline.
OFFER_REPLY_NOTICE = 2


@once_per_tracker
def _by_day(tracker: Tracker) -> dict[object, pd.DataFrame]:
    """Figures of one tracker by day (a tracker never changes in place, so they stay true)."""
    return {}


@once_per_tracker
def _own(tracker: Tracker) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The interviews and follow-ups cut to `INTERVIEW_FIELDS` and `FOLLOWUP_FIELDS`."""
    interviews = tracker.interviews
    empty = pd.Series(None, index=interviews.index, dtype="str")
    # A file without the reminder state columns reads as nothing snoozed or dismissed.
    state = {c: interviews[c] if c in interviews.columns else empty for c in STATE_COLUMNS}
    contract = [c for c in INTERVIEW_FIELDS if c not in STATE_COLUMNS]
    own = interviews.loc[:, contract].assign(**state)
    return own, tracker.followups.loc[:, list(FOLLOWUP_FIELDS)]


def business_days_after(day: dt.date, count: int) -> dt.date:
    """The `count`-th business day after `day` (a weekend day counts from the Friday before)."""
    moved = np.busday_offset(np.datetime64(day, "D"), count, roll="backward")
    return moved.astype(dt.date)


def reminder_key(item: pd.Series | dict) -> str:
    """How a reminder is named in the `dismissed` column: its kind, or its planned follow-up id."""
    return str(item["followup_id"]) if item["kind"] == PLANNED else str(item["kind"])


def dismissed_keys(cell: object) -> set[str]:
    """The reminder keys of one `dismissed` cell."""
    if not isinstance(cell, str):
        return set()
    return {key.strip() for key in cell.split(",") if key.strip()}


def dismissed_cell(keys: set[str]) -> str | None:
    """The `dismissed` cell for `keys` (sorted, so the file does not churn); None when empty."""
    return ",".join(sorted(keys)) or None


def _stages(interviews: pd.DataFrame) -> pd.Series:
    stages = interviews["status"].fillna(vocab.DEFAULT_STATUS).map(vocab.STAGE_OF_STATUS)
    return stages.fillna(vocab.INTERVIEW_STAGE)


def _open(interviews: pd.DataFrame, stages: pd.Series, current: pd.DataFrame) -> pd.Series:
    replied = set(current.loc[current["outcome"] == vocab.REPLIED, "interview_id"])
    chasing = stages.isin((vocab.APPLICATION_STAGE, vocab.INTERVIEW_STAGE))
    return (stages != vocab.CLOSED_STAGE) & ~(chasing & interviews["interview_id"].isin(replied))


@once_per_tracker
def _current(tracker: Tracker) -> tuple[pd.Series, pd.DataFrame]:
    """Each interview's stage, and the follow-ups of the stage each interview is in."""
    interviews, followups = _own(tracker)
    stages = _stages(interviews)
    return stages, _of_current_stage(interviews, stages, followups)


@once_per_tracker
def open_interviews(tracker: Tracker) -> pd.Series:
    """True for each row that can still get reminders: not closed, no reply in its stage."""
    stages, current = _current(tracker)
    return _open(_own(tracker)[0], stages, current)


@once_per_tracker
def last_activity(tracker: Tracker) -> pd.Series:
    """Each row's latest date: applied, interviewed, decision expected, any follow-up."""
    interviews, followups = _own(tracker)
    latest = followups.groupby("interview_id")["date"].max()
    dtype = interviews["interview_date"].dtype
    mapped = latest.reindex(interviews["interview_id"]).astype(dtype)
    # fmax skips NaT, so a missing date or no follow-up does not blank the latest.
    newest = mapped.to_numpy()
    for column in ("application_date", "interview_date", "decision_expected"):
        newest = np.fmax(newest, interviews[column].astype(dtype).to_numpy())
    return pd.Series(newest, index=interviews.index)


def quiet_mask(tracker: Tracker, today: dt.date) -> pd.Series:
    """True for each open row that has gone quiet (no activity for six weeks, or marked)."""
    memo = _by_day(tracker)
    if ("quiet_mask", today) not in memo:  # pragma: no mutate (another name: computed again)
        memo[("quiet_mask", today)] = _quiet_mask(tracker, today)
    return memo[("quiet_mask", today)]


def _quiet_mask(tracker: Tracker, today: dt.date) -> pd.Series:
    cutoff = pd.Timestamp(today) - pd.Timedelta(days=QUIET_AFTER_DAYS)
    marked = _own(tracker)[0][DISMISSED_COLUMN].map(lambda cell: QUIET in dismissed_keys(cell))
    stale = (last_activity(tracker) < cutoff) | marked.astype(bool)
    return open_interviews(tracker) & stale


def gone_quiet(tracker: Tracker, today: dt.date) -> pd.DataFrame:
    """The open rows gone quiet, most recent first: company, role, last activity, id."""
    memo = _by_day(tracker)
    if ("quiet", today) not in memo:  # pragma: no mutate (another name: computed again)
        memo[("quiet", today)] = _gone_quiet(tracker, today)
    return memo[("quiet", today)].copy()


def _gone_quiet(tracker: Tracker, today: dt.date) -> pd.DataFrame:
    interviews = _own(tracker)[0]
    mask = quiet_mask(tracker, today)
    frame = pd.DataFrame(
        {
            "company": interviews["company"],
            "role": interviews["role"],
            "last_activity": last_activity(tracker).dt.date,
            "interview_id": interviews["interview_id"],
        }
    )[mask.to_numpy()]
    ordered = frame.sort_values("last_activity", ascending=False, kind="stable")
    return ordered.reset_index(drop=True)


def due_items(tracker: Tracker, today: dt.date) -> pd.DataFrame:
    """Every open reminder, most urgent first, with columns `DUE_COLUMNS`.

    Dismissed reminders and gone-quiet rows are left out; snoozed ones start on their date.
    Computed once per tracker and day (a page draws it, the next-step column and the counts).
    """
    memo = _by_day(tracker)
    if ("due", today) not in memo:  # pragma: no mutate (another name: computed again)
        memo[("due", today)] = _due_items(tracker, today)
    return memo[("due", today)].copy()


def _due_items(tracker: Tracker, today: dt.date) -> pd.DataFrame:
    interviews, followups = _own(tracker)
    stages, current = _current(tracker)
    is_open = open_interviews(tracker) & ~quiet_mask(tracker, today)
    # The interview's position keeps each interview's reminders together, in a fixed order.
    open_ = interviews[is_open].assign(_order=np.arange(int(is_open.sum())), _stage=stages[is_open])
    who = open_["interviewer"].where(open_["interviewer"].str.strip().str.len() > 0)
    open_ = open_.assign(_who=who.fillna("the interviewer"))
    preferred = open_["preferred_channel"]
    open_ = open_.assign(
        _thanks_by=preferred.where(preferred.isin(THANK_YOU_CHANNELS), vocab.EMAIL),
        _check_by=preferred.fillna(vocab.EMAIL),
    )
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
    frame = _without_dismissed(frame, interviews)
    frame = _snoozed(frame, interviews, today)
    return _with_status(frame.loc[:, [c for c in DUE_COLUMNS if c != "status"]], today)


def _without_dismissed(frame: pd.DataFrame, interviews: pd.DataFrame) -> pd.DataFrame:
    cells = interviews[DISMISSED_COLUMN]
    has = cells.notna()
    if not has.any() or frame.empty:
        return frame
    keys = dict(
        zip(interviews.loc[has, "interview_id"], cells[has].map(dismissed_keys), strict=True)
    )
    own = [
        reminder_key(item) in keys.get(item["interview_id"], ())
        for item in frame[["interview_id", "kind", "followup_id"]].to_dict("records")
    ]
    return frame[~np.array(own, dtype=bool)].reset_index(drop=True)


def _snoozed(frame: pd.DataFrame, interviews: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """Hide reminders snoozed past `today`; move the window of those whose snooze has ended."""
    until = pd.to_datetime(interviews[SNOOZED_COLUMN], format="%Y-%m-%d", errors="coerce")
    by_id = pd.Series(until.to_numpy(), index=interviews["interview_id"]).dropna()
    if by_id.empty or frame.empty:
        return frame.assign(snoozed=None)
    snoozed = by_id.reindex(frame["interview_id"]).dt.date.to_numpy()
    frame = frame.assign(snoozed=snoozed)
    later = frame["snoozed"].notna() & (frame["snoozed"] > today)
    frame = frame[~later].copy()
    woken = frame["snoozed"].notna()
    snooze = frame.loc[woken, "snoozed"]
    frame.loc[woken, "starts"] = np.maximum(frame.loc[woken, "starts"], snooze)
    frame.loc[woken, "due"] = np.maximum(frame.loc[woken, "due"], snooze)
    return frame.reset_index(drop=True)


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
            "channel": planned["channel"],
            "purpose": planned["purpose"],
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
            "channel": todo["_thanks_by"],
            "purpose": PURPOSE_OF_KIND[THANK_YOU],
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
            "channel": todo["_check_by"],
            "purpose": PURPOSE_OF_KIND[CHECK_IN],
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
            "channel": vocab.EMAIL,
            "purpose": PURPOSE_OF_KIND[APPLICATION_CHECK_IN],
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
            "channel": todo["_check_by"],
            "purpose": PURPOSE_OF_KIND[OFFER_REPLY],
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
    text = ("company", "role", "todo", "interview_id", "kind", "followup_id", "channel", "purpose")
    for column in text:
        ordered[column] = ordered[column].astype("str")
    return ordered


def snoozed_count(tracker: Tracker, today: dt.date) -> int:
    """How many open rows are snoozed past `today`."""
    memo = _by_day(tracker)
    if ("snoozed", today) not in memo:  # pragma: no mutate (another name: computed again)
        column = _own(tracker)[0][SNOOZED_COLUMN]
        until = pd.to_datetime(column, format="%Y-%m-%d", errors="coerce")
        memo[("snoozed", today)] = int(
            ((until > pd.Timestamp(today)) & open_interviews(tracker)).sum()
        )
    return memo[("snoozed", today)]


@once_per_tracker
def dismissed_count(tracker: Tracker) -> int:
    """How many reminders are dismissed (the "quiet" mark not counted)."""
    cells = _own(tracker)[0][DISMISSED_COLUMN].dropna()
    return sum(len(dismissed_keys(cell) - {QUIET}) for cell in cells)


def next_steps(tracker: Tracker, today: dt.date) -> pd.DataFrame:
    """Each row's next step: the most urgent reminder's text and due date, by interview id.

    Columns `NEXT_STEP` and `NEXT_DATE`. Rows gone quiet say so; closed ones, and open ones with
    nothing due, have none.
    """
    memo = _by_day(tracker)
    if ("next", today) not in memo:
        items = due_items(tracker, today)
        first = items.sort_values("due", kind="stable").drop_duplicates("interview_id")
        steps = pd.DataFrame(
            {NEXT_STEP: first["todo"].to_numpy(), NEXT_DATE: first["due"].to_numpy()},
            index=pd.Index(first["interview_id"].to_numpy(), name="interview_id"),
        )
        quiet = gone_quiet(tracker, today)["interview_id"]
        steps = steps.reindex(tracker.interviews["interview_id"])
        steps.loc[steps.index.isin(quiet), NEXT_STEP] = "Gone quiet: no reply for six weeks"
        steps[NEXT_DATE] = pd.to_datetime(steps[NEXT_DATE]).astype("datetime64[us]")
        steps[NEXT_STEP] = steps[NEXT_STEP].astype("str")
        memo[("next", today)] = steps
    return memo[("next", today)]
