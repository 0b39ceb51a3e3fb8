"""The due list you act on: the Tracker's Due tab and the home page's "Due now and overdue".

One component for both: select reminders in the table (row selection), or tick them in the list
of cards a phone reads more easily (the "Table / List" switch), then mark them done, snooze or
dismiss them (kept in the tracker, so it holds on every device), or open one in the
Call script page or as an email draft. Every action can be undone from the sidebar.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from followup import changes, drafts, schedule, script, tracker, ui
from followup.store import Store
from followup.tracker import Tracker
from followup.ui import hosting as host
from followup.ui import script as script_ui
from followup.ui import tables
from followup.ui import tracker as view

# What to do and by when come first: on a phone they are what fits on the screen.
DUE_LABELS = {
    "todo": st.column_config.TextColumn("What to do", width="medium"),
    "due": st.column_config.DateColumn("Due by", format="YYYY-MM-DD", width="small"),
    "status": st.column_config.TextColumn("Status"),
    "company": st.column_config.TextColumn("Company"),
    "role": st.column_config.TextColumn("Role"),
    "snoozed": st.column_config.DateColumn(
        "Snoozed until", format="YYYY-MM-DD", help="Back on the list since that day."
    ),
}
QUIET_LABELS = {
    "company": "Company",
    "role": "Role",
    "last_activity": "Last activity",
}
QUIET_COLUMNS = {
    "last_activity": st.column_config.DateColumn("Last activity", format="YYYY-MM-DD"),
}
# Each due list's Table/List switch, in the address.
HOME_VIEW_KEY = "home_due_view"
TAB_VIEW_KEY = "tracker_due_view"
NEXT_BUSINESS_DAY = "Next business day"
NEXT_WEEK = "Next week"
A_DATE = "A date..."
KEY_LABELS = {
    schedule.THANK_YOU: "Thank-you",
    schedule.CHECK_IN: "Check-in",
    schedule.QUIET: "Whole interview (gone quiet)",
}


def due_now_section(key: str) -> None:
    """Home: the follow-ups overdue or due today, to act on, or a friendly line when none."""
    store = view.tracker_store()
    if store is None and host.awaiting_sign_in():
        st.caption("Sign in on the Tracker page to see your follow-ups here.")
    current = view.load(store)
    if current is None or store is None:
        return
    view.undo_bar(store)
    today = ui.today()
    items = schedule.due_now(schedule.due_items(current, today))
    if items.empty:
        st.caption(
            "Nothing is due today. Interviews you add on the Tracker page get their thank-you "
            "and check-in reminders here."
        )
    else:
        overdue = int((items["status"] == schedule.OVERDUE).sum())
        st.write(f"{ui.count(len(items), 'follow-up')} to do, {overdue} of them overdue.")
        act_on(store, current, items, key, today, tables.layout(HOME_VIEW_KEY))
    why_short(current, today)


def tab(store: Store, current: Tracker, today: dt.date, drawn: bool = True) -> None:
    """Every open reminder to act on, then what is kept off the list and why.

    Unless `drawn` (the tab is closed), only the list's Table/List switch, which is in the address.
    """
    if not drawn:
        tables.layout(TAB_VIEW_KEY)
        return
    items = schedule.due_items(current, today)
    if items.empty:
        st.caption("Nothing to follow up on: no open interview is waiting for a reminder.")
    else:
        now = schedule.due_now(items)
        st.write(f"{len(now)} to do now, {len(items) - len(now)} coming up.")
        layout = tables.layout(TAB_VIEW_KEY)
        act_on(store, current, items, "tracker_due_table", today, layout)
    why_short(current, today)
    gone_quiet_section(current, today)
    dismissed_section(store, current, today)


def act_on(
    store: Store,
    current: Tracker,
    items: pd.DataFrame,
    key: str,
    today: dt.date,
    layout: str = tables.TABLE,
) -> None:
    """The reminders as a table with row selection (or `tables.LIST`: cards to tick), and the
    actions on the selected ones."""
    # A new key per tracker version: after an action the selection starts empty again.
    # The snooze column only when a reminder on the list has come back from one.
    shown = [c for c in DUE_LABELS if c != "snoozed" or items["snoozed"].notna().any()]
    if layout == tables.LIST:
        selected = _ticked_in_cards(items, f"{key}_{tracker.revision(current)}")
    elif tables.plain_tables():
        selected = _picked_in_plain_table(items, shown, f"{key}_{tracker.revision(current)}")
    else:
        event = st.dataframe(
            items[shown],
            column_config=DUE_LABELS,
            hide_index=True,
            key=f"{key}_{tracker.revision(current)}",
            on_select="rerun",
            selection_mode="multi-row",
            alt="Follow-ups due: select rows to act on them",
            placeholder="",
        )
        selected = items.iloc[list(event.selection.rows)]
    # A click reruns the page on fresh data, where another tab's save may have reset the table:
    # the actions take the reminders the user had selected, and refuse them when they changed.
    chosen = view.acting_on(f"{key}_selection", selected)
    if selected.empty:
        how = (
            "Tick reminders above"
            if layout == tables.LIST
            else "Pick reminders above"
            if tables.plain_tables()
            else "Click rows to select them"
        )
        st.caption(f"{how}, then mark them done, snooze or dismiss them.")
    # Buttons are enabled by what is selected now; a click acts on what was selected then.
    none = selected.empty
    if none and not chosen.empty and _clicked(key):
        # Another tab's save redrew the table (selection cleared) between selecting and
        # clicking: the click cannot reach a button drawn disabled, so say why nothing happened.
        view.show_error(
            ValueError(
                "Nothing was done: the due list changed after you selected (in another tab or "
                "window, perhaps). Check it and select again."
            )
        )
    done, dismiss, call, mail = st.columns(4)
    if done.button(
        "Mark done",
        key=f"{key}_done",
        icon=":material/task_alt:",
        disabled=none,
        help="Logs the follow-up each reminder asks for, dated today (a planned one becomes Done).",
    ):
        taken = current.followups["followup_id"]
        action = changes.mark_done(chosen, today, taken)
        view.apply(store, changes.while_due(action, chosen, today, "Not marked done"))
    if dismiss.button(
        "Dismiss",
        key=f"{key}_dismiss",
        icon=":material/do_not_disturb_on:",
        disabled=none,
        help="No follow-up needed for this round. You can bring it back below the list.",
    ):
        view.apply(
            store, changes.while_due(changes.dismiss(chosen), chosen, today, "Not dismissed")
        )
    if (
        call.button(
            "Open in Call script",
            key=f"{key}_script",
            icon=":material/call:",
            disabled=len(selected) != 1,
            help="Select one reminder: the Call script page opens filled in for its interview.",
        )
        and len(chosen) == 1
    ):
        script_ui.open_interview(current, chosen.iloc[0]["interview_id"])
    email_draft(current, selected.iloc[0] if len(selected) == 1 else None, mail, key)
    snooze_controls(store, current, selected, chosen, key, today)


def _picked_in_plain_table(items: pd.DataFrame, shown: list[str], key: str) -> pd.DataFrame:
    """The plain table (no row selection there) and a picker of the reminders to act on."""
    labels = {column: DUE_LABELS[column]["label"] for column in shown}
    tables.show(items, labels, alt="Follow-ups due")
    names = {
        position: f"{row['todo']} · {row['company']} · due {row['due'].isoformat()}"
        for position, row in enumerate(items.to_dict("records"))
    }
    picked = st.multiselect(
        "Reminders to act on", list(names), format_func=names.get, key=f"{key}_pick"
    )
    return items.iloc[picked]


def _ticked_in_cards(items: pd.DataFrame, key: str) -> pd.DataFrame:
    """Each reminder as a card: what to do (a box to tick), then when, and for which job.

    The most urgent `tables.LIST_LIMIT` only: a box a reminder, for every one of a long list,
    would make each click redraw hundreds of widgets.
    """
    ticked = []
    for position, row in enumerate(items.head(tables.LIST_LIMIT).to_dict("records")):
        with st.container(border=True):
            # The reminder names the interviewer as typed: escaped, never read as Markdown.
            if st.checkbox(ui.plain(row["todo"]), key=f"{key}_tick_{position}"):
                ticked.append(position)
            lines = [f"Due by {row['due'].isoformat()} ({row['status']})"]
            if pd.notna(row["snoozed"]):
                lines.append(f"Snoozed until {row['snoozed'].isoformat()}")
            lines.append(f"{row['company']} · {row['role']}")
            st.text("\n".join(lines))
    if len(items) > tables.LIST_LIMIT:
        st.caption(
            f"{ui.count(len(items) - tables.LIST_LIMIT, 'later reminder')} not shown: act on "
            "these first, or switch to Table to see them all."
        )
    return items.iloc[ticked]


ACTIONS = ("done", "dismiss", "script", "snooze")


def _clicked(key: str) -> bool:
    """Whether one of the action buttons under the table `key` was clicked for this run."""
    return any(st.session_state.get(f"{key}_{action}") for action in ACTIONS)


def email_draft(current: Tracker, one: pd.Series | None, place, key: str) -> None:
    """A link that opens the email script as a draft in the user's mail app (email known)."""
    url = None
    why = (
        "Select one reminder whose interviewer's email is known: your mail app opens the email "
        "script as a draft."
    )
    if one is not None:
        rows = current.interviews[current.interviews["interview_id"] == one["interview_id"]]
        if not rows.empty:
            try:
                url = drafts.email_draft_url(rows.iloc[0].to_dict(), script_ui.yours())
            except script.MailtoTooLong as err:
                why = str(err)
    if url is None:
        # A disabled button, not a disabled link: a link keeps its faint text in the contrast
        # checks, a disabled button is known to be out of use.
        place.button(
            "Email draft", key=f"{key}_mail", icon=":material/mail:", disabled=True, help=why
        )
    else:
        place.link_button("Email draft", url, icon=":material/mail:", help=why)


