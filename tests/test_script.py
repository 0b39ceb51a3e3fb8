"""The call script: what each variant says, in what order, and how bad input is refused."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followup import script, vocab
from followup.script import CallDetails, ScriptInputError

PHONE = "+44 20 7946 0958"
EMAIL = "sam@example.com"
NEEDS = "someone to rebuild the monthly reporting"
QUALIFICATIONS = "five years of SQL reporting\nled a team of four\ncut report time in half"
FORGOTTEN = "I also speak Spanish"


def details(**changes: object) -> CallDetails:
    """A complete, valid form, with `changes` applied to the raw values."""
    raw: dict[str, object] = {
        "your_name": "Sam Lee",
        "interviewer": "Dana Reyes",
        "company": "Acme Analytics",
        "role": "Data analyst",
        "qualifications": QUALIFICATIONS,
        "employer_needs": NEEDS,
        "phone": PHONE,
        "email": EMAIL,
        "interviewer_title": "Head of Data",
        "interview_date": date(2025, 3, 3),
    }
    raw.update(changes)
    return CallDetails.from_form(**raw)


def by_key(found: CallDetails) -> dict[str, script.Script]:
    return {item.key: item for item in script.build_scripts(found)}


# --- the live call ---------------------------------------------------------------------------


def test_live_call_follows_the_recommended_order():
    """With every option on, the call greets, thanks, matches, adds, offers, asks, then closes."""
    call = script.live_call(details(forgotten_point=FORGOTTEN, ask_decision=True))
    assert call.section_names == (
        "greeting",
        "thanks",
        "match",
        "forgotten",
        "offer",
        "decision",
        "close",
    )


def test_live_call_without_options_keeps_the_core_in_order():
    """Without a forgotten point or the decision question, the call is the five core steps."""
    call = script.live_call(details())
    assert call.section_names == ("greeting", "thanks", "match", "offer", "close")


def test_greeting_says_who_is_calling_about_what():
    """The call opens with the interviewer's name, the caller's, the role, company and date."""
    greeting = script.live_call(details()).sections[0].text
    assert greeting.startswith("Hello Dana, this is Sam Lee.")
    assert "the Data analyst role at Acme Analytics on 3 March." in greeting


def test_greeting_without_a_date_does_not_invent_one():
    """Leaving the interview date empty gives no date, and no "when we met" standing for one."""
    greeting = script.live_call(details(interview_date=None)).sections[0].text
    assert "role at Acme Analytics. Do you have a few minutes?" in greeting
    assert "when we met" not in script.email(details(interview_date=None)).text


def test_match_ties_every_qualification_to_what_the_employer_needs():
    """The match step names the employer's need and then each qualification."""
    match = dict((s.name, s.text) for s in script.live_call(details()).sections)["match"]
    assert match == (
        "You told me the team needs someone to rebuild the monthly reporting. That's where I "
        "can help. I bring five years of SQL reporting. I also led a team of four and cut "
        "report time in half."
    )


def test_user_full_stop_is_not_doubled():
    """A need typed with its own full stop does not end up with two."""
    match = script.live_call(details(employer_needs="a lead analyst.")).sections[2].text
    assert "needs a lead analyst. That's where" in match


def test_decision_question_only_when_asked():
    """The call asks about the decision date only when the box is ticked."""
    asked = script.live_call(details(ask_decision=True))
    not_asked = script.live_call(details(ask_decision=False))
    assert "decision" in asked.section_names
    assert "decision" not in not_asked.section_names
    assert "when you expect" not in not_asked.text


def test_forgotten_point_only_when_given():
    """The point you wish you had made appears in the call only when you typed one."""
    with_point = script.live_call(details(forgotten_point=FORGOTTEN))
    lead = "There is one more thing I didn't get to mention."
    assert f"{lead} I also speak Spanish." in with_point.text
    assert "get to mention" not in script.live_call(details()).text


def test_typical_call_fits_in_ninety_seconds_without_warning():
    """A call built from a short form is under a minute and a half and carries no warning."""
    call = script.live_call(details(forgotten_point=FORGOTTEN, ask_decision=True))
    assert call.speaking_seconds == 60
    assert call.warnings == ()


