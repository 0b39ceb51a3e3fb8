"""The tracker's small charts: titled, in vocabulary order, with tooltips."""

from __future__ import annotations

from followup import tracker, tracker_charts, vocab
from followup.tracker import Tracker


def test_status_chart_has_titles_order_and_tooltips():
    """The status chart names its axes with units and keeps the pipeline order, Applied first."""
    t = tracker.add_interview(
        Tracker.empty(), {"company": "A", "role": "R", "interview_date": "2024-09-19"}
    )
    spec = tracker_charts.status_chart(tracker.interviews_by_status(t)).to_dict()
    assert spec["title"] == "Jobs by status"
    assert spec["encoding"]["x"]["title"] == "Jobs (count)"
    assert spec["encoding"]["y"]["sort"] == list(vocab.STATUSES)
    assert spec["encoding"]["y"]["sort"][0] == "Applied"
    assert [tip["field"] for tip in spec["encoding"]["tooltip"]] == ["status", "interviews"]


def test_channel_chart_counts_followups_made():
    """The channel chart is titled for follow-ups made, one bar per channel."""
    spec = tracker_charts.channel_chart(tracker.followups_by_channel(Tracker.empty())).to_dict()
    assert spec["title"] == "Follow-ups made by channel"
    assert spec["encoding"]["y"]["sort"] == list(vocab.CHANNELS)
    values = next(iter(spec["datasets"].values()))
    assert [v["channel"] for v in values] == list(vocab.CHANNELS)
