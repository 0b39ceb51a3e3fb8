"""Channels page: the HR survey, advice per channel, related surveys, your own follow-ups."""

import streamlit as st

from followup import charts, guidance, survey, ui, vocab
from followup.ui import channels as glue

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

hr_tab, compare_tab, mine_tab = st.tabs(["HR survey", "Compare surveys", "Your follow-ups"])

with hr_tab:
    chart_col, advice_col = st.columns([3, 2], gap="large")
    with advice_col:
        picked = st.pills("Advice per channel", vocab.CHANNELS, key="channels_pick", wrap=True)
        if picked is None:
            st.info("Pick a channel to see when it fits and when to avoid it.")
        else:
            glue.show_guidance(picked, main)
    with chart_col:
        st.altair_chart(charts.channel_chart(main, selected=picked), width="stretch")
        st.caption(survey.chart_caption(main, main_info))
        st.dataframe(
            main.sort_values("share_pct", ascending=False).loc[:, ["answer", "share_pct"]],
            hide_index=True,
            column_config={"answer": "Channel", "share_pct": share_column},
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
        "figures are comparable. Blue bars are the three accepted channels."
    )
    ids = survey.survey_ids(surveys)
    for row_start in range(0, len(ids), 2):
        for column, survey_id in zip(
            st.columns(2, gap="large"), ids[row_start : row_start + 2], strict=False
        ):
            with column, st.container(border=True):
                answers = survey.answers(surveys, survey_id)
                info = survey.describe(surveys, survey_id)
                st.altair_chart(charts.survey_panel(answers, info), width="stretch")
                if info.note:
                    st.caption(info.note)
                st.caption(f"Source: <{info.source_url}>")
                if survey_id == survey.TIMING_SURVEY:
                    st.info(
                        "Career advice, not survey data: " + " ".join(guidance.TIMING_ADVICE),
                        icon=":material/schedule:",
                    )
                st.dataframe(
                    answers.loc[:, ["answer", "share_pct"]],
                    hide_index=True,
                    column_config={"answer": "Answer", "share_pct": share_column},
                )

with mine_tab:
    followups = glue.user_followups()
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
            f"{len(followups)} in all, {outside} of them outside the accepted three. "
            "The survey has no LinkedIn answer, so that row has no survey figure."
        )
        st.dataframe(
            counts.drop(columns="accepted"),
            hide_index=True,
            column_config={
                "channel": "Channel",
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
                "note": "Note",
            },
        )
