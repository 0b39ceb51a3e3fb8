"""Channels page: the HR survey, advice per channel, related surveys, your own follow-ups."""

import streamlit as st

from followup import guidance, survey, ui
from followup.ui import channels as glue
from followup.ui import links

ui.setup_page(ui.CHANNELS)

try:
    surveys = glue.shipped_surveys()
except survey.SurveyDataError as err:
    st.error(f"The survey figures could not be loaded. {err}", icon=":material/error:")
    st.stop()

st.markdown(guidance.at_a_glance(survey.answers(surveys, survey.MAIN_SURVEY)))

# The open tab, the picked channel and the surveys compared are in the address (never anything
# from the tracker), so a coach can send a link to exactly this view. A closed tab draws only its
# controls (so the address keeps their values), not its charts.
hr_tab, compare_tab, mine_tab = st.tabs(
    ["HR survey", "Compare surveys", "Your follow-ups"], **links.in_link("channels_tab")
)

with hr_tab:
    glue.hr_survey(surveys, drawn=hr_tab.open)

with compare_tab:
    glue.compare_surveys(surveys, drawn=compare_tab.open)

with mine_tab:
    if mine_tab.open:
        glue.your_followups(surveys)
