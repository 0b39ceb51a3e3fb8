"""The tracker: interviews and their follow-ups as two pandas tables, changed by id.

Dtypes (the README's "Data files" contract):
- text columns, ids and any column the app does not know: pandas `str`, missing = NaN;
  an empty string counts as missing (a CSV cannot tell them apart);
- date columns (`interview_date`, `decision_expected`, `application_date`, `date`):
  `datetime64[us]` at midnight, missing = NaT. `st.data_editor`'s DateColumn edits these
  directly and the CSV writes them as YYYY-MM-DD.

Every operation returns a new `Tracker` and leaves its argument unchanged. Invalid input raises
`TrackerError` (a ValueError) with a message for the user.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import re
import urllib.parse
import uuid
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from followup import csvformat, vocab

DATE_DTYPE = "datetime64[us]"
TEXT_DTYPE = "str"
# What "str" stands for here (pandas' Arrow-backed text): "str" also equals its Python-backed form.
_TEXT = pd.api.types.pandas_dtype(TEXT_DTYPE)
# The dates the tracker takes: wide for any job search, and far from the ends of what Python,
# pandas and calendars can count (9999-12-31 plus a day, or year 0, break them).
MIN_DATE = dt.date(1900, 1, 1)
MAX_DATE = dt.date(2199, 12, 31)
_MIN_DAY = pd.Timestamp(MIN_DATE)
_MAX_DAY = pd.Timestamp(MAX_DATE)
INTERVIEW_DATES: tuple[str, ...] = ("interview_date", "decision_expected", "application_date")
FOLLOWUP_DATES: tuple[str, ...] = ("date",)
DEFAULT_STATUS = vocab.DEFAULT_STATUS
# Rows shipped in data/sample_tracker/ carry ids with this prefix; our own ids are hex.
SAMPLE_PREFIX = "sample-"
# Columns the app computes for display carry this prefix, which no saved column may: a column
# added by hand (`calls`, `_order`, anything) can then never be mistaken for a computed one.
COMPUTED_PREFIX = "followup:"
CALLS = f"{COMPUTED_PREFIX}calls"
TOO_MANY_CALLS = f"{COMPUTED_PREFIX}too_many_calls"

LABELS = {
    "interview_id": "interview id",
    "company": "company",
    "role": "role",
    "interviewer_email": "interviewer email",
    "interview_date": "interview date",
    "decision_expected": "decision expected",
    "status": "status",
    "preferred_channel": "preferred channel",
    "followup_id": "follow-up id",
    "date": "date",
    "channel": "channel",
    "purpose": "purpose",
    "outcome": "outcome",
    "application_date": "application date",
    "job_url": "job link",
}
# The statuses whose row needs that date; any row needs at least one of the two dates.
NEEDS_INTERVIEW_DATE: frozenset[str] = frozenset(
    status for status, stage in vocab.STAGE_OF_STATUS.items() if stage == vocab.INTERVIEW_STAGE
)
NEEDS_APPLICATION_DATE: frozenset[str] = frozenset(
    status for status, stage in vocab.STAGE_OF_STATUS.items() if stage == vocab.APPLICATION_STAGE
)
WEB_SCHEMES: tuple[str, ...] = ("http", "https")
# Every value this matches is a web link by `is_web_link` (the reverse need not hold).
_PLAIN_WEB_LINK = r"(?i)https?://[a-z0-9.-]+(?::[0-9]+)?(?:[/?#][\x21-\x7e]*)?"
INTERVIEW_CHOICES: dict[str, tuple[str, ...]] = {
    "status": vocab.STATUSES,
    "preferred_channel": vocab.CHANNELS,
}
FOLLOWUP_CHOICES: dict[str, tuple[str, ...]] = {
    "channel": vocab.CHANNELS,
    "purpose": vocab.PURPOSES,
    "outcome": vocab.OUTCOMES,
}
REQUIRED_FOLLOWUP_FIELDS: tuple[str, ...] = (
    "interview_id",
    "date",
    "channel",
    "purpose",
    "outcome",
)


# Control characters but tab, line feed and carriage return; DEL and C1; lone surrogates.
_UNSTORABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


class TrackerError(ValueError):
    """A change the tracker refuses; the message is written for the user."""


@dataclass(frozen=True)
class Tracker:
    """Interviews and follow-ups, one row each, keyed by `interview_id` / `followup_id`."""

    interviews: pd.DataFrame
    followups: pd.DataFrame
    # What `once_per_tracker` functions and `last_derived` computed from this tracker. A Tracker
    # is never changed in place (every operation returns a new one), so a figure computed once
    # stays true; a session keeps its tracker while the files are unchanged, so a rerun reuses
    # them.
    _derived: dict[object, object] = dataclasses.field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __getstate__(self) -> dict[str, object]:
        # A copy (st.cache_data, serialisable session state) carries the tables, not the figures
        # computed from them: those are a cache, keyed by functions that do not pickle.
        return {"interviews": self.interviews, "followups": self.followups}

    def __setstate__(self, state: dict[str, object]) -> None:
        for name, value in {**state, "_derived": {}}.items():
            object.__setattr__(self, name, value)

    @classmethod
    def empty(cls) -> Tracker:
        """A tracker with no rows and the contract's columns."""
        return cls(
            _empty_frame(vocab.INTERVIEW_COLUMNS, INTERVIEW_DATES),
            _empty_frame(vocab.FOLLOWUP_COLUMNS, FOLLOWUP_DATES),
        )

    @classmethod
    def from_frames(cls, interviews: pd.DataFrame, followups: pd.DataFrame) -> Tracker:
        """Build a tracker from two tables: contract columns first, explicit dtypes, validated."""
        tracker = cls.conformed(interviews, followups)
        validate(tracker)
        return tracker

    @classmethod
    def conformed(cls, interviews: pd.DataFrame, followups: pd.DataFrame) -> Tracker:
        """`from_frames` without `validate`, for a caller that checks each table itself."""
        return cls(
            _conform(interviews, vocab.INTERVIEW_COLUMNS, INTERVIEW_DATES),
            _conform(followups, vocab.FOLLOWUP_COLUMNS, FOLLOWUP_DATES),
        )


