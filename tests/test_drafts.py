"""The due list's email draft: the Call script's email as a mailto: link, filled in."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest

from followup import drafts, script, vocab

ROW = {
    "company": "Northwind",
    "role": "Data analyst",
    "interviewer": "Ann Lee",
    "interviewer_email": "ann@northwind.example",
    "interview_date": dt.date(2024, 9, 19),
}


def body(url: str) -> str:
    return parse_qs(urlsplit(url).query)["body"][0]


def test_no_email_no_draft():
    """Without the interviewer's email (or with one that is not an address) there is no link."""
    assert drafts.email_draft_url({**ROW, "interviewer_email": None}, {}) is None
    assert drafts.email_draft_url({**ROW, "interviewer_email": "ann at work"}, {}) is None


def test_placeholders_stand_in_for_what_is_not_known():
    """Unknown name, strengths and needs are bracketed, whole; the greeting too without a name."""
    url = drafts.email_draft_url({**ROW, "interviewer": None}, {})
    assert url is not None and url.startswith("mailto:ann@northwind.example?subject=")
    text = body(url)
    assert "Dear [their name]," in text
    assert "[Your Name]" in text
    assert "[a strength that fits the role]" in text


def test_the_draft_kept_with_the_interview_fills_it_in():
    """The form kept with this interview on the Call script page wins over this session's."""
    kept = script.draft_cell(
        {"your_name": "Dana Reyes", "qualifications": "SQL", "employer_needs": "clean reports"}
    )
    url = drafts.email_draft_url({**ROW, vocab.DRAFT_COLUMN: kept}, {"your_name": "Someone Else"})
    text = body(url)
    assert "Dana Reyes" in text and "Someone Else" not in text
    assert "clean reports" in text
    assert "Dear Ann," in text


def test_a_value_the_script_refuses_is_left_out():
    """A malformed phone typed this session is dropped, not a reason to offer no draft."""
    url = drafts.email_draft_url(ROW, {"your_name": "Dana Reyes", "phone": "call me"})
    assert url is not None
    assert "call me" not in body(url)


def test_a_draft_too_long_for_a_link_says_so():
    """Past the mailto: limit the caller gets the reason, to show instead of the link."""
    needs = " ".join(["reliable weekly reports for the sales team"] * 22)[: script.NOTES_LIMIT]
    kept = script.draft_cell({"employer_needs": needs, "forgotten_point": needs})
    with pytest.raises(script.MailtoTooLong):
        drafts.email_draft_url({**ROW, vocab.DRAFT_COLUMN: kept}, {})
