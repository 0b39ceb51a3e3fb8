"""The call-script page with a tracker: prefill from an interview, plan the call, keep ticks."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from followup import script, tracker, vocab
from followup.store import CsvStore
from followup.ui import TODAY_ENV, plain
from followup.ui.tracker import SECOND_CALL
from tests.apptest import open_page

PAGE = "pages/2_Call_script.py"
# A Friday, so the next business day is Monday 23 September.
TODAY = dt.date(2024, 9, 20)
ACME = {
    "company": "Acme Analytics",
    "role": "Data analyst",
    "interviewer": "Dana Reyes",
    "interviewer_title": "Head of Data",
    "interview_date": dt.date(2024, 9, 18),
}


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TODAY_ENV, TODAY.isoformat())


def add_interview(data_dir: Path, **fields: object) -> str:
    """Put one interview in the tracker, as if added on the Tracker page; return its id."""
    t = CsvStore(data_dir).update(lambda t: tracker.add_interview(t, {**ACME, **fields}))
    return t.interviews["interview_id"].iloc[-1]


def log_call(data_dir: Path, interview_id: str, channel: str = vocab.PHONE_CALL) -> None:
    """Log a follow-up made earlier for the interview."""
    row = {"interview_id": interview_id, "date": TODAY, "channel": channel}
    row |= {"purpose": "Check-in", "outcome": "Voicemail"}
    CsvStore(data_dir).update(lambda t: tracker.add_followup(t, row))


def choose(at: AppTest, interview_id: str) -> AppTest:
    """Pick an interview in the selector above the form."""
    return at.selectbox(key="script_interview").set_value(interview_id).run()


def build(at: AppTest) -> AppTest:
    """Fill in what no interview knows (you, your strengths, their needs) and press Build."""
    at.text_input(key="script_your_name").input("Sam Lee")
    at.text_area(key="script_qualifications").input("five years of SQL reporting")
    at.text_area(key="script_employer_needs").input("someone to rebuild the monthly reporting")
    return at.button(key="script_build").click().run()


def plan(at: AppTest, channel: str) -> AppTest:
    """Save the built script as a planned follow-up on `channel`."""
    at.selectbox(key="script_plan_channel").set_value(channel)
    return at.button(key="script_plan_submit").click().run()


def saved(data_dir: Path) -> tracker.Tracker:
    return CsvStore(data_dir).load()


def test_choosing_an_interview_fills_the_form(data_dir: Path):
    """Picking a tracked interview fills company, role, interviewer, title and date."""
    interview_id = add_interview(data_dir)
    at = choose(open_page(PAGE), interview_id)
    assert not at.exception
    filled = {
        field: at.text_input(key=f"script_{field}").value
        for field in ("company", "role", "interviewer", "interviewer_title")
    }
    assert filled == {key: value for key, value in ACME.items() if key != "interview_date"}
    assert at.date_input(key="script_interview_date").value == dt.date(2024, 9, 18)


def test_the_prefilled_form_builds_a_script_for_that_interview(data_dir: Path):
    """After picking the interview, only your own details are left to type before building."""
    interview_id = add_interview(data_dir)
    at = build(choose(open_page(PAGE), interview_id))
    assert at.code[0].value.startswith("Hello Dana, this is Sam Lee. I'm calling about the ")
    assert "Data analyst role at Acme Analytics on 18 September." in at.code[0].value


def test_going_back_to_none_empties_what_the_interview_filled(data_dir: Path):
    """Choosing "None — start blank" clears the interview's fields and scripts, not your own."""
    interview_id = add_interview(data_dir)
    at = choose(build(choose(open_page(PAGE), interview_id)), "")
    assert at.text_input(key="script_company").value == ""
    assert at.date_input(key="script_interview_date").value is None
    assert at.text_input(key="script_your_name").value == "Sam Lee"
    assert len(at.code) == 0


def test_no_selector_when_the_tracker_is_empty():
    """With no interviews tracked, the form is all there is."""
    at = open_page(PAGE)
    assert not at.exception
    assert not [box for box in at.selectbox if box.key == "script_interview"]


def test_a_logged_call_is_pointed_out_before_the_scripts(data_dir: Path):
    """When a call is already logged for the interview, the page says so above the scripts."""
    interview_id = add_interview(data_dir)
    log_call(data_dir, interview_id)
    at = build(choose(open_page(PAGE), interview_id))
    assert at.warning[0].value == SECOND_CALL
    assert "email or a short note" in at.warning[0].value