Derived = TypeVar("Derived")


def once_per_tracker(compute: Callable[[Tracker], Derived]) -> Callable[[Tracker], Derived]:
    """Decorate a function of a tracker so it runs once per tracker; callers must not mutate."""

    @functools.wraps(compute)
    def remembered(tracker: Tracker) -> Derived:
        memo = tracker._derived
        if compute not in memo:
            memo[compute] = compute(tracker)
        return memo[compute]  # type: ignore[return-value]

    return remembered


def last_derived(
    tracker: Tracker, slot: str, args: Hashable, compute: Callable[[], Derived]
) -> Derived:
    """`compute()`, kept with `tracker` for `args` until asked for other `args`; do not mutate.

    For what a page derives from a tracker and a visitor's choices (a day, a search): a rerun
    with the same tracker and the same choices reuses it, and only the last choices are kept
    per slot, so typing searches does not grow the cache.
    """
    kept = tracker._derived.get(slot)
    if not (isinstance(kept, tuple) and kept[0] == args):
        kept = (args, compute())
        tracker._derived[slot] = kept
    return kept[1]  # type: ignore[return-value]


def new_id(taken: Iterable[str] = ()) -> str:
    """A fresh 12-hex-digit id, never one of `taken`."""
    used = taken if isinstance(taken, set | frozenset) else set(taken)
    while True:
        candidate = uuid.uuid4().hex[:12]
        if candidate not in used:
            return candidate


# Marks a tracker `validate` passed, or one built from such a tracker by changes it checked.
_VALID = "valid"


def validate(tracker: Tracker) -> None:
    """Raise TrackerError when an id is missing or repeated or a row breaks the contract."""
    # A tracker never changes in place: checked once, it stays valid (a save checks the
    # tracker it makes, and adding a row already checked that row against the rest).
    if tracker._derived.get(_VALID):
        return
    check_interviews(tracker.interviews)
    check_followups(tracker.followups)
    tracker._derived[_VALID] = True


def check_interviews(frame: pd.DataFrame, *, lines_checked: bool = False) -> None:
    """Raise TrackerError ("Row 3: ...") for the first bad row or id of an interviews table.

    `lines_checked`: the table was just read by `csvformat`, which refuses runaway lines itself.
    """
    _check_column_names(frame)
    if len(frame) == 0:
        return
    if not lines_checked:
        _check_line_breaks(frame, INTERVIEW_DATES)
    suspects = _suspect_rows(frame, vocab.REQUIRED_INTERVIEW_FIELDS, INTERVIEW_CHOICES)
    suspects |= _suspect_stage_rows(frame)
    _check_table(frame, "interview_id", check_interview, suspects)


def check_followups(frame: pd.DataFrame, *, lines_checked: bool = False) -> None:
    """Raise TrackerError ("Row 3: ...") for the first bad row or id of a follow-ups table.

    `lines_checked`: as for `check_interviews`.
    """
    _check_column_names(frame)
    if len(frame) == 0:
        return
    if not lines_checked:
        _check_line_breaks(frame, FOLLOWUP_DATES)
    suspects = _suspect_rows(frame, REQUIRED_FOLLOWUP_FIELDS, FOLLOWUP_CHOICES)
    _check_table(frame, "followup_id", check_followup, suspects)


def check_interview(row: Mapping[str, object]) -> None:
    """Raise TrackerError when an interview row misses a required field or a known value."""
    for field in vocab.REQUIRED_INTERVIEW_FIELDS:
        if _missing(row.get(field)):
            raise TrackerError(f"The {LABELS[field]} is required.")
    _check_choices(row, INTERVIEW_CHOICES)
    _check_stage_dates(row)
    _check_date_range(row, INTERVIEW_DATES)
    link = row.get("job_url")
    if not _missing(link) and not is_web_link(link):
        raise TrackerError(
            f"The job link {link!r} is not a web address: it must start with http:// or https://."
        )


