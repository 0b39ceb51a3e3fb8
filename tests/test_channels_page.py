"""A visitor opens the Channels page from home and reads the survey, advice and comparisons."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from followup import vocab
from followup.ui import channels as glue
from tests.apptest import open_app, open_page, open_tab

PAGE = "pages/1_Channels.py"


def chart_specs(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]


def chart_titles(at: AppTest) -> list[str]:
    titles = []
    for spec in chart_specs(at):
        text = spec.get("title", {}).get("text", "")
        titles.append(" ".join(text) if isinstance(text, list) else text)
    return titles


def write_followups(folder: Path, channels: list[str], outcomes: list[str] | None = None) -> None:
    rows = [
        {
            "followup_id": f"f{i}",
            "interview_id": "i1",
            "date": f"2026-03-0{i}",
            "channel": channel,
            "purpose": "Thank-you",
            "outcome": outcome,
            "notes": "",
        }
        for i, (channel, outcome) in enumerate(
            zip(channels, outcomes or ["Done"] * len(channels), strict=True), start=1
        )
    ]
    pd.DataFrame(rows, columns=list(vocab.FOLLOWUP_COLUMNS)).to_csv(
        folder / "followups.csv", index=False
    )
    # Their interview: a follow-up whose interview is gone is counted nowhere.
    interview = {"interview_id": "i1", "company": "Acme", "role": "Dev"}
    interview |= {"interview_date": "2026-03-01", "status": "Awaiting decision"}
    pd.DataFrame([interview]).to_csv(folder / "interviews.csv", index=False)


def test_page_draws_the_survey_chart_and_its_table():
    """The main chart is drawn, and the same five shares are in a table beneath it."""
    at = open_page(PAGE)
    assert not at.exception
    assert chart_titles(at)[0] == "Follow-up channels HR managers find appropriate"
    table = at.dataframe[0].value
    assert list(table["answer"]) == [
        "Email",
        "Phone call",
        "Handwritten note",
        "Social media",
        "Text message",
    ]
    assert list(table["share_pct"]) == [87, 81, 38, 27, 10]


def test_caption_explains_shares_above_100():
    """Under the chart, a caption says why the shares add up to more than 100%."""
    at = open_page(PAGE)
    assert any("more than 100%" in caption.value for caption in at.caption)


def test_picking_a_channel_shows_its_advice():
    """Picking 'Text message' shows why texting is out."""
    at = open_page(PAGE)
    at.pills(key="channels_pick").set_value("Text message").run()
    assert not at.exception
    shown = [m.value for m in at.markdown]
    assert "#### Text message" in shown
    assert any(m.startswith("**When to avoid it.** A text lands") for m in shown)


def test_survey_data_can_be_downloaded():
    """The survey figures are offered as a CSV download."""
    at = open_page(PAGE)
    assert at.get_by_key("channels_download").proto.label == "Download all survey figures (CSV)"


def test_compare_view_has_a_panel_per_question_with_timing():
    """Each related survey is its own titled panel, including the 2017 'how long to wait'."""
    at = open_tab(open_page(PAGE), "Compare surveys", key="channels_tab")
    titles = chart_titles(at)
    assert "How long should a job seeker wait to follow up with the hiring manager after " in (
        " ".join(titles)
    )
    assert "How do you prefer to receive thank-you messages from candidates following " in (
        " ".join(titles)
    )
    assert any(info.value.startswith("Career advice, not survey data") for info in at.info)


def test_no_followups_shows_a_friendly_empty_state():
    """With an empty tracker, the comparison invites the visitor to record follow-ups."""
    at = open_tab(open_page(PAGE), "Your follow-ups", key="channels_tab")
    assert any(info.value.startswith("No follow-ups made in your tracker yet") for info in at.info)
    assert "Your follow-ups beside what HR managers accept" not in chart_titles(at)


def test_recorded_followups_are_set_beside_the_survey(data_dir: Path):
    """Two emails and a text made are counted beside the HR managers' shares; a planned call,
    not made yet, is not (the Tracker's Overview counts the same way)."""
    write_followups(
        data_dir,
        ["Email", "Text message", "Email", "Phone call"],
        ["Done", "Voicemail", "Replied", "Planned"],
    )
    at = open_tab(open_page(PAGE), "Your follow-ups", key="channels_tab")
    assert not at.exception
    assert "Your follow-ups beside what HR managers accept" in chart_titles(at)
    counts = at.dataframe[-1].value.set_index("channel")
    assert counts.loc["Email", "your_followups"] == 2
    assert counts.loc["Text message", "your_followups"] == 1
    assert counts.loc["Text message", "hr_share_pct"] == 10
    assert counts.loc["Phone call", "your_followups"] == 0
    assert any(
        "3 follow-ups in all, 1 of them outside the accepted three" in c.value for c in at.caption
    )


def test_unreadable_followups_file_warns_and_is_not_called_empty(data_dir: Path):
    """A follow-ups file without its columns is left out with a warning, not an error."""
    (data_dir / "followups.csv").write_text("what,is,this\n1,2,3\n", encoding="utf-8")
    at = open_tab(open_page(PAGE), "Your follow-ups", key="channels_tab")
    assert not at.exception
    assert at.warning[0].value.startswith("Your tracker's files could not be read")
    empty_state = "No follow-ups made in your tracker yet"
    assert not any(info.value.startswith(empty_state) for info in at.info)


def test_damaged_survey_file_shows_the_error_and_stops(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """A share of 120 in the survey file is reported with its row; no chart, no traceback."""
    broken = tmp_path / "surveys.csv"
    lines = glue.SURVEYS_CSV.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace(",87,", ",120,")
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(glue, "SURVEYS_CSV", broken)
    at = open_page(PAGE)
    assert not at.exception
    assert at.error[0].value == (
        f"The survey figures could not be loaded. {broken}, row 1 (line 2): share_pct is 120, "
        "but a share must be between 0 and 100."
    )
    assert at.get("vega_lite_chart") == []


def test_a_link_opens_the_tab_channel_and_surveys_it_names():
    """A coach's link (?channels_tab=...&channels_compare=...) opens exactly that comparison."""
    at = open_app()
    at.query_params["channels_tab"] = "Compare surveys"
    at.query_params["channels_compare"] = ["Executives 2008: thank-yous", "Canada: thank-yous sent"]
    at.switch_page(PAGE).run()
    assert not at.exception
    assert at.multiselect(key="channels_compare").value == ["executives-2008", "canada-sent"]
    assert len(chart_specs(at)) == 2
