"""Streamlit glue for the tracker: this session's store, loading and saving.

`tracker_store()` is the one place that decides where this session's tracker lives: the CSV
folder (`local`), this browser session's memory (`session`), or the signed-in user's own folder
(`user`), as `followup.hosting` explains. With a database configured (`FOLLOWUP_DATABASE_URL`
or [connections.followup] url), `local` and `user` trackers live there instead, keyed by the
same owner: `local`, or the user's hashed identity.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path

import pandas as pd
import streamlit as st

from followup import changes, export, hosting, limits, stale, tracker, ui
from followup.changes import Change
from followup.hosting import HostingConfigError, StorageMode
from followup.stale import CellEdit, RowDeletion, Shown, StaleError
from followup.store import CsvStore, MemoryStore, Store, StoreError
from followup.tracker import Tracker
from followup.ui import hosting as host

FLASH_KEY = "tracker_flash"
REFUSED_KEY = "tracker_flash_refused"
# What each action widget was last drawn for, and what each table editor last showed.
DRAWN_FOR_KEY = "tracker_drawn_for"
EDITOR_BASES_KEY = "tracker_editor_bases"
SESSION_STORE_KEY = "session_tracker_store"
SQL_STORES_KEY = "sql_tracker_stores"
UNDO_KEY = "tracker_undo"
# A save refused inside a widget callback, shown on the next run.
ERROR_KEY = "tracker_callback_error"
# How many changes this page remembers to undo, newest first.
UNDO_DEPTH = 20
SESSION_NOTICE = (
    "Your tracker lives only in this browser session: nothing is saved on the server, and it is "
    "gone when you close or reload this tab. Download it to keep it, and load the file next time "
    "to carry on."
)


SECOND_CALL = (
    "You have already logged a phone call for this interview round. In the survey behind this "
    "app, employers did not want to be called again and again: one well-prepared call is your "
    "chance, and a second one in the same round tends to hurt more than help. An email or a "
    "short note is the safer way to add something now."
)

LOGGED = "Follow-up logged."
NOT_LOGGED = "Follow-up not logged"


def tracker_store() -> Store | None:
    """The store holding this session's tracker, or None when there is none to show.

    None for a signed-out visitor in `user` mode (nothing personal to show), and when the hosting
    settings are wrong (the error is shown). `load(None)` is None too, so pages that only glance
    at the tracker can pass the result straight on.
    """
    try:
        return _store(host.storage())
    except (HostingConfigError, StoreError) as err:
        show_error(err)
        return None


def require_store() -> Store:
    """For the tracker page: the store, after saying where it lives; else why there is none, stop.

    A signed-out visitor gets the sign-in button, a wrong setting its message; a signed-in user
    sees who they are signed in as; a `session` visitor the notice and the download and load.
    """
    try:
        mode = host.storage()
        store = _store(mode)
    except (HostingConfigError, StoreError) as err:
        show_error(err)
        st.stop()
    if store is None:
        host.sign_in_panel()
        st.stop()
    if mode is StorageMode.USER:
        host.account_bar()
    elif mode is StorageMode.SESSION:
        session_panel(store)
    return store


def keeps_backups(store: Store) -> bool:
    """Whether saves leave the replaced version in a backups folder (only the CSV store does)."""
    return isinstance(store, CsvStore)


def _store(mode: StorageMode) -> Store | None:
    if mode is StorageMode.SESSION:
        if SESSION_STORE_KEY not in st.session_state:
            # Every session's tracker is in this server's memory: bound what one may hold.
            st.session_state[SESSION_STORE_KEY] = limits.LimitedStore(
                MemoryStore(), limits.SESSION_MAX_ROWS, limits.SESSION_MAX_BYTES
            )
        return st.session_state[SESSION_STORE_KEY]
    if mode is StorageMode.USER and not host.signed_in():
        return None
    url = host.database_url()
    if url is not None:
        owner = host.user_owner() if mode is StorageMode.USER else hosting.LOCAL_OWNER
        return _sql_store(url, owner)
    if mode is StorageMode.USER:
        return _csv_store(host.user_folder())
    return _csv_store(ui.data_dir())


def _sql_store(url: str, owner: str) -> Store:
    """This session's store for `owner`'s tracker in the database, kept to reuse its last read."""
    from followup.sqlstore import SqlStore

    engine = host.database_engine(url)
    stores = st.session_state.setdefault(SQL_STORES_KEY, {})
    key = f"{engine.url!r} {owner}"
    if key not in stores:
        stores[key] = SqlStore(engine, owner)
    return stores[key]


def _csv_store(folder: Path) -> CsvStore:
    """The server's one store for `folder`, shared by its sessions, reusing what it last read."""
    return _shared_csv_store(str(folder))


