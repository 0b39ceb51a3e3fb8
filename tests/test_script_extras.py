"""The call script's links to the outside: greeting names, the tracker's phone and channel, the
draft kept with an interview, mailto: links, download names and practice recordings."""

from __future__ import annotations

import io
import wave
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from followup import phrasing, script
from followup.script import CallDetails

FORM = {
    "your_name": "Sam Lee",
    "interviewer": "Ms. Priya Raman",
    "company": "Northwind Traders",
    "role": "Data analyst",
    "qualifications": "Five years of SQL reporting\nLed a team of four analysts",
    "employer_needs": "Someone to rebuild the monthly reporting",
}


def details(**changes: object) -> CallDetails:
    return CallDetails.from_form(**{**FORM, **changes})


@pytest.mark.parametrize(
    ("typed", "greeted"),
    [
        ("Ms. Priya Raman", "Ms. Raman"),
        ("David Chen", "David"),
        ("Dr. Anna van der Berg", "Dr. van der Berg"),
        ("Frau Dr. Schmidt", "Frau Dr. Schmidt"),
        ("dana reyes", "Dana"),
        ("Robert Greene Jr., PhD", "Robert"),
        ("Okafor", "Okafor"),
    ],
)
def test_the_greeting_defaults_to_title_and_surname_else_first_name(typed: str, greeted: str):
    """A typed title means a formal greeting; without one, the first name."""
    assert phrasing.default_greeting_name(typed) == greeted


def test_the_users_choice_of_greeting_wins():
    """Typing "Priya" in "Greet them as" gives "Hello Priya" and "Dear Priya"."""
    built = {item.key: item.text for item in script.build_scripts(details(address="Priya"))}
    assert built["live_call"].startswith("Hello Priya, this is Sam Lee.")
    assert "Dear Priya," in built["email"]
    default = script.email(details()).text
    assert "Dear Ms. Raman," in default and "Priya" not in default.split("\n\n")[1]


def test_the_interviewers_number_tops_the_call_and_is_not_timed():
    """ "Dial ..." is the first line of the call; it is read, not said, so not timed."""
    with_phone = script.live_call(details(interviewer_phone="+44 20 7946 0100"))
    assert with_phone.text.startswith("Dial +44 20 7946 0100.\n\nHello Ms. Raman")
    assert with_phone.speaking_seconds == script.live_call(details()).speaking_seconds


@pytest.mark.parametrize(
    ("channel", "first"),
    [
        ("Email", "email"),
        ("Phone call", "live_call"),
        ("Handwritten note", "note"),
        ("", "live_call"),
    ],
)
def test_the_preferred_channel_decides_which_variant_comes_first(channel: str, first: str):
    """The tracker's preferred channel puts its variant first; the others keep their order."""
    built = script.build_scripts(details())
    ordered = script.suggested_order(built, channel)
    assert ordered[0].key == first
    assert sorted(item.key for item in ordered) == sorted(item.key for item in built)


def test_the_mailto_link_carries_the_subject_and_the_body():
    """The email opens in a mail app addressed to the interviewer, subject and body filled in."""
    email = script.email(details())
    link = script.mailto_link(email, to="priya.raman@northwind.example")
    parts = urlsplit(link)
    assert parts.scheme == "mailto" and unquote(parts.path) == "priya.raman@northwind.example"
    query = parse_qs(parts.query)
    assert query["subject"] == ["Thank you for the Data analyst interview"]
    assert query["body"][0].startswith("Dear Ms. Raman,\r\n\r\nThank you for talking")
    assert "Subject:" not in query["body"][0]


def test_a_mailto_link_over_the_limit_is_refused_with_its_length():
    """Too long for mail apps: a message with the link's length and the limit, no cut link."""
    long_needs = " ".join(["someone to rebuild the monthly reporting"] * 20)
    with pytest.raises(script.MailtoTooLong) as caught:
        email = script.email(details(employer_needs=long_needs, forgotten_point=long_needs))
        script.mailto_link(email)
    assert caught.value.length > script.MAILTO_LIMIT
    assert f"{caught.value.length:,} characters" in str(caught.value)
    assert "2,000" in str(caught.value)


def test_downloads_are_named_after_the_company_and_the_variant():
    """follow-up-northwind-traders-voicemail.txt; a name with no Latin letters is left out."""
    voicemail = script.voicemail(details())
    assert script.file_name(voicemail, "txt", "Northwind Traders") == (
        "follow-up-northwind-traders-voicemail.txt"
    )
    call = script.live_call(details())
    assert script.file_name(call, "md", "Müller & Söhne GmbH") == (
        "follow-up-muller-sohne-gmbh-call.md"
    )
    assert script.file_name(call, "txt", "株式会社") == "follow-up-call.txt"


def test_a_draft_comes_back_from_its_cell():
    """The form's own fields survive the trip through the interview's cell, as typed."""
    values = {**FORM, "address": "Priya", "ask_decision": True, "linkedin": False}
    back = script.draft_from_cell(script.draft_cell(values))
    assert back["qualifications"] == FORM["qualifications"]
    assert back["address"] == "Priya" and back["ask_decision"] is True
    assert "company" not in back
    assert script.draft_cell(values).isascii()


@pytest.mark.parametrize("cell", [None, "", "not json", "[1, 2]", '{"your_name": 3}'])
def test_an_unreadable_draft_is_no_draft(cell: object):
    """A damaged or foreign cell gives an empty draft, never an error."""
    assert script.draft_from_cell(cell) == {}


def wav(seconds: float, rate: int = 16_000) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(b"\0\0" * int(seconds * rate))
    return buffer.getvalue()


def test_a_recordings_length_is_read_in_memory():
    """A 75-second recording is 75 seconds; something that is not a WAV has no length."""
    assert script.recording_seconds(wav(75)) == pytest.approx(75)
    assert script.recording_seconds(b"not audio") is None


def test_practice_feedback_compares_with_the_estimate_and_the_guide():
    """The feedback gives both figures and says whether the reading kept to 90 seconds."""
    call = script.live_call(details())
    within = script.practice_feedback(60, call)
    assert f"the estimate is {call.speaking_seconds} seconds" in within
    assert "within the 90 seconds" in within
    assert "over the 90 seconds" in script.practice_feedback(120, call)
