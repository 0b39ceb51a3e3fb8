"""Tracker files at the edges: words that look like 'no value', long notes, odd header rows."""

from __future__ import annotations

import csv

import pandas as pd
import pyarrow as pa
import pytest

from followup import csvformat
from followup.csvformat import CsvFormatError


def read(data: bytes) -> pd.DataFrame:
    return csvformat.read_csv(data, "interviews.csv", ("interview_date",))


def test_words_that_spreadsheets_treat_as_missing_are_kept_as_typed():
    """'NA', 'N/A', 'null', 'NaN' or 'None' typed in a cell are text, not an empty cell."""
    words = ["NA", "N/A", "null", "NaN", "None", "nan", "#N/A", "-NaN"]
    frame = pd.DataFrame({"company": words, "role": ["Analyst"] * len(words)})
    back = read(csvformat.to_csv(frame))
    assert back["company"].tolist() == words
    assert back["role"].notna().all()


def test_notes_with_line_breaks_in_a_large_file_read_back_whole():
    """A tracker over one read block (1 MB) whose notes hold line breaks: rows stay rows."""
    note = "\n".join(f"line {n}: called, left a message" for n in range(10))
    companies = [f"Company {n}" for n in range(6000)]
    data = csvformat.to_csv(pd.DataFrame({"company": companies, "notes": note}))
    assert len(data) > 1024 * 1024
    back = read(data)
    assert back["company"].tolist() == companies
    assert (back["notes"] == note).all()


def test_a_row_with_too_many_cells_is_shown_in_the_message():
    """The message names the line that does not fit, so it can be found in the file."""
    with pytest.raises(CsvFormatError) as raised:
        read(b"company,role\r\nAcme,Analyst,extra\r\n")
    assert str(raised.value).startswith("interviews.csv, line 2: ")


def test_a_header_naming_a_column_twice_is_refused():
    """Two columns called 'company': which one is meant cannot be known, so the file is refused."""
    with pytest.raises(CsvFormatError) as raised:
        read(b"interview_id,company,role,company\r\na1,Acme,Analyst,Beta\r\n")
    assert str(raised.value) == "interviews.csv has the column 'company' twice."


def test_a_header_with_an_unnamed_column_is_refused():
    """An empty name in the header row is refused with the file's name."""
    with pytest.raises(CsvFormatError) as raised:
        read(b"interview_id, ,role\r\na1,Acme,Analyst\r\n")
    assert str(raised.value) == "interviews.csv has a column without a name in its header row."


def test_the_largest_allowed_number_of_columns_reads():
    """A table of exactly MAX_COLUMNS columns is read; one more is refused."""
    wide = csvformat.MAX_COLUMNS
    header = ",".join(f"c{n}" for n in range(wide)).encode()
    row = ",".join("x" for _ in range(wide)).encode()
    assert read(header + b"\r\n" + row + b"\r\n").shape == (1, wide)
    with pytest.raises(CsvFormatError, match=f"has {wide + 1:,} columns"):
        read(header + b",extra\r\n" + row + b",x\r\n")


def test_an_unreadable_header_row_names_the_file():
    """A header cell too long for any CSV reader gets a message naming the file."""
    data = b'"' + b"x" * 200_000 + b'",role\r\nAcme,Analyst\r\n'
    with pytest.raises(CsvFormatError, match=r"^interviews\.csv has an unreadable header row"):
        read(data)


def test_a_file_over_the_size_limit_is_refused_with_both_sizes(monkeypatch: pytest.MonkeyPatch):
    """A file of exactly the limit reads; one byte more is refused with both sizes named."""
    limit = 1024 * 1024
    monkeypatch.setattr(csvformat, "MAX_BYTES", limit)
    base = b"company,interview_date\r\n" + b"Acme,2024-09-19\r\n" * 60_000
    tail = b",2024-09-19\r\n"
    data = base + b"A" * (limit - len(base) - len(tail)) + tail
    assert len(data) == limit
    assert len(read(data)) == 60_001
    with pytest.raises(CsvFormatError) as raised:
        read(data + b"\r\n" * 712)
    assert str(raised.value) == "interviews.csv is 1.1 MB; a tracker file can be at most 1 MB."


def test_a_character_with_no_utf8_form_is_named():
    """A lone surrogate (pasted from a broken source) cannot be written: the message names it."""
    with pytest.raises(CsvFormatError) as raised:
        csvformat.to_csv(pd.DataFrame({"notes": ["ok", "bad \ud800 char"]}, dtype=object))
    assert str(raised.value) == "a cell holds '\\ud800', a character with no UTF-8 form; remove it."


def test_a_runaway_quote_message_says_the_file_line_cell_and_fix():
    rows = "".join(
        f"i{n},Co{n},2024-09-1{n},{chr(34) + 'x' if n == 2 else 'n'}\r\n" for n in range(1, 6)
    )
    data = ("interview_id,company,interview_date,notes\r\n" + rows).encode()
    with pytest.raises(CsvFormatError) as raised:
        read(data)
    assert str(raised.value) == (
        "interviews.csv, line 3: a quote in the notes cell is not closed where the row ends, so "
        "the rows below read as part of that cell. Close the quote (or remove it) and save the "
        "file again."
    )


