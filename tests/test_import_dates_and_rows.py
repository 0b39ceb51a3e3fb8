"""Importing another tracker's rows: dates at the edges and how each row is reported."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from followup import importer, tracker, vocab
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


def test_the_last_day_of_a_month_and_the_edges_of_the_range_read():
    """30 September, 29 February of a leap year, and the first and last day the tracker takes."""
    assert parse_date("2024-09-30", ISO) == dt.date(2024, 9, 30)
    assert parse_date("2/29/2024", US) == dt.date(2024, 2, 29)
    assert parse_date(tracker.MIN_DATE.isoformat(), ISO) == tracker.MIN_DATE
    assert parse_date(tracker.MAX_DATE.isoformat(), ISO) == tracker.MAX_DATE


@pytest.mark.parametrize(("text", "order"), [("12/31/9999", US), ("0001-01-01", ISO)])
def test_a_real_date_outside_the_range_says_which_dates_are_taken(text: str, order: str):
    """9999-12-31 and 0001-01-01 are real dates (spreadsheets' "no date"), only out of range."""
    with pytest.raises(importer.DateOutOfRange) as raised:
        parse_date(text, order)
    assert str(raised.value) == (
        f"'{text}' is outside the dates the tracker takes (1900-01-01 to 2199-12-31)"
    )


def test_a_no_date_decision_is_left_empty_and_the_row_imported():
    plan = plan_for(
        "Company,Role,Interview date,Decision expected\nAcme,Analyst,2024-09-19,0001-01-01\n"
    )
    assert plan.report["outcome"].tolist() == [importer.ADDED]
    assert plan.rows()["decision_expected"].tolist() == [None]
    assert "left empty" in plan.report["reason"].iloc[0]


def test_an_out_of_range_interview_date_is_the_one_reason_its_row_is_skipped():
    plan = plan_for("Company,Role,Interview date\nAcme,Analyst,12/31/9999\n", US)
    assert plan.report["outcome"].tolist() == [importer.SKIPPED]
    assert plan.report["reason"].iloc[0] == (
        "Interview date: '12/31/9999' is outside the dates the tracker takes "
        "(1900-01-01 to 2199-12-31)"
    )


def test_a_file_without_a_round_column_gives_rows_without_a_round():
    plan = plan_for("Company,Role,Interview date\nAcme,Analyst,2024-09-19\n")
    assert plan.rows()["round"].tolist() == [""]