def is_web_link(value: object) -> bool:
    """True for an http or https address with a host (the only links the app shows)."""
    if not isinstance(value, str) or value != value.strip() or not value.isprintable():
        return False
    try:
        parts = urllib.parse.urlsplit(value)
    except ValueError:
        return False
    return parts.scheme.lower() in WEB_SCHEMES and bool(parts.hostname) and " " not in value


def _check_stage_dates(row: Mapping[str, object]) -> None:
    """An interview needs its date, an application its own; every row needs one of the two."""
    status = DEFAULT_STATUS if _missing(row.get("status")) else row.get("status")
    if status in NEEDS_INTERVIEW_DATE and _missing(row.get("interview_date")):
        raise TrackerError(
            f"The interview date is required once an interview is set (status {status})."
        )
    if status in NEEDS_APPLICATION_DATE and _missing(row.get("application_date")):
        raise TrackerError(f"The application date is required for the status {status}.")
    if _missing(row.get("interview_date")) and _missing(row.get("application_date")):
        raise TrackerError("Give the application date or the interview date.")


def check_followup(row: Mapping[str, object]) -> None:
    """Raise TrackerError when a follow-up row misses a required field or a known value."""
    for field in REQUIRED_FOLLOWUP_FIELDS:
        if _missing(row.get(field)):
            raise TrackerError(f"The follow-up's {LABELS[field]} is required.")
    _check_choices(row, FOLLOWUP_CHOICES)
    _check_date_range(row, FOLLOWUP_DATES, "follow-up's ")


def add_interview(tracker: Tracker, row: Mapping[str, object]) -> Tracker:
    """Add one interview; its id is `row["interview_id"]` when given, else a new one."""
    # The values go to the row checks as given, not through a DataFrame: pandas would refuse a
    # lone surrogate or a date past its range before any message could name it.
    return _add_interview_rows(tracker, [dict(row)])


def add_interviews(tracker: Tracker, rows: pd.DataFrame) -> Tracker:
    """Add interview rows (model columns, python values; ids optional); all or none are added."""
    return _add_interview_rows(tracker, rows.to_dict("records"))


def _add_interview_rows(tracker: Tracker, rows: list[dict[str, object]]) -> Tracker:
    records = []
    taken = set(tracker.interviews["interview_id"].dropna().tolist())
    for position, raw in enumerate(rows, start=1):
        record = _clean_row(raw, INTERVIEW_DATES)
        if _missing(record.get("status")):
            record["status"] = DEFAULT_STATUS
        if _missing(record.get("interview_id")):
            record["interview_id"] = new_id(taken)
        elif record["interview_id"] in taken:
            raise TrackerError(f"An interview with id {record['interview_id']} already exists.")
        if len(rows) == 1:
            check_interview(record)
        else:
            _check_row(position, check_interview, record)
        taken.add(record["interview_id"])
        records.append(record)
    if not records:
        return tracker
    interviews = _append(tracker.interviews, records, vocab.INTERVIEW_COLUMNS, INTERVIEW_DATES)
    _check_line_breaks(
        interviews, INTERVIEW_DATES, rows=range(len(tracker.interviews), len(interviews))
    )
    added = Tracker(interviews, tracker.followups)
    # Each new row was checked above (fields, id, line breaks) and the others were valid: a
    # save need not check the whole table again for one row added.
    if tracker._derived.get(_VALID):
        _check_column_names(interviews)
        added._derived[_VALID] = True
    return added


def update_interviews(tracker: Tracker, changes: Mapping[str, Mapping[str, object]]) -> Tracker:
    """Apply `{interview_id: {column: value}}`; every id must exist and every row stay valid."""
    interviews = _apply_changes(
        tracker.interviews, "interview_id", changes, INTERVIEW_DATES, check_interview, "interview"
    )
    return Tracker(interviews, tracker.followups)


def delete_interview(tracker: Tracker, interview_id: str) -> Tracker:
    """Remove an interview and its follow-ups; an id that is already gone changes nothing."""
    interviews = tracker.interviews[tracker.interviews["interview_id"] != interview_id]
    followups = tracker.followups[tracker.followups["interview_id"] != interview_id]
    return Tracker(interviews.reset_index(drop=True), followups.reset_index(drop=True))


