"""Start AppTest the way a visitor arrives: at the entry script, then switch pages."""

from __future__ import annotations

import re
from typing import Any

from streamlit.testing.v1 import AppTest

from followup.paths import REPO_ROOT

APP = REPO_ROOT / "app.py"
TIMEOUT = 30


def open_app(secrets: dict[str, Any] | None = None, user: dict[str, Any] | None = None) -> AppTest:
    """Run the home page in a fresh session (the data folder comes from the environment).

    `secrets` and `user` are what this session reads as `st.secrets` and `st.user`; they are set
    before the first run.
    """
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.secrets.update(secrets or {})
    if user is not None:
        at.user = user
    return at.run()


def open_page(
    path: str, secrets: dict[str, Any] | None = None, user: dict[str, Any] | None = None
) -> AppTest:
    """Run the home page, then switch to `path` (e.g. ``pages/3_Tracker.py``)."""
    at = open_app(secrets, user)
    return at.switch_page(path).run()


def open_tab(at: AppTest, label: str, key: str = "tracker_tabs") -> AppTest:
    """Switch the page's tabs (keyed `key`) to `label`, as a click on it does, and rerun."""
    at.session_state[key] = label
    return at.run()


def open_expander(at: AppTest, key: str) -> AppTest:
    """Open the expander keyed `key` (one that reruns on change), as a click on it does."""
    at.session_state[key] = True
    return at.run()


def as_seen(markdown: str) -> str:
    """What a person reads of a message body built with `ui.plain`: escapes and joiners removed."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")
