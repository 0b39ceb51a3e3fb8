"""Messages about the tracker say what is the case: signed out, misconfigured, or unreadable."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from followup.hosting import STORAGE_ENV
from tests.apptest import as_seen, open_page, open_tab
from tests.test_hosting import GOOD_AUTH

SCRIPT = "pages/2_Call_script.py"
CHANNELS = "pages/1_Channels.py"
SIGNED_OUT = {"secrets": {"followup": {"storage": "user"}, "auth": GOOD_AUTH}}
SIGNED_OUT |= {"user": {"is_logged_in": False}}


def said(at: AppTest) -> str:
    elements = [*at.error, *at.warning, *at.info, *at.caption]
    return as_seen(" ".join(element.value for element in elements))


def test_the_call_script_asks_a_signed_out_visitor_to_sign_in():
    """Signed out, the Call script says signing in brings the tracker; no file is unreadable."""
    text = said(open_page(SCRIPT, **SIGNED_OUT))
    assert "cannot be read" not in text
    assert "Sign in on the Tracker page" in text


def test_the_call_script_with_a_wrong_setting_names_the_setting(monkeypatch: pytest.MonkeyPatch):
    """A wrong storage mode is named as such, not reported as unreadable files."""
    monkeypatch.setenv(STORAGE_ENV, "cloud")
    text = said(open_page(SCRIPT))
    assert "Unknown storage mode 'cloud'" in text
    assert "cannot be read" not in text


def test_the_call_script_says_when_the_files_cannot_be_read(data_dir: Path):
    """Only a damaged file gets the unreadable-files message."""
    (data_dir / "interviews.csv").write_bytes(b"\x00\x01 not a csv")
    assert "files cannot be read" in said(open_page(SCRIPT))


def mine(at: AppTest) -> AppTest:
    """The Channels page's "Your follow-ups" tab, where the tracker is looked at."""
    return open_tab(at, "Your follow-ups", key="channels_tab")


def test_channels_asks_a_signed_out_visitor_to_sign_in_instead_of_saying_none_yet():
    """Signed out, "Your follow-ups" does not claim the visitor's tracker is empty."""
    text = said(mine(open_page(CHANNELS, **SIGNED_OUT)))
    assert "No follow-ups in your tracker yet" not in text
    assert "Sign in on the Tracker page" in text


def test_channels_does_not_call_an_unreadable_tracker_empty(data_dir: Path):
    """With a damaged file, the page says it could not be read and nothing about it being empty."""
    (data_dir / "followups.csv").write_bytes(b"\x00\x01 not a csv")
    text = said(mine(open_page(CHANNELS)))
    assert "could not be read" in text
    assert "No follow-ups in your tracker yet" not in text


def test_channels_with_a_wrong_setting_does_not_call_the_tracker_empty(
    monkeypatch: pytest.MonkeyPatch,
):
    """A wrong storage mode is shown; the tracker is not said to be empty."""
    monkeypatch.setenv(STORAGE_ENV, "cloud")
    text = said(mine(open_page(CHANNELS)))
    assert "Unknown storage mode 'cloud'" in text
    assert "No follow-ups in your tracker yet" not in text
