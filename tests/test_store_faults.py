"""OS errors on save and load: a message that says what to fix, old files kept, no temp left."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from followup import store as store_module
from followup import tracker
from followup.paths import REPO_ROOT
from followup.store import CsvStore, StoreError

ROW = {"company": "Acme", "role": "Analyst", "interview_date": "2024-09-19"}


def saved_folder(folder: Path) -> tuple[CsvStore, dict[str, bytes]]:
    """A folder holding one interview with one follow-up; the store and the files' bytes."""
    store = CsvStore(folder)
    t = store.update(lambda t: tracker.add_interview(t, ROW))
    first = t.interviews["interview_id"].iloc[0]
    followup = {"interview_id": first, "date": "2024-09-20", "channel": "Email"}
    store.update(
        lambda t: tracker.add_followup(t, followup | {"purpose": "Thank-you", "outcome": "Done"})
    )
    return store, snapshot(folder)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file directly in `folder` (temp files and the lock included) with its bytes."""
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def add_beta(store: CsvStore) -> None:
    store.update(lambda t: tracker.add_interview(t, {**ROW, "company": "Beta"}))


def delete_first(store: CsvStore) -> None:
    """A change that rewrites both files."""
    store.update(lambda t: tracker.delete_interview(t, t.interviews["interview_id"].iloc[0]))


def failing(code: int, after: int = 0):
    """A stand-in for an OS call that works `after` times, then raises `code`."""
    calls = {"n": 0}

    def fail(real):
        def call(*args, **kwargs):
            calls["n"] += 1
            if calls["n"] > after:
                # As the real calls do: a path names the file, a file descriptor does not.
                path = args[0] if args and not isinstance(args[0], int) else None
                raise OSError(code, os.strerror(code), *([str(path)] if path else []))
            return real(*args, **kwargs)

        return call

    return fail


@pytest.mark.parametrize(
    ("call", "code", "after", "says"),
    [
        ("write", errno.ENOSPC, 0, "is full"),
        ("write", errno.EFBIG, 0, "larger than"),
        ("write", errno.ENOSPC, 1, "is full"),  # the second file of a two-file change
        ("fsync", errno.EIO, 0, "cannot be written"),
        ("replace", errno.EROFS, 0, "read-only"),
        ("replace", errno.EACCES, 0, "permissions"),
        ("replace", errno.EPERM, 0, "not allowed to write to"),
        ("write", errno.EDQUOT, 0, "is full"),
        ("replace", errno.EISDIR, 0, "is a folder where the app keeps a file"),
        ("replace", errno.EEXIST, 0, "is a file where the app keeps a folder"),
        ("replace", errno.EBUSY, 0, r"cannot be written \(Device or resource busy; nothing was"),
    ],
)
def test_a_failed_write_says_what_to_fix_and_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, call: str, code: int, after: int, says: str
):
    """Disk full, file too large, I/O error, read-only or forbidden: a message, old files kept."""
    store, before = saved_folder(tmp_path)
    monkeypatch.setattr(store_module.os, call, failing(code, after)(getattr(os, call)))
    with pytest.raises(StoreError, match=says) as raised:
        delete_first(store)
    assert str(tmp_path) in str(raised.value)
    assert str(raised.value).endswith(WHAT_TO_DO.get(code, "; nothing was changed)."))
    monkeypatch.undo()
    assert snapshot(tmp_path) == before
    assert len(CsvStore(tmp_path).load().interviews) == 1


# How each message ends: what was kept, and what the user can do.
WHAT_TO_DO = {
    errno.ENOSPC: "(nothing was changed). Free some space, then try again.",
    errno.EDQUOT: "(nothing was changed). Free some space, then try again.",
    errno.EFBIG: "(nothing was changed). Move the data folder (FOLLOWUP_DATA_DIR) to another disk.",
    errno.EROFS: "(nothing was changed). Set FOLLOWUP_DATA_DIR to a folder the app can write to.",
    errno.EACCES: "or set FOLLOWUP_DATA_DIR to a folder the app can use.",
    errno.EPERM: "or set FOLLOWUP_DATA_DIR to a folder the app can use.",
    errno.EISDIR: "is a folder where the app keeps a file; remove or rename it.",
    errno.EEXIST: "is a file where the app keeps a folder; remove or rename it.",
}


@pytest.mark.parametrize("problem", ["backups is a file", "lock is a folder"])
def test_a_file_or_folder_in_the_way_is_named(tmp_path: Path, problem: str):
    store, before = saved_folder(tmp_path)
    if problem == "backups is a file":
        for old in (tmp_path / "backups").iterdir():
            old.unlink()
        (tmp_path / "backups").rmdir()
        (tmp_path / "backups").write_text("not a folder")
        expected = (
            "backups is a file, where the app keeps a folder of your files' earlier versions. "
            "Rename or move that file, then try again; nothing was changed."
        )
    else:
        (tmp_path / ".tracker.lock").unlink(missing_ok=True)
        (tmp_path / ".tracker.lock").mkdir()
        expected = ".tracker.lock is a folder"
    before = snapshot(tmp_path)
    with pytest.raises(StoreError, match=expected):
        add_beta(store)
    assert snapshot(tmp_path) == before


def test_a_data_folder_that_is_a_file_is_named_on_load_and_save(tmp_path: Path):
    target = tmp_path / "tracker.csv"
    target.write_text("a file")
    store = CsvStore(target)
    with pytest.raises(StoreError, match="is a file, not a folder") as raised:
        store.load()
    assert str(raised.value) == (
        f"{target}: the data folder, or a folder on its path, is a file, not a folder. "
        "Set FOLLOWUP_DATA_DIR to a folder."
    )
    with pytest.raises(StoreError, match="is a file, not a folder"):
        add_beta(store)
    with pytest.raises(StoreError) as raised:
        CsvStore(target / "inside").load()
    assert str(raised.value).startswith(f"{target}: the data folder, or a folder on its path, is a")
    assert target.read_text() == "a file"


def test_an_unreadable_folder_is_a_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Root reads any folder, so the refusal is injected where the store looks at the files."""
    saved_folder(tmp_path)
    real = Path.stat

    def stat(self, *args, **kwargs):
        if self.parent == tmp_path:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "stat", stat)
    with pytest.raises(StoreError, match="not allowed to read") as raised:
        CsvStore(tmp_path).load()
    assert str(raised.value).endswith(
        f"(nothing was read). Check the permissions of {tmp_path}, or set FOLLOWUP_DATA_DIR to a "
        "folder the app can use."
    )


