"""A job seeker fills the call-script form and reads, copies and downloads the scripts."""

from __future__ import annotations

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from followup import script
from followup.ui import TODAY_ENV
from tests.apptest import open_page, open_tab

PAGE = "pages/2_Call_script.py"
FORM = {
    "script_your_name": "Sam Lee",
    "script_interviewer": "Dana Reyes",
    "script_company": "Acme Analytics",
    "script_role": "Data analyst",
    "script_phone": "+44 20 7946 0958",
}
NOTES = {
    "script_qualifications": "five years of SQL reporting\nled a team of four",
    "script_employer_needs": "someone to rebuild the monthly reporting",
}


SUMMARY = "Some fields need your attention: each one says what is missing, above."


def fill(at: AppTest, **changes: str) -> AppTest:
    """Type the form's values (with `changes`, keyed by widget key) and press Build."""
    for key, value in {**FORM, **NOTES, **changes}.items():
        widget = at.text_area(key=key) if key in NOTES else at.text_input(key=key)
        widget.input(value)
    return at.button(key="script_build").click().run()


def test_submitting_the_form_builds_a_script_naming_the_interviewer():
    """A job seeker fills in the form and gets a call script that greets the interviewer."""
    at = fill(open_page(PAGE))
    assert not at.exception
    assert at.code[0].value.startswith("Hello Dana, this is Sam Lee.")


VARIANTS = ("Live call", "If no decision yet", "Voicemail", "Email", "Handwritten note")
# The open variant's text (only the open tab is drawn), and the call again in Practice.
CODE_BLOCKS = 2


def open_variant(at: AppTest, title: str) -> AppTest:
    """Open the script tab `title`, as a click on it does."""
    return open_tab(at, title, key="script_variant")


def test_each_variant_gets_its_own_tab():
    """Call, no-decision branch, voicemail, email and note each have a tab; then Practice."""
    at = fill(open_page(PAGE))
    assert [tab.label for tab in at.tabs] == [*VARIANTS, "Practice"]
    assert len(at.code) == CODE_BLOCKS
    at = open_variant(at, "Voicemail")
    assert at.code[0].value.count("+44 20 7946 0958") == 2
    assert at.code[-1].value.startswith("Hello Dana")


def test_linkedin_tab_appears_when_already_talking_there():
    """Ticking the LinkedIn box adds a LinkedIn message as the last tab."""
    at = open_page(PAGE)
    at.checkbox(key="script_linkedin").check()
    at = fill(at)
    assert at.tabs[-2].label == "LinkedIn message"


def test_each_variant_can_be_downloaded_as_text_and_markdown():
    """Every tab offers a .txt and a .md download."""
    at = fill(open_page(PAGE))
    keys = []
    for title in VARIANTS:
        keys += [button.key for button in open_variant(at, title).get("download_button")]
    assert keys == [
        f"script_download_{variant}_{suffix}"
        for variant in ("live_call", "no_decision", "voicemail", "email", "note")
        for suffix in ("txt", "md")
    ]


def test_speaking_time_is_shown_for_the_call():
    """Above the call, the page says how many words it has and how long it takes to say."""
    at = fill(open_page(PAGE))
    call = script.build_scripts(
        script.CallDetails.from_form(
            your_name="Sam Lee",
            interviewer="Dana Reyes",
            company="Acme Analytics",
            role="Data analyst",
            phone="+44 20 7946 0958",
            qualifications=NOTES["script_qualifications"],
            employer_needs=NOTES["script_employer_needs"],
        )
    )[0]
    captions = [caption.value for caption in at.caption]
    assert (
        f"{call.word_count} words · about {call.speaking_seconds} seconds to say "
        "(at 140 words a minute)"
    ) in captions


def test_empty_form_shows_one_error_per_required_field_and_no_script():
    """Pressing Build on an empty form says what is missing, field by field, and builds nothing."""
    at = open_page(PAGE).button(key="script_build").click().run()
    assert not at.exception
    assert [error.value for error in at.error] == [*script.REQUIRED_MESSAGES.values(), SUMMARY]
    assert len(at.code) == 0


def test_fixing_the_form_after_errors_builds_the_script():
    """After the errors, filling the fields in and pressing Build gives the script."""
    at = open_page(PAGE).button(key="script_build").click().run()
    at = fill(at)
    assert len(at.error) == 0
    assert len(at.code) == CODE_BLOCKS


def test_a_bad_submission_clears_the_previous_script():
    """A later submission with a field emptied shows its error instead of the old script."""
    at = fill(open_page(PAGE))
    at = fill(at, script_company="")
    assert [error.value for error in at.error] == [script.REQUIRED_MESSAGES["company"], SUMMARY]
    assert len(at.code) == 0


