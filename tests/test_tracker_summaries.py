"""Figures and tables derived from the tracker: sample rows, call lists, counts, reply rate."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from followup import tracker, vocab
from followup.tracker import Tracker

ACME = {"company": "Acme", "role": "Analyst", "interview_date": "2024-09-19"}


def followup(interview_id: str, **fields: object) -> dict[str, object]:
    """An email thank-you, done, unless told otherwise."""
    return {
        "interview_id": interview_id,
        "date": "2024-09-20",
        "channel": "Email",
        "purpose": "Thank-you",
        "outcome": "Done",
        **fields,
    }


def interviews(*companies: str) -> tuple[Tracker, list[str]]:
    """A tracker with one interview per company, and their ids."""
    t = Tracker.empty()
    for company in companies:
        t = tracker.add_interview(t, {**ACME, "company": company})
    return t, t.interviews["interview_id"].tolist()


def sample_tracker() -> Tracker:
    """A sample of one interview with one follow-up, as shipped in data/sample_tracker/."""
    sample = tracker.add_interview(
        Tracker.empty(), {**ACME, "interview_id": "sample-01", "company": "S (sample)"}
    )
    return tracker.add_followup(sample, followup("sample-01", followup_id="sample-f1"))


def test_the_samples_followups_move_with_its_interviews():
    """Loading the sample shifts its follow-ups by as many days as its interviews."""
    t = tracker.add_sample(Tracker.empty(), sample_tracker(), today=dt.date(2025, 3, 10))
    assert t.interviews["interview_date"].tolist() == [pd.Timestamp("2025-03-08")]
    assert t.followups["date"].tolist() == [pd.Timestamp("2025-03-09")]
    assert list(t.followups.columns) == list(vocab.FOLLOWUP_COLUMNS)


def test_removing_the_sample_takes_what_the_user_logged_on_it_and_keeps_the_rest():
    """A follow-up the user logged on a sample interview goes with it; their own rows stay."""
    own, (own_id,) = interviews("Mine")
    t = tracker.add_sample(own, sample_tracker(), today=dt.date(2025, 3, 10))
    t = tracker.add_followup(t, followup("sample-01"))
    t = tracker.add_followup(t, followup(own_id))
    cleared = tracker.remove_sample(t)
    assert cleared.interviews["interview_id"].tolist() == [own_id]
    assert cleared.followups["interview_id"].tolist() == [own_id]
    assert list(cleared.interviews.columns) == list(vocab.INTERVIEW_COLUMNS)
    assert list(cleared.followups.columns) == list(vocab.FOLLOWUP_COLUMNS)
    assert cleared.followups.index.tolist() == [0]


def test_deleting_followups_keeps_the_interviews_and_the_columns():
    """Deleting one follow-up leaves the interviews alone and the table as it was, less a row."""
    t, (first,) = interviews("Acme")
    t = tracker.add_followup(t, followup(first, followup_id="f1"))
    t = tracker.add_followup(t, followup(first, followup_id="f2", purpose="Check-in"))
    after = tracker.delete_followups(t, ["f1", "gone"])
    pd.testing.assert_frame_equal(after.interviews, t.interviews)
    assert after.followups["followup_id"].tolist() == ["f2"]
    assert list(after.followups.columns) == list(vocab.FOLLOWUP_COLUMNS)
    assert after.followups.index.tolist() == [0]


def test_the_calls_of_one_interview_are_its_follow_up_rows():
    """The calls listed for a round are follow-up rows with the follow-up columns, oldest first."""
    t, (first,) = interviews("Acme")
    call = {"channel": vocab.PHONE_CALL, "purpose": "Check-in"}
    t = tracker.add_followup(t, followup(first, **call, outcome="Reached", date="2024-09-27"))
    t = tracker.add_followup(t, followup(first, **call, outcome="Voicemail", date="2024-09-24"))
    t = tracker.add_followup(t, followup(first, **call, outcome="Planned", date="2024-09-30"))
    calls = tracker.phone_calls(t, first)
    assert list(calls.columns) == list(vocab.FOLLOWUP_COLUMNS)
    assert calls["outcome"].tolist() == ["Voicemail", "Reached"]
    assert calls.index.tolist() == [0, 1]
    assert tracker.phone_calls(t, first, planned=True)["outcome"].tolist() == ["Planned"]


def test_the_reply_rate_counts_only_interviews_that_replied():
    """Three interviews followed up, one replied: a third, whatever else was logged."""
    t, ids = interviews("Acme", "Beta", "Gamma")
    t = tracker.add_followup(t, followup(ids[0], outcome="Replied"))
    t = tracker.add_followup(t, followup(ids[1]))
    t = tracker.add_followup(t, followup(ids[2], channel=vocab.PHONE_CALL, outcome="Voicemail"))
    assert tracker.reply_rate(t) == 1 / 3


def test_count_tables_hold_text_labels_and_whole_numbers():
    """The overview's tables: labels as text, counts as integers, every value listed."""
    t, (first,) = interviews("Acme")
    t = tracker.add_followup(t, followup(first))
    by_channel = tracker.followups_by_channel(t)
    by_status = tracker.interviews_by_status(t)
    assert by_channel["channel"].dtype == "str"
    assert by_status["status"].dtype == "str"
    assert by_channel["followups"].dtype == "int64"
    assert by_status["interviews"].dtype == "int64"
    assert by_channel.set_index("channel")["followups"].to_dict()["Email"] == 1


