"""Importing what people type: month names in four languages, dates without a year, links."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from followup import importer, vocab
from followup.importer import EUROPEAN, ISO, SKIPPED, US, ImportProblem, parse_date, plan_import

NO_INTERVIEWS = pd.DataFrame(columns=list(vocab.INTERVIEW_COLUMNS))


def plan_for(text: str, order: str = ISO, **kwargs) -> importer.ImportPlan:
    raw = importer.read_table(text.encode("utf-8"), "upload.csv")
    return plan_import(raw, importer.suggest_mapping(raw.columns), order, NO_INTERVIEWS, **kwargs)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("19. September 2024", dt.date(2024, 9, 19)),
        ("3. März 2024", dt.date(2024, 3, 3)),
        ("19 Okt. 2024", dt.date(2024, 10, 19)),
        ("1er mars 2024", dt.date(2024, 3, 1)),
        ("19 septembre 2024", dt.date(2024, 9, 19)),
        ("5 févr. 2024", dt.date(2024, 2, 5)),
        ("12 août 2024", dt.date(2024, 8, 12)),
        ("19 de septiembre de 2024", dt.date(2024, 9, 19)),
        ("7 ene 2025", dt.date(2025, 1, 7)),
        ("2 dic. 24", dt.date(2024, 12, 2)),
        ("19-Sep-24", dt.date(2024, 9, 19)),
        ("Sept 19, 2024", dt.date(2024, 9, 19)),
        ("19.09.24", dt.date(2024, 9, 19)),
    ],
)
def test_month_names_and_two_digit_years_are_read(text: str, expected: dt.date):
    """Dates as Germans, French, Spaniards and spreadsheets write them read right."""
    assert parse_date(text, EUROPEAN) == expected


@pytest.mark.parametrize("text", ["9/19", "19.09.", "Sep 19", "19 septembre", "19. Sept."])
def test_a_date_without_a_year_needs_the_year_of_the_file(text: str):
    """A date typed without its year is recognised as such, and read once a year is given."""
    order = US if text == "9/19" else EUROPEAN
    assert importer.has_no_year(text)
    with pytest.raises(importer.MissingYear, match="has no year"):
        parse_date(text, order)
    assert parse_date(text, order, year=2024) == dt.date(2024, 9, 19)


def test_the_suggested_year_is_the_latest_with_no_date_in_the_future():
    """Yearless dates up to today mean this year; one after today means last year."""
    today = dt.date(2025, 3, 10)
    assert importer.suggest_year(["1/15", "3/10"], US, today) == 2025
    assert importer.suggest_year(["1/15", "12/20"], US, today) == 2024


def test_rows_with_yearless_dates_are_imported_with_the_chosen_year():
    """With the year chosen once, every yearless row comes in; without it they wait."""
    text = "Company,Role,Date applied\nAcme,Analyst,9/19\nBeta,Tester,10/02\n"
    waiting = plan_for(text, US)
    assert waiting.report["outcome"].tolist() == [SKIPPED, SKIPPED]
    assert "has no year" in waiting.report.loc[0, "reason"]
    plan = plan_for(text, US, year=2024)
    assert plan.rows()["application_date"].tolist() == [dt.date(2024, 9, 19), dt.date(2024, 10, 2)]
    raw = importer.read_table(text.encode(), "x.csv")
    mapping = importer.suggest_mapping(raw.columns)
    assert importer.values_without_year(raw, mapping) == ["9/19", "10/02"]
    assert importer.guess_date_order(importer.date_values(raw, mapping)).order == US


def test_an_applied_row_takes_a_plain_date_as_its_application_date():
    """A home-made sheet with one Date column: applications get it as their application date."""
    plan = plan_for(
        "Firma;Stelle;Datum;Status\nMüller GmbH;Entwickler;2024-09-19;Beworben\n"
        "Schmidt AG;Analyst;2024-09-20;Vorstellungsgespräch\n"
    )
    rows = plan.rows()
    assert rows["status"].tolist() == ["Applied", "Awaiting decision"]
    assert rows["application_date"].tolist() == [dt.date(2024, 9, 19), None]
    assert rows["interview_date"].tolist() == [None, dt.date(2024, 9, 20)]
    assert plan.report["reason"].tolist() == [
        "status 'Beworben': the date is taken as the application date",
        "",
    ]


def test_a_row_with_only_an_application_date_is_an_application():
    """No status column, or an empty status: the row comes in as Applied, and says so if empty."""
    no_column = plan_for("Company,Role,Date applied\nAcme,Dev,2024-09-19\n")
    assert no_column.rows()["status"].tolist() == ["Applied"]
    assert no_column.report["reason"].tolist() == [""]
    empty = plan_for("Company,Role,Date applied,Status\nAcme,Dev,2024-09-19,\n")
    assert empty.rows()["status"].tolist() == ["Applied"]
    assert empty.report["reason"].tolist() == ["no status: set to Applied"]


def test_an_interview_status_without_an_interview_date_comes_in_as_an_application():
    plan = plan_for("Company,Role,Date applied,Status\nAcme,Dev,2024-09-19,2nd round\n")
    assert plan.rows()["status"].tolist() == ["Applied"]
    assert plan.report["reason"].tolist() == [
        "status '2nd round' but no interview date: imported as Applied; set the interview "
        "date and status in the tracker"
    ]


def test_a_recognised_status_can_be_read_another_way():
    """The user's choice wins over how the import read a known word (Ghosted as Withdrawn)."""
    text = "Company,Role,Interview date,Status\nAcme,Analyst,2024-09-19,Ghosted\n"
    assert plan_for(text).rows()["status"].tolist() == ["Rejected"]
    chosen = plan_for(text, value_choices={"status": {"Ghosted": "Withdrawn"}})
    assert chosen.rows()["status"].tolist() == ["Withdrawn"]


