"""The tracker's CSV format: one table to bytes and back, the same for data files and exports.

UTF-8, comma-separated, a header row, ISO dates (YYYY-MM-DD), an empty cell for a missing value,
and spreadsheet-safe text cells (`followup.spreadsheet`), so a file opens in a spreadsheet without
running anything and reads back exactly.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import itertools
import re
import threading
from collections.abc import Iterator, Sequence

import numpy as np
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
QUICK_HEADER_BYTES = 64 * 1024
_FIELD_LIMIT_LOCK = threading.Lock()
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_DATE_LIKE = re.compile(r"\s*\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\s*")


class CsvFormatError(ValueError):
    """A CSV file that is not a readable tracker table; the message is for the user."""


def to_csv(frame: pd.DataFrame) -> bytes:
    """Serialise a tracker table: ISO dates, spreadsheet-safe text, UTF-8, CRLF (RFC 4180).

    Every cell is quoted (OWASP's advice): a spreadsheet that splits on semicolons or tabs, not
    commas, still sees one cell, so `x;=1+1` never becomes a cell `=1+1`. Column names are made
    safe like cells, since a spreadsheet reads the header row as cells too.
    """
    safe = spreadsheet.neutralise_frame(frame)
    safe.columns = [spreadsheet.neutralise_cell(str(column)) for column in safe.columns]
    text = safe.to_csv(
        index=False, date_format=DATE_FORMAT, lineterminator="\r\n", quoting=csv.QUOTE_ALL
    )
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as err:
        raise CsvFormatError(
            f"a cell holds {text[err.start]!r}, a character with no UTF-8 form; remove it."
        ) from None


def read_csv(data: bytes | pa.Buffer, name: str, date_columns: Sequence[str]) -> pd.DataFrame:
    """Parse our CSV bytes into text columns (`str`) and date columns; raise CsvFormatError."""
    buffer = data if isinstance(data, pa.Buffer) else pa.py_buffer(data)
    _check_bytes(buffer, name)
    header = _header(buffer, name)
    try:
        table = _parse(buffer, name)
    except CsvFormatError:
        line = _line_of_bad_record(buffer, len(header))
        if line is None:
            raise
        raise CsvFormatError(
            f"{name}, line {line}: this row does not have the {len(header)} cells of the header "
            "row (a comma outside quotes, or a quote that is not closed?). Fix the row and save "
            "the file again."
        ) from None
    if table.num_rows > MAX_ROWS:
        raise CsvFormatError(f"{name} has more than {MAX_ROWS:,} rows, more than a tracker holds.")
    if table.num_columns != len(header):
        raise CsvFormatError(f"{name} is not a valid CSV file (its header row cannot be read).")
    runaway = runaway_cell(table.columns, header, date_columns)
    if runaway is not None:
        row, column = runaway
        raise CsvFormatError(
            f"{name}, line {_line_of_record(buffer, row)}: a quote in the {header[column]} cell "
            "is not closed where the row ends, so the rows below read as part of that cell. "
            "Close the quote (or remove it) and save the file again."
        )
    table = pa.table([spreadsheet.restore_column(c) for c in table.columns], names=header)
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


def runaway_cell(
    columns: Sequence[pa.Array | pa.ChunkedArray],
    header: Sequence[str],
    date_columns: Sequence[str],
) -> tuple[int, int] | None:
    """The first (row, column) whose cell holds a line that reads as a whole row of the table.

    That is what a quote left open in a hand-edited file does: the rows below it become lines of
    one cell. A cell with a line holding at least all but one of the table's cells, a first
    cell and a date in a date column's place, is taken for such rows. Only cells with a line
    break and enough commas after it (found on the raw buffers, no copy) are looked at in Python.
    """
    width = len(header)
    dates = [header.index(column) for column in date_columns if column in header]
    if not dates:
        # Both tracker tables have a date column; without one a line cannot be told from a row.
        return None
    for position, column in enumerate(columns):
        base = 0
        for chunk in column.chunks if isinstance(column, pa.ChunkedArray) else [column]:
            for row in _rows_with_long_lines(chunk, width):
                text = chunk[int(row)].as_py()
                if text is not None and row_like_line(text, width, dates) is not None:
                    return base + int(row), position
            base += len(chunk)
    return None


def row_like_line(text: str, width: int, date_positions: Sequence[int]) -> str | None:
    """The first line after the first of `text` that reads as a row of a `width`-column table."""
    for line in _LINE_BREAK.split(text)[1:]:
        cells = next(csv.reader([line]))  # one line is always one row, maybe of no cells
        if len(cells) < max(width - 1, 2) or not cells[0].strip():
            continue
        if not date_positions or any(
            _DATE_LIKE.fullmatch(cells[p]) for p in date_positions if p < len(cells)
        ):
            return line
    return None


def _rows_with_long_lines(chunk: pa.Array, width: int) -> np.ndarray:
    """Rows of a text chunk with a line break followed by at least `width - 2` commas."""
    view = spreadsheet.text_bytes(chunk)
    if view is None:
        return np.empty(0, dtype=np.int64)
    offsets, data = view
    # One pass for anything up to CR (tabs too), then only those few bytes are sorted out.
    low = np.flatnonzero(data <= 13)
    breaks = low[(data[low] == 10) | (data[low] == 13)] + offsets[0]
    if breaks.size == 0:
        return np.empty(0, dtype=np.int64)
    commas = np.flatnonzero(data == 44) + offsets[0]
    rows = np.searchsorted(offsets, breaks, side="right") - 1
    after = np.searchsorted(commas, offsets[rows + 1]) - np.searchsorted(commas, breaks)
    return np.unique(rows[after >= max(width - 2, 1)])


def _records(buffer: pa.Buffer) -> Iterator[tuple[int, list[str]]]:
    """Each record of CSV bytes `_check_bytes` has checked, with the line (1-based) it starts on."""
    reader = csv.reader(io.StringIO(buffer.to_pybytes().decode("utf-8-sig"), newline=""))
    start = 1
    for record in reader:
        if record:
            yield start, record
        start = reader.line_num + 1


def _line_of_record(buffer: pa.Buffer, row: int) -> int:
    """The line (1-based, as an editor counts) where data row `row` (0-based) starts."""
    with _cells_of_any_length(buffer.size):
        # The header row is record 0. The row was found in these same bytes; were Python's csv
        # ever to count rows otherwise than Arrow, the first line beats a traceback.
        start, _ = next(itertools.islice(_records(buffer), row + 1, None), (1, []))
    return start


def _line_of_bad_record(buffer: pa.Buffer, width: int) -> int | None:
    """The line where the first row whose cell count is not `width` starts, if any."""
    # No csv.Error is left to expect: the bytes are checked UTF-8 without NUL, lines may end in
    # CR, LF or both, and cells may be as long as the file.
    with _cells_of_any_length(buffer.size):
        for start, record in _records(buffer):
            if len(record) != width:
                return start
    return None


@contextlib.contextmanager
def _cells_of_any_length(size: int) -> Iterator[None]:
    """Let Python's csv read cells as long as the file (it stops at 128 KiB by default).

    The limit is process-wide: another thread reading meanwhile only ever sees it higher, and
    the lock keeps two of these from putting it back under each other.
    """
    with _FIELD_LIMIT_LOCK:
        previous = csv.field_size_limit(max(csv.field_size_limit(), size))
        try:
            yield
        finally:
            csv.field_size_limit(previous)


def _parse(buffer: pa.Buffer, name: str) -> pa.Table:
    """Every column as text, an empty cell as missing (`_check_bytes` has checked the UTF-8)."""
    try:
        return _arrow_table(buffer, block_size=None)
    except pa.ArrowException as err:
        if "straddl" not in str(err):
            raise CsvFormatError(f"{name} is not a valid CSV file ({_first_line(err)}).") from err
    # A cell longer than Arrow's block (1 MiB; a long pasted note) cannot be split across
    # blocks: read the file as one block instead, so whatever was saved can be read back.
    try:
        return _arrow_table(buffer, block_size=buffer.size + 1)
    except pa.ArrowException as err:
        raise CsvFormatError(f"{name} is not a valid CSV file ({_first_line(err)}).") from err


def _arrow_table(buffer: pa.Buffer, block_size: int | None) -> pa.Table:
    # pyarrow comes with Streamlit; `newlines_in_values` because notes may hold line breaks.
    # A BufferReader reads the bytes in place (io.BytesIO would copy them, block by block).
    read_options = (
        pa_csv.ReadOptions() if block_size is None else pa_csv.ReadOptions(block_size=block_size)
    )
    return pa_csv.read_csv(
        pa.BufferReader(buffer),
        read_options=read_options,
        parse_options=pa_csv.ParseOptions(newlines_in_values=True),
        convert_options=pa_csv.ConvertOptions(
            default_column_type=pa.large_string(),
            null_values=[""],
            strings_can_be_null=True,
            # `_check_bytes` has checked the UTF-8 already, so True, False or None read the same.
            check_utf8=False,  # pragma: no mutate
        ),
    )


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


def _check_bytes(buffer: pa.Buffer, name: str) -> None:
    if buffer.size > MAX_BYTES:
        raise CsvFormatError(
            f"{name} is {buffer.size / 1e6:.1f} MB; a tracker file can be at most "
            f"{MAX_BYTES // (1024 * 1024)} MB."
        )
    if _is_blank(buffer):
        raise CsvFormatError(f"{name} is empty: it should at least have the header row.")
    # The smallest byte is 0 exactly when there is a NUL (a fast pass, and no copy).
    bytes_ = np.frombuffer(buffer, dtype=np.uint8)
    if bytes_.min() == 0:
        first = int(np.argmin(bytes_))
        line = int(np.count_nonzero(bytes_[:first] == 10)) + 1
        raise CsvFormatError(
            f"{name}, line {line}, contains NUL bytes: it looks like a binary file, not a CSV. "
            "If you edited it by hand, remove the NUL characters (or put back a backup)."
        )
    if not _is_utf8(buffer):
        try:
            buffer.to_pybytes().decode("utf-8-sig")
        except UnicodeDecodeError as err:
            raise CsvFormatError(
                f"{name} is not UTF-8 text (byte {err.start} cannot be read); save it as UTF-8 CSV."
            ) from err


def _is_blank(buffer: pa.Buffer) -> bool:
    start = buffer[:QUICK_HEADER_BYTES].to_pybytes()
    if start and not start.isspace():
        return False
    # Copied whole only when the first 64 KiB are all whitespace.
    whole = buffer.to_pybytes()
    return not whole or whole.isspace()


def _is_utf8(buffer: pa.Buffer) -> bool:
    """Arrow's check of the bytes in place: a few times faster than decoding them, no copy."""
    offsets = pa.array([0, buffer.size], pa.int64()).buffers()[1]
    try:
        pa.LargeStringArray.from_buffers(1, offsets, buffer).validate(full=True)
    except pa.ArrowInvalid:
        return False
    return True


def _header(buffer: pa.Buffer, name: str) -> list[str]:
    header = _header_row(buffer, name)
    if header is None:
        raise CsvFormatError(f"{name} is empty: it should at least have the header row.")
    if len(header) > MAX_COLUMNS:
        raise CsvFormatError(
            f"{name} has {len(header):,} columns; a tracker table has at most {MAX_COLUMNS}."
        )
    names = [spreadsheet.restore_cell(column.strip()) for column in header]
    if any(not column for column in names):
        raise CsvFormatError(f"{name} has a column without a name in its header row.")
    seen: set[str] = set()
    for column in names:
        if column in seen:
            raise CsvFormatError(f"{name} has the column {column!r} twice.")
        seen.add(column)
    return names


def _header_row(buffer: pa.Buffer, name: str) -> list[str] | None:
    """The first row of the first HEADER_CHARS characters (None if there is none)."""
    # Decoding the whole allowance (4 MB) took longer than the rest of a small read: first try
    # 64 KiB, and keep its row if it ended on a complete line, as it then does in the whole.
    if buffer.size > QUICK_HEADER_BYTES:
        start = _decode_start(buffer, QUICK_HEADER_BYTES)
        reader = csv.reader(io.StringIO(start, newline=""))
        # No csv.Error here: a cell of 64 KiB is within csv's limit, and any line end is one.
        row = next(reader, None)
        if start.count("\n") >= reader.line_num:
            return row
    try:
        start = _decode_start(buffer, HEADER_CHARS * 4)
        # newline="": a line may end in CR alone (old Mac spreadsheets), as the rows may.
        return next(csv.reader(io.StringIO(start, newline="")), None)
    except csv.Error as err:
        raise CsvFormatError(f"{name} has an unreadable header row ({err}).") from err


def _decode_start(buffer: pa.Buffer, size: int) -> str:
    """At most HEADER_CHARS characters of the first `size` bytes of UTF-8 `buffer`."""
    # A character is at most 4 bytes; the incremental decoder holds back one cut at the end.
    start = buffer[:size].to_pybytes()
    return codecs.getincrementaldecoder("utf-8-sig")().decode(start)[:HEADER_CHARS]


def _first_line(err: Exception) -> str:
    lines = str(err).strip().splitlines()
    return lines[0] if lines else type(err).__name__
