"""What one visitor's session may hold when the tracker lives in the server's memory.

In `session` mode every visitor's tracker is kept in the memory of the one server process, so
one visitor could otherwise take it all: a 0.7 MB zip unpacked to 61 MB of CSV, 200,000 rows. A
`LimitedStore` refuses, inside the store's transaction, any change whose result would hold more
than `max_rows` rows (interviews and follow-ups together) or more than `max_bytes` of table data
in memory; uploads are refused before that, as soon as a file unpacks past `SESSION_MAX_BYTES`.
"""

from __future__ import annotations

from followup.store import Change, Store
from followup.tracker import Tracker, TrackerError

SESSION_MAX_ROWS = 5_000
SESSION_MAX_BYTES = 5_000_000


class LimitError(TrackerError):
    """The change would make the tracker larger than this session may hold; nothing was saved."""


def tracker_bytes(tracker: Tracker) -> int:
    """The memory the tracker's two tables take, text included."""
    return int(
        tracker.interviews.memory_usage(deep=True).sum()
        + tracker.followups.memory_usage(deep=True).sum()
    )


def check(tracker: Tracker, max_rows: int, max_bytes: int) -> Tracker:
    """`tracker` itself when it fits in `max_rows` and `max_bytes`; else raise LimitError."""
    rows = len(tracker.interviews) + len(tracker.followups)
    if rows > max_rows:
        raise LimitError(
            f"A tracker kept in this browser session may hold at most {max_rows:,} rows "
            f"(interviews and follow-ups together); this would make {rows:,}. Nothing was "
            "changed. Keep fewer rows here, or run the app on your own computer for more."
        )
    size = tracker_bytes(tracker)
    if size > max_bytes:
        raise LimitError(
            f"A tracker kept in this browser session may hold at most {max_bytes / 1e6:g} MB; "
            f"this would make {size / 1e6:.1f} MB. Nothing was changed. Shorten long notes, or "
            "run the app on your own computer for more."
        )
    return tracker


class LimitedStore:
    """A store whose tracker may not grow past `max_rows` rows or `max_bytes` in memory."""

    def __init__(self, inner: Store, max_rows: int, max_bytes: int) -> None:
        self.inner = inner
        self.max_rows = max_rows
        self.max_bytes = max_bytes

    def load(self) -> Tracker:
        """The current tracker."""
        return self.inner.load()

    def update(self, change: Change) -> Tracker:
        """Apply `change` through the inner store, refusing a result that is too large."""
        return self.inner.update(lambda t: check(change(t), self.max_rows, self.max_bytes))

    def check(self, tracker: Tracker) -> Tracker:
        """`tracker` when this store may hold it; else raise LimitError."""
        return check(tracker, self.max_rows, self.max_bytes)
