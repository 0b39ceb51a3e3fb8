"""Chart builders for the survey figures: pure functions from a DataFrame to an Altair chart.

Shares are drawn as plain bars on a 0-100 axis, never as parts of a whole: in several questions
respondents could pick more than one answer, so the shares do not add up to 100.
"""

from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd

from followup import vocab
from followup.survey import SurveyInfo

# No colour is written here: the two groups take the first two colours of the visitor's theme
# (`chartCategoricalColors` in .streamlit/config.toml, one pair for light and one for dark), and
# the value labels take their bar's colour, so text and bars keep their contrast in both themes.
# Vega-Lite subtitles stay black whatever the theme, so what a subtitle would say goes in the
# caption under each chart instead.
ACCEPTED_LABEL = "One of the accepted three"
OTHER_LABEL = "Other channel or answer"
DIMMED = 0.35
SHARE_AXIS_TITLE = "% of HR managers who find it appropriate"
BAR_HEIGHT = 38
CHANNEL_TITLE = "Follow-up channels HR managers find appropriate"
# Characters per title line: titles do not wrap by themselves in Vega-Lite, and a line this short
# fits a 390 px phone screen.
TITLE_WIDTH = 36
# Concatenated charts do not stretch to the container, so each panel gets a fixed width that,
# with its axis labels, fits a phone screen; the two panels are stacked for the same reason.
PANEL_PX = 200


def channel_chart(main_answers: pd.DataFrame, selected: str | None = None) -> alt.LayerChart:
    """Horizontal bars of the main survey's channels, largest share first, labelled in %.

    The accepted three are coloured; when `selected` names one of the bars, the others fade.
    """
    data = _bars_data(main_answers)
    # A channel the survey did not ask about (LinkedIn) dims nothing.
    focus = selected if selected in set(data["answer"]) else None
    data["emphasis"] = [1.0 if focus in (None, a) else DIMMED for a in data["answer"]]
    order = list(data.sort_values("share_pct", ascending=False, kind="stable")["answer"])
    y = alt.Y("answer:N", sort=order, title=None, axis=alt.Axis(labelLimit=200))
    x = alt.X(
        "share_pct:Q",
        scale=alt.Scale(domain=[0, 100]),
        axis=alt.Axis(title=SHARE_AXIS_TITLE, values=[0, 25, 50, 75, 100]),
    )
    tooltip = [
        alt.Tooltip("answer:N", title="Channel"),
        alt.Tooltip("label:N", title="Share"),
        alt.Tooltip("question:N", title="Question"),
    ]
    base = alt.Chart(data).encode(y=y, x=x, tooltip=tooltip)
    bars = base.mark_bar().encode(
        color=_highlight(legend=_LEGEND),
        opacity=alt.Opacity("emphasis:Q", scale=None, legend=None),
    )
    labels = base.mark_text(align="left", dx=4, fontWeight="bold").encode(
        text="label:N", color=_highlight(legend=None)
    )
    return alt.layer(bars, labels).properties(
        title=alt.TitleParams(_wrap(CHANNEL_TITLE), anchor="start"),
        height=alt.Step(BAR_HEIGHT),
    )


def survey_panel(answers: pd.DataFrame, info: SurveyInfo) -> alt.LayerChart:
    """One survey as its own panel: answers in the publisher's order, titled with its question."""
    data = _bars_data(answers)
    base = alt.Chart(data).encode(
        y=alt.Y("answer:N", sort=list(data["answer"]), title=None, axis=alt.Axis(labelLimit=200)),
        x=alt.X("share_pct:Q", scale=alt.Scale(domain=[0, 100]), title="% of respondents"),
        tooltip=[
            alt.Tooltip("answer:N", title="Answer"),
            alt.Tooltip("label:N", title="Share"),
            alt.Tooltip("question:N", title="Question"),
        ],
    )
    bars = base.mark_bar().encode(color=_highlight(legend=None))
    labels = base.mark_text(align="left", dx=4).encode(
        text="label:N", color=_highlight(legend=None)
    )
    return alt.layer(bars, labels).properties(
        title=alt.TitleParams(_wrap(info.question), anchor="start", fontSize=12),
        height=alt.Step(BAR_HEIGHT),
    )


def followups_chart(counts: pd.DataFrame) -> alt.VConcatChart:
    """The user's follow-ups per channel above the main survey's share, as two separate panels.

    The panels measure different things (a count of your own follow-ups, a % of HR managers), so
    each has its own axis; both list the channels in the same order.
    """
    data = counts.assign(
        group=[ACCEPTED_LABEL if a else OTHER_LABEL for a in counts["accepted"]],
        hr_label=["no survey figure" if pd.isna(s) else f"{s:g}%" for s in counts["hr_share_pct"]],
        hr_x=counts["hr_share_pct"].fillna(0),
    )
    y = alt.Y(
        "channel:N",
        scale=alt.Scale(domain=list(data["channel"])),
        sort=list(data["channel"]),
        title=None,
        axis=alt.Axis(labelLimit=200),
    )
    tooltip = [
        alt.Tooltip("channel:N", title="Channel"),
        alt.Tooltip("your_followups:Q", title="Your follow-ups"),
        alt.Tooltip("hr_label:N", title="HR managers who find it appropriate"),
    ]
    colour = _highlight(legend=_LEGEND)
    label_colour = _highlight(legend=None)
    mine = alt.Chart(data).encode(
        y=y,
        x=alt.X(
            "your_followups:Q",
            title="Your follow-ups (count)",
            axis=alt.Axis(tickMinStep=1, format="d"),
        ),
        tooltip=tooltip,
    )
    theirs = alt.Chart(data).encode(
        y=y,
        x=alt.X("hr_x:Q", scale=alt.Scale(domain=[0, 100]), title=SHARE_AXIS_TITLE),
        tooltip=tooltip,
    )
    left = alt.layer(
        mine.mark_bar().encode(color=colour),
        mine.mark_text(align="left", dx=4).encode(text="your_followups:Q", color=label_colour),
    ).properties(title="Your follow-ups", width=PANEL_PX, height=alt.Step(BAR_HEIGHT))
    right = alt.layer(
        theirs.mark_bar().encode(color=colour),
        theirs.mark_text(align="left", dx=4).encode(text="hr_label:N", color=label_colour),
    ).properties(
        title="HR managers in the main survey", width=PANEL_PX, height=alt.Step(BAR_HEIGHT)
    )
    return alt.vconcat(left, right).properties(
        title=alt.TitleParams(
            _wrap("Your follow-ups beside what HR managers accept"), anchor="start"
        )
    )


def _bars_data(answers: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "answer": answers["answer"],
            "share_pct": answers["share_pct"],
            "label": [f"{s:g}%" for s in answers["share_pct"]],
            "question": answers["question"],
            "group": [
                ACCEPTED_LABEL if a in vocab.ACCEPTED_CHANNELS else OTHER_LABEL
                for a in answers["answer"]
            ],
        }
    ).reset_index(drop=True)


# One entry a line, so the legend fits a phone screen.
_LEGEND = alt.Legend(title=None, orient="bottom", direction="vertical", labelLimit=0)


def _highlight(legend: alt.Legend | None) -> alt.Color:
    # No range: the theme's categorical colours, so the pair follows light and dark.
    return alt.Color(
        "group:N", scale=alt.Scale(domain=[ACCEPTED_LABEL, OTHER_LABEL]), legend=legend
    )


def _wrap(text: str, width: int = TITLE_WIDTH) -> list[str]:
    return textwrap.wrap(text, width, break_on_hyphens=False)
