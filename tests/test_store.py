"""The CSV store's own promises: files, atomic writes, backups, damaged files left alone.

What every store promises is in tests/test_store_contract.py.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import filelock
import pytest

from followup import store as store_module
from followup import tracker, vocab
from followup.paths import SHIPPED_DATA_DIR
from followup.store import CsvStore, StoreError, read_folder
from followup.tracker import Tracker

ROW = {"company": "Acme", "role": "Analyst", "interview_date": dt.date(2024, 9, 19)}


def add(store, **fields: object) -> Tracker:
    """Add one interview through the store's transaction."""
    return store.update(lambda t: tracker.add_interview(t, {**ROW, **fields}))


def test_a_missing_folder_loads_as_an_empty_tracker(tmp_path: Path):
    """Before the first save there is nothing, and loading creates nothing."""
    store = CsvStore(tmp_path / "new")
    assert store.load().interviews.empty
    assert not (tmp_path / "new").exists()


def test_files_use_the_contract_columns_and_iso_dates(tmp_path: Path):
    """interviews.csv starts with the documented header and writes dates as YYYY-MM-DD."""
    add(CsvStore(tmp_path))
    header, row = (tmp_path / "interviews.csv").read_text(encoding="utf-8").splitlines()[:2]
    assert header == ",".join(f'"{c}"' for c in vocab.INTERVIEW_COLUMNS)
    assert ',"2024-09-19",' in row
    followups = (tmp_path / "followups.csv").read_text().strip()
    assert followups == ",".join(f'"{c}"' for c in vocab.FOLLOWUP_COLUMNS)


def test_unknown_columns_in_the_file_are_kept_on_save(tmp_path: Path):
    """A column added in a spreadsheet survives the app's next save."""
    store = CsvStore(tmp_path)
    add(store)
    path = tmp_path / "interviews.csv"
    lines = path.read_text().splitlines()
    path.write_text(f"{lines[0]},referral\n{lines[1]},Jo\n", encoding="utf-8")
    add(store, company="Beta")
    loaded = store.load().interviews
    assert list(loaded.columns)[-1] == "referral"
    assert loaded["referral"].tolist()[0] == "Jo"


def test_backups_keep_the_replaced_versions_up_to_the_limit(tmp_path: Path):
    """Each save keeps the version it replaced; only the newest few are kept."""
    store = CsvStore(tmp_path, keep_backups=3)
    for number in range(6):
        add(store, company=f"C{number}")
    backups = sorted((tmp_path / "backups").glob("interviews-*.csv"))
    assert len(backups) == 3
    newest = read_folder_table(backups[-1])
    assert newest == ["C0", "C1", "C2", "C3", "C4"]


def read_folder_table(path: Path) -> list[str]:
    """Companies in one backup file."""
    folder = path.parent / "restore"
    folder.mkdir(exist_ok=True)
    (folder / "interviews.csv").write_bytes(path.read_bytes())
    return read_folder(folder).interviews["company"].tolist()


def test_no_temporary_file_is_left_after_saves(tmp_path: Path):
    """A save leaves only the two tables, the lock and the backups folder."""
    folder = tmp_path / "saves"
    store = CsvStore(folder)
    add(store)
    add(store)
    names = sorted(p.name for p in folder.iterdir())
    assert names == [".tracker.lock", "backups", "followups.csv", "interviews.csv"]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "is empty"),
        (b"interview_id,company\x00\n", "binary"),
        (b"\xff\xfeinterview_id", "not UTF-8"),
        (b"company,role\nAcme,Analyst\n", "no interview_id column"),
        (
            b"interview_id,company,role,interview_date\nabc,Acme,Analyst,19/09/2024\n",
            "not a date written as YYYY-MM-DD",
        ),
        (
            b"interview_id,company,role,interview_date,status\nabc,Acme,Dev,2024-09-19,Ghosted\n",
            "'Ghosted' is not one of",
        ),
        (b'interview_id,company\n"abc,Acme\n', "line 2: this row does not have"),
        (",".join(f"c{i}" for i in range(5000)).encode(), "5,000 columns"),
        (
            b"interview_id,company,role,interview_date,notes\r\n"
            + b'a1,Acme,Dev,2024-09-19,"open\r\n'
            + b"".join(b"a%d,Co,Dev,2024-09-2%d,\r\n" % (n, n) for n in range(2, 7)),
            "line 2: a quote in the notes cell is not closed",
        ),
    ],
    ids=["empty", "nul", "latin", "no-id", "bad-date", "bad-status", "quote", "wide", "runaway"],
)
def test_a_damaged_file_is_reported_and_never_overwritten(
    tmp_path: Path, content: bytes, problem: str
):
    """A damaged interviews.csv gives a message naming the file; saving leaves it untouched."""
    path = tmp_path / "interviews.csv"
    path.write_bytes(content)
    store = CsvStore(tmp_path)
    with pytest.raises(StoreError, match=problem) as raised:
        store.load()
    assert str(raised.value).startswith("interviews.csv")
    assert f"(file: {path})" in str(raised.value)
    with pytest.raises(StoreError):
        add(store)
    assert path.read_bytes() == content
    assert not (tmp_path / "followups.csv").exists()