def add_followup(tracker: Tracker, row: Mapping[str, object]) -> Tracker:
    """Log one follow-up for an existing interview; its id is generated unless given."""
    record = _clean_row(row, FOLLOWUP_DATES)
    check_followup(record)
    if not (tracker.interviews["interview_id"] == record["interview_id"]).any():
        raise TrackerError("That interview no longer exists; it may have been deleted elsewhere.")
    taken = set(tracker.followups["followup_id"].dropna().tolist())
    if _missing(record.get("followup_id")):
        record["followup_id"] = new_id(taken)
    elif record["followup_id"] in taken:
        raise TrackerError(f"A follow-up with id {record['followup_id']} already exists.")
    followups = _append(tracker.followups, [record], vocab.FOLLOWUP_COLUMNS, FOLLOWUP_DATES)
    _check_line_breaks(
        followups, FOLLOWUP_DATES, rows=range(len(tracker.followups), len(followups))
    )
    return Tracker(tracker.interviews, followups)


def update_followups(tracker: Tracker, changes: Mapping[str, Mapping[str, object]]) -> Tracker:
    """Apply `{followup_id: {column: value}}`; every id must exist and every row stay valid."""
    if any("interview_id" in change for change in changes.values()):
        raise TrackerError("A follow-up cannot be moved to another interview.")
    followups = _apply_changes(
        tracker.followups, "followup_id", changes, FOLLOWUP_DATES, check_followup, "follow-up"
    )
    return Tracker(tracker.interviews, followups)


def delete_followups(tracker: Tracker, followup_ids: Iterable[str]) -> Tracker:
    """Remove follow-ups by id; ids that are already gone change nothing."""
    gone = set(followup_ids)
    followups = tracker.followups[~tracker.followups["followup_id"].isin(gone)]
    return Tracker(tracker.interviews, followups.reset_index(drop=True))


def table_changes(
    before: pd.DataFrame, after: pd.DataFrame
) -> tuple[dict[str, dict[str, object]], list[str]]:
    """Compare two id-indexed tables: `({id: {column: new value}}, [ids no longer in after])`."""
    changes: dict[str, dict[str, object]] = {}
    columns = [column for column in before.columns if column in after.columns]
    common = before.index.intersection(after.index)
    for row_id in _rows_that_may_differ(before.loc[common, columns], after.loc[common, columns]):
        old, new = before.loc[row_id, columns], after.loc[row_id, columns]
        changed = {
            column: _python(new[column])
            for column in columns
            if not _same(old[column], new[column])
        }
        if changed:
            changes[str(row_id)] = changed
    deleted = [str(row_id) for row_id in before.index.difference(after.index)]
    return changes, deleted


def _rows_that_may_differ(old: pd.DataFrame, new: pd.DataFrame) -> pd.Index:
    """Ids of rows not equal cell for cell by a vectorised test: every changed row, maybe more.

    Comparing a large table row by row took seconds on every rerun of the tracker page; the
    exact comparison (`_same`) now runs on these rows only.
    """
    try:
        equal = (old == new) | (old.isna() & new.isna())
    except (TypeError, ValueError):
        return old.index
    return old.index[~equal.all(axis=1).to_numpy()]


@once_per_tracker
def revision(tracker: Tracker) -> str:
    """A short fingerprint of the content; it changes whenever any cell changes."""
    digest = hashlib.sha256()
    for frame in (tracker.interviews, tracker.followups):
        digest.update("\x1f".join(frame.columns).encode())
        digest.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
    return digest.hexdigest()[:12]


@once_per_tracker
def newest_first(tracker: Tracker) -> pd.DataFrame:
    """The interviews, latest first: by interview date, else application date (ties keep order)."""
    interviews = tracker.interviews
    when = interviews["interview_date"].fillna(interviews["application_date"])
    order = when.sort_values(ascending=False, kind="stable").index
    return interviews.loc[order]


@once_per_tracker
def interviews_with_calls(tracker: Tracker) -> pd.DataFrame:
    """The interviews newest first, indexed by id, with `CALLS` made and `TOO_MANY_CALLS` (> 1)."""
    table = newest_first(tracker).set_index("interview_id")
    table[CALLS] = calls_per_interview(tracker).reindex(table.index)
    table[TOO_MANY_CALLS] = table[CALLS] > 1
    return table


def interview_label(row: Mapping[str, object]) -> str:
    """How an interview is named in pickers: company, role and date (of applying, if none)."""
    return interview_labels(pd.DataFrame([dict(row)]).assign(interview_id="row"))["row"]


@once_per_tracker
def picker_labels(tracker: Tracker) -> dict[str, str]:
    """`interview_label` of every interview by id, newest first: what pickers offer."""
    return interview_labels(newest_first(tracker))


def interview_labels(interviews: pd.DataFrame) -> dict[str, str]:
    """`interview_label` of every row, by interview id, in the frame's order."""
    interviewed = pd.to_datetime(interviews["interview_date"]).dt.strftime("%Y-%m-%d")
    if "application_date" in interviews.columns:
        applied = pd.to_datetime(interviews["application_date"]).dt.strftime("applied %Y-%m-%d")
        interviewed = interviewed.fillna(applied)
    when = interviewed.fillna("no date")
    labels = interviews["company"] + " · " + interviews["role"] + " · " + when
    return dict(zip(interviews["interview_id"].tolist(), labels.tolist(), strict=True))


