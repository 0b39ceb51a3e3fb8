"""Finding interviews: search across columns, status filter, closed hidden, sorting."""

from __future__ import annotations

import pandas as pd

from followup import finder, schedule


def table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "company": ["Acme", "beta labs", "Cyan", "Delta"],
            "role": ["Analyst", "Engineer", "Analyst", "Data (lead)"],
            "interviewer": ["Ann", None, "Bob", "Cara"],
            "notes": [None, "met Ann at a fair", None, "a+b"],
            "status": ["Awaiting decision", "Next round", "Rejected", "Offer"],
            "interview_date": pd.to_datetime(
                ["2024-09-01", "2024-09-10", "2024-09-05", "2024-08-01"]
            ),
            schedule.NEXT_DATE: pd.to_datetime(["2024-09-20", "2024-09-18", None, None]),
        }
    ).astype(
        {"company": "str", "role": "str", "interviewer": "str", "notes": "str", "status": "str"}
    )


def companies(filters: finder.Filters) -> list[str]:
    return finder.find(table(), filters)["company"].tolist()


def test_closed_are_hidden_by_default_and_shown_on_request():
    """Rejected and withdrawn interviews are hidden until "hide closed" is off; offers stay."""
    assert companies(finder.Filters()) == ["beta labs", "Acme", "Delta"]
    soonest = finder.Filters(sort="Next step, soonest first")
    assert companies(soonest) == ["beta labs", "Acme", "Delta"]
    assert "Cyan" in companies(finder.Filters(hide_closed=False))


def test_search_matches_any_column_ignoring_case_and_every_word():
    """ "ann" finds the interviewer and the notes; two words must both match; text is not regex."""
    assert sorted(companies(finder.Filters(text="ANN"))) == ["Acme", "beta labs"]
    assert companies(finder.Filters(text="ann fair")) == ["beta labs"]
    assert companies(finder.Filters(text="(lead)")) == ["Delta"]
    assert companies(finder.Filters(text="a+b")) == ["Delta"]


def test_status_filter_and_sorts():
    """Statuses narrow the rows; each sort orders as named, missing dates last."""
    only = finder.Filters(statuses=("Offer", "Next round"))
    assert companies(only) == ["beta labs", "Delta"]
    newest = finder.Filters(sort="Interview date, newest first", hide_closed=False)
    assert companies(newest) == ["beta labs", "Cyan", "Acme", "Delta"]
    by_name = finder.Filters(sort="Company, A to Z")
    assert companies(by_name) == ["Acme", "beta labs", "Delta"]
    by_status = finder.Filters(sort="Status", hide_closed=False)
    assert companies(by_status) == ["Acme", "beta labs", "Delta", "Cyan"]


def test_most_useful_columns_come_first():
    """Company, role, status, next step and its date, interview date; then the rest."""
    step = schedule.NEXT_STEP
    order = finder.column_order(["notes", "interview_date", "company", step, "status"])
    assert order == ["company", "status", step, "interview_date", "notes"]
