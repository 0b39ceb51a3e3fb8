"""Streamlit glue for the call-script page: the built scripts, the checklist, the tracker parts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

import streamlit as st

from followup import schedule, script, stale, tracker, ui, vocab
from followup.script import PRE_CALL_CHECKLIST, ChecklistItem, Script
from followup.stale import StaleError
from followup.store import Store
from followup.tracker import Tracker
from followup.ui import hosting as host
from followup.ui import tracker as view

PREFIX = "script"
RESULT_KEY = "script_result"
FORM_KEY = "script_form"
INTERVIEW_KEY = "script_interview"
CHECKLIST_ERROR_KEY = "script_checklist_error"
# The selector's first option: no interview, the form is filled by hand.
NO_INTERVIEW = ""
# A call after the thank-you is a check-in (see followup/schedule.py).
PLAN_PURPOSE = "Check-in"
PLANNED = "Planned follow-up added to the tracker; it shows on your due list on its date."
NOT_PLANNED = "Planned follow-up not saved"
TICKS_NOT_SAVED = "Your ticks were not saved"
SIGN_IN_FOR_TRACKER = (
    "Sign in on the Tracker page to start from one of your tracked interviews and keep your "
    "checklist with it. The scripts work without signing in."
)
UNREADABLE_TRACKER = (
    "Your tracker's files cannot be read just now, so its interviews are not offered here and "
    "nothing is saved to it. The Tracker page says what is wrong; the scripts work as usual."
)


def widget_key(field: str) -> str:
    """The session-state key of the form widget for a `CallDetails` field."""
    return f"script_{field}"


def text_input(field: str, help: str | None = None) -> str:
    """A single-line form field for a `CallDetails` field, kept for the session."""
    return st.text_input(
        script.LABELS[field],
        key=widget_key(field),
        max_chars=script.FIELD_LIMIT,
        help=help,
        persist_state="session",
    )


def checklist_key(item: ChecklistItem) -> str:
    """The session-state key of one checklist tick."""
    return f"script_check_{item.key}"


def store_scripts(scripts: tuple[Script, ...] | None) -> None:
    """Keep the built scripts for the session (None forgets them), so reruns do not lose them."""
    if scripts is None:
        st.session_state.pop(RESULT_KEY, None)
    else:
        st.session_state[RESULT_KEY] = scripts


def stored_scripts() -> tuple[Script, ...]:
    """The scripts built last in this session; empty before the first build."""
    return st.session_state.get(RESULT_KEY, ())


def show_script(item: Script) -> None:
    """One variant: its length, any warning, the copyable text, its tip and two downloads."""
    facts = f"{item.word_count} words"
    if item.speaking_seconds is not None:
        facts += (
            f" · about {item.speaking_seconds} seconds to say "
            f"(at {script.WORDS_PER_MINUTE} words a minute)"
        )
    st.caption(facts)
    for warning in item.warnings:
        st.warning(warning, icon=":material/timer:")
    # st.code shows the text literally and gives it a copy button.
    st.code(item.text, language=None, wrap_lines=True)
    st.caption(item.tip)
    text_col, markdown_col = st.columns(2)
    with text_col:
        st.download_button(
            "Download as .txt",
            script.as_text(item),
            file_name=script.file_name(item, "txt"),
            mime="text/plain",
            key=f"script_download_{item.key}_txt",
            on_click="ignore",
            icon=":material/download:",
        )
    with markdown_col:
        st.download_button(
            "Download as .md",
            script.as_markdown(item),
            file_name=script.file_name(item, "md"),
            mime="text/markdown",
            key=f"script_download_{item.key}_md",
            on_click="ignore",
            icon=":material/download:",
        )


def show_checklist(
    store: Store, current: Tracker | None, interview_id: str | None
) -> dict[str, bool]:
    """Draw the pre-call checklist and return its state; ticks are saved with the interview."""
    # A tick is saved only while the interview is as shown, its ticks included (`stale.guard`).
    subject = None
    if current is not None and interview_id is not None:
        shown = stale.shown_interview(current, interview_id)
        ticks_shown = stale.plain(script.checklist_cell(checklist_ticks()))
        subject = replace(shown, cells=(*shown.cells, (vocab.CHECKLIST_COLUMN, ticks_shown)))
    for item in PRE_CALL_CHECKLIST:
        st.checkbox(
            item.label,
            key=checklist_key(item),
            wrap=True,
            persist_state="session",
            on_change=_save_ticks,
            args=(store, subject),
        )
    ticks = checklist_ticks()
    kept = "saved with the interview chosen above" if interview_id else "kept for this session"
    st.caption(f"{sum(ticks.values())} of {len(ticks)} ready. Your ticks are {kept}.")
    error = st.session_state.pop(CHECKLIST_ERROR_KEY, None)
    if error:
        view.show_error(ValueError(error))
    return ticks


def _save_ticks(store: Store, subject: stale.Shown | None) -> None:
    """Write the ticks to the interview shown (checkbox callback); remember why if it fails.

    When that interview changed or went since the page showed it, nothing is saved and the
    boxes go back to the ticks saved with it (none when it is gone).
    """
    if subject is None:
        return
    cell = script.checklist_cell(checklist_ticks())
    change = {subject.row_id: {vocab.CHECKLIST_COLUMN: cell}}
    try:
        store.update(
            stale.guard(lambda t: tracker.update_interviews(t, change), TICKS_NOT_SAVED, subject)
        )
    except StaleError as err:
        st.session_state[CHECKLIST_ERROR_KEY] = str(err)
        saved = view.load_quietly(store)
        row = None if saved is None else stale.row_of(saved, stale.INTERVIEW, subject.row_id)
        ticks = script.checklist_from_cell((row or {}).get(vocab.CHECKLIST_COLUMN))
        for item in PRE_CALL_CHECKLIST:
            st.session_state[checklist_key(item)] = ticks[item.key]
    except ValueError as err:
        st.session_state[CHECKLIST_ERROR_KEY] = f"{TICKS_NOT_SAVED}: {err}"


def checklist_ticks() -> dict[str, bool]:
    """The checklist as a plain item -> ticked mapping, ready to store with an interview."""
    return script.checklist_state(
        {item.key: st.session_state.get(checklist_key(item), False) for item in PRE_CALL_CHECKLIST}
    )


def interview_picker(store: Store | None, current: Tracker | None) -> str | None:
    """Offer the tracker's interviews to start from; return the chosen id, None for none."""
    if current is None:
        # Say why there is no tracker here, as it is: unreadable files, signed out, or (already
        # shown by `tracker_store`) wrong hosting settings.
        if store is not None:
            st.warning(UNREADABLE_TRACKER, icon=":material/error:")
        elif host.awaiting_sign_in():
            st.caption(SIGN_IN_FOR_TRACKER)
        return None
    if current.interviews.empty:
        return None
    newest_first = tracker.newest_first(current).to_dict("records")
    rows = {row["interview_id"]: row for row in newest_first}
    if st.session_state.get(INTERVIEW_KEY) not in (NO_INTERVIEW, *rows):
        st.session_state.pop(INTERVIEW_KEY, None)
    chosen = st.selectbox(
        "Start from a tracked interview",
        [NO_INTERVIEW, *rows],
        format_func=lambda option: (
            tracker.interview_label(rows[option]) if option else "None — start blank"
        ),
        key=INTERVIEW_KEY,
        on_change=_prefill,
        args=(rows,),
        help="Fills in the company, role, interviewer and date, and keeps your checklist ticks "
        "with that interview.",
        persist_state="session",
    )
    return chosen or None


