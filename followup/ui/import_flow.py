"""The tracker's import: upload a CSV, confirm the mapping, preview, then add the rows once.

The tracker page calls `draw_import` with its interviews and a `commit` function; nothing is
written unless the user presses the import button, and then `commit` is called exactly once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable

import pandas as pd
import streamlit as st

from followup import importer, ui, vocab
from followup.ui import tables

PREFIX = "tracker_import_"
REVISION = "tracker_import_revision"
DONE = "tracker_import_done"
SEEN = "tracker_import_seen"
DATES = "tracker_import_dates"
YEAR = "tracker_import_year"
STATUS_READINGS = "tracker_import_status_readings"
# With Plain tables on, up to this many status words get a drop-down each instead of the grid.
PLAIN_READINGS_MAX = 12
DUPLICATES = "tracker_import_duplicates"
PREVIEW = "tracker_import_preview"
REPORT = "tracker_import_report"
COMMIT = "tracker_import_commit"
CANCEL = "tracker_import_cancel"
SHOWN = "tracker_import_shown"
# Kept across files and imports: the uploader's revision and the message of the last import.
_KEPT = {REVISION, DONE}

NOT_IMPORTED = "— not imported —"
SKIP_ROWS = "Skip these rows"
LEAVE_EMPTY = "Leave empty"


def uploader_key_for(revision: int) -> str:
    """The key of the file uploader; the revision goes up after each import or cancel."""
    return f"{PREFIX}file_{revision}"


def _uploader_key() -> str:
    return uploader_key_for(st.session_state.setdefault(REVISION, 0))


def mapping_key(field: str) -> str:
    """The key of the selectbox choosing the column for `field`."""
    return f"{PREFIX}map_{field}"


def value_table_key(field: str) -> str:
    """The key of the table saying what each unknown status or channel value stands for."""
    return f"{PREFIX}values_{field}"


def rest_key(field: str) -> str:
    """The key of the choice for the unknown values of `field` left blank in its table."""
    return f"{PREFIX}values_rest_{field}"


def draw_import(existing_interviews: pd.DataFrame, commit: Callable[[pd.DataFrame], None]) -> None:
    """Draw the import flow; call `commit(rows)` once when the user imports."""
    done = st.session_state.pop(DONE, None)
    if done is not None:
        st.success(f"Imported {ui.count(done, 'interview')}.")
    upload = st.file_uploader(
        "CSV file: an export of this app or another tracker's spreadsheet",
        type=["csv", "tsv", "txt"],
        key=_uploader_key(),
    )
    if upload is None:
        st.caption(
            "Comma-, semicolon- or tab-separated, in UTF-8 or Latin-1, up to "
            f"{importer.MAX_BYTES // 1_000_000} MB. You check every row before anything is added."
        )
        return
    data = upload.getvalue()
    _forget_choices_when_the_file_changes(data)
    try:
        raw = importer.read_table(data, upload.name)
    except importer.ImportProblem as problem:
        st.error(ui.plain(str(problem)))
        return
    st.caption(
        f"Read {len(raw.frame)} rows and {len(raw.columns)} columns "
        f"({raw.encoding}, {raw.delimiter_name}-separated)."
    )
    if raw.own_export:
        st.info(
            "This file is an export of this app: it is read back exactly, and the tracker gives "
            "the rows new ids. Rows whose id is already in your tracker are flagged as duplicates."
        )

    mapping = _draw_mapping(raw)
    if mapping is None:
        return
    date_order = _draw_date_order(raw, mapping)
    if date_order is None:
        return
    year = _draw_year(raw, mapping, date_order)
    choices = _draw_value_choices(raw, mapping)
    choices["status"] = _draw_status_readings(raw, mapping) | choices.get("status", {})
    try:
        plan = importer.plan_import(raw, mapping, date_order, existing_interviews, choices, year)
    except importer.ImportProblem as problem:
        st.warning(ui.plain(str(problem)))
        return
    _draw_plan(plan, commit)


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _day_and_month(day: dt.date) -> str:
    return f"{day.day} {day:%B}"


def _forget_choices_when_the_file_changes(data: bytes) -> None:
    fingerprint = hashlib.sha256(data).hexdigest()
    if st.session_state.get(SEEN) == fingerprint:
        return
    for key in [k for k in st.session_state if k.startswith(PREFIX)]:
        if key not in _KEPT and key != _uploader_key():
            del st.session_state[key]
    st.session_state[SEEN] = fingerprint


def _draw_mapping(raw: importer.RawTable) -> dict[str, str] | None:
    st.subheader("Which column holds what")
    suggested = {field: column for column, field in importer.suggest_mapping(raw.columns).items()}
    options = [NOT_IMPORTED, *raw.columns]
    chosen: dict[str, str | None] = {}
    grid = st.columns(3)
    for position, field in enumerate(importer.TARGET_FIELDS):
        label = importer.FIELD_LABELS[field]
        if field in vocab.REQUIRED_INTERVIEW_FIELDS:
            label += " (required)"
        elif field in ("interview_date", "application_date"):
            label += " (this or the other date)"
        column = grid[position % 3].selectbox(
            label,
            options,
            index=options.index(suggested.get(field, NOT_IMPORTED)),
            key=mapping_key(field),
        )
        chosen[field] = None if column == NOT_IMPORTED else column
    try:
        mapping = importer.mapping_from_choices(chosen)
    except importer.ImportProblem as problem:
        st.warning(ui.plain(str(problem)))
        return None
    ignored = [c for c in raw.columns if c not in mapping and c != "interview_id"]
    if ignored:
        st.caption(ui.plain("Not imported: " + ", ".join(ignored)))
    return mapping


def _draw_date_order(raw: importer.RawTable, mapping: dict[str, str]) -> str | None:
    guess = importer.guess_date_order(importer.date_values(raw, mapping))
    if guess.order == importer.ISO:
        return importer.ISO
    orders = [importer.US, importer.EUROPEAN]
    if guess.ambiguous:
        # Any year will do to name the day and month of an example written without one.
        us, european = (importer.parse_date(guess.example, o, year=2000) for o in orders)
        day = _day_and_month if importer.has_no_year(guess.example) else _day
        st.warning(
            ui.plain(
                f"Dates such as {guess.example} read both ways: {day(us)} with the month "
                f"first, {day(european)} with the day first. Choose how this file writes them."
            )
        )
    order = st.radio(
        "How the file writes dates",
        orders,
        index=None if guess.ambiguous else orders.index(guess.order),
        horizontal=True,
        key=DATES,
    )
    return order


def _draw_year(raw: importer.RawTable, mapping: dict[str, str], date_order: str) -> int | None:
    """Ask once which year the dates written without one belong to (suggested: the latest past)."""
    yearless = importer.values_without_year(raw, mapping)
    if not yearless:
        return None
    today = ui.today()
    suggested = importer.suggest_year(yearless, date_order, today)
    count = ui.count(len(yearless), "date")
    return int(
        st.number_input(
            ui.plain(
                f"{count} in this file {'has' if len(yearless) == 1 else 'have'} no year "
                f"(such as {yearless[0]}): which year?"
            ),
            min_value=1900,
            max_value=today.year + 1,
            value=suggested,
            step=1,
            key=YEAR,
            help="Suggested: the latest year in which none of these dates is after today.",
        )
    )


def _draw_status_readings(raw: importer.RawTable, mapping: dict[str, str]) -> dict[str, str]:
    """Show how the file's status words were read, in one editable table; return the choices."""
    readings = importer.status_readings(raw, mapping)
    known = {word: status for word, status in readings.items() if status is not None}
    if not known:
        return {}
    if tables.plain_tables() and len(known) <= PLAIN_READINGS_MAX:
        # A screen reader cannot walk the grid: a drop-down a word, as a file holds a few.
        st.caption("How the file's statuses are read (change any of them):")
        return {
            word: st.selectbox(
                ui.plain(f"{word} is read as"),
                vocab.STATUSES,
                index=vocab.STATUSES.index(status),
                key=f"{STATUS_READINGS}_{position}",
            )
            for position, (word, status) in enumerate(known.items())
        }
    st.caption("How the file's statuses are read (change any of them in the last column):")
    # One editor for every word, however many the file holds.
    table = pd.DataFrame({"In the file": list(known), "Read as": list(known.values())}, dtype="str")
    edited = st.data_editor(
        table,
        key=STATUS_READINGS,
        hide_index=True,
        num_rows="fixed",
        placeholder="",
        disabled=["In the file"],
        column_config={
            "Read as": st.column_config.SelectboxColumn(
                "Read as", options=vocab.STATUSES, required=True
            )
        },
    )
    return {
        word: status
        for word, status in zip(edited["In the file"], edited["Read as"], strict=True)
        if isinstance(status, str) and status in vocab.STATUSES
    }


