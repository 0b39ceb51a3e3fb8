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
INTERVIEW_KEY = "script_interview"
CHECKLIST_ERROR_KEY = "script_checklist_error"
# Set once Build was pressed: from then on, a missing required field says so beside it.
TRIED_KEY = "script_tried"
# Set by Build when scripts were built, so that the page brings them into view once.
JUST_BUILT_KEY = "script_just_built"
DRAFT_ERROR_KEY = "script_draft_error"
RESULTS_KEY = "script_results"
TEXT_FIELDS: tuple[str, ...] = (
    "your_name",
    "phone",
    "email",
    "interviewer",
    "address",
    "interviewer_title",
    "interviewer_phone",
    "interviewer_email",
    "company",
    "role",
    "qualifications",
    "employer_needs",
    "forgotten_point",
)
FLAGS: tuple[str, ...] = ("ask_decision", "linkedin")
# After Build, the results are brought into view, so no one scrolls to find them (phones stack
# the columns, and on a laptop the button sits below the fold). Runs once per build.
SCROLL_TO_RESULTS = f"""
<script>
requestAnimationFrame(() => {{
  const results = document.querySelector(".st-key-{RESULTS_KEY}");
  if (!results) return;
  // Clear of the app's fixed top bar.
  results.style.scrollMarginTop = "4rem";
  results.scrollIntoView({{block: "start"}});
}});
</script>
"""
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


def text_input(field: str, help: str | None = None, placeholder: str | None = None) -> str:
    """A single-line field for a `CallDetails` field, its problem shown right below it.

    No `max_chars`: the browser would silently cut a longer paste. The whole paste shows, and
    the field says how long it is against the limit.
    """
    value = st.text_input(
        script.label(field),
        key=widget_key(field),
        help=help,
        placeholder=placeholder,
        persist_state="session",
    )
    field_message(field, value)
    return value


def text_area(field: str, placeholder: str | None = None) -> str:
    """A multi-line field for a `CallDetails` field, its problem shown right below it."""
    value = st.text_area(
        script.label(field),
        key=widget_key(field),
        placeholder=placeholder,
        persist_state="session",
    )
    field_message(field, value)
    return value


def field_message(field: str, value: object) -> None:
    """The field's problem, beside it: length and format at once, a missing value after Build."""
    problem = script.field_problem(field, value)
    missing = problem is not None and not script.clean_text(value)
    if problem and (not missing or st.session_state.get(TRIED_KEY)):
        st.error(problem, icon=":material/error:")


def form_values() -> dict[str, object]:
    """The form as typed, from the widgets' session state."""
    values: dict[str, object] = {f: st.session_state.get(widget_key(f), "") for f in TEXT_FIELDS}
    values |= {flag: bool(st.session_state.get(widget_key(flag), False)) for flag in FLAGS}
    values["interview_date"] = st.session_state.get(widget_key("interview_date"))
    return values


def build(store: Store | None, interview_id: str | None) -> None:
    """Build the scripts from the form (the Build button's callback) and keep the draft."""
    st.session_state[TRIED_KEY] = True
    values = form_values()
    try:
        details = script.CallDetails.from_form(**values)
    except script.ScriptInputError:
        store_scripts(None)
    else:
        store_scripts(script.build_scripts(details))
        st.session_state[JUST_BUILT_KEY] = True
    if store is not None and interview_id is not None:
        _save_draft(store, interview_id, values)


def _save_draft(store: Store, interview_id: str, values: Mapping[str, object]) -> None:
    """Keep the form with the interview, so it comes back on any device; remember a failure."""
    change = {interview_id: {vocab.DRAFT_COLUMN: script.draft_cell(values)}}
    try:
        store.update(lambda t: tracker.update_interviews(t, change))
    except ValueError as err:
        st.session_state[DRAFT_ERROR_KEY] = str(err)


def show_draft_error() -> None:
    """Say, once, that the draft could not be kept with the interview."""
    error = st.session_state.pop(DRAFT_ERROR_KEY, None)
    if error:
        view.show_error(ValueError(f"Your form could not be kept with the interview: {error}"))


def bring_results_into_view() -> None:
    """Scroll to the scripts right after Build (once), wherever the layout put them."""
    if st.session_state.pop(JUST_BUILT_KEY, False):
        st.html(SCROLL_TO_RESULTS, unsafe_allow_javascript=True, width="content")


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


def show_script(item: Script, company: str, to: str = "") -> None:
    """One variant: its length, any warning, the copyable text, its tip, sending and downloads."""
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
    if item.key == "email":
        mail_button(item, to)
    # One row that wraps on a narrow screen: one element, where two columns were three.
    with st.container(horizontal=True):
        st.download_button(
            "Download as .txt",
            script.as_text(item),
            file_name=script.file_name(item, "txt", company),
            mime="text/plain",
            key=f"script_download_{item.key}_txt",
            on_click="ignore",
            icon=":material/download:",
        )
        st.download_button(
            "Download as .md",
            script.as_markdown(item),
            file_name=script.file_name(item, "md", company),
            mime="text/markdown",
            key=f"script_download_{item.key}_md",
            on_click="ignore",
            icon=":material/download:",
        )


def mail_button(item: Script, to: str) -> None:
    """Open the email in the user's mail app, or say why it is too long to."""
    try:
        link = script.mailto_link(item, to)
    except script.MailtoTooLong as err:
        st.warning(str(err), icon=":material/mail:")
        return
    st.link_button(
        "Open in your mail app",
        link,
        icon=":material/mail:",
        help=f"Addressed to {to}." if to else "Add their email address to fill in the To line.",
    )