@st.cache_resource(max_entries=256, show_spinner=False)
def _shared_csv_store(folder: str) -> CsvStore:
    # One store a folder for the whole server, not one a session: each kept its own parsed copy
    # of the tracker, 5.5 MiB a session for 5,000 interviews (`make bench`, capacity). A folder
    # is one owner's (local, or one signed-in user's), and a tracker is never changed in place,
    # so its sessions can share the copy; the store checks the files' signatures on every load.
    return CsvStore(Path(folder))


def show_error(err: Exception) -> None:
    """Show a domain error's message, exactly as written."""
    st.error(ui.plain(str(err)), icon=":material/error:")


def acting_on(key: str, now: Shown | None) -> Shown | None:
    """The row the widget `key` was drawn for on the previous run; from now on, `now`.

    A click reruns the page on fresh data, where another tab's save may have put another row in
    the clicked one's place: the action must carry the row the user saw (checked by
    `stale.guard` when it is saved), not whatever this run draws there. Call it every run.
    """
    drawn = st.session_state.setdefault(DRAWN_FOR_KEY, {})
    before = drawn.get(key)
    drawn[key] = now
    return before if before is not None else now


def refuse_undrawn(key: str, current: Tracker, action: str) -> None:
    """Say why a click on `key` did nothing when its row is gone and the widget is not drawn."""
    subject = acting_on(key, None)
    if subject is None or not st.session_state.get(key):
        return
    try:
        stale.check(current, subject, action)
    except StaleError as err:
        show_error(err)


def save_editor_edits(
    store: Store,
    key: str,
    shown: pd.DataFrame,
    kind: str,
    names: Callable[[Mapping[str, object]], str],
    labels: Mapping[str, str],
) -> None:
    """Save, by id, the edits made in the editor drawn last for `shown` under `key`; call first.

    The editor's key holds the data revision, so after another tab's save the editor is drawn
    under a new key and what the user typed sits in the old key's state. The edits are taken
    from whichever key the table was last drawn under, mapped from row positions to ids through
    the table as it was shown then, and applied to the tracker as it is now
    (`stale.apply_edits`): those whose row is gone or whose cell changed meanwhile are refused
    with a message each. Then `shown` is remembered as what `key` shows.
    """
    prefix = key.rsplit("_", 1)[0]
    bases = st.session_state.setdefault(EDITOR_BASES_KEY, {})
    drawn = bases.get(prefix)
    if drawn is not None:
        drawn_key, basis = drawn
        edits, deletions = _editor_edits(
            st.session_state.get(drawn_key) or {}, basis, names, labels
        )
        if edits or deletions:
            outcome = stale.EditOutcome()
            seen: dict[str, Tracker] = {}
            edit = stale.apply_edits(kind, edits, deletions, outcome)

            def change(t: Tracker) -> Tracker:
                seen["before"] = t  # the store may run it twice: the last run is saved
                return edit(t)

            try:
                after = store.update(change)
            except ValueError as err:
                show_error(err)
            else:
                # Done: a rerun (the old key's state lingers for one) must not apply them again.
                del bases[prefix]
                st.session_state[REFUSED_KEY] = list(outcome.refused)
                if outcome.saved:
                    remember_undo(_undoable_edits(kind, edits, seen["before"], after))
                st.rerun()
    bases[prefix] = (key, shown)


def _undoable_edits(kind: str, edits: list[CellEdit], before: Tracker, after: Tracker) -> Change:
    """The saved table edits as an undoable change: cells set back, deleted rows added back."""
    message = "Your edit was saved."
    change = changes.cell_edits(kind, edits, message)
    if kind != stale.FOLLOWUP:
        return change
    gone = before.followups[~before.followups["followup_id"].isin(after.followups["followup_id"])]
    if gone.empty:
        return change
    message = f"{ui.count(len(gone), 'follow-up')} deleted." if not edits else "Follow-ups saved."
    add_back = changes.restore_followups(gone)
    return Change(change.apply, lambda t: add_back(change.undo(t)), message)


def _editor_edits(
    state: Mapping[str, object],
    basis: pd.DataFrame,
    names: Callable[[Mapping[str, object]], str],
    labels: Mapping[str, str],
) -> tuple[list[CellEdit], list[RowDeletion]]:
    """The editor's `edited_rows` and `deleted_rows` (row positions) as edits of rows by id."""
    edits = []
    dates = {c for c in basis.columns if basis[c].dtype.kind == "M"}
    for position, cells in (state.get("edited_rows") or {}).items():
        row_id = basis.index[int(position)]
        row = basis.iloc[int(position)].to_dict()
        for column, value in cells.items():
            if column not in labels:
                continue
            typed = stale.plain(value)
            if column in dates and isinstance(typed, str):
                # A date the editor sends as text; one that does not parse is refused on saving.
                with contextlib.suppress(ValueError, TypeError):
                    typed = pd.Timestamp(typed).date()
            shown = stale.plain(row.get(column))
            edits.append(CellEdit(str(row_id), names(row), column, labels[column], shown, typed))
    deletions = [
        RowDeletion(
            str(basis.index[int(position)]),
            names(basis.iloc[int(position)].to_dict()),
            stale.shown_cells(basis.iloc[int(position)].to_dict(), labels),
        )
        for position in state.get("deleted_rows") or ()
    ]
    return edits, deletions


