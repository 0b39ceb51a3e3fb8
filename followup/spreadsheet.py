"""Spreadsheet-safe CSV cells (OWASP "CSV injection"), reversible for our own exports.

A cell that a spreadsheet would read as a formula gets a leading apostrophe on export. A cell that
already starts with an apostrophe gets one more, so that reading our own export back is exact.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

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
    out = frame.copy()
    for column in out.columns:
        risky = _starts_with(out[column], (*FORMULA_STARTS, MARK))
        if risky.any():
            out.loc[risky, column] = MARK + out.loc[risky, column]
    return out


def restore_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` with `restore_cell` applied to every text cell."""
    out = frame.copy()
    for column in out.columns:
        marked = _starts_with(out[column], (MARK,))
        if marked.any():
            out.loc[marked, column] = out.loc[marked, column].str[1:]
    return out


def restore_column(values: pa.ChunkedArray) -> pa.ChunkedArray:
    """`restore_cell` on every text cell of an Arrow column (vectorised: trackers are large)."""
    marked = pc.starts_with(values, MARK)
    if not pc.any(marked).as_py():
        return values
    return pc.if_else(marked, pc.utf8_slice_codeunits(values, 1), values)


def _starts_with(values: pd.Series, prefixes: tuple[str, ...]) -> pd.Series:
    """Which cells are text starting with one of `prefixes` (vectorised: trackers are large)."""
    if not (pd.api.types.is_string_dtype(values) or values.dtype == object):
        return pd.Series(False, index=values.index)
    try:
        return values.str.startswith(prefixes, na=False).astype(bool)
    except AttributeError:
        # pandas refuses `.str` on an object column that holds no text at all: nothing to mark.
        return pd.Series(False, index=values.index)
