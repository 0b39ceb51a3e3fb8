"""Cold start: from launching `streamlit run` to the first heading drawn in headless Chromium.

The subject is `app.py`; the baseline a bare script holding only `st.title("Hello")`. Both are
served by the same machinery the browser tests use, and each round opens a fresh browser context.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

from bench.harness import Benchmark, Result, Settings, alternate, median
from tests.e2e.browser import launch_chromium, streamlit_server

HELLO = 'import streamlit as st\n\nst.title("Hello")\n'
HEADING_TIMEOUT_MS = 60_000


def time_to_heading(browser: Browser, data_dir: Path, script: str) -> float:
    """Seconds from launching the server on `script` to its first heading being visible."""
    start = time.perf_counter()
    with streamlit_server(data_dir, script) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        try:
            page = context.new_page()
            page.goto(url)
            page.locator("h1").first.wait_for(state="visible", timeout=HEADING_TIMEOUT_MS)
            elapsed = time.perf_counter() - start
        finally:
            context.close()
    return elapsed


def run(settings: Settings) -> Result:
    """Time app.py and the hello-world script, alternating, and compare their medians."""
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        hello = Path(tmp) / "hello.py"
        hello.write_text(HELLO)
        data_dir = Path(tmp) / "tracker"
        data_dir.mkdir()
        browser = launch_chromium(playwright)
        try:
            samples = alternate(
                lambda: time_to_heading(browser, data_dir, "app.py"),
                lambda: time_to_heading(browser, data_dir, str(hello)),
                settings.rounds,
            )
        finally:
            browser.close()
    return Result(
        name=BENCHMARK.name,
        measures=BENCHMARK.measures,
        unit="s",
        subject=median(samples.subject),
        baseline=median(samples.baseline),
        target=BENCHMARK.target,
        rounds=settings.rounds,
        samples={"subject": samples.subject, "baseline": samples.baseline},
    )


BENCHMARK = Benchmark(
    name="cold start",
    measures="`streamlit run` to first heading: app.py vs hello world",
    target=1.3,
    run=run,
)
