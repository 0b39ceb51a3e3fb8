"""Tracker page: record interviews and follow-ups, see what is due, download everything."""

from functools import partial

import pandas as pd
import streamlit as st

from followup import calendar, export, schedule, tracker, tracker_charts, ui, vocab
from followup.paths import SHIPPED_DATA_DIR
from followup.store import read_folder
from followup.ui import import_flow
from followup.ui import tracker as view

ui.setup_page(ui.TRACKER)

# The page's sections, in tab order; a new section is one more name here and one `with` block.
TABS = ("Interviews", "Follow-ups", "Due", "Overview", "Import", "Download")
INTERVIEW_COLUMNS = {
    "company": st.column_config.TextColumn("Company", required=True),
    "role": st.column_config.TextColumn("Role", required=True),
    "interviewer": st.column_config.TextColumn("Interviewer"),
    "interviewer_title": st.column_config.TextColumn("Their title"),
    "interviewer_email": st.column_config.TextColumn("Email", validate=r"^$|^[^@\s]+@[^@\s]+$"),
    "interviewer_phone": st.column_config.TextColumn("Phone"),
    "interview_date": st.column_config.DateColumn("Interview", format="YYYY-MM-DD", required=True),
    "round": st.column_config.TextColumn("Round", help="First, second, final... as you like."),
    "decision_expected": st.column_config.DateColumn("Decision by", format="YYYY-MM-DD"),
    "status": st.column_config.SelectboxColumn("Status", options=vocab.STATUSES, required=True),
    "preferred_channel": st.column_config.SelectboxColumn(
        "Preferred channel", options=vocab.CHANNELS
    ),
    "notes": st.column_config.TextColumn("Notes", width="large"),
    "calls": st.column_config.NumberColumn(
        "Calls", disabled=True, help="Phone calls logged for this interview round."
    ),
    "too_many_calls": st.column_config.CheckboxColumn(
        "More than one call", disabled=True, help="One call per round is plenty."
    ),
    vocab.CHECKLIST_COLUMN: st.column_config.TextColumn(
        "Call checklist", disabled=True, help="Ticked on the Call script page."
    ),
}
FOLLOWUP_COLUMNS = {
    "date": st.column_config.DateColumn("Date", format="YYYY-MM-DD", required=True),
    "channel": st.column_config.SelectboxColumn("Channel", options=vocab.CHANNELS, required=True),
    "purpose": st.column_config.SelectboxColumn("Purpose", options=vocab.PURPOSES, required=True),
    "outcome": st.column_config.SelectboxColumn("Outcome", options=vocab.OUTCOMES, required=True),
    "notes": st.column_config.TextColumn("Notes", width="large"),
}


@st.cache_data
def sample_tracker() -> tracker.Tracker:
    """The shipped sample tracker (data/sample_tracker/)."""
    return read_folder(SHIPPED_DATA_DIR / "sample_tracker")


store = view.require_store()
today = ui.today()
view.show_flash()
current = view.load(store)
if current is None:
    st.stop()

if current.interviews.empty:
    st.info("First visit? Load a few sample interviews to see how the tracker works.")
    if st.button("Load sample tracker", key="tracker_sample_load", icon=":material/science:"):
        view.save(
            store,
            lambda t: tracker.add_sample(t, sample_tracker(), today),
            "Sample interviews added; their companies end in (sample).",
        )
elif tracker.has_sample(current):
    st.caption("The interviews whose company ends in (sample) are examples.")
    if st.button("Remove sample rows", key="tracker_sample_remove", icon=":material/delete:"):
        view.save(store, tracker.remove_sample, "Sample rows removed; your own rows are unchanged.")

revision = tracker.revision(current)
# Only the open tab runs, so a rerun does not draw five tabs of a large tracker.
tabs = dict(zip(TABS, st.tabs(TABS, key="tracker_tabs", on_change="rerun"), strict=True))

