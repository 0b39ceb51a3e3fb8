"""Importing interviews from a CSV file: bad files, mapping, dates, statuses, duplicates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followup import importer, vocab
from followup.importer import (
    ADDED,
    DUPLICATE,
    EUROPEAN,
    ISO,
    SKIPPED,
    US,
    ImportProblem,
    guess_date_order,
    parse_date,
    plan_import,
    read_table,
    suggest_mapping,
)

CORPUS = Path(__file__).parent / "data" / "import"
NO_INTERVIEWS = pd.DataFrame(columns=list(vocab.INTERVIEW_COLUMNS))


def corpus(name: str) -> bytes:
    return (CORPUS / name).read_bytes()


def read(text: str, filename: str = "upload.csv") -> importer.RawTable:
    return read_table(text.encode("utf-8"), filename)


def plan_for(text: str, order: str = ISO, existing: pd.DataFrame = NO_INTERVIEWS, **kwargs):
    raw = read(text)
    return plan_import(raw, suggest_mapping(raw.columns), order, existing, **kwargs)


def interviews(*rows: tuple[str, str, dt.date]) -> pd.DataFrame:
    """A tracker holding interviews given as (company, role, date)."""
    blank = dict.fromkeys(vocab.INTERVIEW_COLUMNS, "")
    return pd.DataFrame(
        [
            blank | {"interview_id": f"i{n}", "company": c, "role": r, "interview_date": d}
            for n, (c, r, d) in enumerate(rows)
        ]
    )


def big_header(columns: int) -> bytes:
    return (
        ",".join(f"c{n}" for n in range(columns)) + "\n" + "x," * (columns - 1) + "x\n"
    ).encode()


# ---------------------------------------------------------------------------------------------
# Bad files: each gets a clear message, never another exception


SAVE_AS_CSV = (
    "In your spreadsheet app, choose File > Save as (or Download) > CSV, then upload that file."
)
EMPTY = "The file is empty. Choose a CSV file that holds your interviews."
# Each bad file and the whole message the user reads about it.
BAD_FILES = [
    pytest.param(corpus("empty.csv"), EMPTY, id="empty"),
    pytest.param(b"\n\r\n  \n", EMPTY, id="blank lines"),
    pytest.param(b",,\n , ,\n", EMPTY, id="empty cells only"),
    pytest.param("\u2028".encode(), EMPTY, id="a unicode line separator only"),
    pytest.param(
        corpus("header_only.csv"),
        "The file has column names but no rows. Add your interviews below the header row.",
        id="header only",
    ),
    pytest.param(
        corpus("image.csv"), f"This file is a PNG image, not a CSV file. {SAVE_AS_CSV}", id="png"
    ),
    pytest.param(
        corpus("workbook.csv"),
        f"This file is an Excel workbook or another zip file, not a CSV file. {SAVE_AS_CSV}",
        id="xlsx",
    ),
    pytest.param(
        corpus("nul_bytes.csv"),
        "The file contains NUL bytes, which a CSV file never has: it is probably not a text "
        f"file, or it is damaged. {SAVE_AS_CSV}",
        id="nul bytes",
    ),
    pytest.param(
        bytes(range(1, 32)) * 4,
        f"This does not look like a text file. {SAVE_AS_CSV}",
        id="control bytes",
    ),
    pytest.param(
        b"\xff\xfeC\x00o\x00",
        "This file is saved as UTF-16 text. Save it again as 'CSV UTF-8' and upload that.",
        id="utf-16",
    ),
    pytest.param(
        corpus("single_column.csv"),
        "The file has a single column. The import needs the company, role and interview date "
        "in separate columns, separated by commas, semicolons or tabs.",
        id="single column",
    ),
    pytest.param(
        corpus("followups.csv"),
        "This is a follow-ups file (followups.csv). The import reads interviews: upload "
        "interviews.csv instead.",
        id="follow-ups file",
    ),
    pytest.param(
        big_header(5000),
        "The file has 5,000 columns; the import reads at most 200. Delete the columns you do "
        "not need (or check the file really is a table of interviews) and try again.",
        id="5000 cols",
    ),
    pytest.param(
        b"a,b,c\n" + b"1,2,3\n" * (importer.MAX_ROWS + 1),
        "The file has more than 10,000 rows; the import takes up to 10,000 at a time. Split "
        "the file and import each part.",
        id="rows",
    ),
    pytest.param(
        b'a,b,c\n1,"' + b"x" * 200_000 + b'",3\n',
        "The file cannot be read as CSV near row 2: a cell is too long or a quote is never "
        "closed. Open it in a spreadsheet app and save it as CSV again.",
        id="cell",
    ),
]


@pytest.mark.parametrize(("data", "message"), BAD_FILES)
def test_a_bad_file_gets_a_clear_message(data: bytes, message: str):
    """Whatever is wrong with the file, the user reads what it is, not a traceback."""
    with pytest.raises(ImportProblem) as raised:
        read_table(data, "upload.csv")
    assert str(raised.value) == message


def test_a_file_of_exactly_the_limits_is_read():
    """The size, column and control-character limits are inclusive: a file at each one reads."""
    data = b"Company,Role\n" + b"Acme,Dev\n" * 100
    assert len(read_table(data, "upload.csv", max_bytes=len(data)).frame) == 100
    assert len(read_table(big_header(importer.MAX_COLUMNS), "wide.csv").columns) == 200
    # One byte in a hundred may be a control character (stray ones in a pasted note).
    start = b"Company,Role,Notes\nAcme,Dev," + b"\x01" * 101
    data = start + b"x" * (10_100 - len(start) - 1) + b"\n"
    assert len(data) == 10_100
    assert len(read_table(data, "upload.csv").frame) == 1
    with pytest.raises(ImportProblem, match="does not look like a text file"):
        read_table(start + b"\x01" + data[len(start) + 1 :], "upload.csv")


def test_a_file_over_the_size_limit_is_refused_before_it_is_read():
    """A 6 MB file is refused with both sizes, so the user knows how much to cut."""
    data = b"Company,Role,Date\n" + b"Acme,Engineer,2024-09-19\n" * 250_000
    with pytest.raises(
        ImportProblem, match=r"The file is 6\.\d MB; the import takes files up to 5"
    ):
        read_table(data, "big.csv")


def test_the_size_limit_can_be_lowered():
    with pytest.raises(ImportProblem, match=r"up to 1\.0 KB"):
        read_table(b"a,b\n" + b"1,2\n" * 300, "upload.csv", max_bytes=1000)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_any_text_either_reads_or_gets_a_clear_message(text: str):
    """No text file, however odd, makes the import fail with anything but a message."""
    try:
        raw = read_table(text.encode("utf-8"), "upload.csv")
    except ImportProblem as problem:
        assert str(problem)
    else:
        assert len(raw.frame) >= 1
        assert all(dtype == "str" for dtype in raw.frame.dtypes)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_either_read_or_get_a_clear_message(data: bytes):
    try:
        read_table(data, "upload.csv")
    except ImportProblem as problem:
        assert str(problem)


# What a decoded file can hold: any character but NUL bytes and lone surrogates.
cell = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=12)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(cell, min_size=6, max_size=6), min_size=1, max_size=5))
def test_any_cells_are_planned_or_explained(rows: list[list[str]]):
    """Odd values in a date, status, channel or round column never break the plan."""
    header = ["Company", "Role", "Interview date", "Status", "Round", "Preferred channel"]
    frame = pd.DataFrame(rows, columns=header, index=range(2, len(rows) + 2), dtype=str)
    raw = importer.RawTable(frame, "upload.csv", "UTF-8", ",", False, {})
    plan = plan_import(raw, suggest_mapping(header), US, NO_INTERVIEWS)
    assert plan.report["row"].tolist() == list(frame.index)
    assert len(plan.new) + len(plan.duplicates) + plan.skipped == len(rows)


# ---------------------------------------------------------------------------------------------
# Encodings and delimiters


def test_semicolons_and_latin_1_are_detected():
    """A German spreadsheet saved by Excel: semicolons, Latin-1, commas inside values."""
    raw = read_table(corpus("semicolon_latin1.csv"), "export.csv")
    assert raw.delimiter_name == "semicolon"
    assert raw.encoding == "Windows-1252 (Latin-1)"
    assert raw.frame["Firma"].tolist() == ["Müller GmbH", "Société Générale"]
    assert raw.frame.loc[2, "Notizen"] == "Gespräch gut, 3,5 Std."


def test_tabs_and_a_utf_8_bom_are_detected():
    raw = read_table(corpus("tab_utf8_bom.tsv"), "export.tsv")
    assert raw.delimiter_name == "tab"
    assert raw.encoding == "UTF-8 with BOM"
    assert raw.columns == ("Employer", "Job Title", "Interview Date", "Stage")
    assert raw.frame.loc[2, "Job Title"] == "Data “Scientist”"


def test_excels_sep_line_sets_the_delimiter():
    raw = read("sep=;\nCompany;Role;Date\nAcme, Inc;Engineer;2024-09-19\n")
    assert raw.delimiter == ";"
    assert raw.frame.loc[2, "Company"] == "Acme, Inc"


def test_a_file_with_old_mac_line_endings_reads():
    """Excel for Mac's old "CSV (Macintosh)" ends rows with a carriage return alone."""
    raw = read("Company,Role,Date\rAcme,Dev,2024-09-19\rBeta,QA,2024-09-20\r")
    assert raw.frame["Company"].tolist() == ["Acme", "Beta"]
    assert raw.frame.index.tolist() == [2, 3]