def test_long_call_gets_a_warning_with_its_length():
    """Long qualifications and needs push the call past 90 seconds, and the script warns."""
    long_line = " ".join(["experience"] * 25)
    call = script.live_call(
        details(qualifications="\n".join([long_line] * 3), employer_needs=long_line * 3)
    )
    assert call.speaking_seconds is not None and call.speaking_seconds > 90
    assert call.warnings == (
        f"This call takes about {call.speaking_seconds} seconds to say, more than the 90 seconds "
        "to aim for. Shorten the qualifications or the other points: brief is what works.",
    )


# --- voicemail and the "no decision yet" branch -----------------------------------------------


def test_voicemail_says_name_and_number_twice():
    """The voicemail repeats your name and phone number so they can be written down."""
    message = script.voicemail(details())
    assert message.text.count(PHONE) == 2
    assert message.text.count("Sam Lee") == 2


def test_voicemail_is_under_thirty_seconds_and_puts_no_pressure():
    """A typical voicemail is short and tells them there is no rush."""
    message = script.voicemail(details())
    assert message.speaking_seconds == 30
    assert message.warnings == ()
    assert "There's no rush to call back." in message.text


def test_voicemail_falls_back_to_email_said_twice():
    """Without a phone number, the voicemail leaves your email address twice instead."""
    message = script.voicemail(details(phone=""))
    assert message.text.count(EMAIL) == 2
    assert "You can reach me at sam@example.com." in message.text


def test_voicemail_without_any_contact_warns():
    """With neither phone nor email, the voicemail asks you to add one."""
    message = script.voicemail(details(phone="", email=""))
    assert message.warnings == (
        "Add your phone number or email address: a voicemail should leave a way to reach you, "
        "said twice so it can be written down.",
    )
    assert "contact" not in message.section_names


def test_voicemail_with_a_very_long_name_warns_about_length():
    """A voicemail that runs past 30 seconds says so."""
    message = script.voicemail(details(company=" ".join(["Acme"] * 40)))
    assert any("more than the 30 seconds" in warning for warning in message.warnings)


def test_no_decision_branch_asks_when_to_check_back_and_to_note_the_date():
    """If nothing is decided yet, the script asks when to check back and says to note the date."""
    branch = script.no_decision_yet(details())
    assert branch.section_names == ("understand", "check_back", "close")
    assert "when would be a good time for me to check back with you?" in branch.text
    assert branch.tip.startswith("Write down the date they give you")


# --- written variants --------------------------------------------------------------------------


def test_email_starts_with_a_subject_line():
    """The email's first line is its subject, naming the role."""
    first_line = script.email(details()).text.splitlines()[0]
    assert first_line == "Subject: Thank you for the Data analyst interview"


def test_email_is_signed_with_name_phone_and_email():
    """The email ends with your name and the contact details you gave, one per line."""
    assert script.email(details()).text.endswith(f"Best regards,\nSam Lee\n{PHONE}\n{EMAIL}")


def test_email_signature_leaves_out_missing_details():
    """Without phone or email, the signature is just your name, with no empty lines."""
    assert script.email(details(phone="", email="")).text.endswith("Best regards,\nSam Lee")


def test_email_asks_about_the_decision_only_when_asked():
    """The email mentions the decision date only when the box is ticked."""
    assert "when you expect to decide" in script.email(details(ask_decision=True)).text
    assert "when you expect to decide" not in script.email(details()).text


def test_note_has_an_envelope_block_with_the_title_when_given():
    """The handwritten note starts with who to address the envelope to."""
    assert script.handwritten_note(details()).sections[0].text == (
        "For the envelope:\nDana Reyes\nHead of Data\nAcme Analytics"
    )
    untitled = script.handwritten_note(details(interviewer_title=""))
    assert untitled.sections[0].text == "For the envelope:\nDana Reyes\nAcme Analytics"


def test_written_variants_have_no_speaking_time():
    """Email, note and LinkedIn message are read, not said: no speaking time."""
    scripts = by_key(details(linkedin=True))
    assert [key for key, item in scripts.items() if item.speaking_seconds is None] == [
        "email",
        "note",
        "linkedin",
    ]


