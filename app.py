"""Follow-up: home page and entry point (`streamlit run app.py`)."""

import streamlit as st

from followup import ui

ui.setup_page(ui.HOME)

st.write(
    "The interview is over and the waiting has begun. This dashboard helps you choose how to get "
    "back in touch, prepare a short call, and keep track of every follow-up so that none is "
    "forgotten and none is one too many."
)

for col, page in zip(st.columns(len(ui.PAGES)), ui.PAGES, strict=True):
    with col, st.container(border=True):
        st.page_link(page.path, label=page.label, icon=page.icon)
        st.caption(page.blurb)

st.subheader("Due now and overdue")
# Imported here, after everything above is on screen: the due list needs pandas and the store,
# whose import would otherwise keep a first visitor on a blank page (`make bench`, cold start).
from followup.ui import due  # noqa: E402

due.due_now_section(key="home_due_table")
