"""Reliability figures: rows lost to concurrent saves, torn files after SIGKILL, damaged files,
OS faults injected into saves, and hostile (hand-edited but readable-looking) files.

`python -m bench.reliability` prints them; `python -m bench` records them in results.json. The
writers and the torn-row check are the store tests' own workers (`tests/store_workers.py`), so the
figures count exactly what the tests assert.
"""

from __future__ import annotations

import contextlib
import errno
import multiprocessing
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from bench import stale_views
from bench.generate import generate
from bench.rerun import data_dir
from followup import store as store_module
from followup import tracker, ui, vocab
from followup.paths import REPO_ROOT
from followup.store import FOLLOWUPS_FILE, INTERVIEWS_FILE, CsvStore, StoreError
from tests import store_workers
from tests.apptest import open_app, open_page, open_tab

# fork starts a worker in milliseconds; the workers share nothing but the folder.
CONTEXT = multiprocessing.get_context("fork")
SEED = 17


@dataclass(frozen=True)
class Figures:
    """The reliability figures; every count except the tries must be 0."""

    writers: int
    saves_each: int
    rows_lost: int
    torn_reads: int
    reads: int
    kill_trials: int
    torn_files: int
    rows_lost_to_kills: int
    bad_files: int
    bad_files_rejected: int
    tracebacks: int
    bytes_changed: int
    stale_actions: int = 0
    stale_tracebacks: int = 0
    stale_rows_lost: int = 0
    stale_files_changed: int = 0
    stale_silent_refusals: int = 0
    # OS errors injected into saves (full disk, read-only, ...) and kills between two renames.
    faults: int = 0
    fault_tracebacks: int = 0
    fault_files_changed: int = 0
    fault_temps_left: int = 0
    fault_rows_lost: int = 0
    # Hand-edited files built to trip the app (runaway quote, control characters, dates at the
    # edges, column names like computed ones, orphans, formula cells).
    hostile_files: int = 0
    hostile_rejected: int = 0
    hostile_tracebacks: int = 0
    hostile_rows_lost: int = 0
    hostile_files_changed: int = 0

    @property
    def ok(self) -> bool:
        """Whether nothing was lost, torn, crashed on or overwritten."""
        return not (
            self.rows_lost
            or self.torn_reads
            or self.torn_files
            or self.rows_lost_to_kills
            or self.tracebacks
            or self.bytes_changed
            or self.stale_tracebacks
            or self.stale_rows_lost
            or self.stale_files_changed
            or self.stale_silent_refusals
            or self.fault_tracebacks
            or self.fault_files_changed
            or self.fault_temps_left
            or self.fault_rows_lost
            or self.hostile_tracebacks
            or self.hostile_rows_lost
            or self.hostile_files_changed
        )

    def to_dict(self) -> dict:
        """The JSON form, with the verdict."""
        return {**asdict(self), "ok": self.ok}


def concurrent_saves(folder: Path, writers: int, saves: int) -> tuple[int, int, int]:
    """`writers` processes add `saves` interviews each while a reader parses the file unlocked.

    Returns rows lost, torn reads and reads.
    """
    stop, results = CONTEXT.Event(), CONTEXT.Queue()
    reader = CONTEXT.Process(target=store_workers.read_until, args=(str(folder), stop, results))
    processes = [
        CONTEXT.Process(target=store_workers.add_rows, args=(str(folder), writer, saves))
        for writer in range(writers)
    ]
    reader.start()
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    stop.set()
    reads, torn = results.get(timeout=60)
    reader.join(timeout=10)
    expected = {
        store_workers.interview_row(w, n)["company"] for w in range(writers) for n in range(saves)
    }
    on_disk = set(store_workers.interviews_on_disk(str(folder))["company"])
    return len(expected - on_disk), torn, reads


def kill_trials(folder: Path, trials: int, rng: random.Random) -> tuple[int, int]:
    """SIGKILL a writer at a random moment, `trials` times; return torn files and rows lost.

    A file is torn when it does not parse or holds a row that is not exactly as written; a row is
    lost when it was on disk before a kill and is missing after it.
    """
    torn = lost = 0
    before: set[str] = set()
    for trial in range(trials):
        writer = CONTEXT.Process(target=store_workers.add_rows_forever, args=(str(folder), trial))
        writer.start()
        time.sleep(rng.uniform(0.2, 0.7))
        os.kill(writer.pid, signal.SIGKILL)
        writer.join()
        if not (folder / INTERVIEWS_FILE).exists():
            continue
        try:
            frame = store_workers.interviews_on_disk(str(folder))
        except ValueError:
            torn += 1
            continue
        torn += store_workers.torn_rows(frame) > 0
        companies = set(frame["company"])
        lost += len(before - companies)
        before = companies
    return torn, lost


