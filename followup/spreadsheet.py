"""Spreadsheet-safe CSV cells (OWASP "CSV injection"), reversible for our own exports.

A cell that a spreadsheet would read as a formula gets a leading apostrophe on export. A cell that
already starts with an apostrophe gets one more, so that reading our own export back is exact.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MARK = "'"


def neutralise_cell(value: str) -> str:
    """Prefix an apostrophe when a spreadsheet could read `value` as a formula."""
    return MARK + value if value.startswith((*FORMULA_STARTS, MARK)) else value


def restore_cell(value: str) -> str:
    """Undo `neutralise_cell` on a cell read from our own export."""
    return value[1:] if value.startswith(MARK) else value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` with every text cell made spreadsheet-safe."""
    return _map_text(frame, neutralise_cell)


def restore_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` with `restore_cell` applied to every text cell."""
    return _map_text(frame, restore_cell)


def _map_text(frame: pd.DataFrame, func: Callable[[str], str]) -> pd.DataFrame:
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_string_dtype(out[column]) or out[column].dtype == object:
            out[column] = out[column].map(lambda v: func(v) if isinstance(v, str) else v)
    return out