def test_linkedin_message_only_when_already_talking_there():
    """The LinkedIn message is offered only to someone already in touch on LinkedIn."""
    assert list(by_key(details())) == ["live_call", "no_decision", "voicemail", "email", "note"]
    with_linkedin = by_key(details(linkedin=True))
    assert list(with_linkedin)[-1] == "linkedin"
    assert with_linkedin["linkedin"].text.startswith("Hi Dana, thank you again")


# --- counting ----------------------------------------------------------------------------------


def test_word_count_counts_the_words_of_every_section():
    """The word count is the number of words in the whole text."""
    item = script.Script(
        key="k",
        title="T",
        sections=(script.Section("a", "one two three"), script.Section("b", "four five")),
        spoken=True,
        tip="",
    )
    assert item.word_count == 5


def test_speaking_time_is_140_words_a_minute():
    """140 words take 60 seconds to say."""
    assert script.speaking_seconds(" ".join(["word"] * 140)) == 60


def test_digits_are_timed_one_by_one():
    """A phone number takes as long as its digits, each read out separately."""
    assert script.speaking_seconds("020 7946 0958 " * 10) == script.speaking_seconds(
        " ".join(["word"] * 110)
    )


# --- user text stays literal -------------------------------------------------------------------


@pytest.mark.parametrize("hostile", ["{company}", "$role", "${role}", "{0}", "%(role)s"])
def test_template_like_text_comes_out_literally(hostile: str):
    """A company called like a template placeholder is printed as typed, not filled in."""
    for item in script.build_scripts(details(company=hostile, linkedin=True)):
        assert hostile in item.text, item.key
        assert "Acme" not in item.text


def test_our_own_wording_has_no_placeholder_characters():
    """With plain input, no script contains a brace or a dollar sign of ours."""
    for item in script.build_scripts(details(forgotten_point=FORGOTTEN, ask_decision=True)):
        assert not set("{}$") & set(item.text), item.key


# Everything a user could type, except the characters that mark a template placeholder.
PLAIN = st.text(
    alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="{}$"),
    min_size=1,
    max_size=40,
).filter(lambda text: script.clean_text(text) != "")
# What a person says has a letter or digit in it; a box of only punctuation counts as empty.
SAID = PLAIN.filter(lambda text: any(char.isalnum() for char in text))
# One to three qualifications once split into lines.
QUALIFICATION = SAID.filter(lambda text: 1 <= len(script.split_qualifications(text)) <= 3)


@settings(max_examples=60, deadline=None)
@given(
    your_name=PLAIN,
    interviewer=PLAIN,
    company=PLAIN,
    role=PLAIN,
    qualification=QUALIFICATION,
    needs=SAID,
    forgotten=st.one_of(st.just(""), PLAIN),
    ask_decision=st.booleans(),
    linkedin=st.booleans(),
)
def test_any_valid_input_names_the_interviewer_and_company_and_leaves_no_placeholder(
    your_name, interviewer, company, role, qualification, needs, forgotten, ask_decision, linkedin
):
    """Whatever is typed, every variant names the interviewer and the company, and none
    contains a placeholder (no brace or dollar sign, since the input had none)."""
    found = CallDetails.from_form(
        your_name=your_name,
        interviewer=interviewer,
        company=company,
        role=role,
        qualifications=qualification,
        employer_needs=needs,
        forgotten_point=forgotten,
        ask_decision=ask_decision,
        linkedin=linkedin,
    )
    greeted = script.greeting_name(found)
    for item in script.build_scripts(found):
        assert greeted in item.text, item.key
        assert found.company in item.text, item.key
        assert not set("{}$") & set(item.text), item.key
        assert all(char == "\n" or unicodedata.category(char) != "Cc" for char in item.text)


@settings(max_examples=40, deadline=None)
@given(company=st.text(min_size=1, max_size=60).filter(lambda text: script.clean_text(text)))
def test_any_company_name_appears_exactly_as_cleaned(company: str):
    """Any company name, braces and dollars included, appears in every variant as typed."""
    found = details(company=company)
    for item in script.build_scripts(found):
        assert found.company in item.text, item.key


