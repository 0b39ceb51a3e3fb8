"""The add form's checks: every problem by field, the email's shape, a likely duplicate."""

from __future__ import annotations

import datetime as dt

from followup import adding, tracker
from followup.tracker import Tracker

DAY = dt.date(2024, 9, 19)


def test_every_problem_at_once():
    """Missing company and role, a bad email and a decision before the interview: four messages."""
    row = {
        "company": " ",
        "role": "",
        "interview_date": DAY,
        "interviewer_email": "ann@",
        "decision_expected": DAY - dt.timedelta(days=1),
    }
    assert set(adding.problems(row)) == {
        "company",
        "role",
        "interviewer_email",
        "decision_expected",
    }
    good = row | {"company": "Acme", "role": "Analyst", "interviewer_email": "ann@acme.example"}
    assert adding.problems(good | {"decision_expected": DAY}) == {}
    assert "interview_date" in adding.problems(good | {"interview_date": None})


def test_likely_duplicate_ignores_case_and_spacing_not_the_date():
    t = tracker.add_interview(
        Tracker.empty(), {"company": "Acme Corp", "role": "Analyst", "interview_date": DAY}
    )
    same = {"company": " acme  corp", "role": "ANALYST", "interview_date": DAY}
    assert adding.likely_duplicate(same, t.interviews)
    assert not adding.likely_duplicate(
        same | {"interview_date": DAY + dt.timedelta(days=1)}, t.interviews
    )
    assert not adding.likely_duplicate(same, Tracker.empty().interviews)
