"""The Tracker's Interviews tab: the sample rows, the add form and the interviews editor."""

from __future__ import annotations

import datetime as dt
import hashlib

import pandas as pd
import streamlit as st

from followup import adding, changes, finder, schedule, stale, tracker, ui, vocab
from followup.paths import SHIPPED_DATA_DIR
from followup.store import Store, read_folder
from followup.tracker import Tracker
from followup.ui import links, tables
from followup.ui import tracker as view

# Column labels and editors of the interviews table (the model's columns, plus computed ones).
COLUMNS = {
    "company": st.column_config.TextColumn("Company", required=True),
    "role": st.column_config.TextColumn("Role", required=True),
    "interviewer": st.column_config.TextColumn("Interviewer"),
    "interviewer_title": st.column_config.TextColumn("Their title"),
    "interviewer_email": st.column_config.TextColumn("Email", validate=r"^$|^[^@\s]+@[^@\s]+$"),
    "interviewer_phone": st.column_config.TextColumn("Phone"),
    "interview_date": st.column_config.DateColumn(
        "Interview", format="YYYY-MM-DD", help="Needed once an interview is set."
    ),
    "round": st.column_config.TextColumn("Round", help="First, second, final... as you like."),
    "decision_expected": st.column_config.DateColumn("Decision by", format="YYYY-MM-DD"),
    "status": st.column_config.SelectboxColumn(
        "Status",
        options=vocab.STATUSES,
        required=True,
        help=(
            "Applied: no interview yet (to move on, set the interview date, then the status). "
            "Offer: put the date your answer is due in Decision by."
        ),
    ),
    "preferred_channel": st.column_config.SelectboxColumn(
        "Preferred channel", options=vocab.CHANNELS
    ),
    "notes": st.column_config.TextColumn("Notes", width="large"),
    "application_date": st.column_config.DateColumn("Applied on", format="YYYY-MM-DD"),
    # Only http(s) addresses are shown as links; the tracker refuses any other scheme.
    "job_url": st.column_config.LinkColumn(
        "Job link", validate=r"^https?://[^\s/]+", help="The job posting (http or https)."
    ),
    "location": st.column_config.TextColumn("Location"),
    "salary": st.column_config.TextColumn("Salary", help="As you like: a range, a currency..."),
    tracker.CALLS: st.column_config.NumberColumn(
        "Calls", disabled=True, help="Phone calls logged for this interview round."
    ),
    tracker.TOO_MANY_CALLS: st.column_config.CheckboxColumn(
        "More than one call", disabled=True, help="One call per round is plenty."
    ),
    vocab.CHECKLIST_COLUMN: st.column_config.TextColumn(
        "Call checklist", disabled=True, help="Ticked on the Call script page."
    ),
    # The call-script form's draft (JSON) is the Call script page's, not something to edit here.
    vocab.DRAFT_COLUMN: None,
    schedule.NEXT_STEP: st.column_config.TextColumn(
        "Next step", disabled=True, width="medium", help="The most urgent reminder (Due tab)."
    ),
    schedule.NEXT_DATE: st.column_config.DateColumn(
        "Next step by", format="YYYY-MM-DD", disabled=True
    ),
}
# The columns a user edits (not the computed or read-only ones), with their labels for messages.
EDITABLE = {
    column: config["label"]
    for column, config in COLUMNS.items()
    if column in vocab.INTERVIEW_COLUMNS and not config.get("disabled")
}
# Not shown in the table: the reminder state the Due tab writes (and shows and changes), and the
# call-script draft.
HIDDEN = frozenset((*schedule.STATE_COLUMNS, vocab.DRAFT_COLUMN))
TABLE, LIST, BOARD = tables.TABLE, tables.LIST, "Board"
# What a card of the List view shows under the company and role.
CARD_LABELS = {
    "status": "Status",
    "interview_date": "Interview",
    schedule.NEXT_STEP: "Next step",
    schedule.NEXT_DATE: "Next step by",
    "interviewer": "Interviewer",
}
# Cards a board column shows; past that, search or filter narrows it down.
BOARD_LIMIT = 25


def _label(column: str) -> str:
    config = COLUMNS.get(column)
    return config["label"] if config and config.get("label") else column


@st.cache_data
def sample_tracker() -> Tracker:
    """The shipped sample tracker (data/sample_tracker/)."""
    return read_folder(SHIPPED_DATA_DIR / "sample_tracker")


