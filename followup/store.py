"""Where a tracker is kept: a small interface pages use, and its CSV-folder implementation.

Pages only call `load()` and `update(change)`. `update` is a transaction: it reads the current
tracker, applies `change` (a pure function, e.g. ``lambda t: tracker.add_interview(t, row)``) and
saves the result, so two tabs or two processes never lose each other's rows. `change` may be called
more than once: again on the newer tracker when another save got in first.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

import filelock
import pandas as pd
import pyarrow as pa

from followup import csvformat, vocab
from followup.tracker import (
    FOLLOWUP_DATES,
    INTERVIEW_DATES,
    Tracker,
    TrackerError,
    check_followups,
    check_interviews,
    validate,
)

Change = Callable[[Tracker], Tracker]
# What identifies one version of a file: a save renames a new file in, so all three change.
Signature = tuple[tuple[int, int, int] | None, ...]
INTERVIEWS_FILE = "interviews.csv"
FOLLOWUPS_FILE = "followups.csv"
LOCK_FILE = ".tracker.lock"
# Names the files a change to both tables renames in, while it renames them: a save killed between
# the two renames is completed from it by the next reader or writer (see `CsvStore._recover`).
JOURNAL_FILE = ".tracker.commit"
BACKUP_DIR = "backups"
KEEP_BACKUPS = 10
LOCK_TIMEOUT_SECONDS = 15
READ_ATTEMPTS = 3
# Saves that find the files changed since they read them start again; after this many tries the
# last one holds the lock from the read to the write, so a busy folder still lets every save in.
SAVE_ATTEMPTS = 3
# One lock a folder for the threads of this process (one per browser session in a server): they
# queue on it and are woken in turn, instead of all polling the file lock.
_FOLDER_LOCKS: dict[str, threading.Lock] = {}
_FOLDER_LOCKS_GUARD = threading.Lock()


class StoreError(ValueError):
    """The saved tracker cannot be read or written; the message names the file and the problem."""


class Store(Protocol):
    """What pages need from storage: read the tracker, change it in one transaction."""

    def load(self) -> Tracker:
        """The current tracker."""
        ...

    def update(self, change: Change) -> Tracker:
        """Apply `change` to the current tracker, save the result and return it."""
        ...


class MemoryStore:
    """A tracker held in memory only (one per session; nothing is written to disk)."""

    def __init__(self, tracker: Tracker | None = None) -> None:
        self._tracker = tracker if tracker is not None else Tracker.empty()
        self._lock = threading.Lock()

    def load(self) -> Tracker:
        """The current tracker."""
        return self._tracker

    def update(self, change: Change) -> Tracker:
        """Apply `change` and check the result, as the CSV store does; on error nothing changes."""
        with self._lock:
            after = change(self._tracker)
            validate(after)
            self._tracker = after
            return after


class CsvStore:
    """A tracker kept as `interviews.csv` and `followups.csv` in one folder.

    Each save writes a temporary file in the same folder, flushes and fsyncs it and renames it
    over the old file, so a reader sees the old or the new file, never half of one. A lock file
    serialises the writes across threads and processes, and a save writes only if the files are
    still those it read (else it starts again on the new ones). The replaced versions are kept in
    `backups/` (the newest `keep_backups` per table).

    The last tracker read or written is kept with the files' signatures (inode, mtime, size): while
    the files on disk are those same versions, `load` and `update` use it instead of parsing the
    files again. Keep one instance per session to benefit; never share one between users.
    """

    def __init__(
        self,
        folder: Path | str,
        keep_backups: int = KEEP_BACKUPS,
        lock_timeout: float = LOCK_TIMEOUT_SECONDS,
    ) -> None:
        self.folder = Path(folder)
        self.keep_backups = keep_backups
        self.lock_timeout = lock_timeout
        self._last: tuple[Signature, Tracker] | None = None

    @property
    def interviews_path(self) -> Path:
        """The interviews file."""
        return self.folder / INTERVIEWS_FILE

    @property
    def followups_path(self) -> Path:
        """The follow-ups file."""
        return self.folder / FOLLOWUPS_FILE

    @property
    def backup_dir(self) -> Path:
        """Where replaced versions are kept."""
        return self.folder / BACKUP_DIR

    def load(self) -> Tracker:
        """Read the tracker; an empty tracker when there are no files yet."""
        with _os_errors(self.folder, "read"):
            return self._load()

    def update(self, change: Change) -> Tracker:
        """Apply `change` to the current tracker, write the tables it changed, return the result.

        Reading, changing, checking and formatting happen before taking the lock, which is then
        held only to check that the files are still the ones read and to write them. Python work
        under a lock would hold it for as long as the other threads of the server let this one
        run, and keep every other save waiting that long.
        """
        with _os_errors(self.folder, "written"):
            return self._update(change)

    def _load(self) -> Tracker:
        if not self.folder.is_dir():
            # No tracker yet, unless the folder or one on its path is a file (a wrong setting).
            existing = next(p for p in (self.folder, *self.folder.parents) if p.exists())
            if not existing.is_dir():
                raise OSError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(existing))
            return Tracker.empty()
        if (self.folder / JOURNAL_FILE).exists():
            # A save was cut short between its renames: finish it before reading.
            with self._locked():
                return self._read()
        # Reads take no lock: a save renames new files in, which changes their signature, so a
        # read whose signature is the same before and after saw whole files. Between the two
        # renames of one save it may pair the new interviews with the old follow-ups; the next
        # load, seeing the follow-ups' new signature, reads again. Saves re-read under the lock.
        for _ in range(READ_ATTEMPTS):
            signature = self._signature()
            cached = self._cached(signature)
            if cached is not None:
                return cached
            tracker = read_folder(self.folder)
            if self._signature() == signature:
                self._last = (signature, tracker)
                return tracker
        with self._locked():
            return self._read()

    def _update(self, change: Change) -> Tracker:
        for _ in range(SAVE_ATTEMPTS - 1):
            snapshot = self._snapshot()
            if snapshot is None:
                break
            signature, before = snapshot
            after, writes = self._prepare(before, change)
            with self._locked():
                if self._signature() == signature:
                    return self._commit(after, writes)
        with self._locked():
            before = self._cached(self._signature()) or self._read()
            return self._commit(*self._prepare(before, change))

    def _snapshot(self) -> tuple[Signature, Tracker] | None:
        """The current tracker with the signature of the files it was read from; None if unknown."""
        tracker = self.load()
        last = self._last
        if last is None or last[1] is not tracker:
            return None
        return last

    def _prepare(self, before: Tracker, change: Change) -> tuple[Tracker, list[tuple[Path, bytes]]]:
        """`change` applied to `before` and checked, with the files to write for it."""
        after = change(before)
        validate(after)
        tables = (
            (self.interviews_path, before.interviews, after.interviews),
            (self.followups_path, before.followups, after.followups),
        )
        writes = []
        for path, old, new in tables:
            if path.exists() and (new is old or new.equals(old)):
                continue
            try:
                data = csvformat.to_csv(new)
            except csvformat.CsvFormatError as err:
                raise StoreError(f"{path.name} cannot be saved: {err}") from err
            # A NUL would make the file unreadable (the reader takes it for a binary file): the
            # tracker's own changes drop them, so only a table built by hand can hold one.
            if b"\x00" in data:
                raise StoreError(f"{path.name} cannot be saved: {_nul_cell(new)}")
            writes.append((path, data))
        return after, writes

    def _commit(self, after: Tracker, writes: list[tuple[Path, bytes]]) -> Tracker:
        """Write the prepared files (under the lock) and remember `after` as their contents.

        Every new file is written, flushed and fsynced beside the old one first, and the old
        versions are kept in backups/: anything failing there (a full disk, say) leaves the
        folder as it was. Only then are the files renamed in; when there are two, a journal
        naming them is renamed in first, so a kill between the renames is completed later.
        """
        staged: list[tuple[Path, Path]] = []
        try:
            for path, data in writes:
                staged.append((self._stage(path, data), path))
            for _, path in staged:
                if path.exists():
                    self._back_up(path)
            if len(staged) > 1:
                self._write_journal(staged)
        except BaseException:
            for temp, _ in staged:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
            raise
        for done, (temp, path) in enumerate(staged):
            try:
                os.replace(temp, path)
            except OSError:
                if done == 0:
                    # Nothing renamed in yet: leave the folder as it was, journal and all.
                    for left, _ in staged:
                        with contextlib.suppress(OSError):
                            os.unlink(left)
                    with contextlib.suppress(OSError):
                        os.unlink(self.folder / JOURNAL_FILE)
                # Later, the journal has the next reader or writer finish the renames.
                raise
        if len(staged) > 1:
            os.unlink(self.folder / JOURNAL_FILE)
        _fsync_dir(self.folder)
        self._last = (self._signature(), after)
        return after

    def _stage(self, path: Path, data: bytes) -> Path:
        """`data` in a new temporary file beside `path`, flushed to disk; its path."""
        self._remove_stale_temps(path)
        handle, name = tempfile.mkstemp(dir=self.folder, prefix=f".{path.name}.", suffix=".tmp")
        temp = Path(name)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(handle, view) :]
            os.fsync(handle)
        except BaseException as err:
            os.close(handle)
            with contextlib.suppress(OSError):
                os.unlink(temp)
            if isinstance(err, OSError) and err.filename is None:
                err.filename = str(path)
            raise
        os.close(handle)
        return temp

    def _write_journal(self, staged: list[tuple[Path, Path]]) -> None:
        """Name the files about to be renamed in, durably, before the first rename."""
        lines = "".join(f"{temp.name}\t{path.name}\n" for temp, path in staged)
        temp = self._stage(self.folder / JOURNAL_FILE, lines.encode())
        try:
            os.replace(temp, self.folder / JOURNAL_FILE)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise
        _fsync_dir(self.folder)

    def _recover(self) -> None:
        """Finish a save that was killed between its renames (under the lock)."""
        journal = self.folder / JOURNAL_FILE
        try:
            lines = journal.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return
        for line in lines:
            temp, _, target = line.partition("\t")
            # Only our own names: the journal sits in a folder others may write to.
            ours = target in (INTERVIEWS_FILE, FOLLOWUPS_FILE) and temp.startswith(f".{target}.")
            if ours and temp.endswith(".tmp") and (self.folder / temp).is_file():
                os.replace(self.folder / temp, self.folder / target)
        journal.unlink()
        _fsync_dir(self.folder)

    def _signature(self) -> Signature:
        def of(path: Path) -> tuple[int, int, int] | None:
            try:
                stat = path.stat()
            except FileNotFoundError:
                return None
            return (stat.st_ino, stat.st_mtime_ns, stat.st_size)

        return (of(self.interviews_path), of(self.followups_path))

    def _cached(self, signature: Signature) -> Tracker | None:
        if self._last is not None and self._last[0] == signature:
            return self._last[1]
        return None

    def _read(self) -> Tracker:
        """Read both files (under the lock) and remember them with their signatures."""
        signature = self._signature()
        tracker = read_folder(self.folder)
        self._last = (signature, tracker)
        return tracker

    @contextlib.contextmanager
    def _locked(self):
        self.folder.mkdir(parents=True, exist_ok=True)
        lock = self.folder / LOCK_FILE
        if lock.is_dir():
            raise StoreError(
                f"{lock} is a folder, where the app keeps the lock file that stops two saves "
                "overlapping. Remove that folder (it holds nothing of the tracker)."
            )
        deadline = time.monotonic() + self.lock_timeout
        local = _folder_lock(self.folder)
        if not local.acquire(timeout=self.lock_timeout):
            raise self._busy()
        try:
            left = max(deadline - time.monotonic(), 0)
            with filelock.FileLock(lock, timeout=left):
                self._recover()
                yield
        except filelock.Timeout as err:
            raise self._busy() from err
        finally:
            local.release()

    def _busy(self) -> StoreError:
        return StoreError(
            f"The tracker in {self.folder} is busy (another save has held it for "
            f"{self.lock_timeout:g} s); try again."
        )

    def _back_up(self, path: Path) -> None:
        if self.backup_dir.exists() and not self.backup_dir.is_dir():
            raise StoreError(
                f"{self.backup_dir} is a file, where the app keeps a folder of your files' "
                "earlier versions. Rename or move that file, then try again; nothing was changed."
            )
        self.backup_dir.mkdir(exist_ok=True)
        # The nanosecond stamp keeps names unique and sorted even for many saves a second.
        backup = self.backup_dir / f"{path.stem}-{time.time_ns():020d}{path.suffix}"
        try:
            os.link(path, backup)
        except OSError:
            backup.write_bytes(path.read_bytes())
        versions = sorted(self.backup_dir.glob(f"{path.stem}-*{path.suffix}"))
        for old in versions[: max(len(versions) - self.keep_backups, 0)]:
            old.unlink(missing_ok=True)

    def _remove_stale_temps(self, path: Path) -> None:
        # Only a writer killed mid-save leaves one; we hold the lock, so none is in use.
        for stale in self.folder.glob(f".{path.name}.*.tmp"):
            stale.unlink(missing_ok=True)


def _nul_cell(frame: pd.DataFrame) -> str:
    """Where `frame` holds a NUL character, in words."""
    for column in frame.columns:
        values = frame[column]
        if values.dtype.kind in "OSU" or pd.api.types.is_string_dtype(values):
            hit = values.astype("str").str.contains("\x00", regex=False, na=False).to_numpy()
            if hit.any():
                row = int(hit.nonzero()[0][0]) + 1
                return f"row {row}'s {column} holds a NUL character, which a CSV file cannot keep."
    return "a cell holds a NUL character, which a CSV file cannot keep."


@contextlib.contextmanager
def _os_errors(folder: Path, done: str):
    """Turn an OS error into a StoreError that says what happened and what to do."""
    try:
        yield
    except OSError as err:
        raise _os_problem(err, folder, done) from err


def _os_problem(err: OSError, folder: Path, done: str) -> StoreError:
    where = err.filename or folder
    unchanged = "nothing was changed" if done == "written" else "nothing was read"
    code = err.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        text = f"The disk holding {folder} is full ({unchanged}). Free some space, then try again."
    elif code == errno.EFBIG:
        text = (
            f"{where} would be larger than this disk or system allows ({unchanged}). "
            "Move the data folder (FOLLOWUP_DATA_DIR) to another disk."
        )
    elif code == errno.EROFS:
        text = (
            f"{folder} is on a read-only disk, so the tracker cannot be saved ({unchanged}). "
            "Set FOLLOWUP_DATA_DIR to a folder the app can write to."
        )
    elif code in (errno.EACCES, errno.EPERM):
        verb = "write to" if done == "written" else "read"
        text = (
            f"The app is not allowed to {verb} {where} ({unchanged}). Check the permissions of "
            f"{folder}, or set FOLLOWUP_DATA_DIR to a folder the app can use."
        )
    elif code == errno.ENOTDIR:
        text = (
            f"{where}: the data folder, or a folder on its path, is a file, not a folder. "
            "Set FOLLOWUP_DATA_DIR to a folder."
        )
    elif code == errno.EISDIR:
        text = f"{where} is a folder where the app keeps a file; remove or rename it."
    elif code == errno.EEXIST:
        text = f"{where} is a file where the app keeps a folder; remove or rename it."
    else:
        text = f"{where} cannot be {done} ({err.strerror or err}; {unchanged})."
    return StoreError(text)


def _folder_lock(folder: Path) -> threading.Lock:
    """This process's lock for `folder`."""
    key = os.path.abspath(folder)
    with _FOLDER_LOCKS_GUARD:
        return _FOLDER_LOCKS.setdefault(key, threading.Lock())