def test_no_call_notice_without_a_logged_call(data_dir: Path):
    """An email logged for the interview is no reason for the don't-call-again notice."""
    interview_id = add_interview(data_dir)
    log_call(data_dir, interview_id, channel="Email")
    at = build(choose(open_page(PAGE), interview_id))
    assert SECOND_CALL not in [warning.value for warning in at.warning]


def test_saving_a_planned_follow_up_adds_one_planned_row(data_dir: Path):
    """ "Save as planned follow-up" adds one Planned check-in call on the next business day."""
    interview_id = add_interview(data_dir)
    at = build(choose(open_page(PAGE), interview_id))
    at = at.button(key="script_plan_submit").click().run()
    assert not at.exception
    followups = saved(data_dir).followups
    assert len(followups) == 1
    row = followups.iloc[0]
    assert row["interview_id"] == interview_id
    assert row["date"] == dt.datetime(2024, 9, 23)
    assert (row["channel"], row["purpose"], row["outcome"]) == ("Phone call", "Check-in", "Planned")
    assert at.toast[0].value.startswith("Planned follow-up added to the tracker")


def test_after_a_call_the_plan_suggests_an_email(data_dir: Path):
    """With a call already logged, the planned follow-up's channel starts on Email."""
    interview_id = add_interview(data_dir)
    log_call(data_dir, interview_id)
    at = build(choose(open_page(PAGE), interview_id))
    assert at.selectbox(key="script_plan_channel").value == "Email"


def test_planning_a_second_call_asks_first_and_saves_only_when_confirmed(data_dir: Path):
    """A second call in the round is explained next to the plan and saved only on confirmation."""
    interview_id = add_interview(data_dir)
    log_call(data_dir, interview_id)
    at = plan(build(choose(open_page(PAGE), interview_id)), vocab.PHONE_CALL)
    assert [warning.value for warning in at.warning].count(SECOND_CALL) == 2
    assert len(saved(data_dir).followups) == 1
    at = at.button(key="script_second_call_yes").click().run()
    followups = saved(data_dir).followups
    assert followups["channel"].tolist() == ["Phone call", "Phone call"]
    assert followups["outcome"].tolist() == ["Voicemail", "Planned"]


def test_declining_the_second_call_saves_nothing(data_dir: Path):
    """Choosing not to plan the second call leaves the tracker as it was."""
    interview_id = add_interview(data_dir)
    log_call(data_dir, interview_id)
    at = plan(build(choose(open_page(PAGE), interview_id)), vocab.PHONE_CALL)
    at = at.button(key="script_second_call_no").click().run()
    assert len(saved(data_dir).followups) == 1
    assert not [button for button in at.button if button.key == "script_second_call_yes"]


def test_ticks_are_stored_with_the_interview_and_come_back_next_session(data_dir: Path):
    """Ticks made with an interview chosen are saved with it and load again in a new session."""
    interview_id = add_interview(data_dir)
    at = choose(open_page(PAGE), interview_id)
    at.checkbox(key="script_check_resume").check().run()
    at.checkbox(key="script_check_quiet_place").check().run()
    interviews = saved(data_dir).interviews
    assert interviews[vocab.CHECKLIST_COLUMN].tolist() == ["resume,quiet_place"]

    later = choose(open_page(PAGE), interview_id)
    ticked = [box.key for box in later.checkbox if box.value]
    assert ticked == ["script_check_resume", "script_check_quiet_place"]


def test_ticks_without_an_interview_stay_in_the_session(data_dir: Path):
    """With no interview chosen, ticking writes nothing to the tracker."""
    add_interview(data_dir)
    before = (data_dir / "interviews.csv").read_bytes()
    at = open_page(PAGE)
    at.checkbox(key="script_check_resume").check().run()
    assert at.checkbox(key="script_check_resume").value is True
    assert (data_dir / "interviews.csv").read_bytes() == before


def test_a_tick_that_cannot_be_saved_says_why(data_dir: Path):
    """When the chosen interview was deleted elsewhere, ticking says the tick was not saved."""
    interview_id = add_interview(data_dir)
    at = choose(open_page(PAGE), interview_id)
    CsvStore(data_dir).update(lambda t: tracker.delete_interview(t, interview_id))
    at = at.checkbox(key="script_check_resume").check().run()
    assert not at.exception
    assert at.error[0].value == plain(
        "Your ticks were not saved: the interview “Acme Analytics · Data analyst · 2024-09-18” "
        "was deleted after this page showed it (in another tab or window, perhaps). Nothing was "
        "saved."
    )
    assert at.checkbox(key="script_check_resume").value is False
    assert saved(data_dir).interviews.empty


