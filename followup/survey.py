"""The shipped survey figures: load and check `data/surveys.csv`, and read one survey out of it.

The file is tidy: one row per survey and answer. A survey id stands for one question asked of one
sample, so every row of a survey repeats the same question, sample and source.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from followup import vocab

MAIN_SURVEY = "hr-channels"
TIMING_SURVEY = "wait-after-resume-2017"

COLUMNS: tuple[str, ...] = (
    "survey_id",
    "publisher",
    "year",
    "published",
    "sample",
    "question",
    "answer",
    "share_pct",
    "multiple_answers",
    "source_url",
    "note",
)
REQUIRED_COLUMNS: tuple[str, ...] = tuple(c for c in COLUMNS if c != "note")
NOT_EMPTY: tuple[str, ...] = (
    "survey_id",
    "publisher",
    "sample",
    "question",
    "answer",
    "share_pct",
    "source_url",
)
# Everything that describes the survey rather than one answer: equal on every row of a survey.
SURVEY_FIELDS: tuple[str, ...] = (
    "publisher",
    "year",
    "published",
    "sample",
    "question",
    "multiple_answers",
    "source_url",
)
BOOLEANS = {"true": True, "false": False, "": None}
FIRST_YEAR, LAST_YEAR = 1900, 2100


class SurveyDataError(ValueError):
    """The survey file cannot be used; the message names the file, the row and the problem."""


@dataclass(frozen=True)
class SurveyInfo:
    """What one survey asked, of whom, and where the figures come from."""

    survey_id: str
    publisher: str
    year: int | None
    published: date | None
    sample: str
    question: str
    multiple_answers: bool | None
    source_url: str
    note: str

    @property
    def answer_type(self) -> str:
        """Single or multiple answers, in words; 'not stated' when the source does not say."""
        if self.multiple_answers is None:
            return "answer type not stated"
        return "several answers allowed" if self.multiple_answers else "one answer each"

    @property
    def when(self) -> str:
        """The publication date, else the year, else 'year not stated'."""
        if self.published is not None:
            return self.published.isoformat()
        return str(self.year) if self.year is not None else "year not stated"


def load_surveys(path: Path) -> pd.DataFrame:
    """Read and check the survey CSV; raise `SurveyDataError` naming the file, row and problem."""
    raw = _read_text_table(path)
    _check_columns(path, raw)
    records = [{c: str(r.get(c, "")).strip() for c in COLUMNS} for r in raw.to_dict("records")]
    rows = [_parse_row(path, index, record) for index, record in enumerate(records, start=1)]
    _check_surveys(path, records)
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    return frame.astype(
        {
            "year": "Int64",
            "published": "datetime64[s]",
            "share_pct": "float64",
            "multiple_answers": "boolean",
        }
    )


def surveys_to_csv(surveys: pd.DataFrame) -> str:
    """The survey frame as CSV text in the shipped file's own format (lowercase booleans)."""
    out = surveys.loc[:, list(COLUMNS)].copy()
    out["year"] = out["year"].map(lambda v: "" if pd.isna(v) else str(int(v)))
    out["published"] = out["published"].map(lambda v: "" if pd.isna(v) else v.date().isoformat())
    out["share_pct"] = out["share_pct"].map(lambda v: f"{v:g}")
    out["multiple_answers"] = out["multiple_answers"].map(
        lambda v: "" if pd.isna(v) else str(bool(v)).lower()
    )
    buffer = io.StringIO()
    out.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()


def survey_ids(surveys: pd.DataFrame) -> list[str]:
    """The survey ids in the order the file lists them."""
    return list(dict.fromkeys(surveys["survey_id"]))


def answers(surveys: pd.DataFrame, survey_id: str) -> pd.DataFrame:
    """The rows of one survey, in the file's order; `ValueError` when the survey is unknown."""
    rows = surveys[surveys["survey_id"] == survey_id]
    if rows.empty:
        raise ValueError(f"The survey data has no survey called {survey_id!r}.")
    return rows.reset_index(drop=True)