def bad_files(rng: random.Random, count: int) -> Iterator[tuple[str, bytes]]:
    """Damaged interviews files: the usual kinds, then random damage to a valid file."""
    header = b"interview_id,company,role,interview_date"
    yield "empty", b""
    yield "nul byte", header + b"\x00\r\n"
    yield "not UTF-8", b"\xff\xfe" + header
    yield "no id column", b"company,role\r\nAcme,Analyst\r\n"
    yield "day-first date", header + b"\r\nabc,Acme,Analyst,19/09/2024\r\n"
    yield "unknown status", header + b",status\r\nabc,Acme,Dev,2024-09-19,Ghosted\r\n"
    yield "open quote", b'interview_id,company\r\n"abc,Acme\r\n'
    yield "duplicate ids", header + b"\r\nabc,A,B,2024-09-19\r\nabc,C,D,2024-09-20\r\n"
    yield "5,000 columns", ",".join(f"c{i}" for i in range(5000)).encode()
    with tempfile.TemporaryDirectory() as tmp:
        valid = generate(Path(tmp), interviews=40, followups=0, seed=SEED)[0].read_bytes()
    for number in range(count):
        damaged = bytearray(valid)
        kind = rng.choice(("flip", "cut", "splice"))
        at = rng.randrange(len(damaged))
        if kind == "flip":
            damaged[at] = rng.choice(b'\x00\xff",\r\n=')
        elif kind == "cut":
            del damaged[at:]
        else:
            damaged[at:at] = damaged[rng.randrange(len(damaged)) :][: rng.randint(1, 200)]
        yield f"random {kind} #{number}", bytes(damaged)


def try_bad_file(folder: Path, content: bytes) -> tuple[bool, int, bool]:
    """Put `content` as interviews.csv, load, save and open the tracker page on it.

    Returns (rejected, tracebacks, bytes changed). A file the store accepts may be saved over;
    one it rejects must be left byte for byte.
    """
    path = folder / INTERVIEWS_FILE
    folder.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    store = CsvStore(folder)
    tracebacks = 0
    try:
        store.load()
        rejected = False
    except ValueError:
        rejected = True
    except Exception:
        rejected, tracebacks = True, 1
    try:
        store.update(lambda t: tracker.add_interview(t, NEW_INTERVIEW))
    except ValueError:
        pass
    except Exception:
        tracebacks += 1
    with data_dir(folder):
        at = open_page(ui.TRACKER.path)
    tracebacks += len(at.exception)
    changed = rejected and path.read_bytes() != content
    return rejected, tracebacks, changed


NEW_INTERVIEW = {"company": "Brightwave", "role": "Data analyst", "interview_date": "2026-11-20"}

# ---------------------------------------------------------------------------------------------
# Faults injected into saves


def _two_table_folder(folder: Path) -> CsvStore:
    """Two interviews, one follow-up each."""
    store = CsvStore(folder)
    for company in ("Acme", "Beta"):
        t = store.update(
            lambda t, c=company: tracker.add_interview(t, {**NEW_INTERVIEW, "company": c})
        )
        first = t.interviews["interview_id"].iloc[-1]
        row = {"interview_id": first, "date": "2026-11-21", "channel": "Email"}
        row |= {"purpose": "Thank-you", "outcome": "Done"}
        store.update(lambda t, r=row: tracker.add_followup(t, r))
    return store


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def _raising(code: int, after: int):
    calls = {"n": 0}

    def wrap(real):
        def call(*args, **kwargs):
            calls["n"] += 1
            if calls["n"] > after:
                raise OSError(code, os.strerror(code))
            return real(*args, **kwargs)

        return call

    return wrap


FAULTS: tuple[tuple[str, str, int, int], ...] = (
    ("disk full", "write", errno.ENOSPC, 0),
    ("disk full on the second file", "write", errno.ENOSPC, 1),
    ("file too large", "write", errno.EFBIG, 0),
    ("I/O error on fsync", "fsync", errno.EIO, 0),
    ("read-only disk", "replace", errno.EROFS, 0),
    ("no permission", "replace", errno.EACCES, 0),
    ("no permission to create", "open", errno.EACCES, 0),
)

KILL_BETWEEN_RENAMES = """
import os, sys
from followup import store, tracker
real = os.replace
def replace(src, dst):
    real(src, dst)
    if str(dst).endswith(".csv"):
        os._exit(9)
store.os.replace = replace
s = store.CsvStore(sys.argv[1])
s.update(lambda t: tracker.delete_interview(t, t.interviews["interview_id"].iloc[0]))
"""