def sample_controls(store: Store, current: Tracker, today: dt.date) -> None:
    """Offer the sample interviews on an empty tracker, and their removal once loaded."""
    if current.interviews.empty:
        st.info("First visit? Load a few sample interviews to see how the tracker works.")
        if st.button("Load sample tracker", key="tracker_sample_load", icon=":material/science:"):
            loaded = tracker.add_sample(current, sample_tracker(), today)
            view.apply(
                store,
                changes.added(
                    current, loaded, "Sample interviews added; their companies end in (sample)."
                ),
            )
    elif tracker.has_sample(current):
        st.caption("The interviews whose company ends in (sample) are examples.")
        if st.button("Remove sample rows", key="tracker_sample_remove", icon=":material/delete:"):
            view.apply(
                store,
                changes.removed(
                    current,
                    tracker.remove_sample(current),
                    "Sample rows removed; your own rows are unchanged.",
                ),
            )


def application_form(store: Store, today: dt.date) -> None:
    """A short form for an application sent before any interview (status Applied)."""
    # Drawn only when open (opening it is a rerun of the tabs): otherwise its fields are
    # sent on every click in the tab, open or not.
    section = st.expander("Add an application", key=APPLY_OPEN, on_change="rerun")
    if not section.open:
        return
    with section, st.form("tracker_apply_form", clear_on_submit=True, border=False):
        # A row of columns per pair: Tab and a phone's stacking both go Company -> Role -> ...
        row: dict[str, object] = {"status": vocab.APPLIED}
        left, right = st.columns(2)
        row["company"] = left.text_input("Company *", key="tracker_apply_company")
        row["role"] = right.text_input("Role *", key="tracker_apply_role")
        left, right = st.columns(2)
        row["application_date"] = left.date_input(
            "Applied on *", value=today, key="tracker_apply_date", format=ui.DATE_INPUT_FORMAT
        )
        row["job_url"] = right.text_input(
            "Job link", placeholder="https://", key="tracker_apply_link"
        )
        left, right = st.columns(2)
        row["location"] = left.text_input("Location", key="tracker_apply_location")
        row["salary"] = right.text_input("Salary", key="tracker_apply_salary")
        row["notes"] = st.text_area("Notes", key="tracker_apply_notes")
        st.caption("One check-in is suggested one to two weeks after you apply.")
        if st.form_submit_button("Add application", key="tracker_apply_submit", type="primary"):
            view.save(
                store, lambda t: tracker.add_interview(t, row), "Application added and saved."
            )


ADD_KEYS = {
    "company": "tracker_add_company",
    "role": "tracker_add_role",
    "interviewer": "tracker_add_interviewer",
    "interviewer_title": "tracker_add_title",
    "interviewer_email": "tracker_add_email",
    "interviewer_phone": "tracker_add_phone",
    "interview_date": "tracker_add_date",
    "decision_expected": "tracker_add_decision",
    "round": "tracker_add_round",
    "status": "tracker_add_status",
    "preferred_channel": "tracker_add_channel",
    "notes": "tracker_add_notes",
}
ADD_PROBLEMS = "tracker_add_problems"
ADD_OPEN = "tracker_add_open"
APPLY_OPEN = "tracker_apply_open"
DUPLICATE_OK = "tracker_add_duplicate_ok"
DUPLICATE = "duplicate"


def tab(store: Store, current: Tracker, today: dt.date, drawn: bool = True) -> None:
    """The add forms and the interviews: searchable, as a table, a list or a board.

    Unless `drawn` (the tab is closed), only the search and filters, which are in the address.
    """
    if not drawn:
        if not current.interviews.empty:
            find_controls()
        return
    application_form(store, today)
    add_form(store, current, today)
    if current.interviews.empty:
        st.caption("Your interviews will be listed here.")
        return
    filters, layout = find_controls()
    # The same tracker, day and filters give the same rows: a rerun (another tab, a click
    # elsewhere) reuses them instead of joining, filtering and sorting again.
    table, found = tracker.last_derived(
        current,
        "interviews_found",
        (today, filters),
        lambda: _found(with_next_steps(current, today), filters),
    )
    hidden = len(table) - len(found)
    if hidden:
        st.caption(f"Showing {len(found)} of {len(table)} interviews; the filters hide {hidden}.")
    if layout == BOARD:
        board(store, current, found, filters)
    elif layout == LIST:
        st.caption("Switch to Table to edit cells.")
        tables.cards(
            found, ("company", "role"), CARD_LABELS, key="tracker_interview_cards", noun="interview"
        )
    else:
        interviews_table(store, current, found, filters)


def _found(table: pd.DataFrame, filters: finder.Filters) -> tuple[pd.DataFrame, pd.DataFrame]:
    return table, finder.find(table, filters)