def test_the_shipped_sample_reads_and_every_row_is_marked():
    """The sample in data/sample_tracker/ is valid and every row carries a sample- id."""
    sample = read_folder(SHIPPED_DATA_DIR / "sample_tracker")
    assert len(sample.interviews) == 4
    assert sample.interviews["interview_id"].str.startswith(tracker.SAMPLE_PREFIX).all()
    assert sample.followups["followup_id"].str.startswith(tracker.SAMPLE_PREFIX).all()
    assert sample.interviews["company"].str.endswith("(sample)").all()


def test_a_save_waiting_too_long_for_the_lock_says_the_tracker_is_busy(tmp_path: Path):
    """When another save holds the lock too long, the user is told to try again; nothing changes."""
    store = CsvStore(tmp_path, lock_timeout=0.1)
    add(store)
    before = (tmp_path / "interviews.csv").read_bytes()
    with filelock.FileLock(tmp_path / ".tracker.lock"), pytest.raises(StoreError, match="busy"):
        add(CsvStore(tmp_path, lock_timeout=0.1), company="Beta")
    assert (tmp_path / "interviews.csv").read_bytes() == before


def count_reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Record every time the store parses the files."""
    reads: list[Path] = []
    real = store_module.read_folder

    def spy(folder: Path) -> Tracker:
        reads.append(folder)
        return real(folder)

    monkeypatch.setattr(store_module, "read_folder", spy)
    return reads


def test_unchanged_files_are_not_parsed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Reruns of a page reuse the tracker last read while the files on disk are the same."""
    store = CsvStore(tmp_path)
    add(store, company="Acme")
    reads = count_reads(monkeypatch)
    first = store.load()
    assert store.load() is first
    add(store, company="Beta")
    assert reads == []
    assert sorted(store.load().interviews["company"]) == ["Acme", "Beta"]


def test_a_file_edited_by_hand_is_read_again(tmp_path: Path):
    """Editing interviews.csv in a text editor shows up on the next load."""
    store = CsvStore(tmp_path)
    add(store, company="Acme")
    store.load()
    path = store.interviews_path
    path.write_bytes(path.read_bytes().replace(b"Acme", b"Acne"))
    assert store.load().interviews["company"].tolist() == ["Acne"]


def test_a_read_overlapping_a_save_reads_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A load that another tab's save overlaps is not kept: it reads the saved version instead."""
    add(CsvStore(tmp_path), company="Acme")
    real = store_module.read_folder
    overlapped: list[bool] = []

    def read_while_another_tab_saves(folder: Path) -> Tracker:
        result = real(folder)
        if not overlapped:
            overlapped.append(True)
            add(CsvStore(tmp_path), company="Beta")
        return result

    monkeypatch.setattr(store_module, "read_folder", read_while_another_tab_saves)
    assert sorted(CsvStore(tmp_path).load().interviews["company"]) == ["Acme", "Beta"]
    assert overlapped == [True]


def test_an_id_that_is_only_the_mark_is_missing_and_the_file_is_named(tmp_path: Path):
    """A cell holding only the apostrophe reads as empty: the row has no id, in that file."""
    content = b"interview_id,company,role,interview_date\r\n',Acme,Analyst,2026-01-05\r\n"
    (tmp_path / "interviews.csv").write_bytes(content)
    with pytest.raises(StoreError) as raised:
        CsvStore(tmp_path).load()
    assert str(raised.value) == (
        f"interviews.csv, row 1 has no interview id. (file: {tmp_path / 'interviews.csv'})"
    )


