"""Call script page: a short form in, a call script and its written versions out."""

import streamlit as st

from followup import script, ui
from followup.script import FIELD_LIMIT, LABELS, MAX_QUALIFICATIONS, NOTES_LIMIT
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
    with st.form(page.FORM_KEY):
        st.caption(
            "Required: your name, the interviewer, the company, the role, at least one "
            "qualification and what they need. Everything else is optional."
        )
        you, them = st.columns(2)
        with you:
            your_name = page.text_input("your_name")
            phone = page.text_input(
                "phone", help="Said twice in the voicemail, so they can call back."
            )
            email = page.text_input("email", help="For the email's signature.")
        with them:
            interviewer = page.text_input("interviewer")
            interviewer_title = page.text_input("interviewer_title")
            company = page.text_input("company")
        role = page.text_input("role")
        interview_date = st.date_input(
            LABELS["interview_date"],
            value=None,
            max_value=ui.today(),
            key=page.widget_key("interview_date"),
            persist_state="session",
        )
        qualifications = st.text_area(
            LABELS["qualifications"],
            key=page.widget_key("qualifications"),
            max_chars=MAX_QUALIFICATIONS * (FIELD_LIMIT + 1),
            placeholder="five years of SQL reporting\nled a team of four",
            help=f"One to {MAX_QUALIFICATIONS}, one per line, as short phrases.",
            persist_state="session",
        )
        employer_needs = st.text_area(
            LABELS["employer_needs"],
            key=page.widget_key("employer_needs"),
            max_chars=NOTES_LIMIT,
            placeholder="someone to rebuild the monthly reporting",
            help="The script ties your qualifications to this.",
            persist_state="session",
        )
        forgotten_point = st.text_area(
            LABELS["forgotten_point"],
            key=page.widget_key("forgotten_point"),
            max_chars=NOTES_LIMIT,
            help="Optional: a point you only thought of after the interview.",
            persist_state="session",
        )
        ask_decision = st.checkbox(
            LABELS["ask_decision"],
            key=page.widget_key("ask_decision"),
            help="Keep this question for a call that feels warm.",
            persist_state="session",
        )
        linkedin = st.checkbox(
            LABELS["linkedin"],
            key=page.widget_key("linkedin"),
            help="Adds a LinkedIn message. Only use LinkedIn if you were already in touch there.",
            persist_state="session",
        )
        submitted = st.form_submit_button(
            "Build my script", key="script_build", type="primary", icon=":material/edit_note:"
        )

    if submitted:
        try:
            details = script.CallDetails.from_form(
                your_name=your_name,
                phone=phone,
                email=email,
                interviewer=interviewer,
                interviewer_title=interviewer_title,
                company=company,
                role=role,
                interview_date=interview_date,
                qualifications=qualifications,
                employer_needs=employer_needs,
                forgotten_point=forgotten_point,
                ask_decision=ask_decision,
                linkedin=linkedin,
            )
        except script.ScriptInputError as err:
            page.store_scripts(None)
            for message in err.errors.values():
                st.error(message)
        else:
            page.store_scripts(script.build_scripts(details))

with result_col:
    page.repeat_call_notice(current, interview_id)
    scripts = page.stored_scripts()
    if scripts:
        st.subheader("Your scripts")
        for tab, item in zip(st.tabs([item.title for item in scripts]), scripts, strict=True):
            with tab:
                page.show_script(item)
        if interview_id is not None:
            page.plan_followup(store, current, interview_id)
        else:
            page.refuse_undrawn_plan(current)
    else:
        st.info(
            "Fill in the form and press **Build my script**: your scripts appear here, one tab "
            "each, ready to copy or download.",
            icon=":material/arrow_back:",
        )

    st.subheader("Before you dial")
    page.show_checklist(store, current, interview_id)
