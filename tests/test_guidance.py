"""Every channel the app offers has advice, and the advice agrees with the survey's verdict."""

from __future__ import annotations

import pytest

from followup import guidance, survey, vocab
from followup.paths import SHIPPED_DATA_DIR


def test_every_channel_has_advice():
    """Whatever channel a visitor picks, there is advice for it, and nothing for a made-up one."""
    assert set(guidance.GUIDANCE) == set(vocab.CHANNELS)


@pytest.mark.parametrize("channel", vocab.CHANNELS)
def test_advice_says_when_it_fits_and_when_to_avoid(channel: str):
    """Each channel's advice fills both halves: when it fits, when to avoid it."""
    advice = guidance.guidance_for(channel)
    assert advice.channel == channel
    assert len(advice.fits_when) > 40
    assert len(advice.avoid_when) > 40


def test_the_accepted_three_are_marked_accepted():
    """Email, a phone call and a handwritten note are the accepted channels, and only they."""
    accepted = {c for c, g in guidance.GUIDANCE.items() if g.verdict == guidance.ACCEPTED}
    assert accepted == set(vocab.ACCEPTED_CHANNELS)


def test_texting_is_the_channel_to_avoid():
    """A text message is flagged as the one to avoid."""
    assert guidance.guidance_for("Text message").verdict == guidance.AVOID


def test_linkedin_only_where_the_conversation_already_is():
    """LinkedIn is fine only where the candidate was already talking with the interviewer."""
    advice = guidance.guidance_for("LinkedIn message")
    assert advice.verdict == guidance.ONLY_IF_ALREADY_TALKING
    assert "already" in advice.fits_when


def test_unknown_channel_is_a_readable_error():
    """Asking for advice on a channel the app does not know says so in words."""
    with pytest.raises(ValueError, match="no advice for the channel 'Fax'"):
        guidance.guidance_for("Fax")


def test_summary_quotes_the_survey_figures():
    """The page's one-paragraph summary carries the survey's own numbers."""
    surveys = survey.load_surveys(SHIPPED_DATA_DIR / "surveys.csv")
    text = guidance.at_a_glance(survey.answers(surveys, survey.MAIN_SURVEY))
    assert "87%, 81% and 38%" in text
    assert "text message (10%) is the one to avoid" in text
