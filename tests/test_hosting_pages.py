"""A hosted dashboard: each visitor's tracker stays theirs, in every storage mode."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.errors import StreamlitAuthError
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.util import build_mock_config_get_option, patch_config_options

from followup import export, tracker
from followup.hosting import STORAGE_ENV, USERS_DIR
from followup.store import CsvStore
from followup.ui import TODAY_ENV
from followup.ui.tracker import SESSION_STORE_KEY
from tests.apptest import as_seen, open_page, open_tab
from tests.test_hosting import GOOD_AUTH

TRACKER = "pages/3_Tracker.py"
CHANNELS = "pages/1_Channels.py"
HOME = "app.py"
TODAY = dt.date(2024, 9, 23)
ISSUER = "https://accounts.example"
USER_SECRETS = {"followup": {"storage": "user"}, "auth": GOOD_AUTH}


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TODAY_ENV, TODAY.isoformat())


@pytest.fixture
def session_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(STORAGE_ENV, "session")


def person(subject: str, name: str = "") -> dict[str, object]:
    return {"is_logged_in": True, "iss": ISSUER, "sub": subject, "name": name}


def signed_in(subject: str, name: str = "") -> AppTest:
    """The tracker page of a user signed in as `subject`, in `user` mode."""
    return open_page(TRACKER, secrets=USER_SECRETS, user=person(subject, name))


def add_interview(at: AppTest, company: str) -> AppTest:
    at.text_input(key="tracker_add_company").input(company)
    at.text_input(key="tracker_add_role").input("Analyst")
    at.date_input(key="tracker_add_date").set_value(TODAY - dt.timedelta(days=10))
    return at.button(key="tracker_add_submit").click().run()


def companies(at: AppTest) -> list[str]:
    """The companies in the tracker page's interview table (none when there is no table)."""
    tables = [e for e in at.data_editor if e.key.startswith("tracker_interviews_")]
    return tables[0].value["company"].tolist() if tables else []


def files_under(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.is_file())


def session_tracker(at: AppTest) -> tracker.Tracker:
    return at.session_state[SESSION_STORE_KEY].load()


@pytest.mark.usefixtures("session_mode")
def test_session_mode_writes_nothing_to_the_server(data_dir: Path):
    """A visitor adds interviews, logs a follow-up and visits every page: no file is written."""
    at = open_page(TRACKER)
    at = open_tab(add_interview(add_interview(at, "Acme"), "Beta"), "Follow-ups")
    at.button(key="tracker_log_submit").click().run()
    at.switch_page(HOME).run()
    at.switch_page(CHANNELS).run()
    assert not at.exception
    assert len(session_tracker(at).interviews) == 2
    assert files_under(data_dir.parent) == []


@pytest.mark.usefixtures("session_mode")
def test_session_mode_says_where_the_tracker_lives():
    """The page tells the visitor their tracker lives in this tab only, and offers the zip."""
    at = open_page(TRACKER)
    assert at.info[0].value.startswith("Your tracker lives only in this browser session")
    assert at.get_by_key("tracker_session_download").label == "Download my tracker"


@pytest.mark.usefixtures("session_mode")
def test_a_second_session_does_not_see_the_first_ones_interviews():
    """Two visitors of a public dashboard never see each other's rows."""
    first = add_interview(open_page(TRACKER), "Acme")
    second = open_page(TRACKER)
    assert companies(first) == ["Acme"]
    assert companies(second) == []
    assert session_tracker(second).interviews.empty


@pytest.mark.usefixtures("session_mode")
def test_a_downloaded_tracker_loads_back_the_same():
    """The zip a visitor keeps restores the same tracker in a new session."""
    first = open_tab(add_interview(open_page(TRACKER), "Acme"), "Follow-ups")
    first.selectbox(key="tracker_log_channel").set_value("Email")
    first.button(key="tracker_log_submit").click().run()
    kept = session_tracker(first)
    zipped = export.tracker_zip(kept)

    second = open_page(TRACKER)
    second.get_by_key("tracker_session_load").set_value(
        (export.ZIP_NAME, zipped, "application/zip")
    )
    second.run()
    second.button(key="tracker_session_load_confirm").click().run()
    restored = session_tracker(second)
    pd.testing.assert_frame_equal(restored.interviews, kept.interviews)
    pd.testing.assert_frame_equal(restored.followups, kept.followups)
    loaded = second.toast[0].value
    assert loaded.startswith("Your tracker was loaded: 1 interview and 1 follow-up.")


