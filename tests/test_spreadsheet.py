import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followup.spreadsheet import (
    neutralise_cell,
    neutralise_frame,
    restore_cell,
    restore_column,
)


def restore_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """`restore_cell` on every text cell: the tests' reading of a `neutralise_frame` output."""
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if values.dtype == object or pd.api.types.is_string_dtype(values):
            restored = [restore_cell(v) if isinstance(v, str) else v for v in values]
            out[column] = pd.Series(restored, index=values.index, dtype=values.dtype)
    return out


def test_formula_like_cells_get_an_apostrophe():
    """A company typed as a formula opens in a spreadsheet as text, not as a formula."""
    assert neutralise_cell('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert neutralise_cell("+1 555 0100") == "'+1 555 0100"
    assert neutralise_cell("@sum") == "'@sum"
    assert neutralise_cell("\tx") == "'\tx"


def test_plain_cells_are_left_alone():
    assert neutralise_cell("Acme Corp") == "Acme Corp"
    assert neutralise_cell("") == ""


def test_a_leading_apostrophe_survives_the_round_trip():
    assert neutralise_cell("'quoted") == "''quoted"
    assert restore_cell(neutralise_cell("'=x")) == "'=x"


@given(st.text())
def test_round_trip_is_exact(value: str):
    assert restore_cell(neutralise_cell(value)) == value


def test_frames_convert_text_columns_only():
    frame = pd.DataFrame({"company": ["=cmd", "Acme"], "round": [1, 2]})
    safe = neutralise_frame(frame)
    assert safe["company"].tolist() == ["'=cmd", "Acme"]
    assert safe["round"].tolist() == [1, 2]
    assert frame["company"].tolist() == ["=cmd", "Acme"]
    pd.testing.assert_frame_equal(restore_frame(safe), frame)


@given(st.lists(st.one_of(st.text(max_size=6), st.none(), st.integers()), max_size=20))
def test_frames_convert_each_text_cell_like_the_cell_function(values: list):
    """Whole tables are made safe cell by cell, exactly as single cells are, and come back."""
    frame = pd.DataFrame({"mixed": pd.Series(values, dtype=object)})
    safe = neutralise_frame(frame)
    expected = [neutralise_cell(v) if isinstance(v, str) else v for v in values]
    assert safe["mixed"].tolist() == expected
    assert restore_frame(safe)["mixed"].tolist() == values


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ("x;=1+1", "x;'=1+1"),
        ("x\t=1", "x\t'=1"),
        ("a,+b", "a,'+b"),
        ("line\n@x", "line\n'@x"),
        ('q"-1', "q\"'-1"),
        ("a;'b", "a;''b"),
        ("\t=1", "'\t'=1"),
        ("x=1;y", "x=1;y"),
    ],
)
def test_a_formula_start_after_any_separator_is_marked_too(value: str, safe: str):
    """Not only the first character: after a comma, semicolon, tab, line break or quote."""
    assert neutralise_cell(value) == safe
    assert restore_cell(safe) == value


@settings(deadline=None, max_examples=60)
@given(
    st.lists(st.text(alphabet=st.sampled_from(list("x;,\t\n\"'=+-@ ")), max_size=8), max_size=12)
)
def test_string_columns_are_made_safe_like_single_cells(values: list[str]):
    """The vectorised path over Arrow text columns agrees with the cell function both ways."""
    frame = pd.DataFrame({"notes": pd.Series(values, dtype="str")})
    safe = neutralise_frame(frame)
    assert safe["notes"].tolist() == [neutralise_cell(v) for v in values]
    arrow = pa.chunked_array([pa.array(safe["notes"].tolist(), pa.large_string())])
    assert restore_column(arrow).to_pylist() == values