def test_line_breaks_inside_a_quoted_cell_are_kept_as_written():
    raw = read('Company,Role,Date,Notes\r\nAcme,Dev,2024-09-19,"one\r\ntwo\rthree"\r\n')
    assert raw.frame.loc[2, "Notes"] == "one\r\ntwo\rthree"


def test_cells_are_read_as_text_exactly():
    """Nothing is coerced: leading zeros, 'NA' and 'TRUE' stay as typed."""
    raw = read("Company,Role,Date,Phone\nNA,TRUE,2024-09-19,0044 20 7946 0000\n")
    assert raw.frame.loc[2].tolist() == ["NA", "TRUE", "2024-09-19", "0044 20 7946 0000"]


def test_rows_are_numbered_as_in_the_spreadsheet_and_blank_rows_are_ignored():
    raw = read("Company,Role,Date\nAcme,Engineer,2024-09-19\n,,\n\nBeta,Analyst,2024-09-20\n")
    assert raw.frame.index.tolist() == [2, 5]


def test_empty_and_repeated_column_names_get_unique_names():
    raw = read("Company,,Notes,Notes,Notes,Notes\nAcme,x,a,b,c,d\n")
    assert raw.columns == ("Company", "Column 2", "Notes", "Notes (2)", "Notes (3)", "Notes (4)")


