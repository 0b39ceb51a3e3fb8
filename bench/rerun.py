"""Tracker rerun: one rerun of the tracker page under AppTest, holding a large generated tracker.

The baseline is the least Streamlit program that shows the same two files: read both CSVs with
pandas, the interviews in `st.data_editor`, the follow-ups in `st.dataframe`. Both scripts run in
this process, on the same files, and are timed alternately after a first run.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from streamlit.testing.v1 import AppTest

from bench.generate import generate
from bench.harness import Benchmark, Result, Settings, alternate, median
from followup import ui
from followup.paths import DATA_DIR_ENV
from tests.apptest import TIMEOUT, open_page

INTERVIEWS, FOLLOWUPS = 5_000, 15_000
QUICK_INTERVIEWS, QUICK_FOLLOWUPS = 500, 1_500
BASELINE = """\
import os
from pathlib import Path

import pandas as pd
import streamlit as st

folder = Path(os.environ["FOLLOWUP_DATA_DIR"])
st.title("Tracker")
st.data_editor(pd.read_csv(folder / "interviews.csv"), key="interviews", hide_index=True)
st.dataframe(pd.read_csv(folder / "followups.csv"), hide_index=True)
"""


@contextlib.contextmanager
def data_dir(folder: Path) -> Iterator[None]:
    """Point FOLLOWUP_DATA_DIR at `folder` for as long as the block runs."""
    before = os.environ.get(DATA_DIR_ENV)
    os.environ[DATA_DIR_ENV] = str(folder)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(DATA_DIR_ENV, None)
        else:
            os.environ[DATA_DIR_ENV] = before


def timed_rerun(at: AppTest) -> float:
    """Seconds one rerun of `at` takes; fails loudly when the script raised."""
    start = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - start
    if at.exception:
        raise RuntimeError(f"the script raised: {at.exception[0].message}")
    return elapsed


def open_apps(folder: Path, baseline_script: Path) -> tuple[AppTest, AppTest]:
    """The tracker page (from app.py, as a visitor arrives) and the baseline, each run once."""
    tracker = open_page(ui.TRACKER.path)
    baseline = AppTest.from_file(str(baseline_script), default_timeout=TIMEOUT).run()
    for at in (tracker, baseline):
        if at.exception:
            raise RuntimeError(f"the script raised: {at.exception[0].message}")
    return tracker, baseline


def run(settings: Settings) -> Result:
    """Time reruns of the tracker page and the baseline on the same generated tracker."""
    counts = (QUICK_INTERVIEWS, QUICK_FOLLOWUPS) if settings.quick else (INTERVIEWS, FOLLOWUPS)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "tracker"
        generate(folder, *counts)
        script = Path(tmp) / "baseline.py"
        script.write_text(BASELINE)
        with data_dir(folder):
            tracker, baseline = open_apps(folder, script)
            samples = alternate(
                lambda: timed_rerun(tracker), lambda: timed_rerun(baseline), settings.rounds
            )
    return Result(
        name=BENCHMARK.name,
        measures=measures(*counts),
        unit="s",
        subject=median(samples.subject),
        baseline=median(samples.baseline),
        target=BENCHMARK.target,
        rounds=settings.rounds,
        samples={"subject": samples.subject, "baseline": samples.baseline},
        extra={"interviews": counts[0], "followups": counts[1]},
    )


def measures(interviews: int, followups: int) -> str:
    """What the ratio compares, for the table."""
    return (
        f"AppTest rerun, {interviews:,} interviews + {followups:,} follow-ups: "
        "tracker page vs read_csv + data_editor + dataframe"
    )


BENCHMARK = Benchmark(
    name="tracker rerun",
    measures=measures(INTERVIEWS, FOLLOWUPS),
    target=1.5,
    run=run,
    # A rerun takes tens of milliseconds: more rounds cost little and steady the medians.
    rounds=9,
)
