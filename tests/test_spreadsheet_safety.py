"""Cells a spreadsheet would run as formulas are made safe in every kind of column."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pytest

from followup import csvformat
from followup.spreadsheet import neutralise_cell, neutralise_frame, restore_cell, restore_column
from tests.test_spreadsheet import restore_frame


@pytest.mark.parametrize("cell", ["-2+3", "-cmd|' /C calc'!A0", "\r=1+1", "\rnotes"])
def test_a_cell_starting_with_minus_or_carriage_return_gets_an_apostrophe(cell: str):
    """A minus sign or a carriage return first is a formula to some spreadsheets: it is quoted."""
    assert neutralise_cell(cell).startswith("'")
    assert restore_cell(neutralise_cell(cell)) == cell


def test_a_phone_number_with_a_minus_inside_is_left_as_typed():
    """Only the first character decides: a phone number written 555-0100 is not touched."""
    assert neutralise_cell("555-0100") == "555-0100"


def test_a_column_mixing_numbers_and_text_still_has_its_formulas_quoted():
    """A pasted column holding numbers and text: the formula text is quoted, the numbers kept."""
    frame = pd.DataFrame({"notes": pd.Series([3, '=HYPERLINK("x")', None, "-1"], dtype=object)})
    safe = neutralise_frame(frame)
    assert safe["notes"].tolist() == [3, '\'=HYPERLINK("x")', None, "'-1"]
    assert restore_frame(safe)["notes"].tolist() == [3, '=HYPERLINK("x")', None, "-1"]


def test_number_and_date_columns_pass_through_unchanged():
    """Negative numbers and dates are values, not text: they are written as they are."""
    frame = pd.DataFrame(
        {
            "round": [-1, 2],
            "when": pd.to_datetime(["2024-09-19", "2024-09-20"]),
            "company": ["-Acme", "Beta"],
        }
    )
    safe = neutralise_frame(frame)
    pd.testing.assert_series_equal(safe["round"], frame["round"])
    pd.testing.assert_series_equal(safe["when"], frame["when"])
    assert safe["company"].tolist() == ["'-Acme", "Beta"]


def test_a_saved_file_quotes_the_minus_cell_and_reads_it_back_as_typed():
    """The CSV bytes carry the apostrophe; reading them gives the text the user typed."""
    frame = pd.DataFrame({"company": ["-Acme"], "role": ["\rAnalyst"]})
    data = csvformat.to_csv(frame)
    assert b"'-Acme" in data
    back = csvformat.read_csv(data, "interviews.csv", ())
    assert back["company"].tolist() == ["-Acme"]
    assert back["role"].tolist() == ["\rAnalyst"]


def test_a_formula_after_a_separator_in_a_mixed_column_is_quoted():
    """A pasted column of numbers and text: `x;=1+1` in it is marked like in a text column."""
    frame = pd.DataFrame({"notes": pd.Series([3, "x;=1+1", None, "a,b"], dtype=object)})
    safe = neutralise_frame(frame)
    assert safe["notes"].tolist() == [3, "x;'=1+1", None, "a,b"]


def test_a_column_without_chunks_reads_back_as_an_empty_text_column():
    """Arrow may hand over a column in no chunks at all: it stays an empty text column."""
    empty = pa.chunked_array([], pa.large_string())
    restored = restore_column(empty)
    assert restored.type == pa.large_string()
    assert restored.to_pylist() == []


def test_a_text_column_in_several_arrow_chunks_is_marked_in_the_right_rows():
    """Rows appended to a table sit in Arrow chunks of their own: each formula is found in place."""
    column = pd.concat(
        [pd.Series(chunk, dtype="str") for chunk in (["a"], ["b", "c"], ["x;=1+1", "d"])],
        ignore_index=True,
    )
    safe = neutralise_frame(pd.DataFrame({"notes": column}))
    assert safe["notes"].tolist() == ["a", "b", "c", "x;'=1+1", "d"]


def test_a_table_of_some_rows_only_is_marked_by_row_label():
    """An export of filtered rows (index 5 and 7, say) marks the rows that hold the formulas."""
    frame = pd.DataFrame({"notes": pd.Series(["x;=1+1", "plain"], dtype="str", index=[7, 5])})
    safe = neutralise_frame(frame)
    assert safe["notes"].to_dict() == {7: "x;'=1+1", 5: "plain"}


def test_a_slice_of_a_table_is_marked_in_the_right_rows():
    """Rows taken from further down a table (their text starts mid-buffer) are marked in place."""
    whole = pd.DataFrame({"notes": pd.Series(["a first long note", "b", "x;=1+1"], dtype="str")})
    safe = neutralise_frame(whole.iloc[1:])
    assert safe["notes"].tolist() == ["b", "x;'=1+1"]


def test_the_top_rows_of_a_table_are_marked_without_looking_past_them():
    """A slice ending above a row with a formula marks its own rows only, and does not fail."""
    whole = pd.DataFrame({"notes": pd.Series(["b", "x;=1+1", "y;=2"], dtype="str")})
    safe = neutralise_frame(whole.iloc[:1])
    assert safe["notes"].tolist() == ["b"]
    assert neutralise_frame(whole.iloc[:2])["notes"].tolist() == ["b", "x;'=1+1"]


@pytest.mark.parametrize("kind", [pa.string(), pa.large_string()])
def test_marks_inside_cells_are_undone_in_either_arrow_text_type(kind: pa.DataType):
    """Arrow text with 32-bit or 64-bit offsets: the same cells come back."""
    cells = ["a;'=1", None, "plain", "b,''x"]
    column = pa.chunked_array([pa.array(cells, kind)])
    assert restore_column(column).to_pylist() == ["a;=1", None, "plain", "b,'x"]
