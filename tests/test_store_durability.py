"""A save is durable and atomic: fsynced, renamed into place, no temp file left, one at a time."""

from __future__ import annotations

import datetime as dt
import os
import re
import threading
from pathlib import Path

import pytest

from followup import store as store_module
from followup import tracker
from followup.store import CsvStore, MemoryStore, read_folder
from followup.tracker import Tracker

ROW = {"company": "Acme", "role": "Analyst", "interview_date": dt.date(2024, 9, 19)}


def add(store: CsvStore, company: str) -> Tracker:
    """Add one interview through the store's transaction."""
    return store.update(lambda t: tracker.add_interview(t, {**ROW, "company": company}))


class TornWrite:
    """A file object that writes half of the data, lets a reader look, then writes the rest."""

    def __init__(self, real, look) -> None:
        self._real = real
        self._look = look

    def write(self, data: bytes) -> int:
        half = len(data) // 2
        self._real.write(data[:half])
        self._real.flush()
        self._look()
        return self._real.write(data[half:])

    def __getattr__(self, name: str):
        return getattr(self._real, name)

    def __enter__(self) -> TornWrite:
        return self

    def __exit__(self, *exc: object) -> None:
        self._real.close()


def test_a_reader_during_a_save_sees_the_whole_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Halfway through writing the new file, another tab still reads the complete old one."""
    store = CsvStore(tmp_path)
    add(store, "Acme")
    seen: list[list[str]] = []

    def look() -> None:
        seen.append(read_folder(tmp_path).interviews["company"].tolist())

    real_fdopen = os.fdopen
    monkeypatch.setattr(os, "fdopen", lambda fd, mode: TornWrite(real_fdopen(fd, mode), look))
    add(store, "Beta")
    assert seen == [["Acme"]]
    monkeypatch.undo()
    assert sorted(read_folder(tmp_path).interviews["company"]) == ["Acme", "Beta"]


def test_the_new_file_is_written_in_the_folder_and_synced_before_the_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Write, fsync, then rename within the folder (atomic), then fsync the folder itself."""
    events: list[tuple[str, object]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        events.append(("fsync", "folder" if os.path.isdir(f"/proc/self/fd/{fd}") else "file"))
        real_fsync(fd)

    def replace(source: str, target: os.PathLike) -> None:
        # The temp file is hidden and named after its table, so a stale one is found again.
        assert re.fullmatch(rf"\.{re.escape(Path(target).name)}\.\w+\.tmp", Path(source).name)
        events.append(("rename", (Path(source).parent, Path(target).name)))
        real_replace(source, target)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    add(CsvStore(tmp_path), "Acme")
    monkeypatch.undo()
    # Both tables are new: each file is synced, renamed, and the rename made durable.
    assert events == [
        ("fsync", "file"),
        ("rename", (tmp_path, "interviews.csv")),
        ("fsync", "folder"),
        ("fsync", "file"),
        ("rename", (tmp_path, "followups.csv")),
        ("fsync", "folder"),
    ]


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
    with pytest.raises(OSError, match="No space left"):
        add(store, "Beta")
    monkeypatch.undo()
    assert (tmp_path / "interviews.csv").read_bytes() == before
    assert list(tmp_path.glob(".*.tmp")) == []


def test_saves_from_two_threads_wait_for_each_other(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """While one save writes under the lock, a second save waits, then adds its row too."""
    add(CsvStore(tmp_path), "Acme")
    writing, release = threading.Event(), threading.Event()
    inside: list[int] = []
    most_inside: list[int] = []
    real_replace = store_module.CsvStore._replace

    def slow_replace(self: CsvStore, path: Path, data: bytes) -> None:
        inside.append(1)
        most_inside.append(len(inside))
        writing.set()
        release.wait(timeout=5)
        real_replace(self, path, data)
        inside.pop()

    monkeypatch.setattr(store_module.CsvStore, "_replace", slow_replace)
    first = threading.Thread(target=add, args=(CsvStore(tmp_path), "Beta"))
    first.start()
    assert writing.wait(timeout=5)
    second = threading.Thread(target=add, args=(CsvStore(tmp_path), "Gamma"))
    second.start()
    second.join(timeout=0.5)
    assert second.is_alive(), "the second save went ahead while the first held the lock"
    release.set()
    first.join(timeout=10)
    second.join(timeout=10)
    assert max(most_inside) == 1
    companies = sorted(read_folder(tmp_path).interviews["company"])
    assert companies == ["Acme", "Beta", "Gamma"]


def test_saves_to_two_folders_do_not_wait_for_each_other(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Two users' trackers (two folders): one stuck mid-save does not hold up the other."""
    writing, release = threading.Event(), threading.Event()
    real_replace = store_module.CsvStore._replace
    stuck = tmp_path / "stuck"

    def slow_replace(self: CsvStore, path: Path, data: bytes) -> None:
        if self.folder == stuck:
            writing.set()
            release.wait(timeout=10)
        real_replace(self, path, data)

    monkeypatch.setattr(store_module.CsvStore, "_replace", slow_replace)
    first = threading.Thread(target=add, args=(CsvStore(stuck), "Acme"))
    first.start()
    try:
        assert writing.wait(timeout=5)
        add(CsvStore(tmp_path / "free", lock_timeout=1), "Beta")
        assert read_folder(tmp_path / "free").interviews["company"].tolist() == ["Beta"]
    finally:
        release.set()
        first.join(timeout=10)


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