# --- validation --------------------------------------------------------------------------------


def test_empty_form_gets_one_message_per_required_field():
    """Submitting nothing lists each required field with its own message."""
    with pytest.raises(ScriptInputError) as caught:
        CallDetails.from_form()
    assert caught.value.errors == script.REQUIRED_MESSAGES


@pytest.mark.parametrize("field", list(script.REQUIRED_MESSAGES))
def test_each_missing_required_field_is_named(field: str):
    """Leaving one required field blank (or only spaces) reports that field alone."""
    with pytest.raises(ScriptInputError) as caught:
        details(**{field: "   "})
    assert caught.value.errors == {field: script.REQUIRED_MESSAGES[field]}


def test_input_error_is_a_value_error_with_every_message():
    """The error is a ValueError whose text joins the field messages, for any caller."""
    with pytest.raises(ValueError, match="Enter the company"):
        details(company="", role="")


@pytest.mark.parametrize(
    ("field", "limit"),
    [("company", 300), ("your_name", 300), ("employer_needs", 1_000), ("forgotten_point", 1_000)],
)
def test_fields_up_to_their_limit_are_accepted(field: str, limit: int):
    """A field exactly at its length limit is fine."""
    assert len(getattr(details(**{field: "x" * limit}), field)) == limit


@pytest.mark.parametrize(
    ("field", "limit", "label"),
    [
        ("company", 300, "Company"),
        ("interviewer_title", 300, "Interviewer's job title"),
        ("employer_needs", 1_000, "What the employer said they need"),
        ("forgotten_point", 1_000, "Something you wish you had said"),
    ],
)
def test_fields_over_their_limit_get_a_clear_message(field: str, limit: int, label: str):
    """One character too many is refused with the field's name, its length and the limit."""
    with pytest.raises(ScriptInputError) as caught:
        details(**{field: "x" * (limit + 1)})
    assert caught.value.errors == {
        field: f"{label} is {limit + 1:,} characters long; keep it to {limit:,} at most."
    }


def test_a_qualification_over_the_limit_is_named_by_number():
    """Each qualification has its own length limit, and the message says which one."""
    with pytest.raises(ScriptInputError) as caught:
        details(qualifications="SQL\n" + "x" * 301)
    assert caught.value.errors == {
        "qualifications": "Qualification 2 is 301 characters long; keep each one to 300 at most."
    }


def test_more_than_three_qualifications_are_refused():
    """A fourth qualification is one too many for a short call."""
    with pytest.raises(ScriptInputError) as caught:
        details(qualifications="a\nb\nc\nd")
    assert caught.value.errors["qualifications"].startswith("List at most 3 qualifications")


def test_blank_lines_between_qualifications_are_ignored():
    """Empty lines in the qualifications box do not count as qualifications."""
    assert details(qualifications="\n SQL \n\n\nPython\n").qualifications == ("SQL", "Python")


def test_control_characters_are_stripped():
    """Invisible control characters are removed; tabs and line breaks in a name become spaces."""
    found = details(company="Ac\x00me\x07\tLtd", role="Data\nanalyst\r\n")
    assert (found.company, found.role) == ("Acme Ltd", "Data analyst")


def test_line_breaks_are_kept_in_notes_and_normalised():
    """The free-text fields keep their line breaks, whatever the system wrote them as."""
    assert details(employer_needs="first\r\nsecond\rthird").employer_needs == "first\nsecond\nthird"


def test_building_directly_with_control_characters_is_refused():
    """Code that skips the form still cannot smuggle control characters into a script."""
    with pytest.raises(ScriptInputError) as caught:
        CallDetails(
            your_name="Sam",
            interviewer="Dana\x1b[31m",
            company="Acme",
            role="Analyst",
            qualifications=("SQL",),
            employer_needs="reports",
        )
    assert list(caught.value.errors) == ["interviewer"]


