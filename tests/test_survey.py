"""The survey file is checked on load, and read back the way the Channels page needs it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followup import survey, vocab
from followup.paths import SHIPPED_DATA_DIR

SHIPPED = SHIPPED_DATA_DIR / "surveys.csv"
MAIN_FIGURES = {
    "Email": 87,
    "Phone call": 81,
    "Handwritten note": 38,
    "Social media": 27,
    "Text message": 10,
}


def good_row(**changes: str) -> dict[str, str]:
    row = {
        "survey_id": "demo",
        "publisher": "Demo Research",
        "year": "2017",
        "published": "2017-09-19",
        "sample": "100 HR managers",
        "question": "Which channel is best?",
        "answer": "Email",
        "share_pct": "64",
        "multiple_answers": "false",
        "source_url": "https://example.org/demo",
        "note": "",
    }
    return {**row, **changes}


def write_rows(folder: Path, rows: list[dict[str, str]]) -> Path:
    path = folder / "surveys.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


@pytest.fixture
def shipped() -> pd.DataFrame:
    return survey.load_surveys(SHIPPED)


def test_main_survey_has_the_five_published_figures(shipped: pd.DataFrame):
    """The shipped main survey holds exactly the five channel shares as published."""
    main = survey.answers(shipped, survey.MAIN_SURVEY)
    assert dict(zip(main["answer"], main["share_pct"], strict=True)) == MAIN_FIGURES


def test_main_survey_year_is_left_unknown_and_allows_several_answers(shipped: pd.DataFrame):
    """The main survey's year is not stated anywhere, so the data does not invent one."""
    info = survey.describe(shipped, survey.MAIN_SURVEY)
    assert info.year is None
    assert info.published is None
    assert info.when == "year not stated"
    assert info.multiple_answers is True
    assert info.answer_type == "several answers allowed"


def test_every_related_survey_is_shipped_with_a_web_source(shipped: pd.DataFrame):
    """Every survey the reference lists is in the file, each figure with its source address."""
    assert survey.survey_ids(shipped) == [
        "hr-channels",
        "hr-thank-you-helpful",
        "executives-2008",
        "after-resume-2017",
        "wait-after-resume-2017",
        "thank-you-2017",
        "canada-appropriate",
        "canada-sent",
    ]
    assert shipped["source_url"].str.startswith("https://").all()


def test_timing_question_keeps_its_published_order(shipped: pd.DataFrame):
    """The 2017 'how long to wait' answers stay in their natural order, from soonest to never."""
    timing = survey.answers(shipped, survey.TIMING_SURVEY)
    assert list(timing["answer"]) == [
        "Less than one week",
        "One to less than two weeks",
        "Two to less than three weeks",
        "Three weeks or more",
        "They shouldn't follow up",
    ]
    assert list(timing["share_pct"]) == [29, 36, 25, 10, 0]


def test_shipped_file_is_written_back_byte_for_byte(shipped: pd.DataFrame):
    """The CSV download is the shipped file itself, in the same format."""
    assert survey.surveys_to_csv(shipped) == SHIPPED.read_text(encoding="utf-8")


def test_a_valid_file_is_typed(tmp_path: Path):
    """Shares become numbers, the year an integer, the date a date, the answer type a boolean."""
    loaded = survey.load_surveys(write_rows(tmp_path, [good_row()]))
    row = loaded.iloc[0]
    assert row["share_pct"] == 64.0
    assert row["year"] == 2017
    assert row["published"] == pd.Timestamp("2017-09-19")
    assert bool(row["multiple_answers"]) is False


def test_an_empty_answer_type_means_not_stated(tmp_path: Path):
    """A source that does not say whether several answers were allowed is shown as such."""
    loaded = survey.load_surveys(write_rows(tmp_path, [good_row(multiple_answers="")]))
    assert survey.describe(loaded, "demo").answer_type == "answer type not stated"


def test_missing_column_is_named(tmp_path: Path):
    """A file without the share column is refused, naming the file and the column."""
    row = good_row()
    del row["share_pct"]
    path = write_rows(tmp_path, [row])
    with pytest.raises(survey.SurveyDataError, match="lacks the column share_pct") as err:
        survey.load_surveys(path)
    assert str(path) in str(err.value)


def test_unknown_column_is_named(tmp_path: Path):
    """A misspelt column is refused rather than silently ignored."""
    path = write_rows(tmp_path, [{**good_row(), "shares": "64"}])
    with pytest.raises(survey.SurveyDataError, match="has an unknown column shares"):
        survey.load_surveys(path)


def test_share_above_100_names_the_row(tmp_path: Path):
    """A share of 120% is refused with the file, the row and the value."""
    path = write_rows(tmp_path, [good_row(), good_row(answer="Phone call", share_pct="120")])
    with pytest.raises(survey.SurveyDataError) as err:
        survey.load_surveys(path)
    assert str(err.value) == (
        f"{path}, row 2 (line 3): share_pct is 120, but a share must be between 0 and 100."
    )


def test_text_in_a_number_column_names_the_row(tmp_path: Path):
    """A share written as words is refused with the row it is on."""
    path = write_rows(tmp_path, [good_row(share_pct="about half")])
    with pytest.raises(survey.SurveyDataError, match="row 1 \\(line 2\\): share_pct is 'about"):
        survey.load_surveys(path)


def test_text_in_the_year_column_names_the_row(tmp_path: Path):
    """A guessed year like 'mid-2010s' is refused: leave it empty instead."""
    path = write_rows(tmp_path, [good_row(year="mid-2010s", published="")])
    with pytest.raises(survey.SurveyDataError, match=r"row 1 .*year is 'mid-2010s'"):
        survey.load_surveys(path)