def test_a_long_call_shows_the_length_warning():
    """Long qualifications make the call run over 90 seconds, and the page warns about it."""
    long_line = " ".join(["experience"] * 25)
    at = fill(
        open_page(PAGE),
        script_qualifications="\n".join([long_line] * 3),
        script_employer_needs=long_line * 3,
    )
    warnings = [w.value for w in at.warning if not w.value.startswith("This email is too long")]
    assert len(warnings) == 1
    assert warnings[0].startswith("This call takes about ")
    assert "more than the 90 seconds to aim for" in warnings[0]


def test_a_short_call_shows_no_warning():
    """A short call with a phone number carries no warning at all."""
    assert len(fill(open_page(PAGE)).warning) == 0


@pytest.mark.parametrize(
    "hostile", ["<script>alert(1)</script>", "**Bold**", "[x](javascript:alert(1))"]
)
def test_hostile_company_name_is_shown_literally(hostile: str):
    """A company name that looks like HTML or Markdown appears exactly as typed in the script."""
    at = fill(open_page(PAGE), script_company=hostile)
    assert f"role at {hostile}. Do you have" in at.code[0].value
    assert not [block.value for block in at.markdown if hostile in block.value]


def test_ticking_the_checklist_keeps_the_script():
    """Ticking a checklist item reruns the page, and the script is still there."""
    at = fill(open_page(PAGE))
    at.checkbox(key="script_check_resume").check().run()
    assert at.checkbox(key="script_check_resume").value is True
    assert at.code[0].value.startswith("Hello Dana,")


def test_form_and_checklist_survive_a_visit_to_another_page():
    """Going to the Tracker and back keeps the typed form, the ticks and the scripts."""
    at = fill(open_page(PAGE))
    at.checkbox(key="script_check_references").check().run()
    at = at.switch_page("pages/3_Tracker.py").run().switch_page(PAGE).run()
    assert at.text_input(key="script_interviewer").value == "Dana Reyes"
    assert at.checkbox(key="script_check_references").value is True
    assert len(at.code) == CODE_BLOCKS


def test_interview_date_cannot_be_after_today(monkeypatch: pytest.MonkeyPatch):
    """The interview date picker stops at today's date, taken from one replaceable place."""
    monkeypatch.setenv(TODAY_ENV, "2025-03-14")
    at = open_page(PAGE)
    assert at.date_input(key="script_interview_date").max == date(2025, 3, 14)


def test_picked_interview_date_appears_in_the_call():
    """A chosen interview date is said in the greeting."""
    at = open_page(PAGE)
    at.date_input(key="script_interview_date").set_value(date(2025, 3, 3))
    at = fill(at)
    assert "at Acme Analytics on 3 March." in at.code[0].value


def test_a_paste_over_the_limit_stays_and_says_how_long_it_is():
    """A 350-character company is kept whole; the field says its length and the limit."""
    pasted = "N" * 350
    at = open_page(PAGE)
    at.text_input(key="script_company").input(pasted).run()
    assert at.text_input(key="script_company").value == pasted
    assert [error.value for error in at.error] == [
        "Company is 350 characters long; keep it to 300 at most."
    ]
    at = fill(at, script_company=pasted)
    assert len(at.code) == 0
    assert at.text_input(key="script_company").value == pasted


def test_required_fields_are_marked_in_their_labels():
    """Every required field says so in its label; optional ones do not."""
    at = open_page(PAGE)
    labels = {w.key: w.label for w in [*at.text_input, *at.text_area]}
    for field in script.REQUIRED_FIELDS:
        assert labels[f"script_{field}"].endswith("(required)")
    assert not labels["script_phone"].endswith("(required)")


def test_a_missing_field_is_flagged_only_after_build():
    """An empty form is not scolded before Build is pressed."""
    assert len(open_page(PAGE).error) == 0


def test_the_greeting_suggestion_follows_the_typed_name():
    """ "Greet them as" suggests "Ms. Raman" for Ms. Priya Raman; typing "Priya" is used."""
    at = open_page(PAGE)
    at.text_input(key="script_interviewer").input("Ms. Priya Raman").run()
    assert at.text_input(key="script_address").placeholder == "Ms. Raman"
    at = fill(at, script_interviewer="Ms. Priya Raman")
    assert at.code[0].value.startswith("Hello Ms. Raman,")
    at = fill(at, script_interviewer="Ms. Priya Raman", script_address="Priya")
    assert at.code[0].value.startswith("Hello Priya,")


def test_the_email_opens_in_a_mail_app():
    """The Email tab has a mailto: button with the subject filled in."""
    at = open_variant(fill(open_page(PAGE)), "Email")
    links = at.get("link_button")
    assert len(links) == 1
    url = links[0].proto.url
    assert url.startswith("mailto:?subject=Thank%20you%20for%20the%20Data%20analyst%20interview")


def test_the_practice_tab_offers_a_recorder():
    """Practice has a microphone recorder and the call to read from."""
    at = fill(open_page(PAGE))
    assert [w.proto.label for w in at.get("audio_input")] == ["Record yourself reading the call"]