@pytest.mark.parametrize(
    ("data", "encoding", "cell"),
    [
        (b"Company,Role\nCaf\xc3\xa9,Dev\n", "UTF-8", "Caf\u00e9"),
        (b"\xef\xbb\xbfCompany,Role\nCaf\xe9,Dev\n", "UTF-8 with BOM", "Caf\ufffd"),
        (b"Company,Role\nCaf\x81,Dev\n", "Latin-1", "Caf\x81"),
    ],
    ids=["utf-8", "bom then a bad byte", "not windows-1252"],
)
def test_the_encoding_is_named_and_a_bad_byte_never_stops_the_import(data, encoding, cell):
    """The preview names the encoding it read; a byte that is not text becomes a marker."""
    raw = read_table(data, "upload.csv")
    assert raw.encoding == encoding
    assert raw.frame["Company"].tolist() == [cell]


def test_a_semicolon_file_with_commas_in_its_header_is_split_on_semicolons():
    """The delimiter is the one every row agrees on, not the one that splits the header most."""
    raw = read(
        "Company;Role;Date;Notes, a, b, c, d\nAcme;Dev;2024-09-19;fine\nBeta;QA;2024-09-20;ok\n"
    )
    assert raw.delimiter == ";"
    assert raw.columns == ("Company", "Role", "Date", "Notes, a, b, c, d")


def test_a_row_with_too_many_cells_is_skipped_with_the_reason():
    """An unquoted comma shifts the cells; that row is not imported, the others are."""
    raw = read_table(corpus("ragged.csv"), "ragged.csv")
    plan = plan_import(raw, suggest_mapping(raw.columns), ISO, NO_INTERVIEWS)
    outcome = dict(zip(plan.report["row"], plan.report["outcome"], strict=True))
    assert outcome == {2: ADDED, 3: SKIPPED, 4: SKIPPED}
    reasons = plan.report.set_index("row")["reason"]
    assert reasons[3].startswith(
        "the row has 4 cells but the header has 3 (a value with a delimiter in it that is not "
        "in quotes?); "
    )
    assert reasons[4] == "Interview date is empty"


# ---------------------------------------------------------------------------------------------
# Mapping


def test_another_trackers_columns_are_suggested():
    """Company, Position, Date Applied, Status, Notes and Salary map to the tracker's fields."""
    raw = read_table(corpus("other_tracker.csv"), "jobs.csv")
    assert suggest_mapping(raw.columns) == {
        "Company": "company",
        "Position": "role",
        "Date Applied": "application_date",
        "Status": "status",
        "Notes": "notes",
        "Salary": "salary",
    }