def fault_trials(root: Path, kills: int) -> tuple[int, int, int, int, int]:
    """Each fault once, the setting faults, and `kills` kills between two renames.

    Returns trials, tracebacks (anything but a StoreError), folders changed by a failed save,
    temporary files left, and rows lost (a kill: the change neither done nor undone).
    """
    trials = tracebacks = changed = temps = lost = 0

    def attempt(folder: Path, store: CsvStore) -> None:
        nonlocal tracebacks, changed, temps
        before = _files(folder)
        try:
            store.update(
                lambda t: tracker.delete_interview(t, t.interviews["interview_id"].iloc[0])
            )
        except StoreError:
            pass
        except Exception:
            tracebacks += 1
        after = _files(folder)
        temps += sum(name.endswith(".tmp") for name in after)
        changed += {k: v for k, v in after.items() if not k.endswith(".tmp")} != before

    for number, (_, call, code, after) in enumerate(FAULTS):
        folder = root / f"fault-{number}"
        store = _two_table_folder(folder)
        real = getattr(os, call)
        setattr(store_module.os, call, _raising(code, after)(real))
        try:
            attempt(folder, store)
        finally:
            setattr(store_module.os, call, real)
        trials += 1
    for number, setting in enumerate(("backups a file", "lock a folder")):
        folder = root / f"setting-{number}"
        store = _two_table_folder(folder)
        if setting == "backups a file":
            for old in (folder / "backups").iterdir():
                old.unlink()
            (folder / "backups").rmdir()
            (folder / "backups").write_text("x")
        else:
            (folder / ".tracker.lock").unlink(missing_ok=True)
            (folder / ".tracker.lock").mkdir()
        attempt(folder, store)
        trials += 1
    target = root / "a-file"
    target.write_text("x")
    for store in (CsvStore(target), CsvStore(target / "inside")):
        with contextlib.suppress(StoreError):
            store.load()
        try:
            store.update(lambda t: tracker.add_interview(t, NEW_INTERVIEW))
        except StoreError:
            pass
        except Exception:
            tracebacks += 1
        changed += target.read_text() != "x"
        trials += 1
    for number in range(kills):
        folder = root / f"kill-{number}"
        _two_table_folder(folder)
        subprocess.run(
            [sys.executable, "-c", KILL_BETWEEN_RENAMES, str(folder)], cwd=REPO_ROOT, check=False
        )
        loaded = CsvStore(folder).load()
        ids = set(loaded.interviews["interview_id"])
        # Done entirely: one interview left, and no follow-up without its interview.
        lost += len(ids) != 1 or not set(loaded.followups["interview_id"]) <= ids
        temps += sum(p.name.endswith(".tmp") for p in folder.iterdir())
        trials += 1
    return trials, tracebacks, changed, temps, lost


# ---------------------------------------------------------------------------------------------
# Hostile files

_HEADER = ",".join(vocab.INTERVIEW_COLUMNS[:13])  # version 1: such files keep loading
_FOLLOWUP_HEADER = ",".join(vocab.FOLLOWUP_COLUMNS)


def _interview(n: int, day: str = "2026-11-19", notes: str = "", extra: str = "") -> str:
    return f"i{n},Co{n},Dev,Dana,,,,{day},1,,Awaiting decision,,{notes}{extra}\r\n"


def hostile_files() -> Iterator[tuple[str, str, str, int | None]]:
    """(name, interviews.csv, followups.csv, rows a person sees, None when it must be refused)."""
    empty = _FOLLOWUP_HEADER + "\r\n"
    rows = "".join(_interview(n) for n in range(2, 7))
    yield (
        "open quote swallowing 5 rows",
        _HEADER + "\r\n" + _interview(1, notes='"open') + rows,
        empty,
        None,
    )
    yield "control characters", _HEADER + "\r\n" + _interview(1, notes="a\x0bb\x7f\x85c"), empty, 1
    for day in ("9999-12-31", "0000-01-01", "1899-12-31", "2200-01-01"):
        yield f"interview date {day}", _HEADER + "\r\n" + _interview(1, day=day), empty, None
        yield (
            f"follow-up date {day}",
            _HEADER + "\r\n" + _interview(1),
            f"{_FOLLOWUP_HEADER}\r\nf1,i1,{day},Email,Check-in,Planned,\r\n",
            None,
        )
    names = ["company", "role", "_who", "_order", "_kind_order", "calls", "too_many_calls", "due"]
    yield (
        "user columns named like computed ones",
        f"{_HEADER},{','.join(names[2:])}\r\n" + _interview(1, extra="," * len(names[2:])),
        f"{_FOLLOWUP_HEADER},{','.join(names)}\r\nf1,i1,2026-11-25,Email,Check-in,Planned,,"
        + ",".join(names)
        + "\r\n",
        1,
    )
    yield (
        "a column in the app's namespace",
        f"{_HEADER},followup:calls\r\n" + _interview(1, extra=",2"),
        empty,
        None,
    )
    yield (
        "orphan follow-ups",
        _HEADER + "\r\n" + _interview(1),
        f"{_FOLLOWUP_HEADER}\r\nf1,gone,2026-11-20,Phone call,Check-in,Replied,\r\n",
        1,
    )
    yield (
        "formula cells past the first character",
        _HEADER + "\r\n" + _interview(1, notes='"x;=1+1\t=2"') + _interview(2, notes="'=3"),
        empty,
        2,
    )


