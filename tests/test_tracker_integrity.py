"""Records keep their identity: no id used twice, changed, or a follow-up moved elsewhere."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from followup import tracker, vocab
from followup.tracker import Tracker, TrackerError

ACME = {"company": "Acme", "role": "Analyst", "interview_date": "2024-09-19"}


def two_interviews() -> tuple[Tracker, str, str]:
    """Acme and Beta, with their ids."""
    t = tracker.add_interview(Tracker.empty(), ACME)
    t = tracker.add_interview(t, {**ACME, "company": "Beta"})
    first, second = t.interviews["interview_id"].tolist()
    return t, first, second


def email(interview_id: str, **fields: object) -> dict[str, object]:
    """A thank-you email follow-up row."""
    return {
        "interview_id": interview_id,
        "date": "2024-09-20",
        "channel": "Email",
        "purpose": "Thank-you",
        "outcome": "Done",
        **fields,
    }


def test_an_interview_with_an_id_already_taken_is_refused():
    """Adding an interview under an existing id says so and adds nothing."""
    t, first, _ = two_interviews()
    with pytest.raises(TrackerError, match=f"An interview with id {first} already exists"):
        tracker.add_interview(t, {**ACME, "company": "Gamma", "interview_id": first})


def test_a_batch_repeating_an_id_within_itself_is_refused():
    """Two imported rows under one id: the second is refused and none is added."""
    rows = pd.DataFrame(
        [{**ACME, "interview_id": "abc"}, {**ACME, "company": "Beta", "interview_id": "abc"}]
    )
    with pytest.raises(TrackerError, match="An interview with id abc already exists"):
        tracker.add_interviews(Tracker.empty(), rows)


def test_a_batch_keeps_the_ids_it_was_given():
    """Rows that bring their own ids (a restored backup) keep them, in order."""
    rows = pd.DataFrame(
        [{**ACME, "interview_id": "abc"}, {**ACME, "company": "Beta", "interview_id": "def"}]
    )
    t = tracker.add_interviews(Tracker.empty(), rows)
    assert t.interviews["interview_id"].tolist() == ["abc", "def"]
    assert t.interviews["status"].tolist() == [tracker.DEFAULT_STATUS] * 2


def test_an_empty_batch_changes_nothing():
    """Importing no rows gives back the same tracker."""
    t, _, _ = two_interviews()
    assert tracker.add_interviews(t, pd.DataFrame(columns=list(ACME))) is t


def test_a_followup_with_an_id_already_taken_is_refused():
    """Logging a follow-up under an existing follow-up id is refused; the first one stays."""
    t, first, _ = two_interviews()
    t = tracker.add_followup(t, email(first, followup_id="f1"))
    with pytest.raises(TrackerError, match="A follow-up with id f1 already exists"):
        tracker.add_followup(t, email(first, followup_id="f1", channel="LinkedIn message"))
    assert t.followups["channel"].tolist() == ["Email"]


def test_a_followup_keeps_the_id_it_was_given():
    """A follow-up brought with its id (a restored backup) keeps it."""
    t, first, _ = two_interviews()
    t = tracker.add_followup(t, email(first, followup_id="f1"))
    assert t.followups["followup_id"].tolist() == ["f1"]


def test_a_followup_cannot_be_moved_to_another_interview():
    """Changing which interview a follow-up belongs to is refused, even to one that exists."""
    t, first, second = two_interviews()
    t = tracker.add_followup(t, email(first))
    followup_id = t.followups["followup_id"].iloc[0]
    with pytest.raises(TrackerError) as raised:
        tracker.update_followups(t, {followup_id: {"interview_id": second}})
    assert str(raised.value) == "A follow-up cannot be moved to another interview."
    assert tracker.followups_of(t, first)["followup_id"].tolist() == [followup_id]
    assert tracker.followups_of(t, second).empty


@pytest.mark.parametrize(
    ("update", "id_column", "label"),
    [
        (tracker.update_interviews, "interview_id", "interview id"),
        (tracker.update_followups, "followup_id", "follow-up id"),
    ],
)
def test_an_update_cannot_change_a_rows_id(update, id_column: str, label: str):
    """Renaming a row's id would detach it from what refers to it: refused, named."""
    t, first, _ = two_interviews()
    t = tracker.add_followup(t, email(first))
    row_id = (t.interviews if id_column == "interview_id" else t.followups)[id_column].iloc[0]
    with pytest.raises(TrackerError, match=f"The {label} cannot be changed"):
        update(t, {row_id: {id_column: "0123456789ab", "notes": "x"}})