@pytest.mark.parametrize(
    ("column", "field"),
    [
        ("Employer", "company"),
        ("ORGANISATION", "company"),
        ("job_title", "role"),
        ("Role", "role"),
        ("interview date", "interview_date"),
        ("Stage", "status"),
        ("Comments", "notes"),
        ("Contact", "interviewer"),
        ("E-mail", "interviewer_email"),
        ("Phone", "interviewer_phone"),
        ("decision_expected", "decision_expected"),
    ],
)
def test_column_names_are_matched_whatever_their_case_spaces_or_underscores(column, field):
    assert suggest_mapping([column]) == {column: field}


def test_our_own_columns_map_to_themselves():
    mapping = suggest_mapping(vocab.INTERVIEW_COLUMNS)
    assert mapping == {c: c for c in vocab.INTERVIEW_COLUMNS if c != "interview_id"}


def test_the_application_date_is_told_apart_from_the_interview_date():
    """With both columns, each date goes to its own field; each column is used once."""
    assert suggest_mapping(["Date Applied", "Interview Date", "Title", "Job Title"]) == {
        "Date Applied": "application_date",
        "Interview Date": "interview_date",
        "Job Title": "role",
    }


def test_unknown_columns_are_not_suggested():
    assert suggest_mapping(["Excitement", "Referral", "Column 7"]) == {}


def test_one_column_chosen_for_two_fields_is_refused():
    with pytest.raises(ImportProblem, match="'Title' is chosen for both Role and Notes"):
        importer.mapping_from_choices({"company": "A", "role": "Title", "notes": "Title"})


def test_missing_required_fields_are_named():
    raw = read("Company,Notes\nAcme,hello\n")
    with pytest.raises(ImportProblem) as raised:
        plan_import(raw, {"Company": "company"}, ISO, NO_INTERVIEWS)
    assert str(raised.value) == (
        "Choose the column that holds: Role, Interview date or Application date. The tracker "
        "needs the company and role of every row, and the day you applied or were interviewed."
    )


@pytest.mark.parametrize(
    ("mapping", "order", "message"),
    [
        ({"Firm": "company"}, ISO, "The file has no column 'Firm'."),
        ({"Company": "shoe_size"}, ISO, "The tracker has no field 'shoe_size'."),
        (
            {"Company": "company", "Notes": "company"},
            ISO,
            "Both 'Company' and 'Notes' are chosen for Company. Choose one column per field.",
        ),
        (
            {"Company": "company"},
            "day first",
            "Choose how the dates are written: ISO (year first), US (month first), European "
            "(day first).",
        ),
    ],
)
def test_a_mapping_the_import_cannot_use_says_what_to_change(mapping, order, message):
    raw = read("Company,Notes\nAcme,hello\n")
    with pytest.raises(ImportProblem) as raised:
        plan_import(raw, mapping, order, NO_INTERVIEWS)
    assert str(raised.value) == message


# ---------------------------------------------------------------------------------------------
# Dates


@pytest.mark.parametrize(
    ("text", "order", "expected"),
    [
        ("2024-09-19", ISO, dt.date(2024, 9, 19)),
        ("2024-09-19 00:00:00", ISO, dt.date(2024, 9, 19)),
        ("2024-09-19", US, dt.date(2024, 9, 19)),
        ("9/19/24", US, dt.date(2024, 9, 19)),
        ("09/19/2024", US, dt.date(2024, 9, 19)),
        ("19.09.2024", EUROPEAN, dt.date(2024, 9, 19)),
        ("19/09/2024", EUROPEAN, dt.date(2024, 9, 19)),
        ("03/04/2024", US, dt.date(2024, 3, 4)),
        ("03/04/2024", EUROPEAN, dt.date(2024, 4, 3)),
        ("19 Sep 2024", US, dt.date(2024, 9, 19)),
        ("September 19, 2024", EUROPEAN, dt.date(2024, 9, 19)),
    ],
)
def test_each_date_form_is_read(text: str, order: str, expected: dt.date):
    assert parse_date(text, order) == expected