with tabs["Interviews"]:
    if tabs["Interviews"].open:
        with (
            st.expander("Add an interview", expanded=current.interviews.empty),
            st.form("tracker_add_form", clear_on_submit=True, border=False),
        ):
            left, right = st.columns(2)
            row = {
                "company": left.text_input("Company *", key="tracker_add_company"),
                "role": right.text_input("Role *", key="tracker_add_role"),
                "interviewer": left.text_input("Interviewer", key="tracker_add_interviewer"),
                "interviewer_title": right.text_input("Their title", key="tracker_add_title"),
                "interviewer_email": left.text_input("Their email", key="tracker_add_email"),
                "interviewer_phone": right.text_input("Their phone", key="tracker_add_phone"),
                "interview_date": left.date_input(
                    "Interview date *", value=today, key="tracker_add_date"
                ),
                "decision_expected": right.date_input(
                    "Decision expected by", value=None, key="tracker_add_decision"
                ),
                "round": left.text_input("Round", value="1", key="tracker_add_round"),
                "status": right.selectbox("Status", vocab.STATUSES, key="tracker_add_status"),
                "preferred_channel": left.selectbox(
                    "How they prefer to hear from you",
                    vocab.CHANNELS,
                    index=None,
                    key="tracker_add_channel",
                ),
                "notes": right.text_area("Notes", key="tracker_add_notes"),
            }
            if st.form_submit_button("Add interview", key="tracker_add_submit", type="primary"):
                view.save(
                    store, lambda t: tracker.add_interview(t, row), "Interview added and saved."
                )

        if current.interviews.empty:
            st.caption("Your interviews will be listed here.")
        else:
            st.caption("Edit a cell to change it; every change is saved at once.")
            shown = tracker.interviews_with_calls(current)
            editor_key = f"tracker_interviews_{revision}"
            edited = st.data_editor(
                shown,
                key=editor_key,
                column_config=INTERVIEW_COLUMNS,
                hide_index=True,
                num_rows="fixed",
                placeholder="",
            )
            # The editor knows when nothing was edited: no need to compare every row each rerun.
            if view.has_edits(editor_key):
                editable = [c for c in current.interviews.columns if c != "interview_id"]
                changes, _ = tracker.table_changes(shown[editable], edited[editable])
                if changes:
                    view.save(
                        store,
                        lambda t: tracker.update_interviews(t, changes),
                        "Your edit was saved.",
                    )

with tabs["Follow-ups"]:
    if tabs["Follow-ups"].open:
        labels = tracker.interview_labels(tracker.newest_first(current))
        if not labels:
            st.caption("Add an interview first; its follow-ups are logged here.")
        else:
            if st.session_state.get("tracker_selected") not in labels:
                st.session_state.pop("tracker_selected", None)
            selected = st.selectbox(
                "Interview", list(labels), format_func=labels.get, key="tracker_selected"
            )
            interview = current.interviews.set_index("interview_id").loc[selected]
            if pd.notna(interview["interviewer_email"]):
                st.dataframe(
                    pd.DataFrame(
                        {
                            "interviewer": [interview["interviewer"]],
                            "email": ["mailto:" + interview["interviewer_email"]],
                            "phone": [interview["interviewer_phone"]],
                        }
                    ),
                    column_config={
                        "interviewer": "Interviewer",
                        "email": st.column_config.LinkColumn("Email", display_text="mailto:(.*)"),
                        "phone": "Phone",
                    },
                    hide_index=True,
                    key="tracker_contact",
                )

            with st.form("tracker_log_form", clear_on_submit=True):
                st.markdown("**Log a follow-up**")
                left, middle, right = st.columns(3)
                logged = {
                    "interview_id": selected,
                    "date": left.date_input("Date", value=today, key="tracker_log_date"),
                    "channel": middle.selectbox(
                        "Channel", vocab.CHANNELS, key="tracker_log_channel"
                    ),
                    "purpose": right.selectbox(
                        "Purpose", vocab.PURPOSES, key="tracker_log_purpose"
                    ),
                    "outcome": left.selectbox(
                        "Outcome",
                        vocab.OUTCOMES,
                        key="tracker_log_outcome",
                        help="Planned puts it on your due list for that date.",
                    ),
                    "notes": st.text_area("Notes", key="tracker_log_notes"),
                }
                if st.form_submit_button("Log follow-up", key="tracker_log_submit", type="primary"):
                    view.log_followup(store, current, logged, prefix="tracker")
            view.confirm_second_call(store, prefix="tracker")

            mine = tracker.followups_of(current, selected).set_index("followup_id")
            if mine.empty:
                st.caption("No follow-up logged for this interview yet.")
            else:
                st.caption(
                    "Change an outcome (say, Planned to Done) or delete a row; saved at once."
                )
                columns = list(FOLLOWUP_COLUMNS)
                edited_followups = st.data_editor(
                    mine[columns],
                    key=f"tracker_followups_{revision}",
                    column_config=FOLLOWUP_COLUMNS,
                    hide_index=True,
                    num_rows="delete",
                    placeholder="",
                )
                changes, deleted = tracker.table_changes(mine[columns], edited_followups)
                if changes or deleted:
                    view.save(
                        store,
                        lambda t: tracker.delete_followups(
                            tracker.update_followups(t, changes), deleted
                        ),
                        "Follow-ups saved.",
                    )

            with st.expander("Delete this interview"):
                st.write(f"Deletes the selected interview and its {len(mine)} follow-up(s).")
                if view.keeps_backups(store):
                    st.caption("The previous version of your files stays in the backups folder.")
                if st.button("Delete interview", key="tracker_delete", icon=":material/delete:"):
                    st.session_state["tracker_confirm_delete"] = selected
                if st.session_state.get("tracker_confirm_delete") == selected:
                    st.warning("Delete it for good?", icon=":material/warning:")
                    yes, no = st.columns(2)
                    if yes.button("Yes, delete", key="tracker_delete_yes", type="primary"):
                        del st.session_state["tracker_confirm_delete"]
                        view.save(
                            store,
                            lambda t: tracker.delete_interview(t, selected),
                            "Interview and its follow-ups deleted.",
                        )
                    if no.button("Keep it", key="tracker_delete_no"):
                        del st.session_state["tracker_confirm_delete"]
                        st.rerun()

