"""The tracker's CSV bytes: what is written reads back cell for cell, and bad bytes are refused."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followup import csvformat, vocab
from tests.test_spreadsheet import restore_frame

# Lone surrogates are not text a browser can send (they have no UTF-8 form).
letters = st.characters(exclude_categories=("Cs",), exclude_characters="\x00")
cells = st.one_of(st.none(), st.text(alphabet=letters, max_size=12))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(cells, cells), min_size=0, max_size=8))
def test_cells_read_back_as_the_c_parser_reads_them(rows: list[tuple[str | None, str | None]]):
    """Quotes, commas, line breaks and formula-like text survive; both pandas engines agree."""
    frame = pd.DataFrame(rows, columns=["company", "notes"], dtype="str")
    data = csvformat.to_csv(frame)
    ours = csvformat.read_csv(data, "interviews.csv", date_columns=())
    c_engine = pd.read_csv(
        io.BytesIO(data), dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8-sig"
    )
    pd.testing.assert_frame_equal(ours, restore_frame(c_engine).astype("str"))
    expected = frame.where(frame.ne(""), None).astype("str")
    pd.testing.assert_frame_equal(ours, expected)


def test_a_row_with_too_many_cells_is_refused_with_a_message():
    with pytest.raises(csvformat.CsvFormatError, match=r"interviews\.csv, line 2: this row"):
        csvformat.read_csv(b"company,role\r\nAcme,Analyst,extra\r\n", "interviews.csv", ())


def test_too_many_rows_are_refused(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(csvformat, "MAX_ROWS", 2)
    data = b"company\r\na\r\nb\r\nc\r\n"
    with pytest.raises(csvformat.CsvFormatError, match="more than 2 rows"):
        csvformat.read_csv(data, "interviews.csv", ())
    assert csvformat.read_csv(data[:-3], "interviews.csv", ())["company"].tolist() == ["a", "b"]


DATES = ("interview_date", "decision_expected")
# Every case the Arrow reader treats on its own: formula cells marked with an apostrophe (and a
# cell that is only the mark), quoted commas, quotes and line breaks, a quoted empty cell, empty
# cells, a header name with spaces around it, a column the app does not know, non-ASCII text.
TRICKY = (
    "interview_id, company ,notes,interview_date,decision_expected,shoe_size\n"
    'a1,\'=SUM(A1:A9),"Said ""soon"", maybe\nnext week",2026-01-05,,\'+44\n'
    "a2,''already marked,',2024-02-29,2026-02-01,\n"
    'a3,"Maple, Birch and Co.",,2026-12-31,"",42\n'
    "a4,Günther GmbH,'-dash,2026-03-01,2026-03-09,'\n"
)


def reference_read(data: bytes, dates: tuple[str, ...] = DATES) -> pd.DataFrame:
    """The reading the Arrow reader must match: pandas' C parser, marks undone, ISO dates."""
    frame = pd.read_csv(
        io.BytesIO(data), dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8-sig"
    )
    frame.columns = [column.strip() for column in frame.columns]
    frame = restore_frame(frame).astype("str")
    for column in dates:
        frame[column] = csvformat.parse_dates(frame[column], "interviews.csv", column)
    return frame


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["plain", "bom"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_tricky_cells_read_as_the_reference_reader_reads_them(bom: bytes, newline: str):
    """Marked formulas, quoted commas and line breaks, empty and unknown cells all read back."""
    data = bom + TRICKY.replace("\n", newline).replace("maybe" + newline, "maybe\n").encode()
    ours = csvformat.read_csv(data, "interviews.csv", DATES)
    pd.testing.assert_frame_equal(ours, reference_read(data))
    assert ours["company"].tolist()[:2] == ["=SUM(A1:A9)", "'already marked"]
    assert ours.loc[1, "notes"] == ""  # only the mark: the tracker counts it as missing
    assert ours.loc[0, "notes"] == 'Said "soon", maybe\nnext week'
    assert str(ours["interview_date"].dtype) == "datetime64[us]"
    assert ours["decision_expected"].isna().tolist() == [True, False, True, False]


def test_a_date_only_pandas_reads_gives_the_same_frame():
    """A single-digit month or a marked date is not Arrow's strict form; pandas reads it."""
    data = TRICKY.replace("2026-01-05", "2026-1-5").replace("2026-03-01", "'2026-03-01").encode()
    ours = csvformat.read_csv(data, "interviews.csv", DATES)
    pd.testing.assert_frame_equal(ours, reference_read(data))
    assert ours["interview_date"].dt.strftime("%Y-%m-%d").tolist()[::3] == [
        "2026-01-05",
        "2026-03-01",
    ]


@settings(max_examples=60, deadline=None)
@given(st.from_regex(r"\A[ ]?\d{1,4}-\d{1,2}-\d{1,2}[ ]?\Z") | st.text(letters, max_size=12))
def test_any_date_cell_reads_or_fails_as_the_reference_reader_does(cell: str):
    """A date cell gives the reference reader's date, or its message naming the row."""
    # An id column too: pandas' C parser would skip a line holding only spaces as blank.
    rows = {"interview_id": ["a1", "a2"], "interview_date": ["2026-01-05", cell]}
    data = csvformat.to_csv(pd.DataFrame(rows, dtype="str"))
    try:
        expected = reference_read(data, ("interview_date",))
    except csvformat.CsvFormatError as err:
        with pytest.raises(csvformat.CsvFormatError) as raised:
            csvformat.read_csv(data, "interviews.csv", ("interview_date",))
        assert str(raised.value) == str(err)
    else:
        ours = csvformat.read_csv(data, "interviews.csv", ("interview_date",))
        pd.testing.assert_frame_equal(ours, expected)


def test_a_bad_date_names_its_row():
    data = b"interview_id,interview_date\r\na1,2026-01-05\r\na2, 2026-01-06\r\n"
    with pytest.raises(csvformat.CsvFormatError) as raised:
        csvformat.read_csv(data, "interviews.csv", ("interview_date",))
    assert str(raised.value) == (
        "interviews.csv, row 2: interview_date is ' 2026-01-06', not a date written as YYYY-MM-DD."
    )


@pytest.mark.parametrize(
    "data",
    [
        b"company,role\r\nAcme,Analyst\r\nCaf\xe9,Chef\r\n",
        b"company,role\r\nAcme,\xed\xa0\x80\r\n",  # an encoded surrogate
        b"comp\xffany,role\r\nAcme,Analyst\r\n",
        b"\xef\xbb\xbfcompany,role\r\nAcme,Analyst,extra\r\n\xc3",  # also a bad row: UTF-8 first
    ],
    ids=["latin-1", "surrogate", "header", "cut-and-bad-row"],
)
def test_bytes_that_are_not_utf8_are_named(data: bytes):
    """The message gives the first byte that is not UTF-8, as Python's decoder counts it."""
    with pytest.raises(UnicodeDecodeError) as python:
        data.decode("utf-8-sig")
    with pytest.raises(csvformat.CsvFormatError) as raised:
        csvformat.read_csv(data, "interviews.csv", ())
    assert str(raised.value) == (
        f"interviews.csv is not UTF-8 text (byte {python.value.start} cannot be read); "
        "save it as UTF-8 CSV."
    )


def test_a_nul_byte_is_refused():
    with pytest.raises(csvformat.CsvFormatError) as raised:
        csvformat.read_csv(b"company,role\r\nAcme,Ana\x00lyst\r\n", "interviews.csv", ())
    assert str(raised.value) == (
        "interviews.csv, line 2, contains NUL bytes: it looks like a binary file, not a CSV. "
        "If you edited it by hand, remove the NUL characters (or put back a backup)."
    )


@pytest.mark.parametrize("data", [b"", b"  \r\n\t", b"\xef\xbb\xbf"], ids=["none", "blank", "bom"])
def test_a_file_without_a_header_row_is_empty(data: bytes):
    with pytest.raises(csvformat.CsvFormatError, match="is empty"):
        csvformat.read_csv(data, "interviews.csv", ())


def test_a_header_beyond_the_quick_look_reads_whole(monkeypatch: pytest.MonkeyPatch):
    """A header row longer than the first look (a long quoted name) is still read whole."""
    monkeypatch.setattr(csvformat, "QUICK_HEADER_BYTES", 8)
    data = b'company,"long\nname",role\r\nAcme,x,Analyst\r\n' + b"a,b,c\r\n" * 10
    frame = csvformat.read_csv(data, "interviews.csv", ())
    assert frame.columns.tolist() == ["company", "long\nname", "role"]
    assert frame.loc[0, "role"] == "Analyst"


# ---------------------------------------------------------------------------------------------
# An open quote that swallows the rows below it


def interview_line(n: int, notes: str = "", company: str | None = None) -> str:
    company = company if company is not None else f"Co{n}"
    return f"i{n},{company},Role,,,,,2024-09-{10 + n},1,,Awaiting decision,,{notes}\r\n"


INTERVIEW_HEADER = (
    "interview_id,company,role,interviewer,interviewer_title,interviewer_email,"
    "interviewer_phone,interview_date,round,decision_expected,status,preferred_channel,notes\r\n"
)


@pytest.mark.parametrize(
    ("body", "line"),
    [
        # Six rows, the last five inside the first one's notes (the quote never closes).
        ("".join([interview_line(1, '"open'), *(interview_line(n) for n in range(2, 7))]), 2),
        # Closed by a quote further down: the rows between are swallowed all the same.
        (
            interview_line(1)
            + interview_line(2, '"a')
            + interview_line(3)
            + interview_line(4, 'b"'),
            3,
        ),
        # The quote opens in a middle cell.
        (interview_line(1, company='"Co1') + interview_line(2) + interview_line(3, 'x"'), 2),
    ],
)
def test_a_quote_that_runs_across_rows_is_refused_naming_the_line(body: str, line: int):
    """A hand-edited file whose rows run into one cell is refused, with the file and the line."""
    with pytest.raises(csvformat.CsvFormatError) as caught:
        csvformat.read_csv((INTERVIEW_HEADER + body).encode(), "interviews.csv", DATES)
    assert f"interviews.csv, line {line}" in str(caught.value)
    assert "quote" in str(caught.value)


def test_a_followup_file_with_an_open_quote_is_refused():
    header = "followup_id,interview_id,date,channel,purpose,outcome,notes\r\n"
    opened = ['"' if n == 1 else "" for n in range(5)]
    rows = [f"f{n},i1,2024-09-2{n},Email,Check-in,Done,{opened[n]}note\r\n" for n in range(1, 5)]
    with pytest.raises(csvformat.CsvFormatError, match=r"followups\.csv, line 2"):
        csvformat.read_csv((header + "".join(rows)).encode(), "followups.csv", ("date",))


@pytest.mark.parametrize(
    "notes",
    [
        "Lists, commas, and more, a, b, c, d, e, f, g, h, i, j\nnext, x, y, z, w, v, u, t, s, r, q",
        "i9,Acme,Role,,,,,not a date,1,,Awaiting decision,,\nstill a note",
        "Call back\nwith the numbers, 2024-09-20",
        "Agenda\n" + ",".join(f"item {n}" for n in range(16)),  # a row's cells, but no date
    ],
)
def test_notes_with_line_breaks_and_commas_still_load(notes: str):
    """Line breaks and commas in a note are no runaway quote."""
    frame = pd.DataFrame([dict.fromkeys(vocab.INTERVIEW_COLUMNS, "x")], dtype="str")
    frame["interview_date"], frame["decision_expected"] = "2024-09-19", None
    frame["notes"] = notes
    back = csvformat.read_csv(csvformat.to_csv(frame), "interviews.csv", DATES)
    assert back["notes"].tolist() == [notes]


def test_a_note_holding_a_whole_row_is_refused_before_it_is_saved():
    """A note that would read as a row of the file is refused with a message, so never saved."""
    from followup import tracker

    cells = dict.fromkeys(vocab.INTERVIEW_COLUMNS, "")
    cells |= {"interview_id": "i2", "company": "Co2", "role": "Dev", "interview_date": "2024-09-12"}
    notes = "First line\n" + ",".join(cells.values())
    row = {"company": "Acme", "role": "Analyst", "interview_date": "2024-09-19", "notes": notes}
    with pytest.raises(tracker.TrackerError, match=r"notes .* line that reads as a row"):
        tracker.add_interview(tracker.Tracker.empty(), row)