def _draw_value_choices(
    raw: importer.RawTable, mapping: dict[str, str]
) -> dict[str, dict[str, str]]:
    """One table a field for the values the tracker does not know, and one choice for the rest.

    However many different values a file holds, this draws two widgets a field: one box each
    took seconds per hundred values and let any upload tie up the server.
    """
    choices: dict[str, dict[str, str]] = {}
    for field, counts in importer.unknown_value_counts(raw, mapping).items():
        words = importer.VOCAB_FIELDS[field][0]
        optional = not importer.VOCAB_DEFAULTS[field]
        options = [SKIP_ROWS, *words, *([LEAVE_EMPTY] if optional else [])]
        label = importer.FIELD_LABELS[field]
        st.subheader(f"{label} values the tracker does not know")
        st.caption(
            f"{ui.count(len(counts), 'value')} in {ui.count(int(counts['rows'].sum()), 'row')}. "
            "Say in the table what a value stands for; values you leave blank follow the "
            f"choice below the table. Rows on '{SKIP_ROWS}' are not imported."
        )
        shown = counts.assign(stands_for=pd.Series(None, index=counts.index, dtype="str"))
        edited = st.data_editor(
            shown,
            key=value_table_key(field),
            column_config={
                "value": st.column_config.TextColumn("Value in the file", disabled=True),
                "rows": st.column_config.NumberColumn("Rows", disabled=True),
                "stands_for": st.column_config.SelectboxColumn("Stands for", options=options),
            },
            hide_index=True,
            num_rows="fixed",
            placeholder="",
        )
        rest = st.selectbox(f"{label} values left blank in the table", options, key=rest_key(field))
        choices[field] = {}
        for value, picked in zip(edited["value"], edited["stands_for"], strict=True):
            picked = picked if isinstance(picked, str) and picked else rest
            if picked != SKIP_ROWS:
                choices[field][value] = "" if picked == LEAVE_EMPTY else picked
    return choices