def test_a_file_growing_while_it_is_read_is_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """A file that gets longer between its size being taken and its reading is read whole."""
    store = CsvStore(tmp_path)
    add(store)
    real_fstat = os.fstat

    class ShortStat:
        def __init__(self, fd: int) -> None:
            self.st_size = real_fstat(fd).st_size - 20

    monkeypatch.setattr(store_module.os, "fstat", ShortStat)
    assert read_folder(tmp_path).interviews["interview_date"].notna().tolist() == [True]


def test_a_file_shrinking_while_it_is_read_is_read_as_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """A file that gets shorter between its size being taken and its reading: only its bytes."""
    store = CsvStore(tmp_path)
    saved = add(store)
    real_fstat = os.fstat

    class LongStat:
        def __init__(self, fd: int) -> None:
            self.st_size = real_fstat(fd).st_size + 20

    monkeypatch.setattr(store_module.os, "fstat", LongStat)
    assert read_folder(tmp_path).interviews.equals(saved.interviews)


def test_a_save_landing_between_my_read_and_my_write_is_kept(tmp_path: Path):
    """Another tab saves while my change is worked out: my change runs again, both are kept."""
    mine, theirs = CsvStore(tmp_path), CsvStore(tmp_path)
    add(mine, company="Acme")
    seen: list[list[str]] = []

    def mine_while_they_save(current: Tracker) -> Tracker:
        seen.append(sorted(current.interviews["company"]))
        if len(seen) == 1:
            add(theirs, company="Beta")
        return tracker.add_interview(current, {**ROW, "company": "Gamma"})

    saved = mine.update(mine_while_they_save)
    assert seen == [["Acme"], ["Acme", "Beta"]]
    assert sorted(saved.interviews["company"]) == ["Acme", "Beta", "Gamma"]
    assert sorted(CsvStore(tmp_path).load().interviews["company"]) == ["Acme", "Beta", "Gamma"]


def test_a_save_that_keeps_losing_the_race_finally_holds_the_lock(tmp_path: Path):
    """When other saves keep getting in first, the last try works under the lock and gets in."""
    mine, theirs = CsvStore(tmp_path), CsvStore(tmp_path)
    locked_on_call: list[bool] = []

    def mine_while_they_keep_saving(current: Tracker) -> Tracker:
        locked_on_call.append(store_module._folder_lock(tmp_path).locked())
        if len(locked_on_call) < store_module.SAVE_ATTEMPTS:
            add(theirs, company=f"Other {len(locked_on_call)}")
        return tracker.add_interview(current, {**ROW, "company": "Mine"})

    saved = mine.update(mine_while_they_keep_saving)
    assert locked_on_call == [False] * (store_module.SAVE_ATTEMPTS - 1) + [True]
    others = [f"Other {n}" for n in range(1, store_module.SAVE_ATTEMPTS)]
    assert sorted(saved.interviews["company"]) == ["Mine", *others]
    assert saved.interviews.equals(CsvStore(tmp_path).load().interviews)


def test_a_tracker_read_under_the_lock_is_not_parsed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """After a load that had to finish a journal first, the next load reuses what it read."""
    add(CsvStore(tmp_path), company="Acme")
    (tmp_path / store_module.JOURNAL_FILE).write_text("")
    reads = count_reads(monkeypatch)
    store = CsvStore(tmp_path)
    first = store.load()
    assert store.load() is first
    assert len(reads) == 1
    assert not (tmp_path / store_module.JOURNAL_FILE).exists()


def test_a_save_in_one_folder_does_not_wait_for_another_folder(tmp_path: Path):
    """Each folder has its own lock in a server: one user's save never waits for another's."""
    busy, free = tmp_path / "busy", tmp_path / "free"
    with store_module._folder_lock(busy):
        saved = add(CsvStore(free, lock_timeout=0.1), company="Acme")
    assert saved.interviews["company"].tolist() == ["Acme"]


def test_a_followups_file_without_its_interviews_file_is_read_not_dropped(tmp_path: Path):
    """interviews.csv deleted by hand: the follow-ups still load, so a save does not lose them."""
    store = CsvStore(tmp_path)
    t = add(store)
    first = t.interviews["interview_id"].iloc[0]
    row = {"interview_id": first, "date": "2024-09-20", "channel": "Email", "outcome": "Done"}
    store.update(lambda t: tracker.add_followup(t, {**row, "purpose": "Thank-you"}))
    (tmp_path / "interviews.csv").unlink()
    loaded = CsvStore(tmp_path).load()
    assert loaded.interviews.empty
    assert loaded.followups["interview_id"].tolist() == [first]
