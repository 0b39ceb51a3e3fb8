"""Streamlit glue for the Channels page: the cached survey data, the user's follow-ups, advice."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from followup import guidance, paths, survey, ui, vocab

SURVEYS_CSV = paths.SHIPPED_DATA_DIR / "surveys.csv"
FOLLOWUPS_CSV = "followups.csv"


def shipped_surveys() -> pd.DataFrame:
    """The shipped survey figures, checked; raises `SurveyDataError` when the file is damaged."""
    return _load_surveys(str(SURVEYS_CSV))


@st.cache_data(show_spinner=False)
def _load_surveys(path: str) -> pd.DataFrame:
    # Keyed by path, so a test pointing SURVEYS_CSV elsewhere never sees the shipped file's cache.
    return survey.load_surveys(Path(path))


def user_followups() -> pd.DataFrame:
    """The tracker's follow-ups (columns `vocab.FOLLOWUP_COLUMNS`), read-only; empty when none.

    A file that cannot be read gives an empty frame and a warning, never an error: this page only
    looks at the tracker.
    """
    empty = pd.DataFrame(columns=list(vocab.FOLLOWUP_COLUMNS), dtype="str")
    path = ui.data_dir() / FOLLOWUPS_CSV
    if not path.is_file():
        return empty
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (pd.errors.EmptyDataError, pd.errors.ParserError, UnicodeDecodeError, OSError):
        frame = None
    if frame is None or not set(vocab.FOLLOWUP_COLUMNS) <= set(frame.columns):
        st.warning(
            f"Your follow-ups file ({FOLLOWUPS_CSV}) could not be read, so it is left out of the "
            "comparison below. Open the Tracker page to check it.",
            icon=":material/warning:",
        )
        return empty
    return frame.loc[:, list(vocab.FOLLOWUP_COLUMNS)]


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
