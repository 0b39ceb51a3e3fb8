import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from followup.spreadsheet import neutralise_cell, neutralise_frame, restore_cell, restore_frame


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
