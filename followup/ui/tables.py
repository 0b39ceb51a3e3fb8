"""Read-only tables every visitor can read: the interactive grid, a plain table, or cards.

Streamlit's grid is drawn on a canvas, which screen readers cannot walk cell by cell and which is
wide on a phone. With "Plain tables" switched on (in the sidebar, for the whole session) every
table drawn through `show` is a plain HTML table instead: read row by row by a screen reader,
wrapped to the screen, empty cells empty and dates as YYYY-MM-DD. A table too wide for a phone
also offers a "Table / List" switch (`layout`): List draws each row as a short card (`cards`),
its key fields first, in the same plain words.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
import streamlit as st

from followup import ui
from followup.ui import links

DATE_FORMAT = "%Y-%m-%d"
TABLE, LIST = "Table", "List"
# Cards a list draws; past that, search or filter narrows it down.
LIST_LIMIT = 50


def plain_tables() -> bool:
    """Whether this session shows plain tables (the sidebar's switch)."""
    return bool(st.session_state.get(ui.PLAIN_TABLES, False))


def show(
    frame: pd.DataFrame,
    labels: Mapping[str, str],
    *,
    alt: str,
    column_config: Mapping[str, object] | None = None,
    key: str | None = None,
    plain: bool | None = None,
) -> None:
    """Draw the columns of `frame` named in `labels` (in that order) under their labels.

    `alt` names the table for assistive technology; `column_config` (optional) styles the grid,
    while the plain table takes `labels` and shows values as text. `plain` forces one view (say,
    a short report whose sentences must not be cut); None follows the sidebar's switch.
    """
    columns = list(labels)
    if plain or (plain is None and plain_tables()):
        st.table(plain_frame(frame[columns], labels), hide_index=True, alt=alt)
    else:
        config = {c: labels[c] for c in columns} | dict(column_config or {})
        st.dataframe(
            frame[columns],
            column_config=config,
            hide_index=True,
            key=key,
            alt=alt,
            placeholder="",
        )


def layout(key: str) -> str:
    """The "Table / List" switch of one table, kept in the address: `TABLE` or `LIST`.

    Bound to the address, so draw it on every run, also in a closed tab.
    """
    # Radio buttons: the selected segment of a segmented control lacks contrast in the dark theme.
    choice = st.radio("Show as", (TABLE, LIST), horizontal=True, **links.in_link(key))
    return choice or TABLE


def cards(
    frame: pd.DataFrame,
    title: Sequence[str],
    labels: Mapping[str, str],
    *,
    key: str,
    noun: str,
    limit: int = LIST_LIMIT,
) -> None:
    """Each row of `frame` as a short card: the `title` columns on one line, then `labels`.

    Values read as in a plain table (dates YYYY-MM-DD); an empty value leaves its line out.
    Everything is shown as typed (`st.text`, or Markdown escaped by `ui.plain`). The cards are
    in a container keyed `key`; `noun` counts the rows left out past `limit` ("interview").
    """
    columns = list(dict.fromkeys([*title, *labels]))
    text = plain_frame(frame[columns].head(limit), {c: c for c in columns})
    with st.container(key=key):
        for row in text.to_dict("records"):
            with st.container(border=True):
                heading = " · ".join(row[c] for c in title if row[c])
                st.markdown(f"**{ui.plain(heading)}**")
                lines = [f"{label}: {row[c]}" for c, label in labels.items() if row[c]]
                if lines:
                    st.text("\n".join(lines))
    if len(frame) > limit:
        st.caption(f"{ui.count(len(frame) - limit, noun)} more: search or filter to find them.")


def plain_frame(frame: pd.DataFrame, labels: Mapping[str, str]) -> pd.DataFrame:
    """`frame` as text under human column names: dates YYYY-MM-DD, missing values empty."""
    shown = pd.DataFrame(index=frame.index)
    for column in frame.columns:
        values = frame[column]
        if pd.api.types.is_datetime64_any_dtype(values):
            text = values.dt.strftime(DATE_FORMAT)
        elif pd.api.types.is_bool_dtype(values):
            text = values.map({True: "yes", False: "no"})
        else:
            text = values.map(_text, na_action="ignore")
        shown[labels.get(column, column)] = text.astype("object").where(values.notna(), "")
    return shown.reset_index(drop=True)


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "strftime"):
        return value.strftime(DATE_FORMAT)
    return str(value)