def test_any_other_error_on_load_is_named_with_the_systems_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    saved_folder(tmp_path)
    real = Path.stat

    def stat(self, *args, **kwargs):
        if self.parent == tmp_path:
            raise OSError(errno.EIO, os.strerror(errno.EIO), str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "stat", stat)
    with pytest.raises(StoreError) as raised:
        CsvStore(tmp_path).load()
    # The file the store looked at first, and what the system said about it.
    assert re.fullmatch(
        re.escape(str(tmp_path))
        + r"/\S+ cannot be read \(Input/output error; nothing was read\)\.",
        str(raised.value),
    )


# ---------------------------------------------------------------------------------------------
# The real thing, where the machine lets a test mount a small file system


@contextlib.contextmanager
def mounted(folder: Path, options: str) -> Iterator[Path]:
    folder.mkdir(exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(
            f"cannot mount a tmpfs here ({done.stderr.decode().strip()}); faults injected above"
        )
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)


def test_a_really_full_disk_changes_nothing(tmp_path: Path):
    with mounted(tmp_path / "small", "size=64k") as folder:
        store, before = saved_folder(folder)
        big = {**ROW, "notes": "x" * 100_000}
        with pytest.raises(StoreError, match="is full"):
            store.update(lambda t: tracker.add_interview(t, big))
        assert snapshot(folder) == before


def test_a_really_read_only_folder_is_a_message(tmp_path: Path):
    with mounted(tmp_path / "ro", "size=64k") as folder:
        _, before = saved_folder(folder)
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        with pytest.raises(StoreError, match="read-only"):
            add_beta(CsvStore(folder))
        assert snapshot(folder) == before
        assert len(CsvStore(folder).load().interviews) == 1


# ---------------------------------------------------------------------------------------------
# A change to both files, killed between the two renames

KILL_BETWEEN_RENAMES = """
import os, sys
from followup import store, tracker
real = os.replace
def replace(src, dst):
    real(src, dst)
    if str(dst).endswith(".csv"):
        os._exit(9)  # killed right after the first file is renamed in
store.os.replace = replace
s = store.CsvStore(sys.argv[1])
s.update(lambda t: tracker.delete_interview(t, t.interviews["interview_id"].iloc[0]))
"""


def test_a_kill_between_the_two_renames_is_completed_on_the_next_load(tmp_path: Path):
    """Deleting an interview rewrites both files; a kill between them never leaves orphans."""
    store, _ = saved_folder(tmp_path)
    add_beta(store)
    done = subprocess.run(
        [sys.executable, "-c", KILL_BETWEEN_RENAMES, str(tmp_path)], cwd=REPO_ROOT, check=False
    )
    assert done.returncode == 9
    loaded = CsvStore(tmp_path).load()
    assert loaded.interviews["company"].tolist() == ["Beta"]
    assert loaded.followups.empty
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_followup_whose_interview_is_gone_is_never_counted():
    """Orphans (a file edited by hand) stay in the file but count nowhere."""
    t = tracker.add_interview(tracker.Tracker.empty(), ROW)
    first = t.interviews["interview_id"].iloc[0]
    followup = {"interview_id": first, "date": "2024-09-20", "channel": "Email"}
    t = tracker.add_followup(t, followup | {"purpose": "Check-in", "outcome": "Replied"})
    orphaned = tracker.Tracker(t.interviews.iloc[0:0], t.followups)
    assert tracker.followups_by_channel(orphaned)["followups"].sum() == 0
    assert tracker.reply_rate(orphaned) is None
    assert tracker.calls_per_interview(orphaned).empty