def test_an_update_of_a_deleted_followup_is_refused():
    """Editing a follow-up that another tab deleted says so."""
    t, first, _ = two_interviews()
    t = tracker.add_followup(t, email(first, followup_id="f1"))
    gone = tracker.delete_followups(t, ["f1"])
    with pytest.raises(TrackerError, match="That follow-up no longer exists"):
        tracker.update_followups(gone, {"f1": {"outcome": "Replied"}})


def test_one_phone_call_is_not_too_many():
    """One call in a round is the advice; only the second is flagged."""
    t, first, second = two_interviews()
    call = {"channel": vocab.PHONE_CALL, "purpose": "Check-in", "outcome": "Reached"}
    t = tracker.add_followup(t, email(first, **call))
    t = tracker.add_followup(t, email(second, **call))
    t = tracker.add_followup(t, email(second, **call, date="2024-09-27"))
    table = tracker.interviews_with_calls(t)
    assert table.loc[first, tracker.CALLS] == 1
    assert not table.loc[first, tracker.TOO_MANY_CALLS]
    assert table.loc[second, tracker.TOO_MANY_CALLS]


def test_an_update_of_a_deleted_interview_names_what_is_gone():
    """Editing an interview another tab deleted: the message says it was an interview."""
    t, first, _ = two_interviews()
    gone = tracker.delete_interview(t, first)
    with pytest.raises(TrackerError) as raised:
        tracker.update_interviews(gone, {first: {"notes": "x"}})
    assert str(raised.value) == (
        "That interview no longer exists; it may have been deleted elsewhere."
    )


def test_editing_a_followup_leaves_the_interviews_as_they_were():
    """Changing a follow-up's outcome changes that row only; the interviews are untouched."""
    t, first, _ = two_interviews()
    t = tracker.add_followup(t, email(first, followup_id="f1"))
    after = tracker.update_followups(t, {"f1": {"outcome": "Replied"}})
    pd.testing.assert_frame_equal(after.interviews, t.interviews)
    assert after.followups["outcome"].tolist() == ["Replied"]


def test_a_followup_for_a_deleted_interview_is_refused_with_the_reason():
    """Logging for an interview another tab deleted says so, instead of attaching it elsewhere."""
    t, first, _ = two_interviews()
    gone = tracker.delete_interview(t, first)
    with pytest.raises(TrackerError) as raised:
        tracker.add_followup(gone, email(first))
    assert str(raised.value) == (
        "That interview no longer exists; it may have been deleted elsewhere."
    )
    assert gone.followups.empty


def test_deleting_an_interview_keeps_both_tables_shape():
    """After a delete both tables have their columns and rows numbered from 0, as on load."""
    t, first, second = two_interviews()
    t = tracker.add_followup(t, email(first))
    t = tracker.add_followup(t, email(second))
    after = tracker.delete_interview(t, first)
    assert list(after.interviews.columns) == list(vocab.INTERVIEW_COLUMNS)
    assert list(after.followups.columns) == list(vocab.FOLLOWUP_COLUMNS)
    assert after.interviews.index.tolist() == [0]
    assert after.followups.index.tolist() == [0]
    assert after.followups["interview_id"].tolist() == [second]


def row_like(notes_first_line: str = "First line") -> str:
    """A note whose second line reads as a whole row of the interviews file."""
    cells = dict.fromkeys(vocab.INTERVIEW_COLUMNS, "")
    cells |= {"interview_id": "i2", "company": "Co2", "role": "Dev", "interview_date": "2024-09-12"}
    return notes_first_line + "\n" + ",".join(cells.values())


def followup_row_like(interview_id: str) -> str:
    """A note whose second line reads as a whole row of the follow-ups file."""
    cells = dict.fromkeys(vocab.FOLLOWUP_COLUMNS, "")
    cells |= {"followup_id": "f2", "interview_id": interview_id, "date": "2024-09-21"}
    return "Sent\n" + ",".join(cells.values())


def test_a_follow_up_note_that_reads_as_a_row_is_refused():
    """Logging a follow-up whose note holds a row of the file is refused like an interview's."""
    t, first, _ = two_interviews()
    t = tracker.add_followup(t, email(first))
    with pytest.raises(TrackerError, match=r"^The notes holds a line that reads as a row"):
        tracker.add_followup(t, email(first, notes=followup_row_like(first)))