def snooze_controls(
    store: Store,
    current: Tracker,
    selected: pd.DataFrame,
    chosen: pd.DataFrame,
    key: str,
    today: dt.date,
) -> None:
    """Snooze the selected reminders' interviews to the next business day, next week or a date."""
    options = {
        NEXT_BUSINESS_DAY: changes.next_business_day(today),
        NEXT_WEEK: changes.next_week(today),
        A_DATE: None,
    }
    left, middle, right = st.columns([2, 2, 1], vertical_alignment="bottom")
    choice = left.selectbox(
        "Snooze until",
        list(options),
        format_func=lambda o: o if options[o] is None else f"{o} ({options[o].isoformat()})",
        key=f"{key}_snooze_choice",
    )
    until = options[choice]
    if until is None:
        until = middle.date_input(
            "Snooze date",
            value=today + dt.timedelta(days=3),
            min_value=today + dt.timedelta(days=1),
            key=f"{key}_snooze_date",
            format=ui.DATE_INPUT_FORMAT,
        )
    if right.button(
        "Snooze",
        key=f"{key}_snooze",
        icon=":material/snooze:",
        disabled=selected.empty,
        help="Every reminder of the selected interviews waits until that day.",
    ):
        snooze = changes.snooze(chosen, until, current)
        view.apply(store, changes.while_due(snooze, chosen, today, "Not snoozed"))