VARIANT_TABS = "script_variant"


@st.fragment
def show_scripts(scripts: tuple[Script, ...], row: Mapping[str, object] | None) -> None:
    """The variants as tabs, the preferred channel's first, and a Practice tab last.

    Only the open variant is drawn (each is a dozen elements sent on every run otherwise);
    switching tab reruns this fragment alone. Practice is always drawn: a recording, which
    cannot be kept for a widget a run does not draw, stays while another tab is read.
    """
    channel = (row or {}).get("preferred_channel")
    ordered = script.suggested_order(scripts, channel)
    if ordered[0] is not scripts[0] or ordered[0].key == script.CHANNEL_VARIANTS.get(str(channel)):
        st.caption(
            f"{ordered[0].title} first: {ui.plain(str(channel))} is their preferred channel in "
            "your tracker."
        )
    company = str(st.session_state.get(widget_key("company"), ""))
    to = script.clean_text(st.session_state.get(widget_key("interviewer_email"), ""))
    to = to if script.EMAIL.fullmatch(to) else ""
    titles = [item.title for item in ordered] + [PRACTICE_TITLE]
    tabs = st.tabs(titles, key=VARIANT_TABS, on_change="rerun")
    for tab, item in zip(tabs, ordered, strict=False):
        if not tab.open:
            continue
        with tab:
            if item.key == "live_call" and row is not None:
                st.caption(script.ONE_CALL_RULE)
            show_script(item, company, to)
    with tabs[-1]:
        practice(next(item for item in scripts if item.key == "live_call"))


PRACTICE_TITLE = "Practice"


def practice(call: Script) -> None:
    """Record yourself reading the call, hear it back, and compare its length with the guide.

    The recording lives only in this session's memory (Streamlit keeps uploads there); nothing
    here writes it anywhere.
    """
    st.caption(
        "Read the call out loud as if they had picked up: hearing yourself is the quickest way "
        "to sound calm on the day. Your recording stays in this browser session only; it is "
        "never saved."
    )
    st.code(call.text, language=None, wrap_lines=True)
    recording = st.audio_input("Record yourself reading the call", key="script_practice")
    if recording is None:
        return
    data = recording.getvalue()
    st.audio(data, format="audio/wav")
    seconds = script.recording_seconds(data)
    if seconds is None:
        st.warning("This recording's length cannot be read; play it back to time it yourself.")
    else:
        st.write(script.practice_feedback(seconds, call))


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


def chosen_row(current: Tracker | None, interview_id: str | None) -> dict[str, object] | None:
    """The tracker row of the chosen interview; None with none chosen (or no tracker)."""
    if current is None or interview_id is None:
        return None
    rows = current.interviews[current.interviews["interview_id"] == interview_id]
    return rows.iloc[0].to_dict() if len(rows) else None


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
    labels = tracker.picker_labels(current)
    if st.session_state.get(INTERVIEW_KEY) not in (NO_INTERVIEW, *labels):
        st.session_state.pop(INTERVIEW_KEY, None)
    chosen = st.selectbox(
        "Start from a tracked interview",
        [NO_INTERVIEW, *labels],
        format_func=lambda option: labels[option] if option else "None — start blank",
        key=INTERVIEW_KEY,
        on_change=_prefill,
        args=(current,),
        help="Fills in what the tracker knows about the interview, and keeps your form and "
        "checklist ticks with it, so they come back here on any device.",
        persist_state="session",
    )
    return chosen or None


def open_interview(current: Tracker, interview_id: str) -> None:
    """Go to the Call script page with `interview_id` chosen and the form filled in from it."""
    st.session_state[INTERVIEW_KEY] = interview_id
    _prefill(current)
    st.switch_page(ui.CALL_SCRIPT.path)


def yours() -> dict[str, object]:
    """What the user typed about themselves on the Call script page this session (name,
    contact details, qualifications: not what belongs to the interview the form was for)."""
    return {field: st.session_state.get(widget_key(field), "") for field in script.PERSONAL_FIELDS}


def _prefill(current: Tracker) -> None:
    """Fill the form and the ticks from the newly chosen interview (selector callback).

    Runs before the next script run draws the form, which is when widget values may be set.
    The interview's draft (what was typed for it last time, anywhere) comes back; without one,
    what you typed about yourself stays and the rest is emptied. "None" empties what an
    interview fills in. Scripts built for the previous choice are dropped.
    """
    row = chosen_row(current, st.session_state.get(INTERVIEW_KEY, NO_INTERVIEW) or None) or {}
    for field, value in script.details_from_interview(row).items():
        st.session_state[widget_key(field)] = value
    if row:
        draft = script.draft_from_cell(row.get(vocab.DRAFT_COLUMN))
        for field in (*script.DRAFT_TEXT_FIELDS, *script.DRAFT_FLAGS):
            if field in draft:
                st.session_state[widget_key(field)] = draft[field]
            elif field not in script.PERSONAL_FIELDS:
                st.session_state[widget_key(field)] = (
                    "" if field in script.DRAFT_TEXT_FIELDS else False
                )
    st.session_state.pop(TRIED_KEY, None)
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
                format=ui.DATE_INPUT_FORMAT,
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
