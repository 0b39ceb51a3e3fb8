"""Small charts of the tracker: pure functions from a pre-aggregated table to an Altair chart."""

from __future__ import annotations

import altair as alt
import pandas as pd

from followup import vocab


def status_chart(counts: pd.DataFrame) -> alt.Chart:
    """Bars of interviews per status (from `tracker.interviews_by_status`)."""
    return _bars(counts, "status", "interviews", "Interviews by status", list(vocab.STATUSES))


def channel_chart(counts: pd.DataFrame) -> alt.Chart:
    """Bars of follow-ups made per channel (from `tracker.followups_by_channel`)."""
    return _bars(counts, "channel", "followups", "Follow-ups made by channel", list(vocab.CHANNELS))


def _bars(
    counts: pd.DataFrame, category: str, value: str, title: str, order: list[str]
) -> alt.Chart:
    label = category.capitalize()
    count_title = f"{value.capitalize()} (count)"
    return (
        alt.Chart(counts, title=title)
        .mark_bar()
        .encode(
            x=alt.X(f"{value}:Q", title=count_title, axis=alt.Axis(tickMinStep=1)),
            y=alt.Y(f"{category}:N", title=label, sort=order),
            tooltip=[
                alt.Tooltip(f"{category}:N", title=label),
                alt.Tooltip(f"{value}:Q", title=count_title),
            ],
        )
        .properties(height=alt.Step(22))
    )