@pytest.mark.usefixtures("session_mode")
def test_loading_a_wrong_file_says_why_and_keeps_the_tracker():
    """A file that is not a tracker export gives a message; the session's rows stay."""
    at = add_interview(open_page(TRACKER), "Acme")
    at.get_by_key("tracker_session_load").set_value(("notes.csv", b"what,is\n1,2\n", "text/csv"))
    at.run()
    assert "you downloaded, or both its files" in at.error[0].value
    assert not [b for b in at.button if b.key == "tracker_session_load_confirm"]
    assert session_tracker(at).interviews["company"].tolist() == ["Acme"]


@pytest.mark.usefixtures("session_mode")
def test_the_channels_page_compares_this_sessions_followups():
    """In session mode the Channels page counts the follow-ups logged in this tab."""
    at = open_tab(add_interview(open_page(TRACKER), "Acme"), "Follow-ups")
    at.selectbox(key="tracker_log_channel").set_value("Text message")
    at.button(key="tracker_log_submit").click().run()
    at = open_tab(at.switch_page(CHANNELS).run(), "Your follow-ups", key="channels_tab")
    counts = at.dataframe[-1].value.set_index("channel")
    assert counts.loc["Text message", "your_followups"] == 1
    assert counts["your_followups"].sum() == 1


def test_two_users_never_see_each_others_rows():
    """Alice and Bob each add an interview; each sees only their own."""
    alice = add_interview(signed_in("alice"), "Acme")
    bob = add_interview(signed_in("bob"), "Beta")
    assert companies(alice) == ["Acme"]
    assert companies(bob) == ["Beta"]
    assert companies(signed_in("alice")) == ["Acme"]


def test_a_user_finds_their_rows_again_in_a_new_session(data_dir: Path):
    """Signing in another day brings back the same tracker, kept in the user's own folder."""
    add_interview(signed_in("alice"), "Acme")
    assert companies(signed_in("alice")) == ["Acme"]
    (folder,) = (data_dir / USERS_DIR).iterdir()
    assert CsvStore(folder).load().interviews["company"].tolist() == ["Acme"]
    assert not (data_dir / "interviews.csv").exists()


def test_a_signed_in_user_sees_who_they_are_and_can_sign_out():
    """The name shows as typed, and signing out brings back the sign-in button."""
    at = signed_in("alice", name="Dana *Reyes*")
    assert at.caption[0].value.startswith(r"Signed in as Dana \*Reyes\*")
    at.button(key="tracker_sign_out").click().run()
    assert at.user["is_logged_in"] is False
    at.run()
    assert at.button(key="tracker_sign_in").label == "Sign in"


def test_a_signed_out_visitor_sees_the_sign_in_button_and_no_data():
    """Someone who has not signed in sees why to sign in, and no one's interviews."""
    add_interview(signed_in("alice"), "Acme")
    at = open_page(TRACKER, secrets=USER_SECRETS, user={"is_logged_in": False})
    assert not at.exception
    assert at.button(key="tracker_sign_in").label == "Sign in"
    assert companies(at) == []
    assert not at.tabs


def test_home_and_channels_show_nothing_personal_when_signed_out():
    """Signed out, the home page asks to sign in and the Channels page shows no follow-ups."""
    alice = open_tab(add_interview(signed_in("alice"), "Acme"), "Follow-ups")
    alice.button(key="tracker_log_submit").click().run()
    at = open_page(HOME, secrets=USER_SECRETS, user={"is_logged_in": False})
    assert not at.error
    hint = "Sign in on the Tracker page to see your follow-ups here."
    assert hint in [caption.value for caption in at.caption]
    assert not at.dataframe
    at = open_tab(at.switch_page(CHANNELS).run(), "Your follow-ups", key="channels_tab")
    assert not at.error and not at.warning
    assert any(info.value.startswith("Sign in on the Tracker page") for info in at.info)