@pytest.mark.parametrize(
    ("text", "order", "reason"),
    [
        ("2024-02-30", ISO, "not a real date: February 2024 has 29 days"),
        ("2023-02-29", ISO, "February 2023 has 28 days"),
        ("13/13/2024", US, "there is no month 13"),
        ("31/04/2024", EUROPEAN, "April 2024 has 30 days"),
        ("next Tuesday", ISO, "not a date the import can read"),
        ("19/09/2024", ISO, "not in year-month-day form"),
    ],
)
def test_impossible_dates_are_refused_with_the_reason(text: str, order: str, reason: str):
    with pytest.raises(ImportProblem, match=reason):
        parse_date(text, order)


def test_iso_dates_need_no_choice():
    assert guess_date_order(["2024-09-19", "2024-10-01", ""]) == importer.DateOrderGuess(ISO)


def test_us_dates_are_recognised_from_a_day_above_12():
    raw = read_table(corpus("us_dates.csv"), "us.csv")
    values = importer.date_values(raw, suggest_mapping(raw.columns))
    assert guess_date_order(values).order == US


def test_european_dates_are_recognised_from_a_day_above_12():
    raw = read_table(corpus("european_dates.csv"), "eu.csv")
    values = importer.date_values(raw, suggest_mapping(raw.columns))
    assert guess_date_order(values).order == EUROPEAN


def test_dates_that_read_both_ways_ask_the_user_with_an_example():
    """03/04/2024 is 4 March or 3 April: the user chooses."""
    raw = read_table(corpus("ambiguous_dates.csv"), "dates.csv")
    guess = guess_date_order(importer.date_values(raw, suggest_mapping(raw.columns)))
    assert guess.ambiguous
    assert guess.example == "03/04/2024"


def test_dates_with_the_same_day_and_month_are_not_ambiguous():
    assert not guess_date_order(["05/05/2024", "2024-01-02"]).ambiguous


def test_the_chosen_order_decides_the_dates():
    raw = read_table(corpus("ambiguous_dates.csv"), "dates.csv")
    mapping = suggest_mapping(raw.columns)
    us = plan_import(raw, mapping, US, NO_INTERVIEWS).rows()
    european = plan_import(raw, mapping, EUROPEAN, NO_INTERVIEWS).rows()
    assert us["interview_date"].tolist() == [dt.date(2024, 3, 4), dt.date(2024, 5, 6)]
    assert european["interview_date"].tolist() == [dt.date(2024, 4, 3), dt.date(2024, 6, 5)]


def test_rows_with_impossible_dates_are_skipped_with_the_reason():
    raw = read_table(corpus("impossible_dates.csv"), "dates.csv")
    plan = plan_import(raw, suggest_mapping(raw.columns), US, NO_INTERVIEWS)
    reasons = plan.report.set_index("row")["reason"].to_dict()
    assert plan.report["outcome"].tolist() == [SKIPPED, SKIPPED, ADDED, SKIPPED]
    assert reasons[2] == (
        "Interview date: '2024-02-30' is not a real date: February 2024 has 29 days"
    )
    assert reasons[3] == "Interview date: '13/13/2024' is not a real date: there is no month 13"
    assert "'next Tuesday' is not a date the import can read" in reasons[5]
    assert plan.rows()["company"].tolist() == ["Gamma"]


# ---------------------------------------------------------------------------------------------
# Statuses and channels


def test_unknown_statuses_are_listed_once_each():
    raw = read_table(corpus("unknown_statuses.csv"), "s.csv")
    unknown = importer.unknown_values(raw, suggest_mapping(raw.columns))
    assert unknown == {"status": ["On hold"]}


def test_rows_with_an_unknown_status_are_skipped_until_the_user_says_what_it_means():
    raw = read_table(corpus("unknown_statuses.csv"), "s.csv")
    plan = plan_import(raw, suggest_mapping(raw.columns), ISO, NO_INTERVIEWS)
    report = plan.report.set_index("row")
    assert report["outcome"].tolist() == [ADDED, ADDED, SKIPPED, ADDED]
    assert report.loc[4, "reason"] == (
        "Status 'On hold' is not one the tracker knows; choose what it stands for to import "
        "this row"
    )
    assert report.loc[5, "reason"] == "no status: set to Awaiting decision"
    assert plan.rows()["status"].tolist() == ["Rejected", "Offer", "Awaiting decision"]


def test_the_users_choice_for_an_unknown_status_is_applied():
    raw = read_table(corpus("unknown_statuses.csv"), "s.csv")
    choices = {"status": {"ghosted": "Rejected", "On hold": "Awaiting decision"}}
    plan = plan_import(raw, suggest_mapping(raw.columns), ISO, NO_INTERVIEWS, choices)
    assert plan.rows()["status"].tolist() == [
        "Rejected",
        "Offer",
        "Awaiting decision",
        "Awaiting decision",
    ]