def try_hostile(
    folder: Path, interviews: str, followups: str, rows: int | None
) -> tuple[bool, int, int, bool]:
    """Load, save and open Home and the Tracker's Due and Download tabs on a hostile folder.

    Returns (rejected, tracebacks, rows lost, bytes changed of a rejected file).
    """
    folder.mkdir(parents=True)
    (folder / INTERVIEWS_FILE).write_text(interviews, encoding="utf-8", newline="")
    (folder / FOLLOWUPS_FILE).write_text(followups, encoding="utf-8", newline="")
    before = _files(folder)
    store = CsvStore(folder)
    tracebacks = lost = 0
    try:
        loaded = store.load()
        rejected = False
        lost += abs(len(loaded.interviews) - (rows or 0))
    except ValueError:
        rejected = True
    except Exception:
        rejected, tracebacks = True, tracebacks + 1
    try:
        saved = store.update(lambda t: tracker.add_interview(t, NEW_INTERVIEW))
        lost += max((rows or 0) + 1 - len(saved.interviews), 0)
    except ValueError:
        pass
    except Exception:
        tracebacks += 1
    with data_dir(folder):
        tracebacks += len(open_app().exception)
        at = open_page(ui.TRACKER.path)
        for tab in ("Due", "Overview", "Download"):
            tracebacks += len(open_tab(at, tab).exception)
    changed = rejected and _files(folder) != before
    return rejected, tracebacks, lost, changed


def measure(quick: bool = False) -> Figures:
    """Run the trials in temporary folders and count what went wrong."""
    writers, saves, kills, random_files = (2, 10, 4, 6) if quick else (4, 50, 20, 30)
    renames_killed = 2 if quick else 10
    rng = random.Random(SEED)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        rows_lost, torn_reads, reads = concurrent_saves(root / "concurrent", writers, saves)
        torn_files, lost_to_kills = kill_trials(root / "kills", kills, rng)
        tried = rejected = tracebacks = changed = 0
        for number, (_, content) in enumerate(bad_files(rng, random_files)):
            folder = root / f"bad-{number}"
            was_rejected, crashed, overwritten = try_bad_file(folder, content)
            tried += 1
            rejected += was_rejected
            tracebacks += crashed
            changed += overwritten
            (folder / FOLLOWUPS_FILE).unlink(missing_ok=True)
        faults, fault_tracebacks, fault_changed, temps_left, fault_lost = fault_trials(
            root / "faults", renames_killed
        )
        hostile = hostile_rejected = hostile_tracebacks = hostile_lost = hostile_changed = 0
        for number, (_, interviews, followups, rows) in enumerate(hostile_files()):
            was_rejected, crashed, lost, overwritten = try_hostile(
                root / f"hostile-{number}", interviews, followups, rows
            )
            hostile += 1
            hostile_rejected += was_rejected
            hostile_tracebacks += crashed
            hostile_lost += lost + (was_rejected != (rows is None))
            hostile_changed += overwritten
    stale = stale_views.run_trials(rounds=1 if quick else 3)
    return Figures(
        writers=writers,
        saves_each=saves,
        rows_lost=rows_lost,
        torn_reads=torn_reads,
        reads=reads,
        kill_trials=kills,
        torn_files=torn_files,
        rows_lost_to_kills=lost_to_kills,
        bad_files=tried,
        bad_files_rejected=rejected,
        tracebacks=tracebacks,
        bytes_changed=changed,
        stale_actions=stale.actions,
        stale_tracebacks=stale.tracebacks,
        stale_rows_lost=stale.rows_lost,
        stale_files_changed=stale.files_wrongly_changed,
        stale_silent_refusals=stale.silent_refusals,
        faults=faults,
        fault_tracebacks=fault_tracebacks,
        fault_files_changed=fault_changed,
        fault_temps_left=temps_left,
        fault_rows_lost=fault_lost,
        hostile_files=hostile,
        hostile_rejected=hostile_rejected,
        hostile_tracebacks=hostile_tracebacks,
        hostile_rows_lost=hostile_lost,
        hostile_files_changed=hostile_changed,
    )


if __name__ == "__main__":
    from bench.report import reliability_table

    print(reliability_table(measure().to_dict()))
