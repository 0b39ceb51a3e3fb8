"""Checks of a new interview typed in the add form: every problem at once, by field.

The same checks an import makes: required fields, the email's shape, and a likely duplicate
(same company, role and interview date as one already tracked, ignoring case and spacing).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pandas as pd

from followup.script import EMAIL

REQUIRED = {
    "company": "Enter the company.",
    "role": "Enter the role.",
    "interview_date": "Enter the interview date.",
}


def problems(row: Mapping[str, object]) -> dict[str, str]:
    """Each field's problem (none when the row can be added), in the form's order."""
    found: dict[str, str] = {}
    for field, message in REQUIRED.items():
        value = row.get(field)
        if value is None or (isinstance(value, str) and not value.strip()):
            found[field] = message
    email = row.get("interviewer_email")
    if isinstance(email, str) and email.strip() and not EMAIL.fullmatch(email.strip()):
        found["interviewer_email"] = (
            "That email does not look right: write it like name@example.com."
        )
    interviewed, decision = row.get("interview_date"), row.get("decision_expected")
    if (
        isinstance(interviewed, dt.date)
        and isinstance(decision, dt.date)
        and decision < interviewed
    ):
        found["decision_expected"] = "The decision date is before the interview date."
    return found


def _key(text: object) -> str:
    return " ".join(str(text).split()).casefold()


def likely_duplicate(row: Mapping[str, object], interviews: pd.DataFrame) -> bool:
    """True when an interview with the same company, role and date is already tracked."""
    day = row.get("interview_date")
    if interviews.empty or not isinstance(day, dt.date):
        return False
    same_day = interviews[interviews["interview_date"] == pd.Timestamp(day)]
    wanted = (_key(row.get("company")), _key(row.get("role")))
    return any(
        (_key(company), _key(role)) == wanted
        for company, role in zip(same_day["company"], same_day["role"], strict=True)
    )
