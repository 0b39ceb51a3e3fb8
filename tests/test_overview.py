"""The Overview tab: funnel, channels beside HR's, reply rate by channel; "made" as on Channels."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

from followup import tracker
from followup.store import CsvStore
from followup.tracker import Tracker
from tests.apptest import open_page, open_tab

DAY = dt.date(2024, 9, 19)


def sample() -> Tracker:
    t = Tracker.empty()
    for company, status in (
        ("A", "Awaiting decision"),
        ("B", "Next round"),
        ("C", "Offer"),
        ("D", "Rejected"),
    ):
        t = tracker.add_interview(
            t, {"company": company, "role": "R", "interview_date": DAY, "status": status}
        )
    ids = t.interviews["interview_id"].tolist()
    for interview_id, channel, outcome in (
        (ids[0], "Email", "Replied"),
        (ids[1], "Email", "Done"),
        (ids[2], "Phone call", "Voicemail"),
        (ids[3], "Phone call", "Planned"),
    ):
        row = {"interview_id": interview_id, "date": DAY, "channel": channel, "purpose": "Check-in"}
        t = tracker.add_followup(t, row | {"outcome": outcome})
    return t


def test_funnel_counts_how_far_interviews_got():
    """Four tracked and interviewed, two past the first round (next round, offer), one offer;
    an application without an interview counts as tracked only."""
    t = tracker.add_interview(
        sample(), {"company": "E", "role": "R", "application_date": DAY, "status": "Applied"}
    )
    assert tracker.funnel(t)["jobs"].tolist() == [5, 4, 2, 1]


def test_reply_rate_by_channel_counts_made_follow_ups_only():
    """Emails: 2 made, 1 reply; calls: 1 made (the planned one is not), none replied."""
    rates = tracker.reply_rate_by_channel(sample()).set_index("channel")
    assert rates.loc["Email", ["made", "replies"]].tolist() == [2, 1]
    assert rates.loc["Email", "reply_rate"] == 0.5
    assert rates.loc["Phone call", ["made", "replies"]].tolist() == [1, 0]
    assert math.isnan(rates.loc["Text message", "reply_rate"])


def test_overview_tab_shows_the_funnel_hr_comparison_and_replies(data_dir: Path):
    """Human column names; the channel chart beside HR's; only channels used are in the table."""
    t = sample()
    CsvStore(data_dir).update(lambda _: t)
    at = open_tab(open_page("pages/3_Tracker.py"), "Overview")
    assert not at.exception
    funnel = at.get_by_key("tracker_funnel").dataframe[0].value
    assert funnel["jobs"].tolist() == [4, 4, 2, 1]
    replies = at.get_by_key("tracker_replies").dataframe[0].value
    assert replies["channel"].tolist() == ["Email", "Phone call"]
    assert any("of your 3 follow-ups made" in c.value for c in at.caption)
    charts = at.get("vega_lite_chart")
    assert len(charts) == 2


def test_empty_tracker_draws_no_empty_chart():
    """No interviews: a sentence instead of charts with stray ticks."""
    at = open_tab(open_page("pages/3_Tracker.py"), "Overview")
    assert any("Add jobs to see" in c.value for c in at.caption)
    assert at.get("vega_lite_chart") == []
