"""The generated tracker follows the CSV contract, so benchmarks load what users would have."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from bench.generate import generate
from followup.vocab import (
    CHANNELS,
    FOLLOWUP_COLUMNS,
    INTERVIEW_COLUMNS,
    OUTCOMES,
    PURPOSES,
    STATUSES,
)


def read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def test_files_have_the_contract_columns_and_the_asked_row_counts(tmp_path: Path):
    """Asking for 300 interviews and 900 follow-ups gives exactly that, in contract order."""
    interviews, followups = generate(tmp_path, interviews=300, followups=900)
    assert tuple(read(interviews).columns) == INTERVIEW_COLUMNS
    assert tuple(read(followups).columns) == FOLLOWUP_COLUMNS
    assert len(read(interviews)) == 300
    assert len(read(followups)) == 900


def test_ids_are_unique_and_every_followup_belongs_to_an_interview(tmp_path: Path):
    """No two rows share an id and no follow-up points at a missing interview."""
    interviews, followups = map(read, generate(tmp_path, interviews=300, followups=900))
    assert interviews["interview_id"].is_unique
    assert followups["followup_id"].is_unique
    assert interviews["interview_id"].str.fullmatch("[0-9a-f]{12}").all()
    assert followups["interview_id"].isin(interviews["interview_id"]).all()


def test_choices_come_from_the_vocabularies(tmp_path: Path):
    """Status, channel, purpose and outcome only hold values the app knows."""
    interviews, followups = map(read, generate(tmp_path, interviews=300, followups=900))
    assert set(interviews["status"]) <= set(STATUSES)
    assert set(interviews["preferred_channel"]) <= {*CHANNELS, ""}
    assert set(followups["channel"]) <= set(CHANNELS)
    assert set(followups["purpose"]) <= set(PURPOSES)
    assert set(followups["outcome"]) <= set(OUTCOMES)


def test_dates_are_iso_and_required_fields_are_filled(tmp_path: Path):
    """Dates are ISO; company, role, and the date each status needs are never empty."""
    interviews, followups = map(read, generate(tmp_path, interviews=200, followups=400))
    for value in [*interviews["application_date"], *followups["date"]]:
        assert date.fromisoformat(value).isoformat() == value
    optional = [*interviews["interview_date"], *interviews["decision_expected"]]
    assert all(date.fromisoformat(value).isoformat() == value for value in optional if value)
    assert (interviews[["company", "role"]] != "").all().all()
    applied = interviews["status"] == "Applied"
    assert applied.any()
    assert (interviews.loc[~applied, "interview_date"] != "").all()
    assert (interviews.loc[applied, "interview_date"] == "").all()


def test_the_same_seed_gives_the_same_bytes(tmp_path: Path):
    """Two runs with one seed write identical files; another seed writes different ones."""
    first = generate(tmp_path / "a", interviews=50, followups=100, seed=3)
    again = generate(tmp_path / "b", interviews=50, followups=100, seed=3)
    other = generate(tmp_path / "c", interviews=50, followups=100, seed=4)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in again]
    assert first[0].read_bytes() != other[0].read_bytes()