@pytest.mark.parametrize(
    "phone", ["", "+44 20 7946 0958", "(555) 123-4567", "555.123.4567 ext. 12", "0612345678"]
)
def test_plausible_phone_numbers_are_accepted(phone: str):
    """Phone numbers in the usual notations, or none at all, are fine."""
    assert details(phone=phone).phone == phone


@pytest.mark.parametrize("phone", ["12345", "call me", "555-CALL-NOW", "+" + "1" * 26])
def test_implausible_phone_numbers_are_refused(phone: str):
    """Something that cannot be dialled gets a message about the phone number."""
    with pytest.raises(ScriptInputError) as caught:
        details(phone=phone)
    assert caught.value.errors["phone"].startswith("That phone number does not look right")


@pytest.mark.parametrize("address", ["", "sam@example.com", "s.lee+jobs@mail.example.co.uk"])
def test_plausible_email_addresses_are_accepted(address: str):
    """Ordinary email addresses, or none at all, are fine."""
    assert details(email=address).email == address


@pytest.mark.parametrize("address", ["sam", "sam@", "sam@example", "sam @example.com", "a@b@c.d"])
def test_implausible_email_addresses_are_refused(address: str):
    """An address without a user, an @ and a domain gets a message about the email."""
    with pytest.raises(ScriptInputError) as caught:
        details(email=address)
    assert list(caught.value.errors) == ["email"]


# --- downloads ---------------------------------------------------------------------------------


def test_text_download_is_the_script_with_a_final_newline():
    """The .txt file holds exactly the script text."""
    item = script.live_call(details())
    assert script.as_text(item) == item.text + "\n"


def test_markdown_download_puts_the_script_in_a_fenced_block():
    """The .md file has our heading and the script inside a code fence, untouched."""
    item = script.live_call(details(company="**Bold** <b>x</b>"))
    assert script.as_markdown(item) == (
        f"# Live call\n\n{item.word_count} words, about {item.speaking_seconds} seconds to say."
        f"\n\n```text\n{item.text}\n```\n"
    )


def test_markdown_fence_is_longer_than_any_backticks_in_the_text():
    """Backticks typed by the user cannot close the fence early."""
    item = script.live_call(details(employer_needs="a\n```\n# Heading\n````\nend"))
    markdown = script.as_markdown(item)
    assert markdown.count("\n`````text\n") == 1
    fence_lines = [line for line in markdown.splitlines() if line.startswith("`````")]
    assert fence_lines == ["`````text", "`````"]


def test_file_names_come_from_the_variant_not_from_user_text():
    """Download names are fixed per variant, whatever the company is called."""
    item = script.voicemail(details(company="../../etc/passwd"))
    assert script.file_name(item, "md") == "follow-up-voicemail.md"


# --- checklist ---------------------------------------------------------------------------------


def test_checklist_covers_the_preparation_steps():
    """The pre-call checklist has the seven preparation steps, in order."""
    assert [item.key for item in script.PRE_CALL_CHECKLIST] == [
        "resume",
        "references",
        "talking_points",
        "practised",
        "quiet_place",
        "direct_number",
        "confident",
    ]


def test_checklist_state_lists_every_item_and_drops_unknown_ones():
    """The stored checklist has one tick per item, missing ones unticked, strangers dropped."""
    state = script.checklist_state({"resume": True, "references": 1, "unknown": True})
    assert state == {
        "resume": True,
        "references": True,
        "talking_points": False,
        "practised": False,
        "quiet_place": False,
        "direct_number": False,
        "confident": False,
    }


def test_ticks_are_stored_as_comma_separated_keys_in_checklist_order():
    """The ticks kept with an interview list the ticked items' keys, in the checklist's order."""
    ticks = {"quiet_place": True, "resume": True, "references": False, "unknown": True}
    assert script.checklist_cell(ticks) == "resume,quiet_place"


def test_no_ticks_are_stored_as_an_empty_cell():
    """With nothing ticked, the interview's checklist cell is empty."""
    assert script.checklist_cell({}) == ""