def why_short(current: Tracker, today: dt.date) -> None:
    """Say what is kept off the due list: gone-quiet interviews, snoozes, dismissals."""
    quiet = len(schedule.gone_quiet(current, today))
    snoozed = schedule.snoozed_count(current, today)
    parts = []
    if quiet:
        parts.append(
            f"{ui.count(quiet, 'interview')} gone quiet (no decision and nothing logged for "
            f"{schedule.QUIET_AFTER_DAYS // 7} weeks, or marked so), listed apart, not as overdue"
        )
    if snoozed:
        parts.append(f"{ui.count(snoozed, 'interview')} snoozed")
    dismissed = schedule.dismissed_count(current)
    if dismissed:
        parts.append(f"{ui.count(dismissed, 'reminder')} dismissed for this round")
    if parts:
        st.caption("Not on this list: " + "; ".join(parts) + ".")


def gone_quiet_section(current: Tracker, today: dt.date) -> None:
    """The interviews gone quiet, apart from the due list."""
    quiet = schedule.gone_quiet(current, today)
    if quiet.empty:
        return
    with st.expander(f"Gone quiet ({len(quiet)})"):
        st.caption(
            "No decision and nothing logged for six weeks: no reminder is shown for these. "
            "Logging a follow-up or a new decision date brings one back to the list."
        )
        tables.show(
            quiet,
            QUIET_LABELS,
            column_config=QUIET_COLUMNS,
            key="tracker_quiet_table",
            alt="Interviews gone quiet",
        )