def find_controls() -> tuple[finder.Filters, str]:
    """Search, status filter, hide closed, sort and the table/list/board switch.

    All of them are in the address (a search typed here, never a row of the tracker), so a link
    reopens the same view; draw them on every run (`tab`), or a closed tab drops them.
    """
    text_col, status_col, sort_col, view_col = st.columns([3, 3, 2, 3], vertical_alignment="bottom")
    text = text_col.text_input(
        "Search",
        placeholder="Company, role, interviewer or notes",
        **links.in_link("tracker_find_text"),
    )
    statuses = status_col.multiselect(
        "Status", vocab.STATUSES, placeholder="Any status", **links.in_link("tracker_find_status")
    )
    sort = sort_col.selectbox("Sort by", list(finder.SORTS), **links.in_link("tracker_find_sort"))
    # Radio buttons: the selected segment of a segmented control lacks contrast in the dark theme.
    layout = view_col.radio(
        "View", (TABLE, LIST, BOARD), horizontal=True, **links.in_link("tracker_find_view")
    )
    hide_closed = st.toggle(
        "Hide closed (Rejected, Withdrawn)",
        value=True,
        **links.in_link("tracker_find_hide_closed"),
    )
    filters = finder.Filters(text, tuple(statuses), hide_closed, sort)
    return filters, layout or TABLE


def with_next_steps(current: Tracker, today: dt.date) -> pd.DataFrame:
    """The interviews by id, with calls made and each one's next step and its date."""
    return tracker.interviews_with_calls(current).join(schedule.next_steps(current, today))


def interviews_table(
    store: Store, current: Tracker, shown: pd.DataFrame, filters: finder.Filters
) -> None:
    """The editable table of the interviews found; an edit is saved by id at once."""
    order = [c for c in finder.column_order(list(shown.columns)) if c not in HIDDEN]
    if tables.plain_tables():
        tables.show(shown, {c: _label(c) for c in order}, alt="Your interviews")
        st.caption("Switch off Plain tables in the sidebar to edit cells.")
        return
    st.caption("Edit a cell to change it; every change is saved at once and can be undone.")
    # The key holds the filters and the data revision: `save_editor_edits` maps the edits made
    # under the key last drawn back to ids through the rows that key showed.
    editor_key = f"tracker_interviews_{_digest(filters)}_{tracker.revision(current)}"
    # Columns a user added in a spreadsheet are edited too, under their own names.
    extra = [c for c in current.interviews.columns if c not in (*COLUMNS, "interview_id", *HIDDEN)]
    labels = {**EDITABLE, **{column: column for column in extra}}
    view.save_editor_edits(
        store, editor_key, shown, stale.INTERVIEW, tracker.interview_label, labels
    )
    st.data_editor(
        shown,
        key=editor_key,
        column_config=COLUMNS,
        column_order=order,
        hide_index=True,
        num_rows="fixed",
        placeholder="",
    )


def board(store: Store, current: Tracker, shown: pd.DataFrame, filters: finder.Filters) -> None:
    """The interviews as cards in one column per status; each card can move to another status."""
    statuses = [
        s
        for s in vocab.STATUSES
        if not (filters.hide_closed and s in finder.HIDDEN_WHEN_CLOSED)
        and (not filters.statuses or s in filters.statuses)
    ]
    for status, column in zip(statuses, st.columns(len(statuses)), strict=True):
        cards = shown[shown["status"] == status]
        column.markdown(f"**{status}** ({len(cards)})")
        for interview_id, card in cards.head(BOARD_LIMIT).iterrows():
            with column.container(border=True):
                st.text(f"{card['company']}\n{card['role']}")
                if isinstance(card[schedule.NEXT_STEP], str):
                    when = card[schedule.NEXT_DATE]
                    by = "" if pd.isna(when) else f" (by {when.date().isoformat()})"
                    st.caption(ui.plain(card[schedule.NEXT_STEP] + by))
                st.selectbox(
                    "Move to",
                    vocab.STATUSES,
                    index=vocab.STATUSES.index(status),
                    key=f"tracker_board_{interview_id}",
                    on_change=_move,
                    args=(store, current, interview_id),
                    label_visibility="collapsed",
                )
        if len(cards) > BOARD_LIMIT:
            column.caption(f"{len(cards) - BOARD_LIMIT} more: search or filter to find them.")


def _move(store: Store, current: Tracker, interview_id: str) -> None:
    """A board card's status changed (selectbox callback): saved by id while the interview still
    has the status the card showed, undoable."""
    status = st.session_state[f"tracker_board_{interview_id}"]
    row = current.interviews.set_index("interview_id").loc[interview_id]
    name = tracker.interview_label({**row.to_dict(), "interview_id": interview_id})
    edit = stale.CellEdit(interview_id, name, "status", "Status", row["status"], status)
    # The message names the status only: a toast renders Markdown, a company name is user text.
    change = changes.cell_edits(stale.INTERVIEW, [edit], f"Moved to {status}.")
    outcome = stale.EditOutcome()
    try:
        store.update(stale.apply_edits(stale.INTERVIEW, [edit], (), outcome))
    except ValueError as err:
        st.session_state[view.ERROR_KEY] = str(err)
        return
    if outcome.refused:
        st.session_state[view.ERROR_KEY] = outcome.refused[0]
    else:
        view.remember_undo(change)


