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

# Okabe-Ito blue against a mid grey: told apart with any colour vision, and both keep at least
# 3:1 contrast on Streamlit's light and dark backgrounds.
ACCEPTED_COLOUR = "#0072B2"
OTHER_COLOUR = "#8C8C8C"
# Streamlit's theme leaves text marks and subtitles black, unreadable on the dark theme; this grey
# reads on both (about 4.5:1 on white, 4.2:1 on Streamlit's dark background).
INK = "#767676"
ACCEPTED_LABEL = "One of the accepted three"
OTHER_LABEL = "Other channel or answer"
DIMMED = 0.35
SHARE_AXIS_TITLE = "% of HR managers who find it appropriate"
BAR_HEIGHT = 38
# Characters per title line: titles do not wrap by themselves in Vega-Lite.
TITLE_WIDTH = 60
PANEL_WIDTH = 44
# Concatenated charts do not stretch to the container, so each panel gets a fixed width.
PANEL_PX = 240


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
        color=_highlight(legend=alt.Legend(title=None, orient="bottom")),
        opacity=alt.Opacity("emphasis:Q", scale=None, legend=None),
    )
    labels = base.mark_text(align="left", dx=4, fontWeight="bold", color=INK).encode(text="label:N")
    return alt.layer(bars, labels).properties(
        title=alt.TitleParams(
            "Follow-up channels HR managers find appropriate",
            subtitle=_wrap(main_answers["sample"].iloc[0]),
            anchor="start",
            subtitleColor=INK,
        ),
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
    labels = base.mark_text(align="left", dx=4, color=INK).encode(text="label:N")
    return alt.layer(bars, labels).properties(
        title=alt.TitleParams(
            _wrap(info.question, PANEL_WIDTH),
            subtitle=[
                *_wrap(info.sample, PANEL_WIDTH),
                f"{info.publisher}, {info.when}",
                f"Answer type: {info.answer_type}",
            ],
            anchor="start",
            subtitleColor=INK,
            fontSize=12,
        ),
        height=alt.Step(BAR_HEIGHT),
    )


def followups_chart(counts: pd.DataFrame) -> alt.HConcatChart:
    """The user's follow-ups per channel beside the main survey's share, as two separate panels.

    The panels measure different things (a count of your own follow-ups, a % of HR managers), so
    each has its own axis; channels line up across them.
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
    colour = _highlight(legend=alt.Legend(title=None, orient="bottom"))
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
        mine.mark_text(align="left", dx=4, color=INK).encode(text="your_followups:Q"),
    ).properties(title="Your follow-ups", width=PANEL_PX, height=alt.Step(BAR_HEIGHT))
    right = alt.layer(
        theirs.mark_bar().encode(color=colour),
        theirs.mark_text(align="left", dx=4, color=INK).encode(text="hr_label:N"),
    ).properties(
        title="HR managers in the main survey", width=PANEL_PX, height=alt.Step(BAR_HEIGHT)
    )
    return alt.hconcat(left, right).properties(
        title=alt.TitleParams(
            "Your follow-ups beside what HR managers accept",
            subtitle="Two different measures, each on its own axis: your count, their %.",
            anchor="start",
            subtitleColor=INK,
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


def _highlight(legend: alt.Legend | None) -> alt.Color:
    return alt.Color(
        "group:N",
        scale=alt.Scale(
            domain=[ACCEPTED_LABEL, OTHER_LABEL], range=[ACCEPTED_COLOUR, OTHER_COLOUR]
        ),
        legend=legend,
    )


def _wrap(text: str, width: int = TITLE_WIDTH) -> list[str]:
    return textwrap.wrap(text, width)
