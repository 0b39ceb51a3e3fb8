"""Call script page: a short form in, a call script and its written versions out."""

import streamlit as st

from followup import phrasing, ui
from followup.script import LABELS, MAX_QUALIFICATIONS
from followup.ui import script as page
from followup.ui import tracker as view

ui.setup_page(ui.CALL_SCRIPT)

st.write(
    "Fill in what you remember from the interview and get a call you can read from, plus the "
    "same message as a voicemail, an email and a handwritten note. Keep the call short: one "
    "good call is worth more than several."
)

store = view.tracker_store()
# The tracker is optional here: when its files cannot be read, the scripts still work.
current = view.load_quietly(store)

form_col, result_col = st.columns(2, gap="large")

with form_col:
    interview_id = page.interview_picker(store, current)
    # Hints are captions and placeholders, not help icons: each icon is one more stop for the
    # Tab key, and a dozen of them buried the fields (README, "Keyboard").
    st.caption(
        "Fields marked (required) are needed for the scripts; everything else is optional. "
        "Your phone number is said twice in the voicemail, so they can call back."
    )
    you, them = st.columns(2)
    with you:
        page.text_input("your_name")
        page.text_input("phone")
        page.text_input("email")
    with them:
        interviewer = page.text_input("interviewer", placeholder="Ms. Priya Raman")
        page.text_input(
            "address",
            help="How the scripts greet them. Leave it empty for the suggestion shown; type a "
            "first name to be less formal.",
            placeholder=phrasing.default_greeting_name(interviewer) or "Ms. Raman, or Priya",
        )
        page.text_input("interviewer_title")
    company_col, role_col = st.columns(2)
    with company_col:
        page.text_input("company")
    with role_col:
        page.text_input("role")
    phone_col, email_col = st.columns(2)
    with phone_col:
        page.text_input("interviewer_phone")
    with email_col:
        page.text_input("interviewer_email")
    st.date_input(
        LABELS["interview_date"],
        value=None,
        max_value=ui.today(),
        key=page.widget_key("interview_date"),
        format=ui.DATE_INPUT_FORMAT,
        persist_state="session",
    )
    st.caption(
        f"Your qualifications: one to {MAX_QUALIFICATIONS}, one per line, written as you like; "
        "the script ties them to what the employer said they need."
    )
    page.text_area(
        "qualifications", placeholder="Five years of SQL reporting\nLed a team of four analysts"
    )
    page.text_area("employer_needs", placeholder="someone to rebuild the monthly reporting")
    page.text_area("forgotten_point")
    st.checkbox(
        LABELS["ask_decision"],
        key=page.widget_key("ask_decision"),
        help="Keep this question for a call that feels warm.",
        persist_state="session",
    )
    st.checkbox(LABELS["linkedin"], key=page.widget_key("linkedin"), persist_state="session")
    st.button(
        "Build my script",
        key="script_build",
        type="primary",
        icon=":material/edit_note:",
        on_click=page.build,
        args=(store, interview_id),
    )
    if st.session_state.get(page.TRIED_KEY) and not page.stored_scripts():
        st.error("Some fields need your attention: each one says what is missing, above.")
    page.show_draft_error()

with result_col:
    page.repeat_call_notice(current, interview_id)
    scripts = page.stored_scripts()
    with st.container(key=page.RESULTS_KEY):
        if scripts:
            st.subheader("Your scripts")
            page.show_scripts(scripts, page.chosen_row(current, interview_id))
        else:
            st.info(
                "Fill in the form and press **Build my script**: your scripts appear here, one "
                "tab each, ready to copy, send or download.",
                icon=":material/arrow_back:",
            )
    page.bring_results_into_view()
    if scripts and interview_id is not None:
        page.plan_followup(store, current, interview_id)
    else:
        page.refuse_undrawn_plan(current)

    st.subheader("Before you dial")
    page.show_checklist(store, current, interview_id)