def _digest(filters: finder.Filters) -> str:
    return hashlib.sha1(repr(filters).encode()).hexdigest()[:8]


def add_form(store: Store, current: Tracker, today: dt.date) -> None:
    """The add form: what was typed stays until the interview is added; every problem is named
    next to its field at once, and a likely duplicate is added only once confirmed."""
    problems = st.session_state.get(ADD_PROBLEMS, {})
    # Drawn only when open, like the application form; its fields keep what was typed while it
    # is closed (`persist_state="page"`). Open at first on an empty tracker, and it stays as the
    # user left it after an add (an `expanded` that changed would make it a new expander).
    if current.interviews.empty:
        st.session_state.setdefault(ADD_OPEN, True)
    section = st.expander("Add an interview", key=ADD_OPEN, on_change="rerun")
    if not section.open:
        return
    with section, st.form("tracker_add_form", clear_on_submit=False, border=False):
        # One row of columns per pair, so Tab goes Company -> Role -> Interviewer (not down the
        # left column first) and a phone stacks the fields in that same order.
        left, right = st.columns(2)
        with left:
            st.text_input("Company *", key=ADD_KEYS["company"], persist_state="page")
            _problem(problems, "company")
        with right:
            st.text_input("Role *", key=ADD_KEYS["role"], persist_state="page")
            _problem(problems, "role")
        left, right = st.columns(2)
        left.text_input("Interviewer", key=ADD_KEYS["interviewer"], persist_state="page")
        right.text_input("Their title", key=ADD_KEYS["interviewer_title"], persist_state="page")
        left, right = st.columns(2)
        with left:
            st.text_input("Their email", key=ADD_KEYS["interviewer_email"], persist_state="page")
            _problem(problems, "interviewer_email")
        right.text_input("Their phone", key=ADD_KEYS["interviewer_phone"], persist_state="page")
        left, right = st.columns(2)
        with left:
            st.date_input(
                "Interview date *",
                value=today,
                key=ADD_KEYS["interview_date"],
                persist_state="page",
                format=ui.DATE_INPUT_FORMAT,
            )
            _problem(problems, "interview_date")
        with right:
            st.date_input(
                "Decision expected by",
                value=None,
                key=ADD_KEYS["decision_expected"],
                persist_state="page",
                format=ui.DATE_INPUT_FORMAT,
            )
            _problem(problems, "decision_expected")
        left, right = st.columns(2)
        left.text_input("Round", value="1", key=ADD_KEYS["round"], persist_state="page")
        right.selectbox(
            "Status",
            vocab.STATUSES,
            index=vocab.STATUSES.index(vocab.DEFAULT_STATUS),
            key=ADD_KEYS["status"],
            persist_state="page",
        )
        st.selectbox(
            "How they prefer to hear from you",
            vocab.CHANNELS,
            index=None,
            key=ADD_KEYS["preferred_channel"],
            persist_state="page",
        )
        st.text_area("Notes", key=ADD_KEYS["notes"], persist_state="page")
        if DUPLICATE in problems:
            st.warning(problems[DUPLICATE], icon=":material/content_copy:")
            st.checkbox("Add it anyway: it is another interview", key=DUPLICATE_OK)
        _problem(problems, "form")
        st.form_submit_button(
            "Add interview",
            key="tracker_add_submit",
            type="primary",
            on_click=_add,
            args=(store,),
        )


def _problem(problems: dict[str, str], field: str) -> None:
    if field in problems:
        st.error(problems[field], icon=":material/error:")


def _add(store: Store) -> None:
    """The add button (form callback, before the page draws): check, save, then clear the form."""
    row = {field: st.session_state.get(key) for field, key in ADD_KEYS.items()}
    problems = adding.problems(row)
    current = view.load_quietly(store)
    confirmed = st.session_state.get(DUPLICATE_OK)
    if (
        not problems
        and current is not None
        and not confirmed
        and adding.likely_duplicate(row, current.interviews)
    ):
        problems[DUPLICATE] = (
            "An interview with the same company, role and date is already in your "
            "tracker. Tick the box below to add this one too."
        )
    if not problems:
        try:
            store.update(lambda t: tracker.add_interview(t, row))
        except ValueError as err:
            problems["form"] = str(err)
    if problems:
        st.session_state[ADD_PROBLEMS] = problems
        return
    for key in (*ADD_KEYS.values(), ADD_PROBLEMS, DUPLICATE_OK):
        st.session_state.pop(key, None)
    st.session_state[view.FLASH_KEY] = "Interview added and saved."