def test_a_bad_row_with_a_cell_over_python_csvs_limit_is_named_by_its_line():
    """A row with a cell over Python's csv default limit (a pasted 200 KB note) and one cell
    too many: its line is named all the same."""
    with pytest.raises(CsvFormatError) as raised:
        csvformat.read_csv(b"a,b\r\n" + b"x" * 200_000 + b",1,2\r\n", "interviews.csv", ())
    assert str(raised.value).startswith(
        "interviews.csv, line 2: this row does not have the 2 cells of the header row"
    )


def test_a_lone_carriage_return_that_splits_a_row_is_placed_on_its_line():
    data = b"company,role,interview_date\r\nAcme,Dev\r2024-09-19\r\n"
    with pytest.raises(CsvFormatError) as raised:
        read(data)
    assert str(raised.value) == (
        "interviews.csv, line 2: this row does not have the 3 cells of the header row (a comma "
        "outside quotes, or a quote that is not closed?). Fix the row and save the file again."
    )


@pytest.mark.parametrize(
    ("text", "width", "dates", "row"),
    [
        ("note\nAcme,2024-09-19,x", 4, [1], "Acme,2024-09-19,x"),  # all cells but one
        ("note\nAcme,2024-09-19", 4, [1], None),  # two cells short
        ("note\nAcme,2024-09-19", 2, [1], "Acme,2024-09-19"),  # a two-column table
        ("note\n,2024-09-19,a,b", 4, [1], None),  # no first cell
        ("note\nAcme,,2024-09-19,b", 4, [2], "Acme,,2024-09-19,b"),  # an empty second cell
        ("note\nshort\nAcme,2024-09-19,a,b", 4, [1], "Acme,2024-09-19,a,b"),  # a later line
        ("note\nAcme,not a date,a,b", 4, [1], None),  # no date where the date goes
        ("note\nAcme,b,c", 4, [3], None),  # the date's cell is missing
        ("note\nAcme,b,c,d", 4, [], "Acme,b,c,d"),  # a table without a date column
        ("Acme,2024-09-19,a,b", 4, [1], None),  # the first line is the cell's own
    ],
)
def test_a_line_reads_as_a_row_when_it_has_the_cells_and_the_date_of_one(text, width, dates, row):
    assert csvformat.row_like_line(text, width, dates) == row


def test_a_bad_row_below_a_note_longer_than_a_read_block_is_named_by_its_line():
    """The whole file is read as one block for the long note; the bad row is still named."""
    # 2.5 MB: a cell over two of Arrow's 1 MiB blocks (a 1.2 MB one is still read in blocks).
    data = b'a,b\r\n"' + b"x" * 2_500_000 + b'",1\r\n1,2,3\r\n'
    with pytest.raises(CsvFormatError) as raised:
        csvformat.read_csv(data, "interviews.csv", ())
    assert str(raised.value).startswith(
        "interviews.csv, line 3: this row does not have the 2 cells of the header row"
    )


def test_a_quote_left_open_below_a_note_over_python_csvs_cell_limit_is_named_by_its_line():
    """A 200 KB note (over the 128 KiB Python's csv reads by default) above a quote left open:
    a message naming the line, never csv's own error, and the limit is left as it was."""
    note = "x" * 200_000
    data = (
        "interview_id,company,interview_date,notes\r\n"
        f'a,A,2024-09-19,"{note}"\r\n'
        'b,"B,2024-09-19,ok\r\n'
        "c,C,2024-09-19,ok\r\n"
        'd,D,2024-09-19,ok",2024-09-20,fine\r\n'
    ).encode()
    limit = csv.field_size_limit()
    with pytest.raises(CsvFormatError, match=r"^interviews\.csv, line 3: a quote in the company"):
        read(data)
    assert csv.field_size_limit() == limit


def test_a_large_file_with_a_lone_carriage_return_in_its_header_names_the_line_after_it():
    """Past the quick first look (64 KiB), a CR alone in the header ends it, as in any line:
    the rest of that line is a row of too few cells, named by its line."""
    data = b"company,ro\rle\r\n" + b"Acme,Dev\r\n" * 8000
    with pytest.raises(CsvFormatError, match=r"^interviews\.csv, line 2: this row does not have"):
        csvformat.read_csv(data, "interviews.csv", ())


def test_a_file_starting_with_a_long_run_of_blanks_is_not_taken_for_empty():
    """Past the first 64 KiB of spaces there is a table: it reads (or is named), never "empty"."""
    spaces = b" " * 70_000 + b"company,interview_date\r\nAcme,2024-09-19\r\n"
    assert read(spaces)["company"].tolist() == ["Acme"]
    blank_lines = b"\r\n" * 40_000 + b"company,interview_date\r\nAcme,2024-09-19\r\n"
    with pytest.raises(CsvFormatError) as raised:
        read(blank_lines)
    assert (
        str(raised.value)
        == "interviews.csv is not a valid CSV file (its header row cannot be read)."
    )


