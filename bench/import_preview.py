"""Import preview: from a file upload to its preview, for a file full of unknown status values.

The subject is a file of 10,000 rows whose Status column holds 10,000 different values the
tracker does not know (each needs the user's say); the baseline is the same file with a status
the tracker knows on every row. Both run through the import flow under AppTest, alternately, in
this process; the time is one run of the page after the upload, until the preview is drawn.
Before the value table, the subject drew one box a value: 1,000 rows took 16 s, 10,000 never
finished in 5 minutes.
"""

from __future__ import annotations

import time

from streamlit.testing.v1 import AppTest

from bench.harness import Benchmark, Result, Settings, alternate, median
from followup.ui import import_flow

ROWS = 10_000
QUICK_ROWS = 1_000
TIMEOUT = 600


def harness() -> None:
    """The import flow as the Tracker page draws it, with nothing to commit to."""
    import pandas as pd

    from followup.ui.import_flow import draw_import

    draw_import(pd.DataFrame(), lambda rows: None)


def csv_file(rows: int, unknown: bool) -> bytes:
    """`rows` interviews; each with its own unknown status, or all "Offer"."""
    lines = "".join(
        f"Company {n},Analyst,2024-09-19,{f'Stage {n}' if unknown else 'Offer'}\n"
        for n in range(rows)
    )
    return f"Company,Role,Date,Status\n{lines}".encode()


def time_to_preview(data: bytes) -> float:
    """Seconds from the upload to the drawn preview, in a fresh session."""
    at = AppTest.from_function(harness, default_timeout=TIMEOUT).run()
    at.file_uploader(key=import_flow.uploader_key_for(0)).set_value(("jobs.csv", data, "text/csv"))
    start = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - start
    if at.exception:
        raise RuntimeError(f"the import flow raised: {at.exception[0].message}")
    if not at.get_by_key(import_flow.PREVIEW).dataframe:
        raise RuntimeError("the import flow drew no preview")
    return elapsed


def run(settings: Settings) -> Result:
    """Time the hostile file and the plain one alternately."""
    rows = QUICK_ROWS if settings.quick else ROWS
    hostile, plain = csv_file(rows, unknown=True), csv_file(rows, unknown=False)
    samples = alternate(
        lambda: time_to_preview(hostile), lambda: time_to_preview(plain), settings.rounds
    )
    return Result(
        name=BENCHMARK.name,
        measures=measures(rows),
        unit="s",
        subject=median(samples.subject),
        baseline=median(samples.baseline),
        target=BENCHMARK.target,
        rounds=settings.rounds,
        samples={"subject": samples.subject, "baseline": samples.baseline},
        extra={"rows": rows, "unknown_values": rows},
    )


def measures(rows: int) -> str:
    """What the ratio compares, for the table."""
    return f"upload to preview, {rows:,} rows: {rows:,} different unknown statuses vs all known"


BENCHMARK = Benchmark(
    name="import preview",
    measures=measures(ROWS),
    target=2.0,
    run=run,
    rounds=3,
)
