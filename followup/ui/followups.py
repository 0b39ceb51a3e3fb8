"""The Tracker's Follow-ups tab: pick an interview, log a follow-up, edit or delete them."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from followup import changes, stale, tracker, ui, vocab
from followup.store import Store
from followup.tracker import Tracker
from followup.ui import tables
from followup.ui import tracker as view

NOT_DELETED = "Interview not deleted"
COLUMNS = {
    "date": st.column_config.DateColumn("Date", format="YYYY-MM-DD", required=True),
    "channel": st.column_config.SelectboxColumn("Channel", options=vocab.CHANNELS, required=True),
    "purpose": st.column_config.SelectboxColumn("Purpose", options=vocab.PURPOSES, required=True),
    "outcome": st.column_config.SelectboxColumn("Outcome", options=vocab.OUTCOMES, required=True),
    "notes": st.column_config.TextColumn("Notes", width="large"),
}


LABELS = {column: config["label"] for column, config in COLUMNS.items()}
CONTACT_LABELS = {"interviewer": "Interviewer", "email": "Email", "phone": "Phone"}
# What a follow-up's card (List view) shows under its date, channel and purpose.
CARD_LABELS = {"outcome": "Outcome", "notes": "Notes"}
# The follow-ups table's Table/List switch, in the address.
VIEW_KEY = "tracker_followups_view"


# The log form's default outcome: what happened follows the date (a form does not rerun when the
# date changes, so the rule is spelled out in the choice itself rather than switched behind it).
BY_DATE = "Done (or Planned, if dated after today)"


def outcome_for(chosen: str, date: dt.date | None, today: dt.date) -> str:
    """The outcome to save: `chosen`, or for `BY_DATE` Done up to today and Planned after."""
    if chosen != BY_DATE:
        return chosen
    return vocab.PLANNED if date is not None and date > today else "Done"


def tab(store: Store, current: Tracker, today: dt.date, drawn: bool = True) -> None:
    """The follow-ups of one chosen interview, the log form and the delete button.

    Unless `drawn` (the tab is closed), only the table's Table/List switch, which is in the
    address.
    """
    if not drawn:
        if not current.interviews.empty:
            tables.layout(VIEW_KEY)
        return
    labels = tracker.interview_labels(tracker.newest_first(current))
    _drop_confirmation_of_a_deleted_interview(current, labels)
    if not labels:
        # The interview this tab showed may have been deleted elsewhere just before a click.
        view.refuse_undrawn("tracker_log_submit", current, view.NOT_LOGGED)
        st.caption("Add an interview first; its follow-ups are logged here.")
    else:
        if st.session_state.get("tracker_selected") not in labels:
            st.session_state.pop("tracker_selected", None)
        selected = st.selectbox(
            "Interview", list(labels), format_func=labels.get, key="tracker_selected"
        )
        interview = current.interviews.set_index("interview_id").loc[selected]
        shown = stale.shown_interview(current, selected)
        log_subject = view.acting_on("tracker_log_submit", shown)
        if pd.notna(interview["interviewer_email"]):
            contact_table(interview)

        with st.form("tracker_log_form", clear_on_submit=True):
            st.markdown("**Log a follow-up**")
            left, middle, right = st.columns(3)
            logged = {
                "date": left.date_input(
                    "Date", value=today, key="tracker_log_date", format=ui.DATE_INPUT_FORMAT
                ),
                "channel": middle.selectbox("Channel", vocab.CHANNELS, key="tracker_log_channel"),
                "purpose": right.selectbox("Purpose", vocab.PURPOSES, key="tracker_log_purpose"),
                # Its own row, so Tab reaches it after Purpose, not straight after Date.
                "outcome": st.columns(3)[0].selectbox(
                    "Outcome",
                    [BY_DATE, *vocab.OUTCOMES],
                    key="tracker_log_outcome",
                    help="Planned puts it on your due list for that date. Left on the first "
                    "choice, the date decides: Done up to today, Planned after.",
                ),
                "notes": st.text_area("Notes", key="tracker_log_notes"),
            }
            if st.form_submit_button("Log follow-up", key="tracker_log_submit", type="primary"):
                logged["outcome"] = outcome_for(logged["outcome"], logged["date"], today)
                view.log_followup(store, current, logged, log_subject, prefix="tracker")
        view.confirm_second_call(store, prefix="tracker")

        mine = tracker.followups_of(current, selected).set_index("followup_id")
        layout = tables.layout(VIEW_KEY)
        if mine.empty:
            st.caption("No follow-up logged for this interview yet.")
        elif layout == tables.LIST:
            tables.cards(
                mine,
                ("date", "channel", "purpose"),
                CARD_LABELS,
                key="tracker_followup_cards",
                noun="follow-up",
            )
            st.caption("Switch to Table to change or delete a follow-up.")
        elif tables.plain_tables():
            tables.show(mine, LABELS, alt="Follow-ups of this interview")
            st.caption("Switch off Plain tables in the sidebar to change or delete a follow-up.")
        else:
            st.caption(
                "Change an outcome (say, Planned to Done) or delete a row; saved at once, and "
                "undone from the sidebar."
            )
            shown_followups = mine[list(COLUMNS)]
            # The interview is in the key too: positions in the table only mean rows of one.
            editor_key = f"tracker_followups_{selected}_{tracker.revision(current)}"
            view.save_editor_edits(
                store, editor_key, shown_followups, stale.FOLLOWUP, followup_name, LABELS
            )
            st.data_editor(
                shown_followups,
                key=editor_key,
                column_config=COLUMNS,
                hide_index=True,
                num_rows="delete",
                placeholder="",
            )
        delete_section(store, current, selected)


def contact_table(interview: pd.Series) -> None:
    """The interviewer's name, email (a link that opens the mail app) and phone."""
    contact = pd.DataFrame(
        {
            "interviewer": [interview["interviewer"]],
            "email": [interview["interviewer_email"]],
            "phone": [interview["interviewer_phone"]],
        }
    )
    if tables.plain_tables():
        tables.show(contact, CONTACT_LABELS, alt="Your interviewer's contact details")
        return
    st.dataframe(
        contact.assign(email="mailto:" + contact["email"]),
        column_config={
            **CONTACT_LABELS,
            "email": st.column_config.LinkColumn("Email", display_text="mailto:(.*)"),
        },
        hide_index=True,
        key="tracker_contact",
        alt="Your interviewer's contact details",
        placeholder="",
    )


