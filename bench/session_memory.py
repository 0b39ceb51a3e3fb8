"""Session memory: the server's memory per visitor in `session` mode, bounded by what one may hold.

A server in `session` mode keeps every visitor's tracker in its own memory. Real browsers
(headless Chromium) open the Tracker page in several sessions; each loads a tracker zip as large
as a session may hold (`followup.limits`), and one then tries a 0.7 MB zip that unpacks to 61 MB
of CSV (200,000 rows), which must be refused. The figure is the growth of the server's resident
memory (VmRSS) per session holding a full tracker; the baseline is the memory of that tracker's
tables themselves (`limits.tracker_bytes`), so the ratio is what the server spends per byte a
session may hold. The growth per idle session and after the refused zip are recorded beside it.
"""

from __future__ import annotations

import io
import tempfile
import time
import zipfile
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from bench.generate import generate
from bench.harness import Benchmark, Result, Settings, rss_kib
from bench.sessions import server_pid
from followup import export, limits
from followup.hosting import STORAGE_ENV
from followup.store import read_folder
from tests.e2e.browser import CHROMIUM_ARGS, SETTLED, find_chromium, streamlit_server

SESSIONS = 4
QUICK_SESSIONS = 2
TIMEOUT_MS = 120_000
HOSTILE_ROWS = 200_000


def full_tracker_zip(folder: Path) -> tuple[bytes, int]:
    """A tracker zip just inside a session's bounds, and the memory of its tables."""
    interviews = limits.SESSION_MAX_ROWS // 4
    generate(folder, interviews, limits.SESSION_MAX_ROWS - interviews - 10)
    tracker = read_folder(folder)
    limits.check(tracker, limits.SESSION_MAX_ROWS, limits.SESSION_MAX_BYTES)
    return export.tracker_zip(tracker), limits.tracker_bytes(tracker)


def hostile_zip() -> bytes:
    """A small zip whose interviews.csv unpacks to about 61 MB: 200,000 rows."""
    row = "0123456789ab,Company name,A role title,,,,,2024-09-19,1,,Awaiting decision,,{}\r\n"
    notes = "n" * 230
    body = "".join(row.format(notes) for _ in range(HOSTILE_ROWS))
    header = ",".join(export.vocab.INTERVIEW_COLUMNS) + "\r\n"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(export.INTERVIEWS_FILE, header + body)
        archive.writestr(export.FOLLOWUPS_FILE, ",".join(export.vocab.FOLLOWUP_COLUMNS) + "\r\n")
    return buffer.getvalue()


def open_tracker(page: Page, url: str) -> None:
    page.goto(f"{url}/Tracker")
    page.wait_for_selector(SETTLED, state="attached")
    page.locator(".st-key-tracker_session_load").wait_for(state="visible")


def upload(page: Page, data: bytes) -> None:
    uploader = page.locator(
        '.st-key-tracker_session_load [data-testid="stFileUploaderDropzoneInput"]'
    )
    uploader.set_input_files(
        {"name": export.ZIP_NAME, "mimeType": "application/zip", "buffer": data}
    )


def load_zip(page: Page, data: bytes) -> None:
    """Load `data` in the session of `page` and wait until the page says it was loaded."""
    upload(page, data)
    page.locator(".st-key-tracker_session_load_confirm button").click()
    page.get_by_text("Your tracker was loaded").wait_for(state="visible")


def settled_rss(pid: int) -> int:
    """The server's VmRSS in KiB once it has stopped moving (allocators settle after a burst)."""
    previous = rss_kib(pid)
    for _ in range(20):
        time.sleep(0.25)
        current = rss_kib(pid)
        if abs(current - previous) < 256:
            return current
        previous = current
    return previous


def run(settings: Settings) -> Result:
    """Open idle sessions, fill each with a full tracker, try the hostile zip; read VmRSS."""
    sessions = QUICK_SESSIONS if settings.quick else SESSIONS
    with tempfile.TemporaryDirectory() as tmp:
        full, data_bytes = full_tracker_zip(Path(tmp) / "full")
        hostile = hostile_zip()
        folder = Path(tmp) / "tracker"
        folder.mkdir()
        with (
            streamlit_server(folder, extra_env={STORAGE_ENV: "session"}) as url,
            sync_playwright() as playwright,
        ):
            executable = find_chromium()
            browser = playwright.chromium.launch(
                executable_path=executable or None, args=CHROMIUM_ARGS
            )
            pid = server_pid(url)
            pages = []
            # A first session warms the server up (imports, caches), then is filled like the rest.
            for count in range(sessions + 1):
                page = browser.new_context().new_page()
                page.set_default_timeout(TIMEOUT_MS)
                open_tracker(page, url)
                pages.append(page)
                if count == 0:
                    load_zip(page, full)
                    before = settled_rss(pid)
            idle = settled_rss(pid)
            for page in pages[1:]:
                load_zip(page, full)
            filled = settled_rss(pid)
            # A fresh session: the others' uploaders still hold their zip.
            page = browser.new_context().new_page()
            page.set_default_timeout(TIMEOUT_MS)
            open_tracker(page, url)
            with_one_more = settled_rss(pid)
            upload(page, hostile)
            page.get_by_text("unpacks to more than").wait_for(state="visible")
            after_hostile = settled_rss(pid)
            browser.close()
    per_session = (filled - before) / sessions / 1024
    return Result(
        name=BENCHMARK.name,
        measures=measures(sessions),
        unit="MiB",
        subject=per_session,
        baseline=data_bytes / 2**20,
        target=BENCHMARK.target,
        rounds=1,
        samples={"subject": [per_session], "baseline": [data_bytes / 2**20]},
        extra={
            "sessions": sessions,
            "idle_session_mib": round((idle - before) / sessions / 1024, 2),
            "hostile_zip_mib": round(len(hostile) / 2**20, 2),
            "after_hostile_zip_mib": round((after_hostile - with_one_more) / 1024, 2),
            "server_rss_mib": round(after_hostile / 1024, 1),
        },
    )


def measures(sessions: int) -> str:
    """What the ratio compares, for the table."""
    return (
        f"server VmRSS growth per session holding a full tracker ({sessions} sessions, "
        f"{limits.SESSION_MAX_ROWS:,} rows) vs that tracker's own tables"
    )


BENCHMARK = Benchmark(
    name="session memory",
    measures=measures(SESSIONS),
    target=4.0,
    run=run,
    rounds=1,
)