def open_interview(current: Tracker, interview_id: str) -> None:
    """Go to the Call script page with `interview_id` chosen and the form filled in from it."""
    rows = {row["interview_id"]: row for row in tracker.newest_first(current).to_dict("records")}
    st.session_state[INTERVIEW_KEY] = interview_id
    _prefill(rows)
    st.switch_page(ui.CALL_SCRIPT.path)


def yours() -> dict[str, object]:
    """What the user typed about themselves on the Call script page this session."""
    fields = ("your_name", "phone", "email", "qualifications", "employer_needs")
    return {field: st.session_state.get(widget_key(field), "") for field in fields}


def _prefill(rows: Mapping[str, Mapping[str, object]]) -> None:
    """Fill the form and the ticks from the newly chosen interview (selector callback).

    Runs before the next script run draws the form, which is when widget values may be set.
    "None" empties what an interview fills in. Scripts built for the previous choice are dropped.
    """
    row = rows.get(st.session_state.get(INTERVIEW_KEY, NO_INTERVIEW), {})
    for field, value in script.details_from_interview(row).items():
        st.session_state[widget_key(field)] = value
    ticks = script.checklist_from_cell(row.get(vocab.CHECKLIST_COLUMN))
    for item in PRE_CALL_CHECKLIST:
        st.session_state[checklist_key(item)] = ticks[item.key]
    store_scripts(None)
    view.forget_pending_followup(PREFIX)


def refuse_undrawn_plan(current: Tracker | None) -> None:
    """A plan saved just as its interview went elsewhere (the form is gone): say it was not."""
    if current is not None:
        view.refuse_undrawn("script_plan_submit", current, NOT_PLANNED)


def repeat_call_notice(current: Tracker | None, interview_id: str | None) -> None:
    """Warn, before any call script, when this interview already has a phone call logged."""
    if current is None or interview_id is None:
        return
    if not tracker.phone_calls(current, interview_id).empty:
        st.warning(view.SECOND_CALL, icon=":material/phone_disabled:")


def plan_followup(store: Store, current: Tracker, interview_id: str) -> None:
    """A small form that adds the follow-up to the tracker as Planned, asking before a 2nd call."""
    view.show_flash()
    subject = view.acting_on("script_plan_submit", stale.shown_interview(current, interview_id))
    today = ui.today()
    called = not tracker.phone_calls(current, interview_id).empty
    # Once a call is logged, email is the next step SECOND_CALL suggests.
    channel = vocab.EMAIL if called else vocab.PHONE_CALL
    with st.form("script_plan_form"):
        st.markdown("**Save as a planned follow-up**")
        left, right = st.columns(2)
        row = {
            "channel": left.selectbox(
                "Channel",
                vocab.CHANNELS,
                index=vocab.CHANNELS.index(channel),
                key="script_plan_channel",
            ),
            "purpose": right.selectbox(
                "Purpose",
                vocab.PURPOSES,
                index=vocab.PURPOSES.index(PLAN_PURPOSE),
                key="script_plan_purpose",
            ),
            "date": left.date_input(
                "Date",
                value=schedule.business_days_after(today, 1),
                min_value=today,
                key="script_plan_date",
            ),
            "outcome": vocab.PLANNED,
        }
        if st.form_submit_button(
            "Save as planned follow-up", key="script_plan_submit", icon=":material/event:"
        ):
            view.log_followup(
                store, current, row, subject, prefix=PREFIX, done=PLANNED, action=NOT_PLANNED
            )
    view.confirm_second_call(store, prefix=PREFIX, done=PLANNED)
