"""The survey charts, read from their Vega-Lite specs: right numbers, order, scale and colours."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from followup import charts, survey, vocab
from followup.paths import SHIPPED_DATA_DIR


@pytest.fixture(scope="module")
def surveys() -> pd.DataFrame:
    return survey.load_surveys(SHIPPED_DATA_DIR / "surveys.csv")


@pytest.fixture(scope="module")
def main(surveys: pd.DataFrame) -> pd.DataFrame:
    # Shuffled, so the chart's sort order is its own doing.
    rows = survey.answers(surveys, survey.MAIN_SURVEY)
    return rows.iloc[[3, 0, 4, 2, 1]].reset_index(drop=True)


def values(spec: dict) -> list[dict]:
    return next(iter(spec["datasets"].values()))


def layer(spec: dict, mark: str) -> dict:
    return next(part for part in spec["layer"] if _mark(part) == mark)


def _mark(part: dict) -> str:
    return part["mark"] if isinstance(part["mark"], str) else part["mark"]["type"]


def test_main_chart_holds_the_five_shares(main: pd.DataFrame):
    """The chart draws the five published shares, nothing more."""
    rows = values(charts.channel_chart(main).to_dict())
    assert {r["answer"]: r["share_pct"] for r in rows} == {
        "Email": 87,
        "Phone call": 81,
        "Handwritten note": 38,
        "Social media": 27,
        "Text message": 10,
    }


def test_main_chart_is_horizontal_bars_sorted_by_share(main: pd.DataFrame):
    """Bars run left to right, largest share on top."""
    bars = layer(charts.channel_chart(main).to_dict(), "bar")
    assert bars["encoding"]["y"]["field"] == "answer"
    assert bars["encoding"]["x"]["field"] == "share_pct"
    assert bars["encoding"]["y"]["sort"] == [
        "Email",
        "Phone call",
        "Handwritten note",
        "Social media",
        "Text message",
    ]


def test_main_chart_axis_runs_0_to_100_with_its_title(main: pd.DataFrame):
    """The share axis is the whole 0-100 range and says what the % is of."""
    x = layer(charts.channel_chart(main).to_dict(), "bar")["encoding"]["x"]
    assert x["scale"]["domain"] == [0, 100]
    assert x["axis"]["title"] == "% of HR managers who find it appropriate"


def test_main_chart_labels_each_bar_in_percent(main: pd.DataFrame):
    """A text layer prints each share, e.g. '87%', at the end of its bar."""
    spec = charts.channel_chart(main).to_dict()
    assert layer(spec, "text")["encoding"]["text"]["field"] == "label"
    labels = {r["answer"]: r["label"] for r in values(spec)}
    assert labels["Email"] == "87%"
    assert labels["Text message"] == "10%"


def test_main_chart_tooltips_give_channel_share_and_question(main: pd.DataFrame):
    """Hovering a bar shows the channel, its share and the exact question asked."""
    spec = charts.channel_chart(main).to_dict()
    fields = [t["field"] for t in layer(spec, "bar")["encoding"]["tooltip"]]
    assert fields == ["answer", "label", "question"]
    assert values(spec)[0]["question"].startswith("Which of the following are appropriate")


def test_accepted_three_stand_out_in_the_themes_colours(main: pd.DataFrame):
    """Bars and their labels are coloured by group from the theme's palette, not a fixed colour.

    The theme (light or dark, .streamlit/config.toml) supplies the pair, so the chart follows the
    visitor's theme; a fixed range or colour would stay the same on both backgrounds.
    """
    spec = charts.channel_chart(main).to_dict()
    for mark in ("bar", "text"):
        colour = layer(spec, mark)["encoding"]["color"]
        assert colour["field"] == "group"
        assert colour["scale"] == {"domain": [charts.ACCEPTED_LABEL, charts.OTHER_LABEL]}
    assert "color" not in json.dumps([part["mark"] for part in spec["layer"]])
    accepted = {r["answer"] for r in values(spec) if r["group"] == charts.ACCEPTED_LABEL}
    assert accepted == set(vocab.ACCEPTED_CHANNELS)


def test_main_chart_has_a_title_and_never_a_pie(main: pd.DataFrame):
    """The chart is titled, and no layer is an arc (pie or donut) or stacked."""
    spec = charts.channel_chart(main).to_dict()
    assert " ".join(spec["title"]["text"]) == "Follow-up channels HR managers find appropriate"
    assert {_mark(part) for part in spec["layer"]} == {"bar", "text"}
    assert "stack" not in layer(spec, "bar")["encoding"]["x"]


def test_picking_a_channel_fades_the_others(main: pd.DataFrame):
    """With 'Text message' picked, its bar stays solid and the other four fade."""
    rows = values(charts.channel_chart(main, selected="Text message").to_dict())
    emphasis = {r["answer"]: r["emphasis"] for r in rows}
    assert emphasis.pop("Text message") == 1.0
    assert set(emphasis.values()) == {charts.DIMMED}


def test_picking_linkedin_fades_nothing(main: pd.DataFrame):
    """LinkedIn has no bar of its own, so every bar stays solid."""
    rows = values(charts.channel_chart(main, selected="LinkedIn message").to_dict())
    assert {r["emphasis"] for r in rows} == {1.0}


def test_each_comparison_panel_is_titled_with_its_own_question(surveys: pd.DataFrame):
    """A related survey's panel carries its question, sample, date and answer type."""
    info = survey.describe(surveys, "executives-2008")
    spec = charts.survey_panel(survey.answers(surveys, "executives-2008"), info).to_dict()
    assert " ".join(spec["title"]["text"]) == info.question
    assert max(len(line) for line in spec["title"]["text"]) <= charts.TITLE_WIDTH
    assert "subtitle" not in spec["title"]
    assert survey.panel_caption(info).endswith(
        "Accountemps (Robert Half), 2008-08-09; one answer each."
    )
    x = layer(spec, "bar")["encoding"]["x"]
    assert x["title"] == "% of respondents"
    assert x["scale"]["domain"] == [0, 100]


def test_timing_panel_keeps_the_published_order(surveys: pd.DataFrame):
    """The 'how long to wait' bars run from soonest to never, not by size."""
    answers = survey.answers(surveys, survey.TIMING_SURVEY)
    info = survey.describe(surveys, survey.TIMING_SURVEY)
    y = layer(charts.survey_panel(answers, info).to_dict(), "bar")["encoding"]["y"]
    assert y["sort"] == list(answers["answer"])
    assert y["sort"][0] == "Less than one week"


def test_followups_chart_puts_counts_and_shares_on_separate_axes(main: pd.DataFrame):
    """Your counts and the HR % are two panels with their own axes, channels lined up."""
    followups = pd.DataFrame(
        {c: ["", ""] for c in vocab.FOLLOWUP_COLUMNS} | {"channel": ["Email", "LinkedIn message"]}
    )
    counts = survey.followups_by_channel(followups, main)
    spec = charts.followups_chart(counts).to_dict()
    mine, theirs = (layer(panel, "bar")["encoding"] for panel in spec["vconcat"])
    assert mine["x"]["field"] == "your_followups"
    assert mine["x"]["title"] == "Your follow-ups (count)"
    assert theirs["x"]["scale"]["domain"] == [0, 100]
    assert mine["y"]["scale"]["domain"] == theirs["y"]["scale"]["domain"] == list(vocab.CHANNELS)
    hr_labels = {r["channel"]: r["hr_label"] for r in values(spec)}
    assert hr_labels["LinkedIn message"] == "no survey figure"
    assert hr_labels["Email"] == "87%"
