"""The tracker's CSV format: one table to bytes and back, the same for data files and exports.

UTF-8, comma-separated, a header row, ISO dates (YYYY-MM-DD), an empty cell for a missing value,
and spreadsheet-safe text cells (`followup.spreadsheet`), so a file opens in a spreadsheet without
running anything and reads back exactly.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Sequence
from typing import NoReturn

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

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
    _check_size(data, name)
    header = _header(data, name)
    table = _parse(data, name)
    if table.num_rows > MAX_ROWS:
        raise CsvFormatError(f"{name} has more than {MAX_ROWS:,} rows, more than a tracker holds.")
    if table.num_columns != len(header):
        _refuse(data, name, f"{name} is not a valid CSV file (its header row cannot be read).")
    if spreadsheet.may_have_marks(data):
        table = pa.table([spreadsheet.restore_column(c) for c in table.columns], names=header)
    else:
        table = table.rename_columns(header)
    dates = [column for column in date_columns if column in header]
    fast = _dates_or_none(table, dates)
    frame = (fast if fast is not None else table).to_pandas()
    if fast is None:
        for column in dates:
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


def _parse(data: bytes, name: str) -> pa.Table:
    """Every column as text, an empty cell as missing; pyarrow checks the UTF-8 as it reads."""
    try:
        # pyarrow comes with Streamlit. One thread: reading in blocks on several threads was
        # slower on a busy machine, and `newlines_in_values` (quoted line breaks in notes) would
        # make the threads find row boundaries again anyway.
        return pa_csv.read_csv(
            io.BytesIO(data),
            read_options=pa_csv.ReadOptions(use_threads=False),
            parse_options=pa_csv.ParseOptions(newlines_in_values=True),
            convert_options=pa_csv.ConvertOptions(
                default_column_type=pa.large_string(),
                null_values=[""],
                strings_can_be_null=True,
            ),
        )
    except pa.ArrowException as err:
        _refuse(data, name, f"{name} is not a valid CSV file ({_first_line(err)}).")


def _dates_or_none(table: pa.Table, dates: list[str]) -> pa.Table | None:
    """`table` with `dates` as `timestamp[us]`; None when a cell is not strictly YYYY-MM-DD.

    Arrow's cast takes exactly the ten-character ISO form of a real date (no spaces, no
    single-digit months), all of which pandas reads the same way; anything else goes through
    `parse_dates`, which reads what pandas reads or names the row.
    """
    for column in dates:
        try:
            parsed = pc.cast(pc.cast(table[column], pa.date32()), pa.timestamp("us"))
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            return None
        table = table.set_column(table.column_names.index(column), column, parsed)
    return table


def _check_size(data: bytes, name: str) -> None:
    if len(data) > MAX_BYTES:
        raise CsvFormatError(
            f"{name} is {len(data) / 1e6:.1f} MB; a tracker file can be at most "
            f"{MAX_BYTES // (1024 * 1024)} MB."
        )
    if not data or data.isspace():
        raise CsvFormatError(f"{name} is empty: it should at least have the header row.")
    if b"\x00" in data:
        raise CsvFormatError(f"{name} contains NUL bytes: it looks like a binary file, not a CSV.")


def _refuse(data: bytes, name: str, message: str) -> NoReturn:
    """Raise `message`, or the UTF-8 error if the file is not UTF-8 (that explains more)."""
    _check_utf8(data, name)
    raise CsvFormatError(message)


def _check_utf8(data: bytes, name: str) -> None:
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise CsvFormatError(
            f"{name} is not UTF-8 text (byte {err.start} cannot be read); save it as UTF-8 CSV."
        ) from err


def _header(data: bytes, name: str) -> list[str]:
    # The header is on the first lines: decode only those (a character is at most 4 bytes).
    try:
        start = codecs.getincrementaldecoder("utf-8-sig")().decode(data[: HEADER_CHARS * 4])
    except UnicodeDecodeError:
        _check_utf8(data, name)
        raise
    try:
        header = next(csv.reader(io.StringIO(start[:HEADER_CHARS])))
    except csv.Error as err:
        _refuse(data, name, f"{name} has an unreadable header row ({err}).")
    if len(header) > MAX_COLUMNS:
        _refuse(
            data,
            name,
            f"{name} has {len(header):,} columns; a tracker table has at most {MAX_COLUMNS}.",
        )
    names = [column.strip() for column in header]
    if any(not column for column in names):
        _refuse(data, name, f"{name} has a column without a name in its header row.")
    seen: set[str] = set()
    for column in names:
        if column in seen:
            _refuse(data, name, f"{name} has the column {column!r} twice.")
        seen.add(column)
    return names


def _first_line(err: Exception) -> str:
    return str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
