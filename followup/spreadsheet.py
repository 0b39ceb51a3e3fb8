"""Spreadsheet-safe CSV cells (OWASP "CSV injection"), reversible for our own exports.

A cell that a spreadsheet would read as a formula gets a leading apostrophe on export. A cell that
already starts with an apostrophe gets one more, so that reading our own export back is exact.
The same holds inside a cell, after each character a spreadsheet might split cells or rows on
(comma, semicolon, tab, line break, double quote): `x;=1+1` is written `x;'=1+1`, so a reader
that splits there meets text, not a formula. Reading removes exactly one apostrophe after each.
The other half of OWASP's advice, every cell in double quotes, is `csvformat.to_csv`'s: a cell
holding a semicolon, a tab or a comma stays one cell whichever separator a spreadsheet splits on,
so nothing after such a separator starts a cell of its own.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

# OWASP's list, and the full-width forms some spreadsheets also take for an operator.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
MARK = "'"
# Where a spreadsheet splitting on another separator than ours could start a cell or a row.
BOUNDARIES = ',;\t\r\n"'
_INNER = re.compile(f"([{re.escape(BOUNDARIES)}])(?=[{re.escape(''.join(FORMULA_STARTS) + MARK)}])")
_INNER_MARK = re.compile(f"([{re.escape(BOUNDARIES)}]){MARK}")
_BOUNDARY_BYTES = np.zeros(256, dtype=bool)
_BOUNDARY_BYTES[list(BOUNDARIES.encode())] = True
# The first byte of each formula start in UTF-8 (the full-width ones share 0xEF; checked exactly
# in Python, on the few cells this finds).
_START_BYTES = np.zeros(256, dtype=bool)
_START_BYTES[sorted({"".join(c).encode()[0] for c in (*FORMULA_STARTS, MARK)})] = True


def neutralise_cell(value: str) -> str:
    """Mark with an apostrophe every place where a spreadsheet could start a formula."""
    value = _INNER.sub(r"\1" + MARK, value)
    return MARK + value if value.startswith((*FORMULA_STARTS, MARK)) else value


def restore_cell(value: str) -> str:
    """Undo `neutralise_cell` on a cell read from our own export."""
    value = value[1:] if value.startswith(MARK) else value
    return _INNER_MARK.sub(r"\1", value) if MARK in value else value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` with every text cell made spreadsheet-safe."""
    out = frame.copy()
    for column in out.columns:
        inner = _rows_with_pair(out[column], _BOUNDARY_BYTES, _START_BYTES)
        if inner.any():
            out.loc[inner, column] = out.loc[inner, column].str.replace(
                _INNER, r"\1" + MARK, regex=True
            )
        risky = _starts_with(out[column], (*FORMULA_STARTS, MARK))
        if risky.any():
            out.loc[risky, column] = MARK + out.loc[risky, column]
    return out


def restore_column(values: pa.ChunkedArray) -> pa.ChunkedArray:
    """`restore_cell` on every text cell of an Arrow column (vectorised: trackers are large)."""
    marked = pc.starts_with(values, MARK)
    if pc.any(marked).as_py():
        values = pc.if_else(marked, pc.utf8_slice_codeunits(values, 1), values)
    # Marks inside a cell: the apostrophes' bytes are found on the buffers, the rare cells
    # holding one after a boundary are then undone in Python.
    chunks = []
    for chunk in values.chunks:
        rows = _pair_rows(chunk, _BOUNDARY_BYTES, MARK.encode()[0])
        if rows.size:
            mask = np.zeros(len(chunk), dtype=bool)
            mask[rows] = True
            fixed = [_INNER_MARK.sub(r"\1", chunk[int(r)].as_py()) for r in rows]
            chunk = pc.replace_with_mask(chunk, pa.array(mask), pa.array(fixed, chunk.type))
        chunks.append(chunk)
    return pa.chunked_array(chunks, values.type)


def _rows_with_pair(values: pd.Series, first: np.ndarray, second: np.ndarray) -> pd.Series:
    """Cells with a byte of `first` followed by one of `second` (maybe more: check exactly)."""
    if values.dtype != pd.api.types.pandas_dtype("str"):
        # Columns of mixed Python objects are small and rare: look at each text cell.
        return values.map(lambda v: isinstance(v, str) and _INNER.search(v) is not None).astype(
            bool
        )
    array = pa.array(values.array)
    chunks = array.chunks if isinstance(array, pa.ChunkedArray) else [array]
    mask, base = np.zeros(len(values), dtype=bool), 0
    for chunk in chunks:
        mask[_pair_rows(chunk, first, second) + base] = True
        base += len(chunk)
    return pd.Series(mask, index=values.index)


def text_bytes(chunk: pa.Array) -> tuple[np.ndarray, np.ndarray] | None:
    """A text chunk's cell offsets and its bytes, read in place; None for no text or no rows."""
    if not (pa.types.is_string(chunk.type) or pa.types.is_large_string(chunk.type)):
        return None
    _, offsets_buffer, data_buffer = chunk.buffers()
    if data_buffer is None or len(chunk) == 0:
        return None
    kind = np.int64 if pa.types.is_large_string(chunk.type) else np.int32
    offsets = np.frombuffer(offsets_buffer, dtype=kind)[
        chunk.offset : chunk.offset + len(chunk) + 1
    ]
    return offsets, np.frombuffer(data_buffer, dtype=np.uint8)[offsets[0] : offsets[-1]]


def _pair_rows(chunk: pa.Array, first: np.ndarray, second: np.ndarray | int) -> np.ndarray:
    """Rows of a text chunk where a `first` byte is followed, in the same cell, by a `second`."""
    view = text_bytes(chunk)
    if view is None:
        return np.empty(0, dtype=np.int64)
    offsets, data = view
    hits = np.flatnonzero(data == second if isinstance(second, int) else second[data])
    hits = hits[hits > 0]
    hits = hits[first[data[hits - 1]]] + offsets[0]
    if hits.size == 0:
        return np.empty(0, dtype=np.int64)
    rows = np.searchsorted(offsets, hits, side="right") - 1
    # The byte before must be in the same cell, not the end of the one before.
    return np.unique(rows[hits > offsets[rows]])


def _starts_with(values: pd.Series, prefixes: tuple[str, ...]) -> pd.Series:
    """Which cells are text starting with one of `prefixes` (vectorised: trackers are large)."""
    # "Nothing here": the caller only asks `.any()`, False for any all-False or empty Series, so
    # mutating these two answers changes nothing (docs/mutation-survivors.md).
    if not (pd.api.types.is_string_dtype(values) or values.dtype == object):
        return pd.Series(False, index=values.index)  # pragma: no mutate
    try:
        return values.str.startswith(prefixes, na=False).astype(bool)
    except AttributeError:
        # pandas refuses `.str` on an object column that holds no text at all: nothing to mark.
        return pd.Series(False, index=values.index)  # pragma: no mutate
