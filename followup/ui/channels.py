"""The Channels page's sections: the survey data, the advice, the comparisons, your follow-ups."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from followup import charts, guidance, paths, survey, tracker, ui, vocab
from followup.ui import hosting as hosting_ui
from followup.ui import links, tables
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


SHARE_COLUMN = st.column_config.ProgressColumn(
    "Share (%)", min_value=0, max_value=100, format="%.0f%%"
)


def hr_survey(surveys: pd.DataFrame, drawn: bool) -> None:
    """The main survey's chart and table, the advice per channel and the figures' download.

    Unless `drawn`, only the channel picker, so that its value stays in the address.
    """
    main = survey.answers(surveys, survey.MAIN_SURVEY)
    main_info = survey.describe(surveys, survey.MAIN_SURVEY)
    chart_col, advice_col = st.columns([3, 2], gap="large")
    with advice_col:
        picked = st.pills(
            "Advice per channel", vocab.CHANNELS, wrap=True, **links.in_link("channels_pick")
        )
        if not drawn:
            return
        if picked is None:
            st.info("Pick a channel to see when it fits and when to avoid it.")
        else:
            show_guidance(picked, main)
    with chart_col:
        st.altair_chart(charts.channel_chart(main, selected=picked), width="stretch")
        st.caption(survey.chart_caption(main, main_info))
        tables.show(
            main.sort_values("share_pct", ascending=False),
            {"answer": "Channel", "share_pct": "Share (%)"},
            column_config={"share_pct": SHARE_COLUMN},
            alt="Follow-up channels HR managers find appropriate, share in %",
        )
    st.download_button(
        "Download all survey figures (CSV)",
        survey.surveys_to_csv(surveys),
        file_name="surveys.csv",
        mime="text/csv",
        key="channels_download",
        on_click="ignore",
        icon=":material/download:",
    )


def compare_surveys(surveys: pd.DataFrame, drawn: bool) -> None:
    """The surveys picked (all by default), each its own panel with its caption and table.

    Unless `drawn`, only the survey picker, so that its value stays in the address.
    """
    st.caption(
        "Each panel is its own question, asked of its own sample; read every panel on its own. "
        "All share the same 0-100 axis so that no bar looks bigger than it is, not because the "
        "figures are comparable. The three accepted channels have their own colour."
    )
    ids = survey.survey_ids(surveys)
    infos = {survey_id: survey.describe(surveys, survey_id) for survey_id in ids}
    compared = st.multiselect(
        "Surveys to compare",
        ids,
        default=ids,
        format_func=survey.short_name,
        **links.in_link("channels_compare"),
    )
    if not drawn:
        return
    if not compared:
        st.info("Pick at least one survey to compare.", icon=":material/info:")
    for row_start in range(0, len(compared), 2):
        for column, survey_id in zip(
            st.columns(2, gap="large"), compared[row_start : row_start + 2], strict=False
        ):
            with column, st.container(border=True):
                answers = survey.answers(surveys, survey_id)
                info = infos[survey_id]
                st.altair_chart(charts.survey_panel(answers, info), width="stretch")
                st.caption(survey.panel_caption(info))
                if info.note:
                    st.caption(info.note)
                st.caption(f"Source: <{info.source_url}>")
                if survey_id == survey.TIMING_SURVEY:
                    st.info(
                        "Career advice, not survey data: " + " ".join(guidance.TIMING_ADVICE),
                        icon=":material/schedule:",
                    )
                tables.show(
                    answers,
                    {"answer": "Answer", "share_pct": "Share (%)"},
                    column_config={"share_pct": SHARE_COLUMN},
                    alt=info.question,
                )


def your_followups(surveys: pd.DataFrame) -> None:
    """The visitor's follow-ups per channel beside the main survey's shares."""
    main = survey.answers(surveys, survey.MAIN_SURVEY)
    followups = user_followups()
    if followups is None:
        st.page_link(ui.TRACKER.path, label="Open the tracker", icon=ui.TRACKER.icon)
    elif followups.empty:
        st.info(
            "No follow-ups made in your tracker yet. Once you log them on the Tracker page, this "
            "tab sets your channels beside what HR managers accept.",
            icon=":material/inbox:",
        )
        st.page_link(ui.TRACKER.path, label="Open the tracker", icon=ui.TRACKER.icon)
    else:
        counts = survey.followups_by_channel(followups, main)
        st.altair_chart(charts.followups_chart(counts), width="content")
        outside = survey.outside_accepted(counts)
        st.caption(
            f"Follow-ups made count (planned ones are not, as on the Tracker's Overview): "
            f"{ui.count(len(followups), 'follow-up')} in all, {outside} of them outside the "
            "accepted three. The two panels measure different things, each on its own axis: "
            "your count, and the % of HR managers. The survey has no LinkedIn answer, so that "
            "row has no survey figure."
        )
        tables.show(
            counts,
            {
                "channel": "Channel",
                "your_followups": "Your follow-ups",
                "your_share_pct": "Share of yours (%)",
                "hr_share_pct": "HR managers who find it appropriate (%)",
                "note": "Note",
            },
            column_config={
                "your_followups": st.column_config.NumberColumn("Your follow-ups", format="%d"),
                "your_share_pct": st.column_config.ProgressColumn(
                    "Share of yours (%)", min_value=0, max_value=100, format="%.0f%%"
                ),
                "hr_share_pct": st.column_config.ProgressColumn(
                    "HR managers who find it appropriate (%)",
                    min_value=0,
                    max_value=100,
                    format="%.0f%%",
                ),
            },
            alt="Your follow-ups per channel beside the HR managers' share",
        )