def read_folder(folder: Path) -> Tracker:
    """Read the two tables in `folder` without locking (shipped data, or under the store's lock)."""
    interviews = _read_table(folder / INTERVIEWS_FILE, vocab.INTERVIEW_COLUMNS, INTERVIEW_DATES)
    followups = _read_table(folder / FOLLOWUPS_FILE, vocab.FOLLOWUP_COLUMNS, FOLLOWUP_DATES)
    if interviews is None and followups is None:
        return Tracker.empty()
    # The empty tracker only for a missing file: building one costs as much as a check.
    tracker = Tracker.conformed(
        Tracker.empty().interviews if interviews is None else interviews,
        Tracker.empty().followups if followups is None else followups,
    )
    # Each table is checked once, here, so that an error names its file (`validate` would not).
    for name, frame, check in (
        (INTERVIEWS_FILE, tracker.interviews, check_interviews),
        (FOLLOWUPS_FILE, tracker.followups, check_followups),
    ):
        try:
            check(frame, lines_checked=True)
        except TrackerError as err:
            raise StoreError(f"{name}, {_lower_first(str(err))} (file: {folder / name})") from err
    return tracker


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _read_table(
    path: Path, contract: tuple[str, ...], dates: tuple[str, ...]
) -> pd.DataFrame | None:
    try:
        data = _read_buffer(path)
    except FileNotFoundError:
        return None
    except OSError as err:
        raise StoreError(f"{path} cannot be read: {err.strerror}.") from err
    try:
        frame = csvformat.read_csv(data, path.name, dates)
    except csvformat.CsvFormatError as err:
        raise StoreError(f"{err} (file: {path})") from err
    if contract[0] not in frame.columns:
        raise StoreError(f"{path.name} has no {contract[0]} column (file: {path}).")
    return frame


def _read_buffer(path: Path) -> pa.Buffer:
    """The file's bytes, read into memory from Arrow's pool.

    Arrow's pool keeps memory it has used: a fresh `bytes` of a large file took several
    milliseconds more to fill (new pages from the system each time).
    """
    with path.open("rb") as file:
        buffer = pa.allocate_buffer(os.fstat(file.fileno()).st_size)
        size = file.readinto(memoryview(buffer))
        if file.read(1):
            # The file grew while being read (edited by hand): take all of it, as it is now.
            file.seek(0)
            return pa.py_buffer(file.read())
    return buffer[:size]


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX); a no-op where directories cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
