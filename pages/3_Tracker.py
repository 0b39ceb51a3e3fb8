"""Tracker page: record interviews and follow-ups, see what is due, download everything."""

import streamlit as st

from followup import ui
from followup.tracker import Tracker
from followup.ui import downloads, due, followups, import_flow, interviews, links, overview
from followup.ui import tracker as view

ui.setup_page(ui.TRACKER)

# The page's sections, in tab order; a new section is one more name here and one `with` block.
TABS = ("Interviews", "Follow-ups", "Due", "Overview", "Import", "Download")

store = view.require_store()
today = ui.today()
view.show_flash()
current = view.load(store)
if current is None:
    st.stop()
view.undo_bar(store)

interviews.sample_controls(store, current, today)


@st.fragment
def sections(drawn: Tracker) -> None:
    """The tabs: a click inside them (another tab, a search) reruns only them, not the page."""
    # The whole page reruns instead when the tracker changed since it was drawn (a save here or
    # in another tab), so its top (confirmation, Undo, sample rows) is never out of date.
    current = view.unchanged_since(store, drawn)
    # Only the open tab runs, so a rerun does not draw five tabs of a large tracker. The open
    # tab, the search and filters and each table's Table/List switch are in the address, so a
    # link reopens the view (and carries nothing from the tracker); a closed tab draws only
    # those controls.
    tabs = dict(
        zip(TABS, st.tabs(TABS, on_change="rerun", **links.in_link("tracker_tabs")), strict=True)
    )

    with tabs["Interviews"]:
        interviews.tab(store, current, today, drawn=tabs["Interviews"].open)

    with tabs["Follow-ups"]:
        followups.tab(store, current, today, drawn=tabs["Follow-ups"].open)

    with tabs["Due"]:
        due.tab(store, current, today, drawn=tabs["Due"].open)

    with tabs["Overview"]:
        if tabs["Overview"].open:
            overview.tab(current)

    with tabs["Import"]:
        if tabs["Import"].open:
            st.caption(
                "Bring in interviews from another tracker or a spreadsheet saved as CSV, or from "
                "this app's own interviews.csv. Nothing is saved until you press Import."
            )
            due.after_import(store, current, today)
            import_flow.draw_import(
                current.interviews,
                commit=lambda rows: view.commit_import(store, current, rows),
            )

    with tabs["Download"]:
        if tabs["Download"].open:
            downloads.tab(current, today)
            view.restore_panel(store, current)


sections(current)
