"""The tracker model: rows added, changed and deleted by id, with clear refusals."""

from __future__ import annotations

import datetime as dt
import pickle

import pandas as pd
import pytest

from followup import tracker, vocab
from followup.tracker import Tracker, TrackerError

ACME = {"company": "Acme", "role": "Analyst", "interview_date": "2024-09-19"}


def with_interview(**fields: object) -> tuple[Tracker, str]:
    """A tracker holding one interview, and that interview's id."""
    t = tracker.add_interview(Tracker.empty(), {**ACME, **fields})
    return t, t.interviews["interview_id"].iloc[0]


def call(interview_id: str, **fields: object) -> dict[str, object]:
    """A phone-call follow-up row."""
    return {
        "interview_id": interview_id,
        "date": "2024-09-20",
        "channel": vocab.PHONE_CALL,
        "purpose": "Check-in",
        "outcome": "Reached",
        **fields,
    }


def test_empty_tracker_has_the_contract_columns_and_dtypes():
    """A new tracker has the documented columns: text as `str`, dates as datetime64[us]."""
    t = Tracker.empty()
    assert list(t.interviews.columns) == list(vocab.INTERVIEW_COLUMNS)
    assert list(t.followups.columns) == list(vocab.FOLLOWUP_COLUMNS)
    assert t.interviews["interview_date"].dtype == "datetime64[us]"
    assert t.interviews["company"].dtype == "str"


def test_added_interview_gets_a_fresh_hex_id_and_the_default_status():
    """Adding an interview gives it a 12-digit id and the status 'Awaiting decision'."""
    t, interview_id = with_interview()
    assert len(interview_id) == 12
    int(interview_id, 16)
    assert t.interviews["status"].iloc[0] == "Awaiting decision"
    assert t.interviews["interview_date"].iloc[0] == pd.Timestamp("2024-09-19")


def test_ids_are_unique_across_many_adds():
    """A hundred interviews get a hundred different ids."""
    t = Tracker.empty()
    for _ in range(100):
        t = tracker.add_interview(t, ACME)
    assert t.interviews["interview_id"].nunique() == 100


@pytest.mark.parametrize("field", ["company", "role", "interview_date"])
def test_required_fields_are_refused_when_missing(field: str):
    """Company, role and interview date are required, with a message naming the field."""
    label = field.replace("_", " ")
    with pytest.raises(TrackerError, match=f"{label} is required"):
        tracker.add_interview(Tracker.empty(), {**ACME, field: "  "})


def test_unknown_status_is_refused_with_the_choices():
    """A status outside the vocabulary is refused and the message lists the valid ones."""
    with pytest.raises(TrackerError, match="'Ghosted' is not one of: Applied, Awaiting decision"):
        tracker.add_interview(Tracker.empty(), {**ACME, "status": "Ghosted"})


def test_non_iso_date_is_refused():
    """A date typed the US way is refused: dates are YYYY-MM-DD."""
    with pytest.raises(TrackerError, match="'9/19/24' is not a date written as YYYY-MM-DD"):
        tracker.add_interview(Tracker.empty(), {**ACME, "interview_date": "9/19/24"})


def test_unknown_columns_are_kept_after_the_contract_columns():
    """A column the app does not know is kept, after the known ones."""
    t, _ = with_interview(referral="Jo")
    assert list(t.interviews.columns)[-1] == "referral"
    assert t.interviews["referral"].iloc[0] == "Jo"


def test_add_interviews_adds_all_rows_with_new_ids():
    """The importer's entry point adds every row of a table and gives each an id."""
    rows = pd.DataFrame(
        [
            {"company": "A", "role": "R", "interview_date": dt.date(2024, 1, 2)},
            {"company": "B", "role": "S", "interview_date": dt.date(2024, 1, 3)},
        ]
    )
    t = tracker.add_interviews(Tracker.empty(), rows)
    assert t.interviews["company"].tolist() == ["A", "B"]
    assert t.interviews["interview_id"].notna().all()


def test_add_interviews_adds_nothing_when_one_row_is_invalid():
    """One bad row stops the whole batch, and the message names that row."""
    rows = pd.DataFrame(
        [
            {"company": "A", "role": "R", "interview_date": "2024-01-02"},
            {"company": "", "role": "S", "interview_date": "2024-01-03"},
        ]
    )
    with pytest.raises(TrackerError, match="Row 2: the company is required"):
        tracker.add_interviews(Tracker.empty(), rows)


def test_update_changes_only_the_given_row_by_id():
    """An edit applied by id changes that interview and leaves the other alone."""
    t, first = with_interview()
    t = tracker.add_interview(t, {**ACME, "company": "Beta"})
    t = tracker.update_interviews(t, {first: {"status": "Offer", "decision_expected": None}})
    assert t.interviews["status"].tolist() == ["Offer", "Awaiting decision"]


def test_update_of_a_deleted_interview_is_refused():
    """Editing an interview that another tab deleted says so instead of guessing."""
    t, first = with_interview()
    t = tracker.delete_interview(t, first)
    with pytest.raises(TrackerError, match="no longer exists"):
        tracker.update_interviews(t, {first: {"company": "X"}})