def test_a_choice_outside_the_vocabulary_is_refused():
    raw = read_table(corpus("unknown_statuses.csv"), "s.csv")
    with pytest.raises(ImportProblem, match="'Lost' is not a status choice"):
        plan_import(
            raw, suggest_mapping(raw.columns), ISO, NO_INTERVIEWS, {"status": {"Ghosted": "Lost"}}
        )


@pytest.mark.parametrize(
    ("field", "text", "expected"),
    [
        ("status", "  awaiting_decision ", "Awaiting decision"),
        ("status", "Interviewing", "Awaiting decision"),
        ("status", "2nd round", "Next round"),
        ("status", "Offered", "Offer"),
        ("preferred_channel", "e-mail", "Email"),
        ("preferred_channel", "phone", "Phone call"),
        ("preferred_channel", "LinkedIn", "LinkedIn message"),
        ("status", "Declined", "Withdrawn"),
        ("status", "Ghosted", "Rejected"),
        ("status", "Phone screen", "Awaiting decision"),
        ("status", "Beworben", "Applied"),
        ("status", "Candidature envoyée", "Applied"),
        ("status", "Entrevista", "Awaiting decision"),
        ("status", "Zurückgezogen", "Withdrawn"),
        ("status", "On hold", None),
    ],
)
def test_statuses_and_channels_match_the_vocabulary_and_a_few_synonyms(field, text, expected):
    assert importer.vocabulary_value(field, text) == expected


def test_an_unknown_channel_can_be_left_empty():
    text = "Company,Role,Date,Channel\nAcme,Engineer,2024-09-19,Carrier pigeon\n"
    skipped = plan_for(text)
    assert skipped.report.loc[0, "outcome"] == SKIPPED
    kept = plan_for(text, value_choices={"preferred_channel": {"Carrier pigeon": ""}})
    assert kept.rows()["preferred_channel"].tolist() == [""]


# ---------------------------------------------------------------------------------------------
# Duplicates


def test_a_row_already_in_the_tracker_is_flagged_not_added():
    """Same company, role and date (different case and spaces) is a likely duplicate."""
    existing = interviews(("Acme  Corp", "backend engineer", dt.date(2024, 9, 19)))
    raw = read_table(corpus("other_tracker.csv"), "jobs.csv")
    plan = plan_import(raw, suggest_mapping(raw.columns), ISO, existing)
    assert plan.report["outcome"].tolist() == [DUPLICATE, ADDED, ADDED]
    # The file's rows have only an application date: the same date still flags them.
    assert (
        plan.report.loc[0, "reason"]
        == "same company, role and date as an interview in your tracker"
    )
    assert plan.rows()["company"].tolist() == ["Beta Ltd", "Gamma"]


def test_flagged_duplicates_are_imported_only_when_asked_for():
    existing = interviews(("Acme Corp", "Backend Engineer", dt.date(2024, 9, 19)))
    raw = read_table(corpus("other_tracker.csv"), "jobs.csv")
    plan = plan_import(raw, suggest_mapping(raw.columns), ISO, existing)
    assert plan.rows(include_duplicates=True)["company"].tolist() == [
        "Acme Corp",
        "Beta Ltd",
        "Gamma",
    ]


def test_existing_dates_stored_as_text_or_timestamps_are_compared_too():
    existing = interviews(
        ("Acme Corp", "Backend Engineer", "2024-09-19"),
        ("Gamma", "Designer", pd.Timestamp("2024-10-01")),
    )
    raw = read_table(corpus("other_tracker.csv"), "jobs.csv")
    plan = plan_import(raw, suggest_mapping(raw.columns), ISO, existing)
    assert plan.report["outcome"].tolist() == [DUPLICATE, ADDED, DUPLICATE]


def test_the_same_interview_twice_in_the_file_is_flagged_the_second_time():
    plan = plan_for("Company,Role,Date\nAcme,Engineer,2024-09-19\nACME,engineer,19 Sep 2024\n")
    assert plan.report["outcome"].tolist() == [ADDED, DUPLICATE]
    assert plan.report.loc[1, "reason"] == (
        "same company, role and interview date as row 2 of this file"
    )


def test_a_date_and_time_stored_as_text_is_compared_by_its_day():
    existing = interviews(("Acme", "Engineer", "2024-09-19T10:30"))
    plan = plan_for("Company,Role,Date\nAcme,Engineer,2024-09-19\n", existing=existing)
    assert plan.report["outcome"].tolist() == [DUPLICATE]


