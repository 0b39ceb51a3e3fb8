"""The tracker's CSV bytes: what is written reads back cell for cell, and bad bytes are refused."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followup import csvformat
from followup.spreadsheet import restore_frame

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
    with pytest.raises(csvformat.CsvFormatError, match="not a valid CSV file"):
        csvformat.read_csv(b"company,role\r\nAcme,Analyst,extra\r\n", "interviews.csv", ())


def test_too_many_rows_are_refused(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(csvformat, "MAX_ROWS", 2)
    data = b"company\r\na\r\nb\r\nc\r\n"
    with pytest.raises(csvformat.CsvFormatError, match="more than 2 rows"):
        csvformat.read_csv(data, "interviews.csv", ())
