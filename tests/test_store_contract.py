"""The store contract, run unchanged against every store: CSV folder, memory, SQLite, PostgreSQL.

What a page relies on: an empty tracker before the first save; what was saved loads back exactly
(values, dtypes, row and column order, unknown columns); a refused change writes nothing; a save
from another tab is seen at once; a save landing between my read and my write is kept, my change
running again on the newer tracker; the zip download loads back into any store.
"""

from __future__ import annotations

import datetime as dt
import itertools
import uuid
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings

from followup import export, sqlstore, tracker
from followup.store import CsvStore, MemoryStore, Store
from followup.tracker import Tracker
from tests.test_store_roundtrip import trackers

ROW = {"company": "Acme", "role": "Analyst", "interview_date": dt.date(2024, 9, 19)}
KINDS = ("csv", "memory", "sqlite", "postgresql")
# A new, empty tracker; calling the returned opener again gives another instance on the same one
# (another tab, or another replica): two CSV stores on one folder, two SQL stores on one owner.
Opener = Callable[[], Store]


@pytest.fixture(params=KINDS)
def new_tracker(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[], Opener]:
    """A factory of fresh trackers in the store under test."""
    kind = request.param
    counter = itertools.count()
    if kind == "csv":
        return lambda: _csv_opener(tmp_path / f"tracker{next(counter)}")
    if kind == "memory":
        return _memory_opener
    if kind == "sqlite":
        engine = sqlstore.engine_for(f"sqlite:///{tmp_path / 'tracker.db'}")
    else:
        engine = request.getfixturevalue("postgres_engine")
    return lambda: _sql_opener(engine, uuid.uuid4().hex)


def _csv_opener(folder: Path) -> Opener:
    return lambda: CsvStore(folder)


def _memory_opener() -> Opener:
    # A session's memory store is the only one on its tracker: "another tab" is the same object.
    store = MemoryStore()
    return lambda: store


def _sql_opener(engine, owner: str) -> Opener:
    return lambda: sqlstore.SqlStore(engine, owner)


@pytest.fixture
def opener(new_tracker: Callable[[], Opener]) -> Opener:
    """Instances on one fresh tracker."""
    return new_tracker()


def add(store: Store, **fields: object) -> Tracker:
    """Add one interview through the store's transaction."""
    return store.update(lambda t: tracker.add_interview(t, {**ROW, **fields}))


def assert_same(loaded: Tracker, saved: Tracker) -> None:
    pd.testing.assert_frame_equal(loaded.interviews, saved.interviews)
    pd.testing.assert_frame_equal(loaded.followups, saved.followups)


def test_a_new_tracker_loads_empty_with_the_contract_columns(opener: Opener):
    """Before the first save there is an empty tracker with the documented columns."""
    assert_same(opener().load(), Tracker.empty())


def test_saved_rows_load_back_equal_in_another_instance(opener: Opener):
    """What was saved loads back with the same values, dtypes and order, also in a new instance."""
    store = opener()
    add(store, notes="=SUM(A1)", interviewer_phone="+1 555", decision_expected="2024-10-01")
    saved = add(store, company="Beta", notes='two\nlines, "quoted" ünïcode 😀')
    first = saved.interviews["interview_id"].iloc[0]
    thanks = {"interview_id": first, "date": "2024-09-20", "channel": "Email"}
    saved = store.update(
        lambda t: tracker.add_followup(t, {**thanks, "purpose": "Thank-you", "outcome": "Done"})
    )
    assert_same(store.load(), saved)
    assert_same(opener().load(), saved)


def test_unknown_columns_and_their_order_are_kept(opener: Opener):
    """Columns the app does not know (even one with no value yet) survive saves, in order."""
    store = opener()
    add(store)

    def with_extras(t: Tracker) -> Tracker:
        interviews = t.interviews.assign(referral="Jo", zeta=pd.NA, alpha="a")
        return Tracker.from_frames(interviews, t.followups.assign(extra=pd.Series(dtype="str")))

    store.update(with_extras)
    saved = add(store, company="Beta", referral="Sam")
    loaded = opener().load()
    assert list(loaded.interviews.columns)[-3:] == ["referral", "zeta", "alpha"]
    assert loaded.interviews["referral"].tolist() == ["Jo", "Sam"]
    assert list(loaded.followups.columns)[-1] == "extra"
    assert_same(loaded, saved)


