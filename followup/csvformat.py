"""The tracker's CSV format: one table to bytes and back, the same for data files and exports.

UTF-8, comma-separated, a header row, ISO dates (YYYY-MM-DD), an empty cell for a missing value,
and spreadsheet-safe text cells (`followup.spreadsheet`), so a file opens in a spreadsheet without
running anything and reads back exactly.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

import pandas as pd

from followup import spreadsheet

DATE_FORMAT = "%Y-%m-%d"
# Far above any job search (a few hundred rows) and above a career coach's whole class (the
# benchmark saves 100,000 interviews), low enough that a hostile file stays cheap to refuse.
# Uploads are bounded lower still, by server.maxUploadSize.
MAX_BYTES = 64 * 1024 * 1024
MAX_COLUMNS = 200
MAX_ROWS = 250_000
HEADER_CHARS = 1024 * 1024


class CsvFormatError(ValueError):
    """A CSV file that is not a readable tracker table; the message is for the user."""


def to_csv(frame: pd.DataFrame) -> bytes:
    """Serialise a tracker table: ISO dates, spreadsheet-safe text, UTF-8, CRLF (RFC 4180)."""
    safe = spreadsheet.neutralise_frame(frame)
    text = safe.to_csv(index=False, date_format=DATE_FORMAT, lineterminator="\r\n")
    return text.encode("utf-8")


def read_csv(data: bytes, name: str, date_columns: Sequence[str]) -> pd.DataFrame:
    """Parse our CSV bytes into text columns (`str`) and date columns; raise CsvFormatError."""
    header = _header(_decode(data, name), name)
    try:
        # The pyarrow engine (pyarrow comes with Streamlit) reads text columns about five times
        # faster than the C engine, with the same cells (tests/test_csvformat.py).
        frame = pd.read_csv(
            io.BytesIO(data),
            dtype=str,
            keep_default_na=False,
            na_values=[""],
            encoding="utf-8-sig",
            engine="pyarrow",
        )
    except (pd.errors.ParserError, ValueError, csv.Error) as err:
        raise CsvFormatError(f"{name} is not a valid CSV file ({_first_line(err)}).") from err
    if len(frame) > MAX_ROWS:
        raise CsvFormatError(f"{name} has more than {MAX_ROWS:,} rows, more than a tracker holds.")
    frame.columns = header
    frame = spreadsheet.restore_frame(frame).astype("str")
    for column in date_columns:
        if column in frame.columns:
            frame[column] = parse_dates(frame[column], name, column)
    return frame


def parse_dates(values: pd.Series, name: str, column: str) -> pd.Series:
    """ISO date strings to `datetime64[us]` (missing stays NaT); CsvFormatError names the row."""
    parsed = pd.to_datetime(values, format=DATE_FORMAT, errors="coerce").astype("datetime64[us]")
    bad = values.notna() & parsed.isna()
    if bad.any():
        row = int(bad.to_numpy().nonzero()[0][0])
        raise CsvFormatError(
            f"{name}, row {row + 1}: {column} is {values.iloc[row]!r}, "
            "not a date written as YYYY-MM-DD."
        )
    return parsed


def _decode(data: bytes, name: str) -> str:
    if len(data) > MAX_BYTES:
        raise CsvFormatError(
            f"{name} is {len(data) / 1e6:.1f} MB; a tracker file can be at most "
            f"{MAX_BYTES // (1024 * 1024)} MB."
        )
    if not data.strip():
        raise CsvFormatError(f"{name} is empty: it should at least have the header row.")
    if b"\x00" in data:
        raise CsvFormatError(f"{name} contains NUL bytes: it looks like a binary file, not a CSV.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise CsvFormatError(
            f"{name} is not UTF-8 text (byte {err.start} cannot be read); save it as UTF-8 CSV."
        ) from err


def _header(text: str, name: str) -> list[str]:
    try:
        # The header is on the first lines; no need to copy the whole file to find it.
        header = next(csv.reader(io.StringIO(text[:HEADER_CHARS])))
    except csv.Error as err:
        raise CsvFormatError(f"{name} has an unreadable header row ({err}).") from err
    if len(header) > MAX_COLUMNS:
        raise CsvFormatError(
            f"{name} has {len(header):,} columns; a tracker table has at most {MAX_COLUMNS}."
        )
    names = [column.strip() for column in header]
    if any(not column for column in names):
        raise CsvFormatError(f"{name} has a column without a name in its header row.")
    seen: set[str] = set()
    for column in names:
        if column in seen:
            raise CsvFormatError(f"{name} has the column {column!r} twice.")
        seen.add(column)
    return names


def _first_line(err: Exception) -> str:
    return str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
