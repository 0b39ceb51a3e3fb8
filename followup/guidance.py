"""Advice per follow-up channel: when it fits and when to leave it alone, in the project's words.

Figures never live here: they come from the survey data, so the advice and the numbers cannot
drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from followup import vocab

ACCEPTED = "Accepted"
ONLY_IF_ALREADY_TALKING = "Only where you already talk"
AVOID = "Avoid"


@dataclass(frozen=True)
class ChannelGuidance:
    """What to know about one follow-up channel."""

    channel: str
    verdict: str
    fits_when: str
    avoid_when: str


GUIDANCE: dict[str, ChannelGuidance] = {
    g.channel: g
    for g in (
        ChannelGuidance(
            "Email",
            ACCEPTED,
            "The safest choice and the one HR managers name most often. Use it for a thank-you on "
            "the day of the interview and for a short check-in later: it arrives at once, and "
            "the interviewer can forward it to whoever else decides.",
            "Leave out attachments nobody asked for and long recaps. If there is no answer, do "
            "not send a second email the next day; wait until the decision date has passed.",
        ),
        ChannelGuidance(
            "Phone call",
            ACCEPTED,
            "Puts you in direct touch with the person who decides and lets them hear your "
            "interest. Best for a check-in once the expected decision date has gone by, or "
            "whenever the interviewer said they prefer calls. Prepare a voicemail version too.",
            "Call once. Repeated calls or a string of voicemails count against you, and so does "
            "a call from a noisy place or outside working hours.",
        ),
        ChannelGuidance(
            "Handwritten note",
            ACCEPTED,
            "A personal gesture that stays on the desk. It suits a thank-you when the process "
            "will take a while, or a small company where a card gets noticed. Post it the day "
            "of the interview.",
            "Post is slow: if a decision is due within a day or two, email your thanks first. "
            "Skip it when you cannot write legibly, or keep it to a few lines.",
        ),
        ChannelGuidance(
            "LinkedIn message",
            ONLY_IF_ALREADY_TALKING,
            "Fine when you and the interviewer were already writing to each other on LinkedIn: "
            "then it is simply the conversation you share.",
            "Do not open a LinkedIn conversation just to follow up, and do not send a connection "
            "request in place of a thank-you. If you have never messaged there, use email.",
        ),
        ChannelGuidance(
            "Social media",
            ONLY_IF_ALREADY_TALKING,
            "Only on a platform where you and the interviewer already exchange messages about "
            "work, which in practice usually means LinkedIn.",
            "A personal network is the wrong place for a hiring conversation: a private message "
            "or a public comment there can feel intrusive. Choose email instead.",
        ),
        ChannelGuidance(
            "Text message",
            AVOID,
            "Not for a follow-up. If a recruiter texts you about a time or a place, a short reply "
            "is fine, but the follow-up itself belongs in an email, a call or a note.",
            "A text lands on a personal phone and reads as casual; hardly any HR managers in the "
            "survey find it appropriate. Do not thank or chase by text.",
        ),
    )
}

# Career advice rather than survey data, listed beside the timing figures.
TIMING_ADVICE: tuple[str, ...] = (
    "Send your thank-you within a day of the interview.",
    "Check in once the decision date the interviewer gave has passed; when no date was given, "
    "allow about five to seven business days.",
    "At the interview, ask how they like to be contacted and when they expect to decide.",
)


def guidance_for(channel: str) -> ChannelGuidance:
    """The advice for `channel`; `ValueError` when the app has none for it."""
    try:
        return GUIDANCE[channel]
    except KeyError:
        raise ValueError(f"There is no advice for the channel {channel!r}.") from None


def at_a_glance(main_answers: pd.DataFrame) -> str:
    """A two-sentence summary of the main survey, with its figures, as Markdown."""
    share = dict(zip(main_answers["answer"], main_answers["share_pct"], strict=True))
    email, phone, note = vocab.ACCEPTED_CHANNELS
    return (
        f"The three channels to use are **{email.lower()}**, a **{phone.lower()}** and a "
        f"**{note.lower()}**: {share[email]:g}%, {share[phone]:g}% and {share[note]:g}% of the "
        "HR managers surveyed find them appropriate. Social media "
        f"({share['Social media']:g}%) only fits where you already talk with the interviewer, "
        f"such as on LinkedIn; a text message ({share['Text message']:g}%) is the one to avoid."
    )
