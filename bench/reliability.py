"""Reliability figures: rows lost to concurrent saves, torn files after SIGKILL, damaged files.

`python -m bench.reliability` prints them; `python -m bench` records them in results.json. The
writers and the torn-row check are the store tests' own workers (`tests/store_workers.py`), so the
figures count exactly what the tests assert.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from bench import stale_views
from bench.generate import generate
from bench.rerun import data_dir
from followup import tracker, ui
from followup.store import FOLLOWUPS_FILE, INTERVIEWS_FILE, CsvStore
from tests import store_workers
from tests.apptest import open_page

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


def measure(quick: bool = False) -> Figures:
    """Run the trials in temporary folders and count what went wrong."""
    writers, saves, kills, random_files = (2, 10, 4, 6) if quick else (4, 50, 20, 30)
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
    )


if __name__ == "__main__":
    from bench.report import reliability_table

    print(reliability_table(measure().to_dict()))