@pytest.mark.parametrize(
    ("cell", "ticked"),
    [
        ("resume,quiet_place", {"resume", "quiet_place"}),
        (" resume , confident ", {"resume", "confident"}),
        ("resume,,carrier_pigeon", {"resume"}),
        ("", set()),
        (float("nan"), set()),
        (None, set()),
    ],
)
def test_stored_ticks_load_back(cell: object, ticked: set[str]):
    """A stored checklist cell gives back its ticks; empty cells and unknown keys tick nothing."""
    state = script.checklist_from_cell(cell)
    assert list(state) == [item.key for item in script.PRE_CALL_CHECKLIST]
    assert {key for key, value in state.items() if value} == ticked


@given(st.sets(st.sampled_from([item.key for item in script.PRE_CALL_CHECKLIST])))
@settings(max_examples=30)
def test_ticks_survive_a_round_trip_through_the_cell(ticked: set[str]):
    """Any set of ticks stored with an interview loads back exactly."""
    ticks = {key: True for key in ticked}
    assert script.checklist_from_cell(script.checklist_cell(ticks)) == script.checklist_state(ticks)


# --- pieces for the tracker ---------------------------------------------------------------------


def interview_row(**changes: object) -> dict[str, object]:
    row: dict[str, object] = dict.fromkeys(vocab.INTERVIEW_COLUMNS, "")
    row.update(
        interview_id="i-1",
        company="Acme",
        role="Analyst",
        interviewer="Dana Reyes",
        interviewer_title="Head of Data",
        interview_date="2025-03-03",
    )
    row.update(changes)
    return row


def test_an_interview_prefills_the_form():
    """Choosing a tracked interview fills company, role, interviewer, title and date."""
    assert script.details_from_interview(interview_row()) == {
        "company": "Acme",
        "role": "Analyst",
        "interviewer": "Dana Reyes",
        "interviewer_title": "Head of Data",
        "interviewer_phone": "",
        "interviewer_email": "",
        "interview_date": date(2025, 3, 3),
    }


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (pd.Timestamp("2025-03-03 10:00"), date(2025, 3, 3)),
        (datetime(2025, 3, 3, 10), date(2025, 3, 3)),
        (date(2025, 3, 3), date(2025, 3, 3)),
        (pd.NaT, None),
        (None, None),
        ("", None),
        ("next week", None),
    ],
)
def test_interview_dates_in_any_cell_form_prefill_or_stay_empty(cell: object, expected):
    """Dates read from the tracker become a date; empty or unreadable ones leave it empty."""
    assert script.details_from_interview(interview_row(interview_date=cell))["interview_date"] == (
        expected
    )


def test_empty_interview_cells_prefill_as_empty_text():
    """Missing cells (NaN, None, pd.NA) prefill as empty fields, never as "nan"."""
    row = interview_row(interviewer=float("nan"), interviewer_title=pd.NA, role=None)
    prefill = script.details_from_interview(row)
    assert (prefill["interviewer"], prefill["interviewer_title"], prefill["role"]) == ("", "", "")


def test_a_point_with_nothing_but_filler_is_left_out() -> None:
    """A "something you wish you had said" of only "and" or a bullet adds no empty sentence."""
    details = script.CallDetails.from_form(
        your_name="Sam Lee",
        interviewer="Dana Reyes",
        company="Globex",
        role="Analyst",
        qualifications="SQL reporting",
        employer_needs="someone for the monthly reports",
        forgotten_point="- and",
    )
    assert details.forgotten_point == ""
    assert all(": ." not in item.text for item in script.build_scripts(details))


def test_needs_with_nothing_but_filler_are_asked_for() -> None:
    """What the employer needs is required; a bullet on its own does not count as said."""
    with pytest.raises(script.ScriptInputError) as caught:
        script.CallDetails.from_form(
            your_name="Sam Lee",
            interviewer="Dana Reyes",
            company="Globex",
            role="Analyst",
            qualifications="SQL reporting",
            employer_needs="•",
        )
    assert "employer_needs" in caught.value.errors


def test_a_qualification_line_of_only_a_bullet_is_not_a_qualification() -> None:
    """A stray bullet line between qualifications is not read out as one."""
    assert script.split_qualifications("• SQL reporting\n•\n- ") == ("SQL reporting",)
