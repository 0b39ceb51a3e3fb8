"""Real trackers' files come in right the first time: one sample per tracker, in four languages.

Each file in tests/data/import/trackers/ is shaped like an export or a sheet people bring:

- huntr.csv: a Huntr board export (stages in a "List" column, ISO timestamps); English.
- teal.csv: a Teal export (US dates, a bare www. link, "I Withdrew", "No Response"); English.
- jobsync.csv: a JobSync export ("Sep 9, 2024", "Submitted", "Final Round"); English.
- simplify.csv: a Simplify export (9/10/24, "Ghosted", no interview dates, UTF-8 BOM); English.
- bewerbungen.csv: a home-made Excel sheet, semicolons, Windows-1252, dates without a year;
  German.
- candidatures.csv: a home-made sheet with French month names ("5 sept. 2024"); French.
- postulaciones.tsv: tab-separated, two-digit years and "3 de julio de 2024"; Spanish.

Its expected rows are in `<name>.expected.csv` beside it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from followup import export, importer, schedule, tracker, vocab
from followup.tracker import Tracker

SAMPLES = Path(__file__).parent / "data" / "import" / "trackers"
FILES = sorted(p.name for p in SAMPLES.iterdir() if ".expected." not in p.name)
TODAY = dt.date(2024, 10, 15)
EXPECTED_COLUMNS = [
    "company",
    "role",
    "status",
    "application_date",
    "interview_date",
    "job_url",
    "location",
    "salary",
    "notes",
]


def expected(name: str) -> list[dict[str, str]]:
    """The rows a sample should give, as written beside it (dates YYYY-MM-DD, empty = "")."""
    path = SAMPLES / f"{name.rsplit('.', 1)[0]}.expected.csv"
    return pd.read_csv(path, dtype=str, keep_default_na=False).to_dict("records")


def import_without_help(data: bytes, name: str) -> importer.ImportPlan:
    """Import as a user who accepts every suggestion: the mapping, the date order, the year."""
    raw = importer.read_table(data, name)
    mapping = importer.suggest_mapping(raw.columns)
    assert importer.unknown_values(raw, mapping) == {}
    guess = importer.guess_date_order(importer.date_values(raw, mapping))
    assert not guess.ambiguous
    yearless = importer.values_without_year(raw, mapping)
    year = importer.suggest_year(yearless, guess.order, TODAY) if yearless else None
    empty = Tracker.empty().interviews
    return importer.plan_import(raw, mapping, guess.order, empty, None, year)


@pytest.fixture(scope="module", params=FILES)
def sample(request) -> tuple[str, Tracker]:
    """A sample's name and the tracker it gives when imported with no choice made by hand."""
    name = request.param
    plan = import_without_help((SAMPLES / name).read_bytes(), name)
    assert plan.skipped == 0, plan.report.to_string()
    return name, tracker.add_interviews(Tracker.empty(), plan.rows())


def test_the_sample_gives_its_expected_rows(sample: tuple[str, Tracker]):
    """Every row is read as its expected result: status, both dates, link, place, salary."""
    name, imported = sample
    rows = imported.interviews[EXPECTED_COLUMNS].copy()
    for column in ("application_date", "interview_date"):
        rows[column] = rows[column].dt.strftime("%Y-%m-%d")
    assert rows.fillna("").to_dict("records") == expected(name)


def test_no_application_gets_a_thank_you_reminder(sample: tuple[str, Tracker]):
    """Applications get their one check-in; thank-you notes are only asked after an interview."""
    _, imported = sample
    items = schedule.due_items(imported, TODAY)
    status = imported.interviews.set_index("interview_id")["status"]
    thanked = items.loc[items["kind"] == schedule.THANK_YOU, "interview_id"]
    assert set(status[thanked]) <= {"Awaiting decision", "Next round"}
    applied = set(status[status == vocab.APPLIED].index)
    assert applied, "every sample holds at least one application"
    kinds = set(items.loc[items["interview_id"].isin(applied), "kind"])
    assert kinds <= {schedule.APPLICATION_CHECK_IN}


def test_the_sample_round_trips_through_export_and_import(sample: tuple[str, Tracker]):
    """Exported and imported again, the rows come back exactly (only the ids are new)."""
    _, imported = sample
    data = export.interviews_csv(imported)
    plan = import_without_help(data, "interviews.csv")
    again = tracker.add_interviews(Tracker.empty(), plan.rows())
    pd.testing.assert_frame_equal(
        again.interviews.drop(columns="interview_id"),
        imported.interviews.drop(columns="interview_id"),
    )
    assert export.interviews_csv(again).split(b"\r\n")[0] == data.split(b"\r\n")[0]