REPORT_LABELS = {
    "row": "Row",
    "outcome": "Outcome",
    "reason": "Reason",
    "company": "Company",
    "role": "Role",
    "interview date": "Interview date",
}


def _draw_plan(plan: importer.ImportPlan, commit: Callable[[pd.DataFrame], None]) -> None:
    include = False
    if not plan.duplicates.empty:
        st.warning(
            f"{ui.count(len(plan.duplicates), 'row')} "
            f"{'looks' if len(plan.duplicates) == 1 else 'look'} like interviews you already "
            "have (same company, role and date). They are not imported unless you tick the box."
        )
        include = st.checkbox("Import the flagged duplicates too", key=DUPLICATES)
    rows = plan.rows(include)
    if plan.skipped:
        st.warning(f"{ui.count(plan.skipped, 'row')} cannot be imported; the report says why.")

    # Keyed containers: st.dataframe takes a key only when rows can be selected.
    with st.container(key=PREVIEW):
        st.subheader(f"Preview: {ui.count(len(rows), 'row')} to add")
        preview = rows.rename(columns=importer.FIELD_LABELS)
        tables.show(preview, {c: c for c in preview.columns}, alt="Rows to import")
    with st.container(key=REPORT):
        st.subheader("Report, row by row")
        # The reason comes right after the outcome, wide: the part of the report that is read.
        tables.show(
            plan.report,
            REPORT_LABELS,
            column_config={"reason": st.column_config.TextColumn("Reason", width="large")},
            alt="Import report, row by row",
        )

    # The rows the preview showed on the previous run are the ones the button promises.
    shown = st.session_state.get(SHOWN)
    now = _fingerprint(rows)
    st.session_state[SHOWN] = now
    left, right, _ = st.columns([1, 1, 3])
    if left.button(
        f"Import {ui.count(len(rows), 'row')}", type="primary", disabled=rows.empty, key=COMMIT
    ):
        if shown is not None and shown != now:
            st.warning(
                "Nothing was imported: the rows to add changed since the preview you saw "
                "(another tab changed your interviews). Check the preview above and import again."
            )
            return
        try:
            commit(rows)
        except ValueError as problem:
            st.error(ui.plain(str(problem)))
            return
        _finish(done=len(rows))
    if right.button("Cancel", key=CANCEL):
        _finish(done=None)


def _fingerprint(rows: pd.DataFrame) -> str:
    """A short fingerprint of the rows to import, to tell whether they changed between runs."""
    digest = hashlib.sha256(",".join(map(str, rows.columns)).encode())
    digest.update(pd.util.hash_pandas_object(rows, index=False).to_numpy().tobytes())
    return digest.hexdigest()


def _finish(done: int | None) -> None:
    """Start over with an empty uploader, so a rerun can never import the same file twice."""
    revision = st.session_state.get(REVISION, 0)
    for key in [k for k in st.session_state if k.startswith(PREFIX)]:
        del st.session_state[key]
    st.session_state[REVISION] = revision + 1
    if done is not None:
        st.session_state[DONE] = done
    st.rerun()