def followups_of(tracker: Tracker, interview_id: str) -> pd.DataFrame:
    """The follow-ups of one interview, oldest first."""
    mine = tracker.followups[tracker.followups["interview_id"] == interview_id]
    return mine.sort_values("date", kind="stable").reset_index(drop=True)


def phone_calls(tracker: Tracker, interview_id: str, *, planned: bool = False) -> pd.DataFrame:
    """The phone calls made for one interview, that is one round (or, with `planned`, planned)."""
    mine = followups_of(tracker, interview_id)
    is_planned = mine["outcome"] == vocab.PLANNED
    calls = mine[(mine["channel"] == vocab.PHONE_CALL) & (is_planned if planned else ~is_planned)]
    return calls.reset_index(drop=True)


def would_be_second_call(
    tracker: Tracker, interview_id: str, channel: str, outcome: str = vocab.PLANNED
) -> bool:
    """True when a `channel` follow-up with `outcome` would be a second call in this round.

    A call already made makes any new call a second one. A planned call only clashes with
    another planned call: logging how the planned call went is that same call.
    """
    if channel != vocab.PHONE_CALL:
        return False
    if not phone_calls(tracker, interview_id).empty:
        return True
    return outcome == vocab.PLANNED and not phone_calls(tracker, interview_id, planned=True).empty


@once_per_tracker
def calls_per_interview(tracker: Tracker) -> pd.Series:
    """Number of phone calls made for each interview, indexed by interview_id (0 when none)."""
    followups = tracker.followups
    calls = followups[
        (followups["channel"] == vocab.PHONE_CALL) & (followups["outcome"] != vocab.PLANNED)
    ]
    counts = calls.groupby("interview_id").size()
    ids = tracker.interviews["interview_id"]
    return counts.reindex(ids, fill_value=0).rename("calls").astype("int64")


def linked_followups(tracker: Tracker) -> pd.DataFrame:
    """The follow-ups whose interview is in the tracker (a file edited by hand may hold others)."""
    followups = tracker.followups
    linked = followups["interview_id"].isin(tracker.interviews["interview_id"])
    return followups if linked.all() else followups[linked]


def made(tracker: Tracker) -> pd.DataFrame:
    """The linked follow-ups made: every outcome but Planned. One definition for every count."""
    followups = linked_followups(tracker)
    return followups[followups["outcome"] != vocab.PLANNED]


def followups_by_channel(tracker: Tracker) -> pd.DataFrame:
    """Follow-ups made (not just planned) per channel, every channel listed: channel, followups."""
    made_ = made(tracker)
    counts = made_["channel"].value_counts().reindex(list(vocab.CHANNELS), fill_value=0)
    return pd.DataFrame(
        {
            "channel": pd.Series(vocab.CHANNELS, dtype=TEXT_DTYPE),
            "followups": counts.to_numpy(dtype="int64"),
        }
    )


def reply_rate_by_channel(tracker: Tracker) -> pd.DataFrame:
    """Per channel: follow-ups made, how many got a reply (outcome Replied), and the rate (NaN
    when none was made on that channel)."""
    made_ = made(tracker)
    total = made_["channel"].value_counts().reindex(list(vocab.CHANNELS), fill_value=0)
    replied = made_.loc[made_["outcome"] == vocab.REPLIED, "channel"].value_counts()
    replies = replied.reindex(list(vocab.CHANNELS), fill_value=0)
    rate = (replies / total.where(total > 0)).to_numpy(dtype="float64")
    return pd.DataFrame(
        {
            "channel": pd.Series(vocab.CHANNELS, dtype=TEXT_DTYPE),
            "made": total.to_numpy(dtype="int64"),
            "replies": replies.to_numpy(dtype="int64"),
            "reply_rate": rate,
        }
    )


FUNNEL_STAGES: tuple[str, ...] = ("Tracked", "Interviewed", "Next round or further", "Offer")


def funnel(tracker: Tracker) -> pd.DataFrame:
    """How far jobs got: all rows, those with an interview, those past the first round (Next
    round or Offer), offers; stage and jobs. A rejected or withdrawn row counts as far as its
    dates show (applied, or interviewed)."""
    interviews = tracker.interviews
    status = interviews["status"]
    further = status.isin(("Next round", "Offer"))
    counts = [
        len(status),
        int((interviews["interview_date"].notna() | further).sum()),
        int(further.sum()),
        int((status == "Offer").sum()),
    ]
    return pd.DataFrame(
        {"stage": pd.Series(FUNNEL_STAGES, dtype=TEXT_DTYPE), "jobs": counts}
    ).astype({"jobs": "int64"})


def interviews_by_status(tracker: Tracker) -> pd.DataFrame:
    """Interviews per status, every status listed: status, interviews."""
    counts = tracker.interviews["status"].value_counts().reindex(list(vocab.STATUSES), fill_value=0)
    return pd.DataFrame(
        {
            "status": pd.Series(vocab.STATUSES, dtype=TEXT_DTYPE),
            "interviews": counts.to_numpy(dtype="int64"),
        }
    )


