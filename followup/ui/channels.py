"""Streamlit glue for the Channels page: the cached survey data, the user's follow-ups, advice."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from followup import guidance, paths, survey, tracker, vocab
from followup.ui import hosting as hosting_ui
from followup.ui import tracker as tracker_ui

SURVEYS_CSV = paths.SHIPPED_DATA_DIR / "surveys.csv"


def shipped_surveys() -> pd.DataFrame:
    """The shipped survey figures, checked; raises `SurveyDataError` when the file is damaged."""
    return _load_surveys(str(SURVEYS_CSV))


@st.cache_data(show_spinner=False)
def _load_surveys(path: str) -> pd.DataFrame:
    # Keyed by path, so a test pointing SURVEYS_CSV elsewhere never sees the shipped file's cache.
    return survey.load_surveys(Path(path))


def user_followups() -> pd.DataFrame | None:
    """This session's follow-ups made (`tracker.made`: planned ones are not counted, as on the
    Tracker's Overview), columns `vocab.FOLLOWUP_COLUMNS`, read-only.

    Read through the same store as the tracker page, so it works in every storage mode. None,
    after saying why, when there is no tracker to look at: a signed-out visitor, wrong hosting
    settings (`tracker_store` shows them), or files that cannot be read (a warning, never an
    error: this page only looks at the tracker).
    """
    store = tracker_ui.tracker_store()
    if store is None:
        if hosting_ui.awaiting_sign_in():
            st.info(
                "Sign in on the Tracker page to set your own follow-ups beside the survey.",
                icon=":material/login:",
            )
        return None
    try:
        current = store.load()
    except ValueError:
        st.warning(
            "Your tracker's files could not be read, so your follow-ups cannot be set beside "
            "the survey. Open the Tracker page to see what is wrong.",
            icon=":material/warning:",
        )
        return None
    # A follow-up whose interview is gone (a file edited by hand) is not counted.
    return tracker.made(current).loc[:, list(vocab.FOLLOWUP_COLUMNS)]


def show_guidance(channel: str, main_answers: pd.DataFrame) -> None:
    """Draw the advice for one channel with the main survey's figure for it."""
    advice = guidance.guidance_for(channel)
    st.markdown(f"#### {advice.channel}")
    st.badge(advice.verdict, color=VERDICT_COLOURS[advice.verdict])
    share = survey.share_of(main_answers, channel)
    if share is None:
        st.caption(survey.CHANNEL_NOTES.get(channel, "The survey did not ask about this channel."))
    else:
        st.caption(f"{share:g}% of the HR managers surveyed find it appropriate.")
    st.markdown(f"**When it fits.** {advice.fits_when}")
    st.markdown(f"**When to avoid it.** {advice.avoid_when}")


VERDICT_COLOURS = {
    guidance.ACCEPTED: "blue",
    guidance.ONLY_IF_ALREADY_TALKING: "orange",
    guidance.AVOID: "red",
}