def test_reply_rates_per_channel_count_made_follow_ups_only():
    """Per channel: follow-ups made (not planned), replies, and the rate; no rate without any."""
    t, (acme, beta) = interviews("Acme", "Beta")
    for row in (
        followup(acme, outcome="Replied"),
        followup(acme, date="2024-09-27", purpose="Check-in"),
        followup(beta, outcome="Replied"),
        followup(beta, channel="Phone call", purpose="Check-in", outcome="Voicemail"),
        followup(beta, channel="Phone call", purpose="Check-in", outcome="Planned"),
        followup(beta, channel="Text message", purpose="Check-in", outcome="Planned"),
    ):
        t = tracker.add_followup(t, row)
    rates = tracker.reply_rate_by_channel(t)
    assert rates["channel"].tolist() == list(vocab.CHANNELS)
    assert rates.dtypes.to_dict() == {
        "channel": tracker.TEXT_DTYPE,
        "made": "int64",
        "replies": "int64",
        "reply_rate": "float64",
    }
    by_channel = rates.set_index("channel")
    assert by_channel.loc["Email", ["made", "replies"]].tolist() == [3, 2]
    assert by_channel.loc["Email", "reply_rate"] == 2 / 3
    assert by_channel.loc["Phone call", ["made", "replies", "reply_rate"]].tolist() == [1, 0, 0.0]
    assert by_channel.loc["Text message", ["made", "replies"]].tolist() == [0, 0]
    assert pd.isna(by_channel.loc["Text message", "reply_rate"])


def test_the_funnel_counts_how_far_each_job_got():
    """Tracked, interviewed (dated, or further), past the first round, offers."""
    t = Tracker.empty()
    rows = [
        {"status": "Applied", "interview_date": None, "application_date": "2024-09-01"},
        {"status": "Rejected", "interview_date": None, "application_date": "2024-09-02"},
        {"status": "Rejected", "interview_date": "2024-09-10"},
        {"status": "Awaiting decision", "interview_date": "2024-09-11"},
        {"status": "Next round", "interview_date": "2024-09-12"},
        {"status": "Offer", "interview_date": "2024-09-13"},
        {"status": "Offer", "interview_date": "2024-09-14"},
    ]
    for n, row in enumerate(rows):
        t = tracker.add_interview(t, {**ACME, "company": f"C{n}", **row})
    funnel = tracker.funnel(t)
    assert funnel["stage"].tolist() == list(tracker.FUNNEL_STAGES)
    assert funnel["jobs"].tolist() == [7, 5, 3, 2]
    assert funnel["jobs"].dtype == "int64"
    assert funnel["stage"].dtype == tracker.TEXT_DTYPE