def test_the_call_script_works_for_a_signed_out_visitor():
    """Signed out, a visitor still builds a script and ticks the checklist; nothing is saved."""
    at = open_page("pages/2_Call_script.py", secrets=USER_SECRETS, user={"is_logged_in": False})
    assert not at.exception
    assert not [box for box in at.selectbox if box.key == "script_interview"]
    at.checkbox(key="script_check_references").check().run()
    at.text_input(key="script_your_name").input("Sam Lee")
    at.text_input(key="script_interviewer").input("Dana Reyes")
    at.text_input(key="script_company").input("Acme")
    at.text_input(key="script_role").input("Analyst")
    at.text_area(key="script_qualifications").input("SQL reporting")
    at.text_area(key="script_employer_needs").input("faster monthly reports")
    at.button(key="script_build").click().run()
    assert not at.exception
    assert at.code[0].value.startswith("Hello Dana, this is Sam Lee.")


def test_a_hostile_subject_stays_inside_users(data_dir: Path):
    """A subject such as ../../x cannot steer where the tracker is written."""
    at = add_interview(signed_in("../../x"), "Acme")
    assert companies(at) == ["Acme"]
    written = files_under(data_dir.parent)
    assert written
    for path in written:
        assert path.parent.parent == data_dir / USERS_DIR or path.parent.name == "backups"
        assert path.resolve().is_relative_to((data_dir / USERS_DIR).resolve())


def test_incomplete_sign_in_settings_are_explained():
    """Without a cookie secret the page says what is missing instead of a sign-in button."""
    auth = {k: v for k, v in GOOD_AUTH.items() if k != "cookie_secret"}
    at = open_page(TRACKER, secrets={**USER_SECRETS, "auth": auth}, user={"is_logged_in": False})
    assert not at.exception
    assert "cookie_secret" in as_seen(at.error[0].value)
    assert not [b for b in at.button if b.key == "tracker_sign_in"]


def test_a_failing_sign_in_shows_a_message(monkeypatch: pytest.MonkeyPatch):
    """When Streamlit refuses to start sign-in, the visitor reads why instead of a traceback."""

    def refuse(provider: str | None = None) -> None:
        raise StreamlitAuthError("The provider   could not be reached.")

    monkeypatch.setattr(st, "login", refuse)
    at = open_page(TRACKER, secrets=USER_SECRETS, user={"is_logged_in": False})
    at.button(key="tracker_sign_in").click().run()
    assert not at.exception
    assert as_seen(at.error[0].value) == (
        "Sign-in is not set up correctly: The provider could not be reached."
    )


@pytest.mark.parametrize("page", [HOME, TRACKER])
def test_an_unknown_storage_mode_is_explained(monkeypatch: pytest.MonkeyPatch, page: str):
    """A typo in the storage setting gives a message naming the choices, not a traceback."""
    monkeypatch.setenv(STORAGE_ENV, "cloud")
    at = open_page(page)
    assert not at.exception
    assert "Unknown storage mode 'cloud'" in at.error[0].value
    assert "local, session, user" in at.error[0].value


def test_a_secrets_file_that_cannot_be_read_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """A typo in secrets.toml is shown, instead of quietly running with one shared folder."""
    broken = tmp_path / "secrets.toml"
    broken.write_text('[followup\nstorage = "user"\n', encoding="utf-8")
    files = {"secrets.files": [str(broken)]}
    # Streamlit reads its secrets through config.get_option, the app through st.get_option.
    monkeypatch.setattr(st, "get_option", build_mock_config_get_option(files))
    with patch_config_options(files):
        at = open_page(TRACKER)
    assert not at.exception
    assert "The secrets file cannot be read" in at.error[0].value
    assert not at.tabs