def test_update_cannot_blank_a_required_field():
    """Clearing the company of an interview is refused."""
    t, first = with_interview()
    with pytest.raises(TrackerError, match="company is required"):
        tracker.update_interviews(t, {first: {"company": None}})


def test_delete_interview_removes_its_followups_only():
    """Deleting an interview removes its follow-ups and keeps the others."""
    t, first = with_interview()
    t = tracker.add_interview(t, {**ACME, "company": "Beta"})
    second = t.interviews["interview_id"].iloc[1]
    t = tracker.add_followup(t, call(first))
    t = tracker.add_followup(t, call(second))
    t = tracker.delete_interview(t, first)
    assert t.interviews["interview_id"].tolist() == [second]
    assert t.followups["interview_id"].tolist() == [second]


def test_followup_for_a_missing_interview_is_refused():
    """A follow-up must belong to an interview that exists."""
    with pytest.raises(TrackerError, match="no longer exists"):
        tracker.add_followup(Tracker.empty(), call("0123456789ab"))


def test_followup_update_and_delete_by_id():
    """A follow-up's outcome can be changed and the follow-up deleted, by id."""
    t, first = with_interview()
    t = tracker.add_followup(t, call(first, outcome="Planned"))
    followup_id = t.followups["followup_id"].iloc[0]
    t = tracker.update_followups(t, {followup_id: {"outcome": "Voicemail"}})
    assert t.followups["outcome"].tolist() == ["Voicemail"]
    assert tracker.delete_followups(t, [followup_id]).followups.empty


def test_second_phone_call_in_a_round_is_detected():
    """With one call made, another call is a second call; an email is not."""
    t, first = with_interview()
    assert not tracker.would_be_second_call(t, first, vocab.PHONE_CALL, "Reached")
    t = tracker.add_followup(t, call(first))
    assert tracker.would_be_second_call(t, first, vocab.PHONE_CALL, "Reached")
    assert tracker.would_be_second_call(t, first, vocab.PHONE_CALL, "Planned")
    assert not tracker.would_be_second_call(t, first, "Email", "Done")


def test_logging_how_a_planned_call_went_is_not_a_second_call():
    """A planned call, then the same call logged as made: one call, no warning."""
    t, first = with_interview()
    t = tracker.add_followup(t, call(first, outcome="Planned"))
    assert not tracker.would_be_second_call(t, first, vocab.PHONE_CALL, "Reached")
    assert tracker.would_be_second_call(t, first, vocab.PHONE_CALL, "Planned")


def test_calls_per_interview_counts_calls_made_and_zero_for_none():
    """The call count is 2 for the interview called twice and 0 for the other."""
    t, first = with_interview()
    t = tracker.add_interview(t, {**ACME, "company": "Beta"})
    t = tracker.add_followup(t, call(first))
    t = tracker.add_followup(t, call(first, outcome="Voicemail"))
    t = tracker.add_followup(t, call(first, outcome="Planned"))
    assert tracker.calls_per_interview(t).tolist() == [2, 0]


def test_interviews_with_calls_lists_newest_first_with_their_call_counts():
    """The editor's table: latest interview on top, each with its calls and the too-many flag."""
    t, first = with_interview()
    t = tracker.add_interview(t, {**ACME, "company": "Beta", "interview_date": "2024-10-01"})
    t = tracker.add_followup(t, call(first))
    t = tracker.add_followup(t, call(first, outcome="Voicemail"))
    table = tracker.interviews_with_calls(t)
    assert table["company"].tolist() == ["Beta", "Acme"]
    assert table.loc[first, tracker.CALLS] == 2
    assert table[tracker.TOO_MANY_CALLS].tolist() == [False, True]


def test_derived_figures_are_computed_once_per_tracker_and_afresh_for_a_new_one():
    """A rerun reuses what was computed from the same tracker; a change computes it again."""
    counted: list[Tracker] = []

    @tracker.once_per_tracker
    def companies(t: Tracker) -> list[str]:
        counted.append(t)
        return t.interviews["company"].tolist()

    t, first = with_interview()
    assert companies(t) == ["Acme"]
    assert companies(t) == ["Acme"]
    changed = tracker.update_interviews(t, {first: {"company": "Acme Corp"}})
    assert companies(changed) == ["Acme Corp"]
    assert len(counted) == 2
    assert counted[0] is t and counted[1] is changed


def test_a_tracker_with_computed_figures_can_be_copied_by_pickle():
    """st.cache_data pickles what it keeps: a tracker whose figures were computed still copies."""
    t, first = with_interview()
    revision = tracker.revision(t)
    copy = pickle.loads(pickle.dumps(t))
    assert copy.interviews.equals(t.interviews)
    assert tracker.revision(copy) == revision
    assert tracker.revision(tracker.update_interviews(copy, {first: {"notes": "x"}})) != revision