def describe(surveys: pd.DataFrame, survey_id: str) -> SurveyInfo:
    """The question, sample, date and source of one survey."""
    first = answers(surveys, survey_id).iloc[0]
    return SurveyInfo(
        survey_id=survey_id,
        publisher=first["publisher"],
        year=_optional(first["year"], int),
        published=None if pd.isna(first["published"]) else first["published"].date(),
        sample=first["sample"],
        question=first["question"],
        multiple_answers=_optional(first["multiple_answers"], bool),
        source_url=first["source_url"],
        note=first["note"],
    )


def share_of(main_answers: pd.DataFrame, channel: str) -> float | None:
    """The survey's share for `channel`, or None when the survey did not ask about it."""
    match = main_answers.loc[main_answers["answer"] == channel, "share_pct"]
    return None if match.empty else float(match.iloc[0])


def chart_caption(main_answers: pd.DataFrame, info: SurveyInfo) -> str:
    """The main chart's caption: why the shares pass 100%, the sample, the question, the source."""
    total = main_answers["share_pct"].sum()
    parts = []
    if info.multiple_answers and total > 100:
        parts.append(
            f"The shares add up to {total:g}%, more than 100%, because each respondent could "
            "choose several channels: read each bar on its own."
        )
    parts.append(f"Sample: {info.sample}; {info.when}.")
    parts.append(f"Question: \u201c{info.question}\u201d")
    parts.append(f"Source: {info.publisher}, as reported at <{info.source_url}>.")
    return " ".join(parts)


# Short names for the survey picker: a phone shows about 28 characters of a picked item.
SHORT_NAMES = {
    "hr-channels": "HR managers: channels",
    "hr-thank-you-helpful": "HR managers: thank-you notes",
    "executives-2008": "Executives 2008: thank-yous",
    "after-resume-2017": "After a resume 2017: how",
    "wait-after-resume-2017": "After a resume 2017: when",
    "thank-you-2017": "Thank-yous 2017",
    "canada-appropriate": "Canada: thank-yous wanted",
    "canada-sent": "Canada: thank-yous sent",
}


def short_name(survey_id: str) -> str:
    """A survey's name in the picker; its id when it has no short name."""
    return SHORT_NAMES.get(survey_id, survey_id)


def panel_caption(info: SurveyInfo) -> str:
    """A comparison panel's caption: who answered, who published it and when, the answer type."""
    return f"Sample: {info.sample}. {info.publisher}, {info.when}; {info.answer_type}."


def outside_accepted(counts: pd.DataFrame) -> int:
    """How many of the user's follow-ups used a channel outside the accepted three."""
    return int(counts.loc[~counts["accepted"], "your_followups"].sum())


def followups_by_channel(followups: pd.DataFrame, main_answers: pd.DataFrame) -> pd.DataFrame:
    """The user's follow-ups counted per channel, beside the main survey's share for that channel.

    One row per channel of `vocab.CHANNELS`, plus an "Other" row when the tracker holds a channel
    the app does not know. The survey has no LinkedIn answer, so that row has no survey figure.
    """
    survey_share = dict(zip(main_answers["answer"], main_answers["share_pct"], strict=True))
    used = followups["channel"].fillna("").astype(str).str.strip()
    known = used.isin(vocab.CHANNELS)
    counts = used[known].value_counts()
    total = len(used)
    rows = []
    for channel in vocab.CHANNELS:
        rows.append((channel, int(counts.get(channel, 0)), survey_share.get(channel)))
    if (~known).any():
        rows.append((OTHER_CHANNEL, int((~known).sum()), None))
    frame = pd.DataFrame(rows, columns=["channel", "your_followups", "hr_share_pct"])
    frame["your_share_pct"] = frame["your_followups"] * 100 / total if total else float("nan")
    frame["hr_share_pct"] = frame["hr_share_pct"].astype("float64")
    frame["accepted"] = frame["channel"].isin(vocab.ACCEPTED_CHANNELS)
    frame["note"] = frame["channel"].map(lambda c: CHANNEL_NOTES.get(c, ""))
    return frame.loc[
        :, ["channel", "your_followups", "your_share_pct", "hr_share_pct", "accepted", "note"]
    ]


