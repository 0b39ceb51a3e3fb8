"""Small charts of the tracker: pure functions from a pre-aggregated table to an Altair chart."""

from __future__ import annotations

import altair as alt
import pandas as pd

from followup import vocab


def status_chart(counts: pd.DataFrame) -> alt.Chart:
    """Bars of jobs (applications and interviews) per status, in pipeline order."""
    return _bars(counts, ("status", "Status"), ("interviews", "Jobs"), list(vocab.STATUSES))


def channel_chart(counts: pd.DataFrame) -> alt.Chart:
    """Bars of follow-ups made per channel (from `tracker.followups_by_channel`)."""
    return _bars(
        counts, ("channel", "Channel"), ("followups", "Follow-ups made"), list(vocab.CHANNELS)
    )


def _bars(
    counts: pd.DataFrame, category: tuple[str, str], value: tuple[str, str], order: list[str]
) -> alt.Chart:
    (field, label), (amount, amount_label) = category, value
    count_title = f"{amount_label} (count)"
    return (
        alt.Chart(counts, title=f"{amount_label} by {label.lower()}")
        .mark_bar()
        .encode(
            x=alt.X(f"{amount}:Q", title=count_title, axis=alt.Axis(tickMinStep=1)),
            y=alt.Y(f"{field}:N", title=label, sort=order),
            tooltip=[
                alt.Tooltip(f"{field}:N", title=label),
                alt.Tooltip(f"{amount}:Q", title=count_title),
            ],
        )
        .properties(height=alt.Step(22))
    )


def funnel_chart(stages: pd.DataFrame) -> alt.Chart:
    """Bars of how far jobs got, widest first (from `tracker.funnel`)."""
    order = list(stages["stage"])
    return _bars(stages, ("stage", "Stage"), ("jobs", "Jobs"), order).properties(
        title="How far your applications and interviews got"
    )