def test_a_tracker_built_by_hand_with_a_row_inside_a_note_is_refused_on_validate():
    """The Python API's own frames are checked for such lines too before any save."""
    t, _, _ = two_interviews()
    interviews = t.interviews.copy()
    interviews.loc[1, "notes"] = row_like()
    with pytest.raises(TrackerError, match="Row 2: The notes holds a line that reads as a row"):
        tracker.validate(Tracker(interviews, t.followups))
    with pytest.raises(TrackerError, match="Row 2: "):
        tracker.check_interviews(interviews)
    followups = tracker.add_followup(t, email(t.interviews["interview_id"][0])).followups.copy()
    followups.loc[0, "notes"] = followup_row_like("i9")
    with pytest.raises(TrackerError, match="Row 1: "):
        tracker.check_followups(followups)


@pytest.mark.parametrize(
    ("column", "message"),
    [
        (0, "The column name 0 is not text."),
        (
            "followup:score",
            "The column 'followup:score' starts with 'followup:', which the app keeps for the "
            "figures it computes; rename the column.",
        ),
    ],
)
def test_a_column_name_the_app_cannot_keep_is_refused_with_its_name(column, message):
    """A column named by a number, or in the app's own namespace, is refused saying why."""
    t, _, _ = two_interviews()
    for frame, check in (
        (t.interviews, tracker.check_interviews),
        (t.followups, tracker.check_followups),
    ):
        with pytest.raises(TrackerError) as refused:
            check(frame.assign(**{"x": None}).rename(columns={"x": column}))
        assert str(refused.value) == message


def test_a_follow_up_dated_outside_the_range_in_a_table_is_refused_naming_it():
    """A typed follow-ups table (a file just read) with a date before 1900: its row is named."""
    t, first, _ = two_interviews()
    followups = tracker.add_followup(t, email(first)).followups.copy()
    followups.loc[0, "date"] = pd.Timestamp("1850-01-01")
    with pytest.raises(TrackerError) as refused:
        tracker.check_followups(followups)
    assert str(refused.value) == (
        "Row 1: the follow-up's date 1850-01-01 is outside the dates the tracker takes "
        "(1900-01-01 to 2199-12-31)."
    )


def test_a_cell_cleared_in_the_editor_is_an_edit_to_empty():
    """The editor hands back pd.NA for a cleared cell: that is a change to an empty cell."""
    t, first, _ = two_interviews()
    before = t.interviews.set_index("interview_id")
    after = before.astype({"company": object})
    after.loc[first, "company"] = pd.NA
    assert tracker.table_changes(before, after) == ({first: {"company": None}}, [])


def test_a_column_of_an_empty_table_is_kept_when_the_first_row_is_added():
    """A file with only a header, one column the user's own: the first row added keeps it."""
    empty = Tracker.empty()
    interviews = empty.interviews.assign(referral=pd.Series(dtype="str"))
    t = tracker.add_interview(Tracker(interviews, empty.followups), {**ACME, "referral": "Ann"})
    assert t.interviews.columns[-1] == "referral"
    assert t.interviews["referral"].tolist() == ["Ann"]
    followups = empty.followups.assign(mood=pd.Series(dtype="str"))
    t = tracker.add_followup(
        Tracker(t.interviews, followups), email(t.interviews["interview_id"][0])
    )
    assert "mood" in t.followups.columns


def test_a_row_without_dates_is_labelled_no_date():
    """A picker label names the interview date, else the application date, else says none."""
    row = {"company": "Acme", "role": "Analyst", "interview_date": None}
    assert tracker.interview_label(row) == "Acme · Analyst · no date"
    applied = row | {"application_date": pd.Timestamp("2024-09-02")}
    assert tracker.interview_label(applied) == "Acme · Analyst · applied 2024-09-02"


def test_follow_ups_on_the_same_day_keep_the_order_they_were_logged_in():
    """Twenty follow-ups over three days: oldest day first, the logging order within a day."""
    t, first, _ = two_interviews()
    days = [f"2024-09-{20 + (n * 7) % 3}" for n in range(20)]
    for n, day in enumerate(days):
        t = tracker.add_followup(t, email(first, date=day, notes=f"note {n:02}"))
    expected = [f"note {n:02}" for _, n in sorted((day, n) for n, day in enumerate(days))]
    assert tracker.followups_of(t, first)["notes"].tolist() == expected


def test_a_new_id_is_twelve_hex_digits_never_one_already_taken(monkeypatch):
    """Ids taken may come as any iterable; a drawn id that is taken is drawn again."""
    draws = iter([SimpleNamespace(hex=digit * 32) for digit in "aab"])  # "a" drawn twice
    monkeypatch.setattr(tracker.uuid, "uuid4", lambda: next(draws))
    assert tracker.new_id(iter(["aaaaaaaaaaaa"])) == "bbbbbbbbbbbb"
    monkeypatch.undo()
    fresh = tracker.new_id()
    assert len(fresh) == 12 and int(fresh, 16) >= 0