def reply_rate(tracker: Tracker) -> float | None:
    """Share of followed-up interviews that got a reply; None before any follow-up is made."""
    made_ = made(tracker)
    followed_up = set(made_["interview_id"])
    if not followed_up:
        return None
    replied = set(made_.loc[made_["outcome"] == vocab.REPLIED, "interview_id"]) & followed_up
    return len(replied) / len(followed_up)


def remove_sample(tracker: Tracker) -> Tracker:
    """Drop the sample rows (ids starting `sample-`) and their follow-ups; keep everything else."""
    sample_interviews = tracker.interviews["interview_id"].str.startswith(SAMPLE_PREFIX)
    gone = set(tracker.interviews.loc[sample_interviews, "interview_id"])
    followups = tracker.followups
    keep = ~(
        followups["followup_id"].str.startswith(SAMPLE_PREFIX)
        | followups["interview_id"].isin(gone)
    )
    return Tracker(
        tracker.interviews[~sample_interviews].reset_index(drop=True),
        followups[keep].reset_index(drop=True),
    )


def has_sample(tracker: Tracker) -> bool:
    """True when the sample interviews are in the tracker."""
    return bool(tracker.interviews["interview_id"].str.startswith(SAMPLE_PREFIX).any())


def add_sample(tracker: Tracker, sample: Tracker, today: dt.date) -> Tracker:
    """Add the sample rows, dates moved so its latest interview was two days before `today`."""
    shift = pd.Timestamp(today) - pd.Timedelta(days=2) - sample.interviews["interview_date"].max()
    interviews = sample.interviews.copy()
    followups = sample.followups.copy()
    for column in INTERVIEW_DATES:
        interviews[column] = interviews[column] + shift
    followups["date"] = followups["date"] + shift
    cleared = remove_sample(tracker)
    return Tracker(
        _concat(cleared.interviews, interviews, vocab.INTERVIEW_COLUMNS, INTERVIEW_DATES),
        _concat(cleared.followups, followups, vocab.FOLLOWUP_COLUMNS, FOLLOWUP_DATES),
    )


def to_date(value: object, label: str = "date") -> pd.Timestamp:
    """A date, datetime or YYYY-MM-DD string as a midnight Timestamp; NaT when missing.

    Raise TrackerError for anything else, and for a date outside MIN_DATE..MAX_DATE.
    """
    if _missing(value):
        return pd.NaT
    if isinstance(value, str):
        text = value.strip()
        try:
            day = pd.Timestamp(dt.date.fromisoformat(text))
        except ValueError:
            if re.fullmatch(r"0000-\d\d-\d\d", text):
                raise _outside(label, text) from None
            raise TrackerError(
                f"The {label} {value!r} is not a date written as YYYY-MM-DD."
            ) from None
    elif isinstance(value, dt.date | np.datetime64):
        try:
            day = pd.Timestamp(value).normalize()
        except (ValueError, OverflowError):
            raise _outside(label, str(value)) from None
    else:
        raise TrackerError(f"The {label} {value!r} is not a date.")
    if not pd.isna(day) and not _MIN_DAY <= day <= _MAX_DAY:
        raise _outside(label, _iso(day))
    return day


def _outside(label: str, text: str) -> TrackerError:
    return TrackerError(
        f"The {label} {text} is outside the dates the tracker takes "
        f"({MIN_DATE.isoformat()} to {MAX_DATE.isoformat()})."
    )


def _iso(day: pd.Timestamp) -> str:
    # strftime cannot write every year a Timestamp holds (year 0, say).
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"


def _check_date_range(
    row: Mapping[str, object], date_columns: tuple[str, ...], whose: str = ""
) -> None:
    for field in date_columns:
        value = row.get(field)
        if isinstance(value, pd.Timestamp | dt.date) and not _missing(value):
            day = pd.Timestamp(value)
            if not _MIN_DAY <= day <= _MAX_DAY:
                raise _outside(whose + LABELS.get(field, field), _iso(day))


def _clean_row(row: Mapping[str, object], date_columns: tuple[str, ...]) -> dict[str, object]:
    record: dict[str, object] = {}
    for column, value in row.items():
        if column in date_columns:
            record[column] = to_date(value, LABELS.get(column, column))
        else:
            record[column] = _text(value)
    return record


def clean_text(text: str) -> str:
    """`text` without what a tracker file cannot keep: control characters and lone surrogates.

    Tab, line feed and carriage return stay (a note may hold them). The others (NUL, vertical
    tab, DEL, the C1 controls) are invisible in a form, often come with pasted text, and NUL would
    make the saved file unreadable; a lone surrogate has no UTF-8 form at all.
    """
    return _UNSTORABLE.sub("", text)


def _text(value: object) -> str | float:
    if _missing(value):
        return float("nan")
    text = clean_text(value if isinstance(value, str) else str(value))
    return text if text != "" else float("nan")