def load(store: Store | None) -> Tracker | None:
    """The tracker; None without a store, or after showing why the saved files cannot be read."""
    if store is None:
        return None
    try:
        return store.load()
    except ValueError as err:
        show_error(err)
        if isinstance(store, CsvStore):
            st.info(
                "Nothing was changed or overwritten. Fix the file named above, or put back an "
                "earlier version from the backups folder beside it, then reload this page.",
                icon=":material/info:",
            )
        return None


def unchanged_since(store: Store, drawn: Tracker) -> Tracker:
    """For a fragment of a page drawn with `drawn`: the tracker, when it has not changed since.

    Otherwise (a save made by a click in the fragment or in another tab, or a message waiting
    for the page's top) the whole page is rerun, so nothing on it shows an older tracker.
    """
    waiting = (FLASH_KEY, REFUSED_KEY, ERROR_KEY, FLASH_KEY + "_toast")
    if any(key in st.session_state for key in waiting):
        st.rerun(scope="app")
    current = load_quietly(store)
    if current is None or not (
        current is drawn or tracker.revision(current) == tracker.revision(drawn)
    ):
        st.rerun(scope="app")
    return current


def load_quietly(store: Store | None) -> Tracker | None:
    """The tracker, or None without a word when there is none or it cannot be read."""
    if store is None:
        return None
    try:
        return store.load()
    except ValueError:
        return None


def save(store: Store, change: Callable[[Tracker], Tracker], done: str) -> None:
    """Apply `change` through the store; on success remember `done` and rerun, else show why."""
    try:
        store.update(change)
    except ValueError as err:
        show_error(err)
        return
    st.session_state[FLASH_KEY] = done
    st.rerun()


def apply(store: Store, change: Change) -> None:
    """Save `change`; on success remember its inverse for Undo, confirm it in a toast, rerun."""
    try:
        store.update(change.apply)
    except ValueError as err:
        show_error(err)
        return
    remember_undo(change)
    st.rerun()


IMPORTED_KEY = "tracker_imported_ids"


def commit_import(store: Store, current: Tracker, rows: pd.DataFrame) -> None:
    """Save imported rows (a ValueError says why not) and keep the import undoable."""
    change = changes.import_rows(rows, current.interviews["interview_id"])
    store.update(change.apply)
    remember_undo(change)
    st.session_state[IMPORTED_KEY] = change.added_ids


def remember_undo(change: Change) -> None:
    """Keep `change` (already saved) undoable for as long as this session lasts; toast it."""
    stack = st.session_state.setdefault(UNDO_KEY, [])
    stack.append(change)
    del stack[:-UNDO_DEPTH]
    st.session_state[FLASH_KEY + "_toast"] = change.message


def undo_bar(store: Store) -> None:
    """In the sidebar (a fixed place, so nothing moves under the pointer): the last change, Undo.

    Undo applies the change's inverse by id to the tracker as it is now, so edits made since
    (here or in another tab) stay.
    """
    error = st.session_state.pop(ERROR_KEY, None)
    if error:
        show_error(ValueError(error))
    toast = st.session_state.pop(FLASH_KEY + "_toast", None)
    if toast:
        # The app's own sentences (counts and dates, never text the user typed).
        st.toast(toast, icon=":material/check_circle:")
    stack = st.session_state.get(UNDO_KEY) or []
    if not stack:
        return
    last = stack[-1]
    with st.sidebar, st.container(border=True):
        st.caption("Last change")
        st.text(last.message)
        if st.button("Undo", key="tracker_undo_button", icon=":material/undo:"):
            try:
                store.update(last.undo)
            except ValueError as err:
                show_error(err)
                return
            stack.pop()
            st.session_state[FLASH_KEY + "_toast"] = f"Undone: {last.message}"
            st.rerun()


