"""Where the app finds its shipped data and where it keeps the user's tracker."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SHIPPED_DATA_DIR = REPO_ROOT / "data"
DEFAULT_TRACKER_DIR = SHIPPED_DATA_DIR / "tracker"
DATA_DIR_ENV = "FOLLOWUP_DATA_DIR"


def tracker_dir(environ: os._Environ[str] | dict[str, str] | None = None) -> Path:
    """Return the tracker folder: `FOLLOWUP_DATA_DIR` when set, else `data/tracker/`."""
    env = os.environ if environ is None else environ
    configured = env.get(DATA_DIR_ENV, "").strip()
    return Path(configured).expanduser() if configured else DEFAULT_TRACKER_DIR