def _missing(value: object) -> bool:
    if value is None or value is pd.NaT:
        return True
    if isinstance(value, str):
        return value.strip() == ""
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _check_choices(row: Mapping[str, object], choices: Mapping[str, tuple[str, ...]]) -> None:
    for field, allowed in choices.items():
        value = row.get(field)
        if not _missing(value) and value not in allowed:
            raise TrackerError(
                f"The {LABELS[field]} {value!r} is not one of: {', '.join(allowed)}."
            )


def _check_line_breaks(
    frame: pd.DataFrame, date_columns: tuple[str, ...], rows: Iterable[int] | None = None
) -> None:
    """Refuse a cell with a line that would read, in the saved file, as a row of its own.

    The file could not then be told from one whose open quote swallowed the rows below it (which
    `csvformat` refuses), so such text is never saved. `rows` limits the check to some positions.
    """
    part = frame if rows is None else frame.iloc[list(rows)]
    if part.empty:
        return
    columns = [_arrow_text(part[column]) for column in part.columns]
    found = csvformat.runaway_cell(columns, list(part.columns), date_columns)
    if found is None:
        return
    row, position = found
    column = part.columns[position]
    dates = [list(part.columns).index(c) for c in date_columns if c in part.columns]
    line = csvformat.row_like_line(part.iloc[row, position], len(part.columns), dates)
    number = row + 1 if rows is not None else part.index[row] + 1
    where = "" if rows is not None and len(part) == 1 else f"Row {number}: "
    raise TrackerError(
        f"{where}The {LABELS.get(column, column)} holds a line that reads as a row of the "
        f"tracker's file ({line!r}); saved, it could not be told from a damaged file. Change "
        "or remove that line."
    )


def _arrow_text(values: pd.Series) -> pa.Array | pa.ChunkedArray:
    """A text column as Arrow, without a copy; an empty array for any other column."""
    if values.dtype != _TEXT:
        return pa.array([], pa.string())
    return pa.array(values.array)


def _check_column_names(frame: pd.DataFrame) -> None:
    for column in frame.columns:
        if not isinstance(column, str):
            raise TrackerError(f"The column name {column!r} is not text.")
        if column.startswith(COMPUTED_PREFIX):
            raise TrackerError(
                f"The column {column!r} starts with {COMPUTED_PREFIX!r}, which the app keeps for "
                "the figures it computes; rename the column."
            )


def _check_table(frame: pd.DataFrame, id_column: str, check, suspects: np.ndarray) -> None:
    ids = frame[id_column]
    if ids.isna().any():
        position = int(ids.isna().to_numpy().nonzero()[0][0]) + 1
        raise TrackerError(f"Row {position} has no {LABELS[id_column]}.")
    if not ids.is_unique:
        repeated = ids[ids.duplicated()]
        raise TrackerError(f"The {LABELS[id_column]} {repeated.iloc[0]!r} is used twice.")
    # Only the rows a vectorised pass flagged get the exact (per-row, Python) check.
    for position in suspects.nonzero()[0]:
        _check_row(int(position) + 1, check, frame.iloc[position].to_dict())


def _suspect_stage_rows(frame: pd.DataFrame) -> np.ndarray:
    """Rows whose dates might not fit their status, or whose job link might not be a web one."""

    def empty(column: str) -> np.ndarray:
        if column not in frame.columns:
            return np.ones(len(frame), dtype=bool)
        return frame[column].isna().to_numpy()

    if "status" in frame.columns:
        status = frame["status"].astype(TEXT_DTYPE).fillna(DEFAULT_STATUS)
    else:
        status = pd.Series(DEFAULT_STATUS, index=frame.index, dtype=TEXT_DTYPE)
    interview, applied = empty("interview_date"), empty("application_date")
    suspects = (interview & applied) | (status.isin(NEEDS_INTERVIEW_DATE).to_numpy() & interview)
    suspects |= status.isin(NEEDS_APPLICATION_DATE).to_numpy() & applied
    if "job_url" in frame.columns:
        links = frame["job_url"]
        # A plain ASCII web address passes without a Python check; the rest get the exact one.
        plain = links.str.fullmatch(_PLAIN_WEB_LINK, na=True).to_numpy(dtype=bool)
        bad = {link for link in links[~plain].unique() if not is_web_link(link)}
        if bad:
            suspects |= links.isin(bad).to_numpy()
    return suspects