with tabs["Due"]:
    if tabs["Due"].open:
        items = schedule.due_items(current, today)
        if items.empty:
            st.caption("Nothing to follow up on: no open interview is waiting for a reminder.")
        else:
            now = schedule.due_now(items)
            st.write(f"{len(now)} to do now, {len(items) - len(now)} coming up.")
            view.due_table(items, key="tracker_due_table")

with tabs["Overview"]:
    if tabs["Overview"].open:
        rate = tracker.reply_rate(current)
        made = int((current.followups["outcome"] != vocab.PLANNED).sum())
        first, second, third = st.columns(3)
        first.metric("Interviews", len(current.interviews))
        second.metric("Follow-ups made", made)
        third.metric(
            "Reply rate",
            "n/a" if rate is None else f"{rate:.0%}",
            help="Share of the interviews you followed up on that got a reply.",
        )
        by_status = tracker.interviews_by_status(current)
        by_channel = tracker.followups_by_channel(current)
        left, right = st.columns(2)
        with left:
            st.altair_chart(tracker_charts.status_chart(by_status), key="tracker_status_chart")
            st.dataframe(by_status, hide_index=True, key="tracker_status_table")
        with right:
            st.altair_chart(tracker_charts.channel_chart(by_channel), key="tracker_channel_chart")
            st.dataframe(by_channel, hide_index=True, key="tracker_channel_table")

with tabs["Import"]:
    if tabs["Import"].open:
        st.caption(
            "Bring in interviews from another tracker or a spreadsheet saved as CSV, or from this "
            "app's own interviews.csv. Nothing is saved until you press Import."
        )
        import_flow.draw_import(
            current.interviews,
            commit=lambda rows: store.update(lambda t: tracker.add_interviews(t, rows)),
        )

with tabs["Download"]:
    if tabs["Download"].open:
        # Each file is built when its button is clicked, not on every rerun of this page.
        st.caption(
            "Spreadsheet-safe CSV: cells that a spreadsheet would run as a formula start with an "
            "apostrophe, which reading the files back here removes."
        )
        first, second, third, fourth = st.columns(4)
        first.download_button(
            "interviews.csv",
            partial(export.interviews_csv, current),
            file_name="interviews.csv",
            mime="text/csv",
            key="tracker_download_interviews",
            on_click="ignore",
        )
        second.download_button(
            "followups.csv",
            partial(export.followups_csv, current),
            file_name="followups.csv",
            mime="text/csv",
            key="tracker_download_followups",
            on_click="ignore",
        )
        third.download_button(
            "Both, as a zip",
            partial(export.tracker_zip, current),
            file_name=export.ZIP_NAME,
            mime="application/zip",
            key="tracker_download_zip",
            on_click="ignore",
        )
        fourth.download_button(
            "Reminders (.ics)",
            partial(calendar.due_calendar, schedule.due_items(current, today), today),
            file_name="followup-reminders.ics",
            mime="text/calendar",
            key="tracker_download_ics",
            on_click="ignore",
            help="Import into your calendar; importing a newer file updates the same events.",
        )
