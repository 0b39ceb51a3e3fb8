"""Saves at once from several processes or threads lose no row; a killed writer tears no file."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import threading
import time
from pathlib import Path

from tests import store_workers

WRITERS = 4
SAVES = 25
KILLS = 6
# fork starts a worker in milliseconds; the workers only use the store, no threads are shared.
CONTEXT = multiprocessing.get_context("fork")


def test_concurrent_writers_lose_no_row_and_a_reader_always_parses(tmp_path: Path):
    """4 processes x 25 saves: every row is on disk, and a reader never sees a torn file."""
    folder = str(tmp_path / "shared")
    stop, results = CONTEXT.Event(), CONTEXT.Queue()
    reader = CONTEXT.Process(
        target=store_workers.read_until, args=(folder, stop, results), daemon=True
    )
    writers = [
        CONTEXT.Process(target=store_workers.add_rows, args=(folder, writer, SAVES), daemon=True)
        for writer in range(WRITERS)
    ]
    reader.start()
    for process in writers:
        process.start()
    try:
        for process in writers:
            process.join(timeout=300)
    finally:
        stop.set()
    reads, failures = results.get(timeout=60)
    reader.join(timeout=10)
    assert [process.exitcode for process in writers] == [0] * WRITERS
    expected = [
        store_workers.interview_row(w, n)["company"] for w in range(WRITERS) for n in range(SAVES)
    ]
    on_disk = store_workers.interviews_on_disk(folder)
    assert sorted(on_disk["company"]) == sorted(expected)
    assert reads > 0
    assert failures == 0


def test_a_killed_writer_leaves_the_old_or_the_new_file(tmp_path: Path):
    """A writer SIGKILLed at random moments leaves a complete file that only ever grows."""
    folder = str(tmp_path / "crash")
    rng = random.Random(5)
    before: set[str] = set()
    for round_number in range(KILLS):
        writer = CONTEXT.Process(target=store_workers.add_rows_forever, args=(folder, round_number))
        writer.start()
        time.sleep(rng.uniform(0.3, 0.8))
        os.kill(writer.pid, signal.SIGKILL)
        writer.join()
        if not (Path(folder) / "interviews.csv").exists():
            continue
        frame = store_workers.interviews_on_disk(folder)
        assert store_workers.torn_rows(frame) == 0
        companies = set(frame["company"])
        assert len(companies) == len(frame)
        assert before <= companies
        before = companies
    assert before


THREADS = 8
THREAD_SAVES = 10


def test_threads_of_one_server_saving_at_once_lose_no_row(tmp_path: Path):
    """8 sessions of one server (threads, a store each) x 10 saves: every row is on disk."""
    folder = str(tmp_path / "shared")
    threads = [
        threading.Thread(target=store_workers.add_rows, args=(folder, writer, THREAD_SAVES))
        for writer in range(THREADS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    expected = [
        store_workers.interview_row(w, n)["company"]
        for w in range(THREADS)
        for n in range(THREAD_SAVES)
    ]
    assert sorted(store_workers.interviews_on_disk(folder)["company"]) == sorted(expected)