def _suspect_rows(
    frame: pd.DataFrame, required: tuple[str, ...], choices: Mapping[str, tuple[str, ...]]
) -> np.ndarray:
    """Rows the row check might refuse (never fewer): a required cell empty, a choice unknown.

    Checking a large table row by row in Python took seconds; this pass is vectorised and the
    exact check then runs on the rows it flags only, so messages stay the same.
    """
    suspects = np.zeros(len(frame), dtype=bool)
    for field in required:
        if field not in frame.columns:
            return np.ones(len(frame), dtype=bool)
        values = frame[field]
        suspects |= values.isna().to_numpy()
        if values.dtype.kind == "M":
            continue
        # Python's own strip() on each distinct value, so "blank" means what `_missing` says.
        blank = {v for v in values.dropna().unique() if isinstance(v, str) and not v.strip()}
        if blank:
            suspects |= values.isin(blank).to_numpy()
    for field, allowed in choices.items():
        if field in frame.columns:
            values = frame[field]
            suspects |= (values.notna() & ~values.isin(allowed)).to_numpy()
    for field in (*INTERVIEW_DATES, *FOLLOWUP_DATES):
        if field in frame.columns and frame[field].dtype.kind == "M":
            values = frame[field]
            suspects |= ((values < _MIN_DAY) | (values > _MAX_DAY)).to_numpy()
    return suspects


def _check_row(position: int, check, row: Mapping[str, object]) -> None:
    try:
        check(row)
    except TrackerError as err:
        message = str(err)
        raise TrackerError(f"Row {position}: {message[0].lower()}{message[1:]}") from None


def _apply_changes(
    frame: pd.DataFrame,
    id_column: str,
    changes: Mapping[str, Mapping[str, object]],
    date_columns: tuple[str, ...],
    check,
    noun: str,
) -> pd.DataFrame:
    out = frame.copy()
    positions = {row_id: i for i, row_id in enumerate(out[id_column])}
    for row_id, change in changes.items():
        if row_id not in positions:
            raise TrackerError(f"That {noun} no longer exists; it may have been deleted elsewhere.")
        if id_column in change:
            raise TrackerError(f"The {LABELS[id_column]} cannot be changed.")
        record = _clean_row(change, date_columns)
        for column, value in record.items():
            if column not in out.columns:
                out[column] = pd.Series(pd.NA, index=out.index, dtype=TEXT_DTYPE)
            out.iloc[positions[row_id], out.columns.get_loc(column)] = value
        check(out.iloc[positions[row_id]].to_dict())
    out = _typed(out, date_columns)
    _check_line_breaks(out, date_columns, rows=sorted(positions[row_id] for row_id in changes))
    return out


def _append(
    frame: pd.DataFrame,
    records: list[dict[str, object]],
    contract: tuple[str, ...],
    date_columns: tuple[str, ...],
) -> pd.DataFrame:
    return _concat(frame, pd.DataFrame(records), contract, date_columns)


def _concat(
    first: pd.DataFrame,
    second: pd.DataFrame,
    contract: tuple[str, ...],
    date_columns: tuple[str, ...],
) -> pd.DataFrame:
    second = _conform(second, contract, date_columns)
    if first.empty:
        combined = second.reindex(columns=_column_order(first, second, contract))
    else:
        combined = pd.concat([first, second], ignore_index=True)
    return _conform(combined, contract, date_columns)


def _column_order(
    first: pd.DataFrame, second: pd.DataFrame, contract: tuple[str, ...]
) -> list[str]:
    extra = [c for c in (*first.columns, *second.columns) if c not in contract]
    return [*contract, *dict.fromkeys(extra)]


def _conform(
    frame: pd.DataFrame, contract: tuple[str, ...], date_columns: tuple[str, ...]
) -> pd.DataFrame:
    extra = [column for column in frame.columns if column not in contract]
    out = frame.reindex(columns=[*contract, *extra]).reset_index(drop=True)
    return _typed(out, date_columns)


def _typed(frame: pd.DataFrame, date_columns: tuple[str, ...]) -> pd.DataFrame:
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if column in date_columns:
            if values.dtype != DATE_DTYPE:
                values = pd.to_datetime(values).astype(DATE_DTYPE)
            out[column] = values.dt.normalize()
            continue
        # Columns already typed and without empty strings (a file just read) are kept as they
        # are: re-typing and masking every column of a large table took most of a load.
        text = values if values.dtype == _TEXT else values.astype(TEXT_DTYPE)
        if _has_empty_text(text):
            out[column] = text.mask(text == "")
        elif text is not values:
            out[column] = text
    return out


def _has_empty_text(text: pd.Series) -> bool:
    # Arrow's own comparison: pandas' `(text == "").any()` took about three times as long, for
    # each column of a large table.
    return bool(pc.any(pc.equal(pa.array(text.array), "")).as_py())


def _empty_frame(contract: tuple[str, ...], date_columns: tuple[str, ...]) -> pd.DataFrame:
    columns = {
        column: pd.Series(dtype=DATE_DTYPE if column in date_columns else TEXT_DTYPE)
        for column in contract
    }
    return pd.DataFrame(columns, index=pd.RangeIndex(0))


def _same(old: object, new: object) -> bool:
    if _missing(old) and _missing(new):
        return True
    if _missing(old) or _missing(new):
        return False
    return bool(old == new)


def _python(value: object) -> object:
    if _missing(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    return value