def test_two_questions_in_one_survey_are_refused(tmp_path: Path):
    """One survey id stands for one question; a second question on row 2 is named."""
    path = write_rows(
        tmp_path, [good_row(), good_row(answer="Phone call", question="How long to wait?")]
    )
    with pytest.raises(
        survey.SurveyDataError, match="row 2 \\(line 3\\): survey 'demo' has a different question"
    ):
        survey.load_surveys(path)


def test_answer_type_must_be_true_false_or_empty(tmp_path: Path):
    """'yes' is not a valid answer type; the message says what to write."""
    path = write_rows(tmp_path, [good_row(multiple_answers="yes")])
    with pytest.raises(survey.SurveyDataError, match="write true, false, or leave it empty"):
        survey.load_surveys(path)


def test_duplicate_answer_is_refused(tmp_path: Path):
    """The same answer twice in one survey would be drawn twice; it is refused."""
    path = write_rows(tmp_path, [good_row(), good_row(share_pct="50")])
    with pytest.raises(survey.SurveyDataError, match=r"row 2 .*lists the answer 'Email' twice"):
        survey.load_surveys(path)


def test_missing_file_is_a_survey_error(tmp_path: Path):
    """A missing file is reported as such, not as a traceback."""
    with pytest.raises(survey.SurveyDataError, match="the survey file is missing"):
        survey.load_surveys(tmp_path / "surveys.csv")


def test_caption_says_why_shares_pass_100(shipped: pd.DataFrame):
    """The caption explains the 243% total, and names the sample and the source."""
    main = survey.answers(shipped, survey.MAIN_SURVEY)
    caption = survey.chart_caption(main, survey.describe(shipped, survey.MAIN_SURVEY))
    assert "add up to 243%, more than 100%" in caption
    assert "More than 500 HR managers" in caption
    assert "https://blog.resumebear.com/" in caption


def followups(*channels: str) -> pd.DataFrame:
    rows = [
        {c: "" for c in vocab.FOLLOWUP_COLUMNS} | {"followup_id": str(i), "channel": channel}
        for i, channel in enumerate(channels, start=1)
    ]
    return pd.DataFrame(rows, columns=list(vocab.FOLLOWUP_COLUMNS))


def test_no_followups_gives_zero_counts_beside_the_survey(shipped: pd.DataFrame):
    """With an empty tracker every channel is listed with no follow-ups and its survey share."""
    main = survey.answers(shipped, survey.MAIN_SURVEY)
    counts = survey.followups_by_channel(followups(), main)
    assert list(counts["channel"]) == list(vocab.CHANNELS)
    assert counts["your_followups"].sum() == 0
    assert counts["your_share_pct"].isna().all()
    assert counts.set_index("channel")["hr_share_pct"]["Email"] == 87


def test_followups_are_counted_per_channel_with_their_share(shipped: pd.DataFrame):
    """Three emails and a text out of four follow-ups: 75% and 25% of yours."""
    main = survey.answers(shipped, survey.MAIN_SURVEY)
    counts = survey.followups_by_channel(
        followups("Email", "Email", "Text message", "Email"), main
    ).set_index("channel")
    assert counts.loc["Email", "your_followups"] == 3
    assert counts.loc["Email", "your_share_pct"] == 75
    assert counts.loc["Text message", "your_share_pct"] == 25
    assert counts.loc["Text message", "hr_share_pct"] == 10
    assert survey.outside_accepted(counts.reset_index()) == 1


def test_linkedin_has_its_own_row_without_a_survey_figure(shipped: pd.DataFrame):
    """The survey never asked about LinkedIn, so its row has a count but no survey share."""
    main = survey.answers(shipped, survey.MAIN_SURVEY)
    counts = survey.followups_by_channel(followups("LinkedIn message"), main)
    linkedin = counts.set_index("channel").loc["LinkedIn message"]
    assert linkedin["your_followups"] == 1
    assert pd.isna(linkedin["hr_share_pct"])
    assert "social media" in linkedin["note"]


def test_an_unknown_channel_is_counted_as_other(shipped: pd.DataFrame):
    """A channel the app does not know is not dropped: it shows up as 'Other'."""
    main = survey.answers(shipped, survey.MAIN_SURVEY)
    counts = survey.followups_by_channel(followups("Fax", "Email"), main)
    assert list(counts["channel"]) == [*vocab.CHANNELS, survey.OTHER_CHANNEL]
    assert counts.set_index("channel").loc[survey.OTHER_CHANNEL, "your_followups"] == 1


@settings(max_examples=30, deadline=None)
@given(share=st.decimals(min_value=-50, max_value=150, places=1))
def test_shares_load_exactly_when_between_0_and_100(tmp_path_factory, share):
    """Any share from 0 to 100 loads as written; anything outside is refused with its row."""
    path = write_rows(tmp_path_factory.mktemp("share"), [good_row(share_pct=str(share))])
    if 0 <= share <= 100:
        assert survey.load_surveys(path)["share_pct"].iloc[0] == float(share)
    else:
        with pytest.raises(survey.SurveyDataError, match="row 1 \\(line 2\\): share_pct is"):
            survey.load_surveys(path)


def test_every_shipped_survey_has_a_short_name_that_fits_a_phone():
    """The survey picker shows short names; a phone shows about 28 characters of each."""
    surveys = survey.load_surveys(SHIPPED_DATA_DIR / "surveys.csv")
    for survey_id in survey.survey_ids(surveys):
        assert survey_id in survey.SHORT_NAMES
        assert len(survey.short_name(survey_id)) <= 28
