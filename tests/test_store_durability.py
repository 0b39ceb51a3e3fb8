"""Saves leave no temp file, keep backups, rewrite only changed tables, and read back whole."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from followup import tracker
from followup.store import CsvStore, MemoryStore, StoreError, read_folder
from followup.tracker import Tracker

ROW = {"company": "Acme", "role": "Analyst", "interview_date": dt.date(2024, 9, 19)}


def add(store: CsvStore, company: str) -> Tracker:
    """Add one interview through the store's transaction."""
    return store.update(lambda t: tracker.add_interview(t, {**ROW, "company": company}))


def test_a_temp_file_left_by_a_killed_save_is_removed_by_the_next_save(tmp_path: Path):
    """A crash mid-save leaves a hidden temp file; the next save of that table clears it."""
    store = CsvStore(tmp_path)
    add(store, "Acme")
    stale = tmp_path / ".interviews.csv.k1ll3d.tmp"
    stale.write_bytes(b"interview_id,company\r\nhalf")
    mine = tmp_path / "my-notes.tmp"
    mine.write_text("kept")
    add(store, "Beta")
    assert not stale.exists()
    assert mine.read_text() == "kept"
    assert sorted(p.name for p in tmp_path.glob(".*.tmp")) == []


def test_a_failed_write_leaves_the_old_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """A disk that fails while the new file is written: the old file stays, no temp is left."""
    store = CsvStore(tmp_path)
    add(store, "Acme")
    before = (tmp_path / "interviews.csv").read_bytes()

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(StoreError, match="is full"):
        add(store, "Beta")
    monkeypatch.undo()
    assert (tmp_path / "interviews.csv").read_bytes() == before
    assert list(tmp_path.glob(".*.tmp")) == []


def test_backups_are_copied_where_files_cannot_be_linked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """On a disk without hard links the replaced version is copied into backups/ instead."""
    store = CsvStore(tmp_path)
    add(store, "Acme")
    before = (tmp_path / "interviews.csv").read_bytes()

    def no_links(source: object, target: object) -> None:
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    add(store, "Beta")
    (backup,) = (tmp_path / "backups").glob("interviews-*.csv")
    assert backup.read_bytes() == before


def test_a_table_left_equal_by_a_change_is_not_written_again(tmp_path: Path):
    """A change rebuilding both tables but adding only an interview rewrites interviews.csv only."""
    store = CsvStore(tmp_path)
    add(store, "Acme")
    followups = tmp_path / "followups.csv"
    before = followups.stat()

    def rebuild(t: Tracker) -> Tracker:
        added = tracker.add_interview(t, {**ROW, "company": "Beta"})
        return Tracker(added.interviews.copy(), added.followups.copy())

    store.update(rebuild)
    after = followups.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert sorted(read_folder(tmp_path).interviews["company"]) == ["Acme", "Beta"]


def test_a_memory_store_starts_from_the_tracker_it_is_given():
    """A session store opened on a loaded tracker shows that tracker's rows."""
    loaded = tracker.add_interview(Tracker.empty(), ROW)
    assert MemoryStore(loaded).load() is loaded
    assert MemoryStore().load().interviews.empty


def test_a_memory_store_keeps_a_valid_change_and_refuses_a_bad_one():
    """As on disk: a change is checked before it is kept, and a refused one changes nothing."""
    store = MemoryStore()
    after = store.update(lambda t: tracker.add_interview(t, ROW))
    assert store.load() is after
    assert after.interviews["company"].tolist() == ["Acme"]
    broken = after.interviews.assign(company=None)
    with pytest.raises(tracker.TrackerError, match="company is required"):
        store.update(lambda t: Tracker(broken, t.followups))
    assert store.load() is after


def test_another_session_reads_the_followups_back(tmp_path: Path):
    """A fresh store (another tab, after a restart) reads both files, follow-ups included."""
    saved = add(CsvStore(tmp_path), "Acme")
    row = {
        "interview_id": saved.interviews["interview_id"].iloc[0],
        "date": dt.date(2024, 9, 20),
        "channel": "Email",
        "purpose": "Thank-you",
        "outcome": "Done",
    }
    saved = CsvStore(tmp_path).update(lambda t: tracker.add_followup(t, row))
    loaded = CsvStore(tmp_path).load()
    assert loaded.followups["followup_id"].tolist() == saved.followups["followup_id"].tolist()
    assert loaded.followups["channel"].tolist() == ["Email"]


def test_while_a_save_writes_the_saved_file_is_still_the_whole_old_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """A reader during a save sees the old file whole: the new one is written beside it."""
    store = CsvStore(tmp_path)
    add(store, "Acme")
    old = (tmp_path / "interviews.csv").read_bytes()
    seen: list[bytes] = []
    real_write = os.write

    def watching_write(fd: int, data) -> int:
        seen.append((tmp_path / "interviews.csv").read_bytes())
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", watching_write)
    add(store, "Beta")
    monkeypatch.undo()
    assert seen and all(content == old for content in seen)
    assert set(read_folder(tmp_path).interviews["company"]) == {"Acme", "Beta"}


def test_a_new_file_is_on_disk_before_it_replaces_the_old(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Each file is fsynced before its rename, from a temp file in the same folder."""
    store = CsvStore(tmp_path)
    add(store, "Acme")
    events: list[tuple[str, str]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        events.append(("fsync", os.readlink(f"/proc/self/fd/{fd}")))
        real_fsync(fd)

    def replace(source, target) -> None:
        events.append(("replace", str(source)))
        assert Path(source).parent == Path(target).parent == tmp_path
        real_replace(source, target)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    store.update(lambda t: tracker.delete_interview(t, t.interviews["interview_id"].iloc[0]))
    monkeypatch.undo()
    renamed = [path for kind, path in events if kind == "replace"]
    assert renamed
    for source in renamed:
        position = events.index(("replace", source))
        assert ("fsync", source) in events[:position], events


def test_a_save_waits_while_another_holds_the_lock(tmp_path: Path):
    """Two savers never write at once: a save waits for the lock another one holds."""
    import threading
    import time

    import filelock

    from followup.store import LOCK_FILE

    store = CsvStore(tmp_path, lock_timeout=30)
    add(store, "Acme")
    before = (tmp_path / "interviews.csv").read_bytes()
    lock = filelock.FileLock(tmp_path / LOCK_FILE)
    lock.acquire()
    saver = threading.Thread(target=add, args=(CsvStore(tmp_path, lock_timeout=30), "Beta"))
    saver.start()
    try:
        time.sleep(0.5)
        assert (tmp_path / "interviews.csv").read_bytes() == before
    finally:
        lock.release()
    saver.join(timeout=30)
    assert set(read_folder(tmp_path).interviews["company"]) == {"Acme", "Beta"}