def test_the_tracker_shows_the_ticks_read_only(data_dir: Path):
    """On the Tracker page the stored ticks are a column that cannot be typed into."""
    interview_id = add_interview(data_dir)
    at = choose(open_page(PAGE), interview_id)
    at.checkbox(key="script_check_resume").check().run()
    at = at.switch_page("pages/3_Tracker.py").run()
    table = next(e for e in at.data_editor if e.key.startswith("tracker_interviews_"))
    assert table.value[vocab.CHECKLIST_COLUMN].tolist() == ["resume"]
    assert json.loads(table.proto.columns)[vocab.CHECKLIST_COLUMN]["disabled"] is True


def test_a_damaged_tracker_leaves_the_script_working(data_dir: Path):
    """With an unreadable tracker file, the page says so briefly and still builds the script."""
    (data_dir / "interviews.csv").write_bytes(b"\x00\x01 not a csv")
    at = open_page(PAGE)
    assert not at.exception
    assert at.warning[0].value.startswith("Your tracker's files cannot be read just now")
    at.text_input(key="script_interviewer").input("Dana Reyes")
    at.text_input(key="script_company").input("Acme Analytics")
    at.text_input(key="script_role").input("Data analyst")
    at = build(at)
    assert not at.exception
    assert at.code[0].value.startswith("Hello Dana, this is Sam Lee.")
    at = at.checkbox(key="script_check_resume").check().run()
    assert not at.exception
    assert at.checkbox(key="script_check_resume").value is True


def test_the_interviewers_number_is_at_the_top_of_the_call(data_dir: Path):
    """A tracked interviewer phone number becomes the call's first line: Dial ..."""
    interview_id = add_interview(data_dir, interviewer_phone="+1 415 555 0137")
    at = build(choose(open_page(PAGE), interview_id))
    assert at.code[0].value.startswith("Dial +1 415 555 0137.\n\nHello Dana,")


def test_the_preferred_channel_comes_first(data_dir: Path):
    """An interviewer who prefers email gets the Email tab first, and the page says why."""
    interview_id = add_interview(data_dir, preferred_channel="Email")
    at = build(choose(open_page(PAGE), interview_id))
    assert at.tabs[0].label == "Email"
    assert at.code[0].value.startswith("Subject: Thank you for the Data analyst interview")
    assert "Email first: Email is their preferred channel in your tracker." in [
        caption.value for caption in at.caption
    ]


def test_the_one_call_rule_is_explained_beside_the_call(data_dir: Path):
    """With a tracked interview, the live call tab says one call per round and why."""
    interview_id = add_interview(data_dir)
    at = build(choose(open_page(PAGE), interview_id))
    assert script.ONE_CALL_RULE in [caption.value for caption in at.caption]


def test_the_draft_is_kept_with_the_interview_and_comes_back_next_session(data_dir: Path):
    """What was typed for an interview is saved with it on Build and refills a new session."""
    interview_id = add_interview(data_dir)
    build(choose(open_page(PAGE), interview_id))
    cell = saved(data_dir).interviews[vocab.DRAFT_COLUMN].iloc[0]
    assert script.draft_from_cell(cell)["qualifications"] == "five years of SQL reporting"

    later = choose(open_page(PAGE), interview_id)
    assert later.text_input(key="script_your_name").value == "Sam Lee"
    assert later.text_area(key="script_employer_needs").value == (
        "someone to rebuild the monthly reporting"
    )


def test_another_interview_without_a_draft_keeps_only_what_is_about_you(data_dir: Path):
    """Switching to an interview with no draft keeps your name but not the other one's needs."""
    first = add_interview(data_dir)
    second = add_interview(data_dir, company="Globex", interview_date=dt.date(2024, 9, 19))
    at = choose(build(choose(open_page(PAGE), first)), second)
    assert at.text_input(key="script_your_name").value == "Sam Lee"
    assert at.text_area(key="script_employer_needs").value == ""


def test_without_an_interview_the_draft_stays_in_the_session(data_dir: Path):
    """With no interview chosen, Build writes nothing to the tracker."""
    add_interview(data_dir)
    before = (data_dir / "interviews.csv").read_bytes()
    at = build(open_page(PAGE))
    at.text_input(key="script_interviewer").input("Dana Reyes")
    assert (data_dir / "interviews.csv").read_bytes() == before


def test_the_draft_is_hidden_from_the_tracker_table(data_dir: Path):
    """The Tracker page's interview table does not show the draft's JSON."""
    interview_id = add_interview(data_dir)
    at = build(choose(open_page(PAGE), interview_id))
    at = at.switch_page("pages/3_Tracker.py").run()
    table = next(e for e in at.data_editor if e.key.startswith("tracker_interviews_"))
    assert json.loads(table.proto.columns)[vocab.DRAFT_COLUMN]["hidden"] is True
