"""Real servers for tests: one throwaway PostgreSQL per test session, nginx; skip or fail without.

Locally a missing PostgreSQL or nginx skips the tests that need it, with a message; with
CI=true it fails them instead, as a missing browser does (`.ci/run` installs both).
"""

from __future__ import annotations

import os
from typing import NoReturn

import pytest


def unavailable(message: str) -> NoReturn:
    """Skip locally, fail in CI: a part that CI installs must be there."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message} (CI=true: .ci/run must install it)")
    pytest.skip(message)
