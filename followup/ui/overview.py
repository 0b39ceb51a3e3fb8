"""The Tracker's Overview tab: how far interviews got, channels against HR, replies by channel.

"Made" means every outcome but Planned (`tracker.made`), here and on the Channels page.
"""

from __future__ import annotations

import streamlit as st

from followup import charts, survey, tracker, tracker_charts, ui
from followup.tracker import Tracker
from followup.ui import channels as channel_data
from followup.ui import tables

REPLY_LABELS = {
    "channel": "Channel",
    "made": "Follow-ups made",
    "replies": "Replies",
    "reply_rate": "Reply rate",
}
REPLY_COLUMNS = {
    "made": st.column_config.NumberColumn("Follow-ups made", format="%d"),
    "replies": st.column_config.NumberColumn("Replies", format="%d"),
    "reply_rate": st.column_config.NumberColumn("Reply rate", format="percent"),
}
FUNNEL_LABELS = {"stage": "Stage", "jobs": "Jobs"}
FUNNEL_COLUMNS = {"jobs": st.column_config.NumberColumn("Jobs", format="%d")}


def tab(current: Tracker) -> None:
    """The counts, the funnel, your channels beside HR's, and the reply rate per channel."""
    rate = tracker.reply_rate(current)
    made = tracker.made(current)
    first, second, third = st.columns(3)
    first.metric("Jobs tracked", len(current.interviews))
    second.metric("Follow-ups made", len(made))
    third.metric("Reply rate", "n/a" if rate is None else f"{rate:.0%}")
    # One caption rather than a help icon a figure: each icon is one more stop for the Tab key.
    st.caption(
        "Jobs are applications and interviews, one row each. Follow-ups made count every outcome "
        "but Planned; the reply rate is the share of the interviews you followed up on that got "
        "a reply."
    )
    if current.interviews.empty:
        st.caption("Add jobs to see how far they get and which channels bring replies.")
        return
    left, right = st.columns(2)
    with left:
        stages = tracker.funnel(current)
        st.altair_chart(tracker_charts.funnel_chart(stages), key="tracker_funnel_chart")
        # Keyed containers, which hold the grid or the plain table alike.
        with st.container(key="tracker_funnel"):
            tables.show(stages, FUNNEL_LABELS, column_config=FUNNEL_COLUMNS, alt="Jobs by stage")
        closed = current.interviews["status"].isin(("Rejected", "Withdrawn")).sum()
        st.caption(
            f"{ui.count(int(closed), 'job')} closed as Rejected or Withdrawn count as far as their "
            "dates go (applied, or interviewed)."
        )
    with right:
        channels_beside_hr(made)
    st.markdown("**Replies by channel**")
    replies = tracker.reply_rate_by_channel(current)
    replies = replies[replies["made"] > 0]
    if replies.empty:
        st.caption("No follow-up made yet: log one (outcome Replied when they answer).")
    else:
        with st.container(key="tracker_replies"):
            tables.show(
                replies, REPLY_LABELS, column_config=REPLY_COLUMNS, alt="Replies by channel"
            )


def channels_beside_hr(made) -> None:
    """Your follow-ups made per channel beside the share of HR managers who accept it."""
    if made.empty:
        st.caption("No follow-up made yet, so there is nothing to set beside the survey.")
        return
    try:
        main = survey.answers(channel_data.shipped_surveys(), survey.MAIN_SURVEY)
    except survey.SurveyDataError:
        st.caption("The survey figures cannot be read; see the Channels page.")
        return
    counts = survey.followups_by_channel(made, main)
    st.altair_chart(charts.followups_chart(counts), key="tracker_hr_chart")
    outside = survey.outside_accepted(counts)
    st.caption(
        f"{outside} of your {len(made)} follow-ups made used a channel outside the accepted three."
    )