def test_followups_by_channel_counts_made_followups_in_vocabulary_order():
    """Planned follow-ups are not counted; every channel is listed."""
    t, first = with_interview()
    t = tracker.add_followup(t, call(first))
    t = tracker.add_followup(t, call(first, channel="Email", outcome="Planned"))
    counts = tracker.followups_by_channel(t)
    assert counts["channel"].tolist() == list(vocab.CHANNELS)
    assert dict(zip(counts["channel"], counts["followups"], strict=True))["Phone call"] == 1
    assert counts["followups"].sum() == 1


def test_reply_rate_is_share_of_followed_up_interviews_with_a_reply():
    """Two interviews followed up, one replied: a reply rate of one half."""
    t, first = with_interview()
    t = tracker.add_interview(t, {**ACME, "company": "Beta"})
    second = t.interviews["interview_id"].iloc[1]
    assert tracker.reply_rate(t) is None
    t = tracker.add_followup(t, call(first, outcome="Replied"))
    t = tracker.add_followup(t, call(second, channel="Email", outcome="Done"))
    assert tracker.reply_rate(t) == 0.5


def test_interviews_by_status_lists_every_status():
    """Counts per status, zero included, in the vocabulary's order."""
    t, _ = with_interview()
    counts = tracker.interviews_by_status(t)
    assert counts["status"].tolist() == list(vocab.STATUSES)
    assert counts["interviews"].tolist() == [0, 1, 0, 0, 0, 0]


def test_sample_is_added_shifted_and_removed_without_touching_own_rows():
    """Loading the sample moves its dates near today; removing it keeps the user's own rows."""
    own, own_id = with_interview()
    sample = tracker.add_interview(
        Tracker.empty(), {**ACME, "interview_id": "sample-01", "company": "S (sample)"}
    )
    sample = tracker.add_followup(sample, call("sample-01", followup_id="sample-f1"))
    t = tracker.add_sample(own, sample, today=dt.date(2025, 3, 10))
    assert tracker.has_sample(t)
    moved = t.interviews.set_index("interview_id").loc["sample-01", "interview_date"]
    assert moved == pd.Timestamp("2025-03-08")
    cleared = tracker.remove_sample(t)
    assert cleared.interviews["interview_id"].tolist() == [own_id]
    assert cleared.followups.empty


def test_table_changes_reports_changed_cells_and_deleted_ids():
    """Comparing an editor's output with its input gives the edits by id and the deleted ids."""
    before = pd.DataFrame(
        {"company": ["A", "B", "C"], "notes": [None, "x", None]},
        index=pd.Index(["i1", "i2", "i3"]),
    ).astype("str")
    after = before.drop(index="i3")
    after.loc["i1", "notes"] = "new"
    changes, deleted = tracker.table_changes(before, after)
    assert changes == {"i1": {"notes": "new"}}
    assert deleted == ["i3"]


def test_revision_changes_when_a_cell_changes():
    """The data revision that keys the editor changes with any edit."""
    t, first = with_interview()
    edited = tracker.update_interviews(t, {first: {"notes": "called"}})
    assert tracker.revision(t) != tracker.revision(edited)
    assert tracker.revision(t) == tracker.revision(t)


def test_from_frames_refuses_a_repeated_id():
    """Two rows with the same id are reported, not silently merged."""
    t, _ = with_interview()
    doubled = pd.concat([t.interviews, t.interviews], ignore_index=True)
    with pytest.raises(TrackerError, match="twice"):
        Tracker.from_frames(doubled, t.followups)


def test_labels_of_all_rows_match_the_single_label():
    """The picker's labels, built for the whole table at once, read as one label does."""
    t, _ = with_interview()
    t = tracker.add_interview(t, {**ACME, "company": "Beta · Co", "role": "=Lead"})
    labels = tracker.interview_labels(t.interviews)
    assert list(labels) == t.interviews["interview_id"].tolist()
    assert list(labels.values()) == [
        tracker.interview_label(row) for row in t.interviews.to_dict("records")
    ]


def test_text_held_by_python_strings_is_stored_as_arrow_text():
    """A table whose text pandas keeps as Python strings gets the tracker's own text dtype."""
    python_text = pd.StringDtype("python", na_value=float("nan"))
    rows = pd.DataFrame({**{k: [v] for k, v in ACME.items()}, "notes": [""]}, dtype=python_text)
    t = Tracker.from_frames(rows.assign(interview_id="a1"), Tracker.empty().followups)
    assert t.interviews["company"].dtype.storage == "pyarrow"
    assert pd.isna(t.interviews.loc[0, "notes"])


def test_pickers_offer_interviews_newest_first_by_their_labels() -> None:
    """The Call script's picker lists interviews newest first, named company · role · date."""
    current = tracker.add_interviews(
        tracker.Tracker.empty(),
        pd.DataFrame(
            [
                {"company": "Old Co", "role": "Analyst", "interview_date": dt.date(2026, 1, 5)},
                {"company": "New Co", "role": "Lead", "interview_date": dt.date(2026, 3, 2)},
            ]
        ),
    )
    labels = tracker.picker_labels(current)
    assert list(labels.values()) == ["New Co · Lead · 2026-03-02", "Old Co · Analyst · 2026-01-05"]
    assert list(labels) == list(current.interviews["interview_id"][::-1])
