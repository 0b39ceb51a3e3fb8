"""Importing another tracker's rows: dates at the edges and how each row is reported."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from followup import importer, vocab
from followup.importer import ISO, US, ImportProblem, parse_date, plan_import, read_table

NO_INTERVIEWS = pd.DataFrame(columns=list(vocab.INTERVIEW_COLUMNS))


def plan_for(text: str, order: str = ISO) -> importer.ImportPlan:
    raw = read_table(text.encode("utf-8"), "upload.csv")
    return plan_import(raw, importer.suggest_mapping(raw.columns), order, NO_INTERVIEWS)


@pytest.mark.parametrize(
    ("text", "order"), [("0000-01-01", ISO), ("0000/06/15", ISO), ("01/02/0000", US)]
)
def test_year_zero_is_refused_with_a_reason_not_a_crash(text: str, order: str):
    """No calendar has a year 0: such a date is refused with a message, never a traceback."""
    with pytest.raises(ImportProblem, match=f"'{text}' is not a real date: there is no year 0"):
        parse_date(text, order)


def test_a_row_dated_year_zero_is_skipped_and_the_others_imported():
    """One row with a 0000 date is reported with the reason; the valid rows still come in."""
    plan = plan_for(
        "Company,Role,Interview date\nAcme,Analyst,0000-01-01\nBeta,Engineer,2024-09-19\n"
    )
    assert plan.report["outcome"].tolist() == [importer.SKIPPED, importer.ADDED]
    assert plan.report["reason"].iloc[0] == (
        "Interview date: '0000-01-01' is not a real date: there is no year 0"
    )
    assert plan.rows()["company"].tolist() == ["Beta"]


def test_two_digit_years_follow_the_usual_century_rule():
    """'68' is 2068 and '69' is 1969, as spreadsheets and strptime read them."""
    assert parse_date("1/2/68", US) == dt.date(2068, 1, 2)
    assert parse_date("1/2/69", US) == dt.date(1969, 1, 2)
    assert parse_date("1/2/00", US) == dt.date(2000, 1, 2)
