"""Floor program, Call script: the same form and tabs as the app's page, text by f-strings."""

import streamlit as st

st.set_page_config(page_title="Call script · Floor", layout="wide")
with st.sidebar:
    st.page_link("app.py", label="Home")
    st.page_link("pages/2_Call_script.py", label="Call script")
    st.page_link("pages/3_Tracker.py", label="Tracker")
st.title("Your follow-up call script")
FIELDS = ("your_name", "phone", "email", "interviewer", "interviewer_title", "company", "role")
with st.form("script_form"):
    values = {name: st.text_input(name, key=f"script_{name}") for name in FIELDS}
    values["interview_date"] = st.date_input("Date", value=None, key="script_interview_date")
    for name in ("qualifications", "employer_needs", "forgotten_point"):
        values[name] = st.text_area(name, key=f"script_{name}")
    st.checkbox("Ask", key="script_ask_decision")
    st.checkbox("LinkedIn", key="script_linkedin")
    submitted = st.form_submit_button("Build my script", key="script_build")
if submitted:
    text = (
        f"Hello {values['interviewer']}, this is {values['your_name']}. Thank you for the "
        f"interview for the {values['role']} role at {values['company']}. "
        f"{values['qualifications']} {values['employer_needs']}"
    )
    titles = ("Call", "No decision yet", "Voicemail", "Email", "Note")
    # Only the open tab is drawn, as in the app.
    tabs = st.tabs(titles, key="script_variant", on_change="rerun")
    for tab, title in zip(tabs, titles, strict=True):
        if tab.open:
            tab.code(f"{title}\n{text}", language=None)
st.subheader("Before you dial")
for item in ("Resume", "References", "Talking points", "Quiet place"):
    st.checkbox(item, key=f"script_check_{item}")
