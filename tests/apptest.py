"""Start AppTest the way a visitor arrives: at the entry script, then switch pages."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from followup.paths import REPO_ROOT

APP = REPO_ROOT / "app.py"
TIMEOUT = 30


def open_app() -> AppTest:
    """Run the home page in a fresh session (the data folder comes from the environment)."""
    return AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()


def open_page(path: str) -> AppTest:
    """Run the home page, then switch to `path` (e.g. ``pages/3_Tracker.py``)."""
    at = open_app()
    return at.switch_page(path).run()