def test_a_note_longer_than_a_read_block_is_read_back(tmp_path) -> None:
    """A pasted note of 3 MB (past Arrow's 1 MiB block) is saved and read back, never a lockout."""
    import datetime as dt

    from followup import tracker
    from followup.store import CsvStore

    note = ("a long pasted paragraph, with commas\n") * 80_000
    CsvStore(tmp_path).update(
        lambda t: tracker.add_interview(
            t,
            {
                "company": "Globex",
                "role": "Analyst",
                "interview_date": dt.date(2026, 1, 5),
                "notes": note,
            },
        )
    )
    saved = CsvStore(tmp_path).load()
    assert saved.interviews.loc[0, "notes"] == note


def test_a_first_rename_failing_leaves_the_folder_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The journal is in, the first file's rename fails: no temp, no journal, old files kept."""
    store, before = saved_folder(tmp_path)
    # Renames of a two-file change: the journal, then interviews.csv, then followups.csv.
    monkeypatch.setattr(store_module.os, "replace", failing(errno.EIO, after=1)(os.replace))
    with pytest.raises(StoreError, match="cannot be written"):
        delete_first(store)
    monkeypatch.undo()
    assert snapshot(tmp_path) == before


def test_a_second_rename_failing_is_completed_by_the_next_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """One file renamed in, the other not: the journal has the next load finish the change."""
    store, _ = saved_folder(tmp_path)
    add_beta(store)
    monkeypatch.setattr(store_module.os, "replace", failing(errno.EIO, after=2)(os.replace))
    with pytest.raises(StoreError, match="cannot be written"):
        delete_first(store)
    monkeypatch.undo()
    assert (tmp_path / ".tracker.commit").exists()
    loaded = CsvStore(tmp_path).load()
    assert loaded.interviews["company"].tolist() == ["Beta"]
    assert loaded.followups.empty
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == [".tracker.lock"]


def test_a_journal_naming_other_files_renames_nothing(tmp_path: Path):
    """The journal only ever renames the store's own temp files onto its two tables."""
    _, before = saved_folder(tmp_path)
    foreign = {
        "evil.tmp": "interviews.csv",  # not one of our temp names
        ".interviews.csv.1.tmp": "notes.csv",  # not one of our tables
        ".followups.csv.2.tmp": "interviews.csv",  # another table's temp file
        ".interviews.csv.3.txt": "interviews.csv",  # not a temp file
        ".interviews.csv.4.tmp": "interviews.csv",  # ours, but gone
    }
    for temp in list(foreign)[:4]:
        (tmp_path / temp).write_text("company\r\nHijacked\r\n")
    journal = "".join(f"{temp}\t{target}\n" for temp, target in foreign.items())
    (tmp_path / ".tracker.commit").write_text(journal)
    loaded = CsvStore(tmp_path).load()
    assert loaded.interviews["company"].tolist() == ["Acme"]
    assert not (tmp_path / ".tracker.commit").exists()
    assert not (tmp_path / "notes.csv").exists()
    for name in ("interviews.csv", "followups.csv"):
        assert (tmp_path / name).read_bytes() == before[name]


def test_a_file_that_cannot_be_read_is_named_with_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    saved_folder(tmp_path)
    broken = tmp_path / "followups.csv"
    real = Path.open

    def open_(self, *args, **kwargs):
        if self == broken:
            raise OSError(errno.EIO, os.strerror(errno.EIO), str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", open_)
    with pytest.raises(StoreError) as raised:
        CsvStore(tmp_path).load()
    assert str(raised.value) == f"{broken} cannot be read: Input/output error."


def test_a_one_file_change_whose_rename_fails_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Adding an interview rewrites one file (no journal): a failed rename is a message."""
    store, before = saved_folder(tmp_path)
    monkeypatch.setattr(store_module.os, "replace", failing(errno.EROFS)(os.replace))
    with pytest.raises(StoreError, match="read-only"):
        add_beta(store)
    monkeypatch.undo()
    assert snapshot(tmp_path) == before


def test_a_write_error_names_the_file_being_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """A write fails on a file descriptor, which has no name: the message names the file."""
    store, _ = saved_folder(tmp_path)
    monkeypatch.setattr(store_module.os, "write", failing(errno.EFBIG)(os.write))
    with pytest.raises(StoreError) as raised:
        add_beta(store)
    assert str(raised.value).startswith(f"{tmp_path / 'interviews.csv'} would be larger than")


def test_an_interrupted_save_goes_through_as_an_interrupt_and_leaves_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    store, before = saved_folder(tmp_path)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(store_module.os, "write", interrupted)
    with pytest.raises(KeyboardInterrupt):
        add_beta(store)
    monkeypatch.undo()
    assert snapshot(tmp_path) == before
