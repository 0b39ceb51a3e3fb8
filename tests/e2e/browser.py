"""Find a Chromium and run the app's real server for browser tests and screenshots."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

from playwright.sync_api import Browser, Playwright
from playwright.sync_api import Error as PlaywrightError

from deploy.cluster import free_port, streamlit_command, wait_healthy
from followup.paths import DATA_DIR_ENV, REPO_ROOT

CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
SETTLED = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def find_chromium() -> str | None:
    """`$CHROMIUM`, else a Chromium on the PATH; None when there is none."""
    configured = os.environ.get("CHROMIUM", "").strip()
    if configured:
        return configured if Path(configured).is_file() else None
    for name in CHROMIUM_CANDIDATES:
        found = shutil.which(name) or (Path("/usr/bin") / name)
        if Path(found).is_file():
            return str(found)
    return None


class NoBrowser(RuntimeError):
    """No Chromium could be started: neither a system one nor Playwright's own."""


def launch_chromium(playwright: Playwright) -> Browser:
    """Launch the system Chromium, else Playwright's own download (`playwright install`)."""
    executable = find_chromium()
    try:
        if executable:
            return playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        return playwright.chromium.launch(args=CHROMIUM_ARGS)
    except PlaywrightError as err:
        raise NoBrowser(f"no Chromium could be started (set $CHROMIUM): {err}") from err


@contextlib.contextmanager
def streamlit_server(
    data_dir: Path, script: str = "app.py", extra_env: dict[str, str] | None = None
) -> Iterator[str]:
    """Serve `script` on a free port with its own data folder; yield the base URL."""
    port = free_port()
    env = {**os.environ, DATA_DIR_ENV: str(data_dir), **(extra_env or {})}
    command = streamlit_command(port, script)
    log = data_dir.parent / f"streamlit-{port}.log"
    with log.open("wb") as out:
        server = subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=out, stderr=out)
        try:
            url = f"http://127.0.0.1:{port}"
            wait_healthy(url, server, log)
            yield url
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