def test_status_readings_list_each_value_with_how_it_is_read():
    """The preview shows every status word of the file and the status it becomes."""
    raw = importer.read_table(
        b"Company,Role,Date applied,Status\nA,R,2024-09-01,Submitted\nB,R,2024-09-02,On hold\n"
        b"C,R,2024-09-03,submitted\n",
        "x.csv",
    )
    readings = importer.status_readings(raw, importer.suggest_mapping(raw.columns))
    assert readings == {"Submitted": "Applied", "On hold": None}


@pytest.mark.parametrize(
    ("cell", "kept", "note"),
    [
        ("https://jobs.example.org/1?x=2", "https://jobs.example.org/1?x=2", ""),
        ("www.example.org/jobs/1", "https://www.example.org/jobs/1", "job link: https:// added"),
        (
            "javascript:alert(1)",
            "",
            "job link 'javascript:alert(1)' is not a web address (http or https): left out",
        ),
        ("see email", "", "job link 'see email' is not a web address (http or https): left out"),
    ],
)
def test_job_links_are_kept_only_as_web_addresses(cell: str, kept: str, note: str):
    """A link becomes a web address or is left out with a note; it never becomes anything else."""
    plan = plan_for(f"Company,Role,Date applied,URL\nAcme,Analyst,2024-09-19,{cell}\n")
    assert plan.rows()["job_url"].tolist() == [kept]
    assert plan.report.loc[0, "reason"] == note


def test_a_file_without_any_date_column_is_refused_with_what_to_choose():
    """Company and role alone are not enough: the day of the application or interview is."""
    raw = importer.read_table(b"Company,Role\nAcme,Analyst\n", "x.csv")
    with pytest.raises(ImportProblem, match="Interview date or Application date"):
        plan_import(raw, importer.suggest_mapping(raw.columns), ISO, NO_INTERVIEWS)


def test_no_status_word_is_read_two_ways():
    """Each known word stands for exactly one status, and every status word is a known status."""
    words = [w for ws in importer._STATUS_WORDS.values() for w in ws]
    assert len(words) == len(set(words))
    assert set(importer.STATUS_SYNONYMS.values()) <= set(vocab.STATUSES)
    assert all(importer._value_key(w) == w for w in words)


def test_emoji_and_punctuation_in_a_status_do_not_matter():
    """A stage named with an emoji or an exclamation mark is still recognised."""
    assert importer.vocabulary_value("status", "No Response 🔕") == "Rejected"
    assert importer.vocabulary_value("status", "Offer!") == "Offer"


def test_unknown_values_are_counted_once_each_most_rows_first():
    """The import screen lists each unknown value once, as first written, with its row count."""
    text = (
        "Company,Role,Date,Status,Channel\n"
        "A,Dev,2024-09-19,On hold,Carrier pigeon\n"
        "B,Dev,2024-09-19,Offer,Email\n"
        "C,Dev,2024-09-19,  ghosted-ish ,\n"
        "D,Dev,2024-09-19,Ghosted ish,Email\n"
        "E,Dev,2024-09-19,GHOSTED-ISH,Carrier pigeon\n"
        "F,Dev,2024-09-19,,Email\n"
    )
    raw = importer.read_table(text.encode(), "u.csv")
    counts = importer.unknown_value_counts(raw, importer.suggest_mapping(raw.columns))
    assert set(counts) == {"status", "preferred_channel"}
    assert counts["status"].to_dict("list") == {"value": ["ghosted-ish", "On hold"], "rows": [3, 1]}
    assert counts["preferred_channel"].to_dict("list") == {"value": ["Carrier pigeon"], "rows": [2]}
    assert counts["status"].index.tolist() == [0, 1]