OTHER_CHANNEL = "Other"
CHANNEL_NOTES = {
    "LinkedIn message": "Not a separate answer in the survey; it falls under social media there.",
    OTHER_CHANNEL: "A channel the app does not know; not in the survey.",
}


def _optional(value: object, cast: type) -> object:
    return None if pd.isna(value) else cast(value)


def _read_text_table(path: Path) -> pd.DataFrame:
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except FileNotFoundError as err:
        raise SurveyDataError(f"{path}: the survey file is missing.") from err
    except pd.errors.EmptyDataError as err:
        raise SurveyDataError(f"{path}: the survey file is empty.") from err
    except (pd.errors.ParserError, UnicodeDecodeError) as err:
        raise SurveyDataError(f"{path}: the survey file is not readable CSV ({err}).") from err


def _check_columns(path: Path, raw: pd.DataFrame) -> None:
    missing = [c for c in REQUIRED_COLUMNS if c not in raw.columns]
    if missing:
        noun = "column" if len(missing) == 1 else "columns"
        raise SurveyDataError(f"{path}: the header lacks the {noun} {', '.join(missing)}.")
    unknown = [c for c in raw.columns if c not in COLUMNS]
    if unknown:
        noun = "an unknown column" if len(unknown) == 1 else "unknown columns"
        raise SurveyDataError(f"{path}: the header has {noun} {', '.join(unknown)}.")
    if raw.empty:
        raise SurveyDataError(f"{path}: the survey file has a header but no rows.")


def _where(path: Path, row: int) -> str:
    # Data row 1 is line 2 of the file, under the header.
    return f"{path}, row {row} (line {row + 1})"


def _parse_row(path: Path, row: int, record: dict[str, str]) -> dict[str, object]:
    def fail(problem: str) -> SurveyDataError:
        return SurveyDataError(f"{_where(path, row)}: {problem}")

    for column in NOT_EMPTY:
        if not record[column]:
            raise fail(f"{column} is empty.")
    try:
        share = float(record["share_pct"])
    except ValueError:
        raise fail(f"share_pct is {record['share_pct']!r}, not a number.") from None
    if not 0 <= share <= 100:
        raise fail(f"share_pct is {record['share_pct']}, but a share must be between 0 and 100.")
    year = None
    if record["year"]:
        if not record["year"].isdigit() or not FIRST_YEAR <= int(record["year"]) <= LAST_YEAR:
            raise fail(f"year is {record['year']!r}, not a year (leave it empty when unknown).")
        year = int(record["year"])
    published = None
    if record["published"]:
        try:
            published = date.fromisoformat(record["published"])
        except ValueError:
            raise fail(
                f"published is {record['published']!r}, not a date like 2017-09-19."
            ) from None
        if year is not None and published.year != year:
            raise fail(f"published ({published}) is not in the year given ({year}).")
    multiple = record["multiple_answers"].lower()
    if multiple not in BOOLEANS:
        raise fail(
            f"multiple_answers is {record['multiple_answers']!r}; "
            "write true, false, or leave it empty when the source does not say."
        )
    if not record["source_url"].startswith(("https://", "http://")):
        raise fail(f"source_url is {record['source_url']!r}, not a web address.")
    return {
        **record,
        "year": year,
        "published": published,
        "share_pct": share,
        "multiple_answers": BOOLEANS[multiple],
    }


def _check_surveys(path: Path, records: list[dict[str, str]]) -> None:
    first_rows: dict[str, int] = {}
    seen_answers: set[tuple[str, str]] = set()
    for position, record in enumerate(records, start=1):
        survey_id = record["survey_id"]
        first_rows.setdefault(survey_id, position)
        first = records[first_rows[survey_id] - 1]
        for field in SURVEY_FIELDS:
            if record[field] != first[field]:
                raise SurveyDataError(
                    f"{_where(path, position)}: survey {survey_id!r} has a different {field} "
                    f"than on row {first_rows[survey_id]}; one survey id is one question asked "
                    "of one sample."
                )
        key = (survey_id, record["answer"])
        if key in seen_answers:
            raise SurveyDataError(
                f"{_where(path, position)}: survey {survey_id!r} lists "
                f"the answer {record['answer']!r} twice."
            )
        seen_answers.add(key)