@pytest.mark.parametrize("kind", [pa.string(), pa.large_string()])
def test_a_runaway_cell_is_found_in_a_slice_of_a_column(kind: pa.DataType):
    """Rows taken from further down a column (their text starts mid-buffer) are placed right."""
    notes = pa.array(["a first, long, cell", "ok", "note\nAcme,2024-09-20"], kind).slice(1)
    dates = pa.array(["2024-09-19", "2024-09-20"], kind)
    assert csvformat.runaway_cell(
        [notes, dates], ["notes", "interview_date"], ["interview_date"]
    ) == (
        1,
        0,
    )


def test_a_note_holding_a_row_after_a_carriage_return_is_refused():
    """A line break written as a lone carriage return is a line break too."""
    from followup import tracker, vocab

    cells = dict.fromkeys(vocab.INTERVIEW_COLUMNS, "")
    cells |= {"interview_id": "i2", "company": "Co2", "role": "Dev", "interview_date": "2024-09-12"}
    notes = "First line\r" + ",".join(cells.values())
    row = {"company": "Acme", "role": "Analyst", "interview_date": "2024-09-19", "notes": notes}
    with pytest.raises(tracker.TrackerError, match="line that reads as a row"):
        tracker.add_interview(tracker.Tracker.empty(), row)


def test_a_cell_starting_with_a_line_break_before_a_row_is_found():
    notes = pa.array(["fine", "\nAcme,2024-09-20"], pa.large_string())
    dates = pa.array(["2024-09-19", "2024-09-20"], pa.large_string())
    assert csvformat.runaway_cell(
        [notes, dates], ["notes", "interview_date"], ["interview_date"]
    ) == (
        1,
        0,
    )


def test_a_runaway_cell_in_a_later_chunk_is_placed_by_its_row_in_the_whole_column():
    """Large files come in several Arrow chunks: the row number counts every chunk before."""
    chunks = [["a"], ["b", "c"], ["d", "note\nAcme,2024-09-20"]]
    notes = pa.chunked_array([pa.array(chunk, pa.large_string()) for chunk in chunks])
    dates = pa.chunked_array([pa.array(["2024-09-19"] * 5, pa.large_string())])
    found = csvformat.runaway_cell([notes, dates], ["notes", "interview_date"], ["interview_date"])
    assert found == (4, 0)


@pytest.mark.parametrize("rows", [2, 3000], ids=["small", "over-the-quick-header-read"])
def test_a_file_whose_lines_end_in_a_carriage_return_alone_reads_as_with_crlf(rows: int):
    """Old Mac spreadsheets save CSV with CR alone at each line end: the same table reads back."""
    frame = pd.DataFrame(
        {
            "company": [f"Company {n}" for n in range(rows)],
            "interview_date": "2024-09-19",
            "notes": "first line\nsecond, with a comma",
        }
    )
    data = csvformat.to_csv(frame)
    mac = data.replace(b"\r\n", b"\r")
    assert b"\r\n" in data and b"\n" not in mac.replace(b"line\nsecond", b"")
    assert len(mac) > csvformat.QUICK_HEADER_BYTES or rows == 2
    pd.testing.assert_frame_equal(read(mac), read(data))


def test_a_bad_row_in_a_file_with_carriage_returns_alone_is_named_by_its_line():
    """The line count of a CR-only file is right too: the bad row's line is named."""
    with pytest.raises(CsvFormatError, match=r"interviews.csv, line 3: this row does not have"):
        read(b"company,interview_date\rAcme,2024-09-19\rBeta,2024-09-20,extra\r")


@pytest.mark.parametrize(
    "data",
    [
        b"a,b\r\n1,2,3\r\n",
        b'a,b\r\n"' + b"x" * 2_500_000 + b'",1\r\n1,2,3\r\n',  # read again as one block
    ],
    ids=["first-read", "one-block-read"],
)
def test_the_parser_names_the_file_and_its_reason(data: bytes):
    """Arrow's refusal, from either read, names the file and gives the first line of the reason
    (what `read_csv` says when it cannot place the row on a line itself)."""
    with pytest.raises(CsvFormatError) as raised:
        csvformat._parse(pa.py_buffer(data), "interviews.csv")
    assert str(raised.value) == (
        "interviews.csv is not a valid CSV file "
        "(CSV parse error: Expected 2 columns, got 3: 1,2,3)."
    )


@pytest.mark.parametrize("rows", [1, 20_000], ids=["small", "past-the-quick-header-read"])
def test_a_header_name_with_a_line_break_inside_quotes_is_read_as_written(rows: int):
    """A quoted column name holding CR LF keeps both characters, in a small or a large file."""
    data = b'"first\r\nname",b\r\n' + b"1,2\r\n" * rows
    assert (len(data) > csvformat.QUICK_HEADER_BYTES) == (rows > 1)
    assert list(csvformat.read_csv(data, "interviews.csv", ()).columns) == ["first\r\nname", "b"]