def test_a_field_whose_values_are_all_known_has_nothing_to_count():
    """Known statuses are not listed; an unknown channel after them still is."""
    text = "Company,Role,Date,Status,Channel\nA,Dev,2024-09-19,Offer,Pigeon\n"
    raw = importer.read_table(text.encode(), "k.csv")
    mapping = importer.suggest_mapping(raw.columns)
    counts = importer.unknown_value_counts(raw, mapping)
    assert list(counts) == ["preferred_channel"]
    assert counts["preferred_channel"]["value"].tolist() == ["Pigeon"]
    assert importer.unknown_values(raw, mapping) == {"preferred_channel": ["Pigeon"]}
    known = importer.read_table(b"Company,Role,Date,Status\nA,Dev,2024-09-19,Offer\n", "k.csv")
    assert importer.unknown_value_counts(known, importer.suggest_mapping(known.columns)) == {}


def test_values_with_as_many_rows_keep_the_order_they_first_appear_in():
    """Among many unknown values of one row each, the list follows the file, not the alphabet."""
    words = [f"Stage {chr(ord('z') - n)}{n}" for n in range(40)]
    rows = [f"A,Dev,2024-09-19,{word}" for word in [*words, words[25]]]
    raw = importer.read_table(("Company,Role,Date,Status\n" + "\n".join(rows)).encode(), "m.csv")
    mapping = importer.suggest_mapping(raw.columns)
    counts = importer.unknown_value_counts(raw, mapping)["status"]
    assert counts["value"].tolist() == [words[25], *words[:25], *words[26:]]
    assert counts["rows"].tolist() == [2] + [1] * 39
    assert importer.unknown_values(raw, mapping)["status"] == words


def test_a_field_chosen_as_none_is_left_out_and_the_others_kept():
    choices = {"company": "Firm", "interviewer": None, "role": "Job", "notes": None, "status": "S"}
    assert importer.mapping_from_choices(choices) == {
        "Firm": "company",
        "Job": "role",
        "S": "status",
    }


@pytest.mark.parametrize("text", ["2024-09-19", "9/19/2024", "19 Sep 2024", "Sep 19, 2024", "x"])
def test_a_date_with_its_year_or_no_date_at_all_is_not_yearless(text: str):
    assert not importer.has_no_year(text)


def test_a_yearless_29_february_counts_while_the_order_is_guessed():
    """29/2 reads only day first (in a leap year): the file's order is European, not a question."""
    assert importer.guess_date_order(["29/2", "3/1"]).order == EUROPEAN


def test_file_sizes_in_messages_are_rounded_as_people_read_them():
    """Sizes from 100 KB up are given in MB, smaller ones in KB, to one decimal."""
    with pytest.raises(ImportProblem) as raised:
        importer.read_table(b"a,b\n" + b"x" * 99_996, "big.csv", max_bytes=99_900)
    assert str(raised.value) == (
        "The file is 0.1 MB; the import takes files up to 99.9 KB. Remove rows or columns you "
        "do not need, or split the file, and try again."
    )
    with pytest.raises(
        ImportProblem, match=r"The file is 1\.1 MB; the import takes files up to 1\.1 KB"
    ):
        importer.read_table(b"a,b\n" + b"x" * 1_049_996, "big.csv", max_bytes=1_050)


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        ("Applied", "Application date is empty"),
        ("Next round", "Interview date is empty"),
        ("Rejected", "Interview date and Application date are empty"),
    ],
)
def test_a_row_without_any_date_is_skipped_saying_which_date_it_needs(status: str, reason: str):
    plan = plan_for(f"Company,Role,Date,Status\nAcme,Dev,,{status}\n")
    assert plan.report["outcome"].tolist() == [SKIPPED]
    assert plan.report["reason"].tolist() == [reason]


@pytest.mark.parametrize(
    ("text", "order", "problem", "message"),
    [
        ("9/19", US, importer.MissingYear, "'9/19' has no year; choose which year the file means"),
        ("19 Sep", EUROPEAN, importer.MissingYear, "'19 Sep' has no year; choose which year "),
        ("Sep 19", US, importer.MissingYear, "'Sep 19' has no year; choose which year the "),
        ("31 Feb 2024", EUROPEAN, ImportProblem, "'31 Feb 2024' is not a real date: February "),
        ("Feb 31, 2024", US, ImportProblem, "'Feb 31, 2024' is not a real date: February 2024 "),
    ],
)
def test_a_date_that_cannot_be_read_is_quoted_as_written(text, order, problem, message):
    """Each way of writing a date names the cell as the user wrote it in its message."""
    with pytest.raises(problem) as raised:
        parse_date(text, order)
    assert str(raised.value).startswith(message)


def test_a_two_column_semicolon_file_with_a_comma_in_its_header_splits_on_semicolons():
    raw = importer.read_table(b"Company;Notes, more\nAcme;fine\nBeta;ok\n", "x.csv")
    assert raw.delimiter == ";"
    assert raw.columns == ("Company", "Notes, more")