def test_changes_by_id_touch_only_their_rows(opener: Opener):
    """Editing, deleting and reordering rows by id loads back exactly as changed."""
    store = opener()
    for company in ("A", "B", "C", "D"):
        add(store, company=company)
    ids = store.load().interviews["interview_id"].tolist()
    store.update(lambda t: tracker.update_interviews(t, {ids[1]: {"status": "Offer"}}))
    store.update(lambda t: tracker.delete_interview(t, ids[2]))
    saved = add(store, company="E")

    def newest_first(t: Tracker) -> Tracker:
        return Tracker(t.interviews.iloc[::-1].reset_index(drop=True), t.followups)

    saved = store.update(newest_first)
    loaded = opener().load()
    assert loaded.interviews["company"].tolist() == ["E", "D", "B", "A"]
    assert loaded.interviews["status"].tolist()[2] == "Offer"
    assert_same(loaded, saved)


@pytest.mark.parametrize(
    "bad_change",
    [
        lambda t: tracker.add_interview(t, {**ROW, "company": ""}),
        lambda t: Tracker(t.interviews.assign(status="Ghosted"), t.followups),
        lambda t: 1 / 0,
    ],
    ids=["refused-row", "broken-contract", "change-raises"],
)
def test_a_failed_change_writes_nothing(opener: Opener, bad_change):
    """A change that raises, or whose result breaks the contract, leaves the tracker as it was."""
    store = opener()
    saved = add(store)
    with pytest.raises((ValueError, ZeroDivisionError)):
        store.update(bad_change)
    assert_same(store.load(), saved)
    assert_same(opener().load(), saved)


def test_a_save_from_another_instance_is_seen_at_once(opener: Opener):
    """Two tabs (or replicas) on one tracker: what one saves, the other's next load shows."""
    mine, theirs = opener(), opener()
    add(mine, company="Acme")
    assert mine.load().interviews["company"].tolist() == ["Acme"]
    add(theirs, company="Beta")
    assert sorted(mine.load().interviews["company"]) == ["Acme", "Beta"]
    add(mine, company="Gamma")
    assert sorted(theirs.load().interviews["company"]) == ["Acme", "Beta", "Gamma"]


def test_a_save_landing_between_my_read_and_my_write_is_kept(opener: Opener):
    """Another tab saves while my change is worked out: my change runs again, both are kept."""
    mine, theirs = opener(), opener()
    add(mine, company="Acme")
    mine.load()
    seen: list[list[str]] = []

    def mine_while_they_save(current: Tracker) -> Tracker:
        seen.append(sorted(current.interviews["company"]))
        if len(seen) == 1 and theirs is not mine:
            add(theirs, company="Beta")
        return tracker.add_interview(current, {**ROW, "company": "Gamma"})

    mine.update(mine_while_they_save)
    companies = sorted(opener().load().interviews["company"])
    if theirs is mine:  # one memory store per session: nothing can land in between
        assert companies == ["Acme", "Gamma"]
        return
    assert companies == ["Acme", "Beta", "Gamma"]
    assert seen == [["Acme"], ["Acme", "Beta"]]


def test_the_zip_download_loads_back_into_the_store(opener: Opener, new_tracker):
    """Download my tracker, load it into another (empty) tracker: the same tables."""
    store = opener()
    add(store, notes="'quoted", company="@Acme")
    saved = add(store, company="Beta", decision_expected="2024-12-31")
    archive = export.tracker_zip(store.load())
    target = new_tracker()()
    target.update(lambda _: export.read_tracker_zip(archive))
    assert_same(target.load(), saved)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(saved=trackers())
def test_any_typed_text_round_trips_exactly(new_tracker, saved: Tracker):
    """Whatever was typed (formulas, quotes, newlines, unicode, far dates) loads back identical."""
    opener = new_tracker()
    opener().update(lambda _: saved)
    assert_same(opener().load(), saved)