def dismissed_section(store: Store, current: Tracker, today: dt.date) -> None:
    """The dismissed reminders, each of which can be brought back."""
    dismissed = _dismissed(current)
    if dismissed.empty:
        return
    with st.expander(f"Dismissed ({len(dismissed)})"):
        labels = {
            f"{row['interview_id']}|{row['key']}": f"{row['company']} · {row['role']} · "
            f"{row['what']}"
            for row in dismissed.to_dict("records")
        }
        back = st.multiselect(
            "Bring back", list(labels), format_func=labels.get, key="tracker_dismissed_pick"
        )
        if st.button(
            "Bring back to the due list", key="tracker_dismissed_restore", disabled=not back
        ):
            pairs = [tuple(option.split("|", 1)) for option in back]
            view.apply(store, changes.restore_dismissed(pairs))


def _dismissed(current: Tracker) -> pd.DataFrame:
    """One row per dismissed key: interview_id, key, company, role, what."""
    interviews = current.interviews
    if schedule.DISMISSED_COLUMN not in interviews.columns:
        return pd.DataFrame(columns=["interview_id", "key", "company", "role", "what"])
    has = interviews[interviews[schedule.DISMISSED_COLUMN].notna()]
    rows = [
        {
            "interview_id": row["interview_id"],
            "key": key,
            "company": row["company"],
            "role": row["role"],
            "what": KEY_LABELS.get(key, "Planned follow-up"),
        }
        for row in has.to_dict("records")
        for key in sorted(schedule.dismissed_keys(row[schedule.DISMISSED_COLUMN]))
    ]
    return pd.DataFrame(rows, columns=["interview_id", "key", "company", "role", "what"])


def after_import(store: Store, current: Tracker, today: dt.date) -> None:
    """After an import: how many reminders it created, and closing old interviews in one step."""
    imported = [
        i
        for i in st.session_state.get(view.IMPORTED_KEY, ())
        if i in set(current.interviews["interview_id"])
    ]
    if not imported:
        return
    items = schedule.due_items(current, today)
    mine = items[items["interview_id"].isin(imported)]
    now = len(schedule.due_now(mine))
    quiet = schedule.gone_quiet(current, today)
    quiet_count = int(quiet["interview_id"].isin(imported).sum())
    with st.container(border=True, key="tracker_after_import"):
        st.write(
            f"The import created {ui.count(len(mine), 'reminder')}, {now} of them due now or "
            f"overdue. {ui.count(quiet_count, 'imported interview')} "
            f"{'has' if quiet_count == 1 else 'have'} gone quiet (nothing for six weeks) and "
            f"{'is' if quiet_count == 1 else 'are'} listed apart on the Due tab, not as overdue."
        )
        left, middle, right = st.columns([2, 2, 1], vertical_alignment="bottom")
        before = left.date_input(
            "Interviews with no activity since",
            value=today - dt.timedelta(days=21),
            max_value=today,
            key="tracker_after_import_before",
            format=ui.DATE_INPUT_FORMAT,
        )
        how = middle.selectbox(
            "Mark them",
            ("Gone quiet", "Closed (Withdrawn)"),
            key="tracker_after_import_how",
            help="Gone quiet keeps the status and stops their reminders; closed sets the status "
            "to Withdrawn.",
        )
        old = changes.older_than(current, before)
        if right.button(f"Apply to {len(old)}", key="tracker_after_import_apply", disabled=not old):
            change = changes.mark_quiet(old) if how == "Gone quiet" else changes.close(old, current)
            st.session_state.pop(view.IMPORTED_KEY, None)
            view.apply(store, change)
        if st.button("Keep them as they are", key="tracker_after_import_keep"):
            st.session_state.pop(view.IMPORTED_KEY, None)
            st.rerun()