def test_another_company_or_role_with_the_same_date_is_not_a_duplicate():
    existing = interviews(("Acme", "Engineer", dt.date(2024, 9, 19)))
    text = "Company,Role,Date\nBeta,Engineer,2024-09-19\nAcme,Designer,2024-09-19\n"
    plan = plan_for(text, existing=existing)
    assert plan.report["outcome"].tolist() == [ADDED, ADDED]


def test_an_application_already_in_the_tracker_is_flagged_by_its_application_date():
    existing = interviews(("Acme", "Engineer", None)).assign(
        status="Applied", application_date=dt.date(2024, 9, 1)
    )
    plan = plan_for("Company,Role,Date applied\nAcme,Engineer,2024-09-01\n", existing=existing)
    assert plan.report["outcome"].tolist() == [DUPLICATE]


def test_a_table_with_only_company_role_and_date_is_checked_for_duplicates():
    """The check needs three columns of the existing table, no more (an older tracker, say)."""
    existing = pd.DataFrame(
        {"company": ["Acme"], "role": ["Engineer"], "interview_date": ["2024-09-19"]}
    )
    plan = plan_for("Company,Role,Date\nAcme,Engineer,2024-09-19\n", existing=existing)
    assert plan.report["outcome"].tolist() == [DUPLICATE]


def test_the_report_has_its_columns_in_order_and_whole_row_numbers():
    plan = plan_for("Company,Role,Date\nAcme,Engineer,2024-09-19\n,Tester,2024-09-20\n")
    assert plan.report.columns.tolist() == list(importer.REPORT_COLUMNS)
    assert plan.report["row"].tolist() == [2, 3]
    assert plan.report["row"].dtype == "int64"
    assert plan.report["company"].tolist() == ["Acme", ""]
    assert plan.report["role"].tolist() == ["Engineer", "Tester"]
    assert plan.report["interview date"].tolist() == ["2024-09-19", "2024-09-20"]
    assert plan.report["application date"].tolist() == ["", ""]
    applied = plan_for("Company,Role,Date applied\nAcme,Engineer,2024-09-19\n")
    assert applied.report[["interview date", "application date"]].values.tolist() == [
        ["", "2024-09-19"]
    ]


def test_an_empty_status_is_not_a_choice_for_an_unknown_status():
    """A status cannot be left empty (a channel can): choosing '' for one is refused."""
    raw = read_table(corpus("unknown_statuses.csv"), "s.csv")
    with pytest.raises(ImportProblem, match="'' is not a status choice"):
        plan_import(
            raw, suggest_mapping(raw.columns), ISO, NO_INTERVIEWS, {"status": {"On hold": ""}}
        )


def test_a_different_date_is_not_a_duplicate():
    existing = interviews(("Acme", "Engineer", dt.date(2024, 9, 19)))
    plan = plan_for("Company,Role,Date\nAcme,Engineer,2024-09-26\n", existing=existing)
    assert plan.report["outcome"].tolist() == [ADDED]


# ---------------------------------------------------------------------------------------------
# The plan's rows and our own export


def test_the_rows_follow_the_trackers_columns_and_types():
    """What the tracker receives: its columns without the id, text as str, dates as dates."""
    raw = read_table(corpus("other_tracker.csv"), "jobs.csv")
    rows = plan_import(raw, suggest_mapping(raw.columns), ISO, NO_INTERVIEWS).rows()
    assert tuple(rows.columns) == importer.TARGET_FIELDS
    assert rows.index.tolist() == [0, 1, 2]
    assert rows.loc[0, "notes"] == "Met Dana, VP; follow up Friday"
    # Interviewing, but the file gives no interview date: it comes in as an application.
    assert rows.loc[0, "status"] == "Applied"
    assert rows.loc[2, "status"] == "Offer"
    assert rows.loc[1, "application_date"] == dt.date(2024, 9, 23)
    assert rows.loc[1, "interview_date"] is None
    assert rows.loc[2, "salary"] == "95k"
    assert rows.loc[1, "decision_expected"] is None
    assert rows.loc[1, "interviewer"] == ""
    assert rows["round"].map(type).eq(str).all()


