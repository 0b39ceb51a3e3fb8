"""Channels page: the HR survey, advice per channel, related surveys, your own follow-ups."""

import streamlit as st

from followup import charts, guidance, survey, ui, vocab
from followup.ui import channels as glue
from followup.ui import links, tables

ui.setup_page(ui.CHANNELS)

try:
    surveys = glue.shipped_surveys()
except survey.SurveyDataError as err:
    st.error(f"The survey figures could not be loaded. {err}", icon=":material/error:")
    st.stop()

main = survey.answers(surveys, survey.MAIN_SURVEY)
main_info = survey.describe(surveys, survey.MAIN_SURVEY)
share_column = st.column_config.ProgressColumn(
    "Share (%)", min_value=0, max_value=100, format="%.0f%%"
)

st.markdown(guidance.at_a_glance(main))

# The open tab, the picked channel and the surveys compared are in the address (never anything
# from the tracker), so a coach can send a link to exactly this view. Every tab is drawn on each
# run (the page is light), so a pick in one tab survives a visit to another.
hr_tab, compare_tab, mine_tab = st.tabs(
    ["HR survey", "Compare surveys", "Your follow-ups"], **links.in_link("channels_tab")
)

with hr_tab:
    chart_col, advice_col = st.columns([3, 2], gap="large")
    with advice_col:
        picked = st.pills(
            "Advice per channel", vocab.CHANNELS, wrap=True, **links.in_link("channels_pick")
        )
        if picked is None:
            st.info("Pick a channel to see when it fits and when to avoid it.")
        else:
            glue.show_guidance(picked, main)
    with chart_col:
        st.altair_chart(charts.channel_chart(main, selected=picked), width="stretch")
        st.caption(survey.chart_caption(main, main_info))
        tables.show(
            main.sort_values("share_pct", ascending=False),
            {"answer": "Channel", "share_pct": "Share (%)"},
            column_config={"share_pct": share_column},
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

with compare_tab:
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
        format_func=lambda survey_id: f"{infos[survey_id].publisher}, {infos[survey_id].when}",
        **links.in_link("channels_compare"),
    )
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
                    column_config={"share_pct": share_column},
                    alt=info.question,
                )

with mine_tab:
    followups = glue.user_followups()
    if followups is None:
        st.page_link(ui.TRACKER.path, label="Open the tracker", icon=ui.TRACKER.icon)
    elif followups.empty:
        st.info(
            "No follow-ups in your tracker yet. Once you record them on the Tracker page, this "
            "tab sets your channels beside what HR managers accept.",
            icon=":material/inbox:",
        )
        st.page_link(ui.TRACKER.path, label="Open the tracker", icon=ui.TRACKER.icon)
    else:
        counts = survey.followups_by_channel(followups, main)
        st.altair_chart(charts.followups_chart(counts), width="content")
        outside = survey.outside_accepted(counts)
        st.caption(
            f"Every follow-up in your tracker counts, planned or done: "
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
