"""The Tracker's Overview tab: counts, reply rate and the two charts with their tables."""

from __future__ import annotations

import streamlit as st

from followup import tracker, tracker_charts, vocab
from followup.tracker import Tracker
from followup.ui import tables


def tab(current: Tracker) -> None:
    """Rows by status (applications first) and follow-ups by channel."""
    rate = tracker.reply_rate(current)
    made = int((tracker.linked_followups(current)["outcome"] != vocab.PLANNED).sum())
    first, second, third = st.columns(3)
    first.metric(
        "Jobs tracked",
        len(current.interviews),
        help="Applications and interviews, one row each; the chart shows their stages.",
    )
    second.metric("Follow-ups made", made)
    third.metric(
        "Reply rate",
        "n/a" if rate is None else f"{rate:.0%}",
        help="Share of the interviews you followed up on that got a reply.",
    )
    by_status = tracker.interviews_by_status(current)
    by_channel = tracker.followups_by_channel(current)
    left, right = st.columns(2)
    with left:
        st.altair_chart(tracker_charts.status_chart(by_status), key="tracker_status_chart")
        tables.show(
            by_status,
            {"status": "Status", "interviews": "Interviews"},
            key="tracker_status_table",
            alt="Interviews by status",
        )
    with right:
        st.altair_chart(tracker_charts.channel_chart(by_channel), key="tracker_channel_chart")
        tables.show(
            by_channel,
            {"channel": "Channel", "followups": "Follow-ups made"},
            key="tracker_channel_table",
            alt="Follow-ups made by channel",
        )