def _drop_confirmation_of_a_deleted_interview(current: Tracker, labels: dict[str, str]) -> None:
    """A delete waiting for "Yes" whose interview is gone elsewhere: drop it, say so if clicked."""
    confirmed = st.session_state.get("tracker_confirm_delete")
    if confirmed is None or confirmed.row_id in labels:
        return
    del st.session_state["tracker_confirm_delete"]
    if st.session_state.get("tracker_delete_yes"):
        try:
            stale.check(current, confirmed, NOT_DELETED)
        except stale.StaleError as err:
            view.show_error(err)


def followup_name(row: dict[str, object]) -> str:
    """How a follow-up is named in messages: date, channel and purpose."""
    return f"{pd.Timestamp(row['date']).date().isoformat()} · {row['channel']} · {row['purpose']}"


def delete_section(store: Store, current: Tracker, selected: str) -> None:
    """Delete the selected interview after a confirmation, as it was when the user confirmed."""
    shown = stale.shown_interview(current, selected, with_followups=True)
    subject = view.acting_on("tracker_delete", shown)
    with st.expander("Delete this interview"):
        st.write(
            "Deletes the selected interview and its "
            f"{ui.count(len(shown.followups or ()), 'follow-up')}."
        )
        if view.keeps_backups(store):
            st.caption("The previous version of your files stays in the backups folder.")
        if st.button("Delete interview", key="tracker_delete", icon=":material/delete:"):
            st.session_state["tracker_confirm_delete"] = subject
        confirmed = st.session_state.get("tracker_confirm_delete")
        if confirmed is not None and confirmed.row_id == selected:
            st.warning("Delete it for good?", icon=":material/warning:")
            yes, no = st.columns(2)
            if yes.button("Yes, delete", key="tracker_delete_yes", type="primary"):
                del st.session_state["tracker_confirm_delete"]
                view.apply(
                    store,
                    changes.delete_interview(
                        confirmed.row_id,
                        lambda delete: stale.guard(delete, NOT_DELETED, confirmed),
                    ),
                )
            if no.button("Keep it", key="tracker_delete_no"):
                del st.session_state["tracker_confirm_delete"]
                st.rerun()