def test_our_own_export_round_trips_exactly():
    """Formula-like cells neutralised on export come back exactly as they were typed."""
    raw = read_table(corpus("interviews.csv"), "interviews.csv")
    assert raw.own_export
    rows = plan_import(raw, suggest_mapping(raw.columns), ISO, NO_INTERVIEWS).rows()
    first, second = rows.loc[0], rows.loc[1]
    assert first["company"] == '=HYPERLINK("http://evil.example","Acme")'
    assert first["interviewer_phone"] == "+1 555 0100"
    assert first["notes"] == "-- call after the 26th\nsecond line"
    assert first["decision_expected"] == dt.date(2024, 9, 26)
    assert first["round"] == "1"
    assert first["preferred_channel"] == "Email"
    assert second["company"] == "'Quoted' Ltd"
    assert second["role"] == "@Analyst"
    assert second["round"] == ""


def test_rows_of_our_export_already_in_the_tracker_are_flagged_by_id():
    """Re-importing an export after editing a row still flags it: the id is the same."""
    existing = interviews(("Renamed Co", "Engineer", dt.date(2024, 9, 1)))
    existing["interview_id"] = ["i-0002"]
    raw = read_table(corpus("interviews.csv"), "interviews.csv")
    plan = plan_import(raw, suggest_mapping(raw.columns), ISO, existing)
    assert plan.report["outcome"].tolist() == [ADDED, DUPLICATE]
    assert plan.report.loc[1, "reason"] == "already in your tracker (same interview id i-0002)"


def test_apostrophes_in_another_trackers_file_are_kept():
    """Only our own export is un-neutralised; other files are read as they are."""
    plan = plan_for("Company,Role,Date\n'=x,Engineer,2024-09-19\n")
    assert plan.rows()["company"].tolist() == ["'=x"]


@pytest.mark.parametrize(
    ("text", "expected"), [("2", "2"), ("Round 3", "3"), ("2nd", "2"), ("1st", "1"), ("01", "1")]
)
def test_another_trackers_numbered_rounds_become_numbers(text: str, expected: str):
    plan = plan_for(f"Company,Role,Date,Round\nAcme,Engineer,2024-09-19,{text}\n")
    assert plan.rows()["round"].tolist() == [expected]


@pytest.mark.parametrize("text", ["final", "HR screen", "second (panel)", "Round 0"])
def test_a_round_that_is_not_a_number_is_kept_as_typed(text: str):
    plan = plan_for(f"Company,Role,Date,Round\nAcme,Engineer,2024-09-19,{text}\n")
    assert plan.rows().loc[0, "round"] == text


def test_missing_required_cells_are_each_named():
    plan = plan_for("Company,Role,Date,Notes\n , ,,call back\n")
    assert (
        plan.report.loc[0, "reason"] == "Company is empty; Role is empty; Interview date is empty"
    )


ROUNDS = ["final", "HR screen", "2nd", "01", " 3 ", "Round 2", "1"]


def test_our_own_export_reads_back_exactly_through_the_import():
    """Every cell of this app's export comes back as it was, rounds included ("01", "final")."""
    from followup import export, tracker

    rows = pd.DataFrame(
        {
            "company": [f"Co {n}" for n in range(len(ROUNDS))],
            "role": ["=Analyst", "Engineer\tII", "'quoted", "x;=1+1", " spaced ", "@dev", "-"],
            "interview_date": [dt.date(2024, 9, 19)] * len(ROUNDS),
            "round": ROUNDS,
            "notes": ["two\nlines", "", "+1", "a,b", '"q"', "\r\nx", "ok"],
        }
    )
    original = tracker.add_interviews(tracker.Tracker.empty(), rows)
    raw = read_table(export.interviews_csv(original), "interviews.csv")
    plan = plan_import(raw, suggest_mapping(raw.columns), ISO, NO_INTERVIEWS)
    assert plan.report["outcome"].tolist() == [ADDED] * len(ROUNDS)
    back = tracker.add_interviews(tracker.Tracker.empty(), plan.rows())
    columns = [c for c in vocab.INTERVIEW_COLUMNS if c != "interview_id"]
    pd.testing.assert_frame_equal(back.interviews[columns], original.interviews[columns])


def test_control_characters_in_a_file_are_removed_and_reported():
    """A stray control character (vertical tab, DEL) is dropped, and the report says so."""
    text = "pasted from a document " * 5
    plan = plan_for(f"Company,Role,Date,Notes\nAc\x0bme,Engineer,2024-09-19,a\x7fb\tc {text}\n")
    assert plan.rows().loc[0, "company"] == "Acme"
    assert plan.rows().loc[0, "notes"] == f"ab\tc {text}"
    assert plan.report.loc[0, "reason"] == (
        "Company: control characters removed; Notes: control characters removed"
    )