def log_followup(
    store: Store,
    current: Tracker,
    row: dict[str, object],
    subject: Shown,
    prefix: str,
    done: str = LOGGED,
    action: str = NOT_LOGGED,
) -> None:
    """Save a follow-up for `subject` (the interview the page showed), asking before a 2nd call.

    It is saved only while that interview is still in the tracker as shown (`stale.guard`).
    """
    row = {**row, "interview_id": subject.row_id}
    channel, outcome = (str(row[k]) for k in ("channel", "outcome"))
    if tracker.would_be_second_call(current, subject.row_id, channel, outcome):
        st.session_state[f"{prefix}_pending_followup"] = (row, subject, action)
    else:
        save(store, stale.guard(lambda t: tracker.add_followup(t, row), action, subject), done)


def confirm_second_call(store: Store, prefix: str, done: str = LOGGED) -> None:
    """When a second call waits (see `log_followup`), explain why and ask before saving it."""
    key = f"{prefix}_pending_followup"
    pending = st.session_state.get(key)
    if pending is None:
        return
    with st.container(border=True):
        st.warning(SECOND_CALL, icon=":material/warning:")
        yes, no = st.columns(2)
        if yes.button("Log it anyway", key=f"{prefix}_second_call_yes"):
            del st.session_state[key]
            row, subject, action = pending
            save(store, stale.guard(lambda t: tracker.add_followup(t, row), action, subject), done)
        if no.button("Don't log it", key=f"{prefix}_second_call_no"):
            del st.session_state[key]
            st.rerun()


def forget_pending_followup(prefix: str) -> None:
    """Drop a follow-up waiting for confirmation (say, once another interview is chosen)."""
    st.session_state.pop(f"{prefix}_pending_followup", None)


def show_flash() -> None:
    """Show (once) the confirmation of the last save, and what it refused."""
    message = st.session_state.pop(FLASH_KEY, None)
    if message:
        # A toast, not a box above the tables: nothing moves under the pointer.
        st.toast(message, icon=":material/check_circle:")
    for refused in st.session_state.pop(REFUSED_KEY, None) or ():
        st.warning(ui.plain(refused), icon=":material/sync_problem:")


def session_panel(store: Store) -> None:
    """`session` mode: the tracker is kept in this tab only; download it, or load a saved one."""
    st.info(SESSION_NOTICE, icon=":material/info:")
    current = store.load()
    left, right = st.columns(2)
    left.download_button(
        "Download my tracker",
        partial(export.tracker_zip, current),
        file_name=export.ZIP_NAME,
        mime="application/zip",
        key="tracker_session_download",
        icon=":material/download:",
        on_click="ignore",
        help="Both tables in one zip; load it here next time.",
    )
    uploads = right.file_uploader(
        "Load my tracker",
        type=["zip", "csv"],
        accept_multiple_files=True,
        key="tracker_session_load",
        help=f"The {export.ZIP_NAME} you downloaded, or its two CSV files.",
    )
    if uploads:
        _offer_to_load(store, current, [(upload.name, upload.getvalue()) for upload in uploads])


def restore_panel(store: Store, current: Tracker) -> None:
    """A kept tracker (CSV folder, database): put back a downloaded zip, replacing it."""
    if store is st.session_state.get(SESSION_STORE_KEY):
        return  # The session panel above the tabs already offers it.
    uploads = st.file_uploader(
        "Restore a downloaded tracker",
        type=["zip", "csv"],
        accept_multiple_files=True,
        key="tracker_restore_load",
        help=f"The {export.ZIP_NAME} downloaded here, or its two CSV files. It replaces your "
        "tracker, so download the current one first if you may want it back.",
    )
    if uploads:
        files = [(upload.name, upload.getvalue()) for upload in uploads]
        _offer_to_load(store, current, files, "your tracker", "tracker_restore_confirm")


def _offer_to_load(
    store: Store,
    current: Tracker,
    files: list[tuple[str, bytes]],
    here: str = "the tracker in this session",
    confirm_key: str = "tracker_session_load_confirm",
) -> None:
    try:
        loaded = export.read_tracker_files(files, max_bytes=limits.SESSION_MAX_BYTES)
        if isinstance(store, limits.LimitedStore):
            store.check(loaded)
    except ValueError as err:
        show_error(err)
        st.caption(f"Nothing was loaded; {here} is unchanged.")
        return
    if tracker.revision(loaded) == tracker.revision(current):
        st.caption(f"{here[:1].upper()}{here[1:]} is the one in that file.")
        return
    holds = (
        f"{ui.count(len(loaded.interviews), 'interview')} and "
        f"{ui.count(len(loaded.followups), 'follow-up')}"
    )
    replaces = "" if current.interviews.empty else f", which has {len(current.interviews)}"
    st.write(f"The file holds {holds}. Loading it replaces {here}{replaces}.")
    if st.button("Load it", key=confirm_key, type="primary"):
        save(store, lambda _: loaded, f"Your tracker was loaded: {holds}.")
