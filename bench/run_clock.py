"""`python -m bench.run_clock run app.py ...`: `streamlit run`, timing script runs in the server.

For each client it records, on the server's event loop, when a `rerun_script` BackMsg arrives and
when the ForwardMsg saying the script finished is handed to that client's WebSocket; each run's
start and end go to the file named by `RUN_LOG_ENV`, one line a run. This is the interval the
clients time, seen from the server whatever the client is, so the capacity benchmark can check
that its protocol driver makes the server do what a browser makes it do without the client's
own delays in the figure. Only the benchmark's servers load this; the app never does.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime.runtime import Runtime
from streamlit.web.cli import main
from streamlit.web.server.starlette.starlette_websocket import StarletteSessionClient

RUN_LOG_ENV = "FOLLOWUP_BENCH_RUN_LOG"
FINISHED = (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY)


def install(log: Path) -> None:
    """Patch the server so each script run's seconds go to `log`."""
    # Per client: when the first rerun request not yet answered arrived (a rerun that replaces
    # a running one keeps the first start, as the clients' own clocks do).
    started: dict[int, float] = {}
    out = log.open("a", buffering=1)
    handle_backmsg = Runtime.handle_backmsg
    write_forward_msg = StarletteSessionClient.write_forward_msg

    def timed_backmsg(self: Runtime, session_id: str, msg: Any, **kwargs: Any) -> None:
        if msg.WhichOneof("type") == "rerun_script" and kwargs.get("client") is not None:
            started.setdefault(id(kwargs["client"]), time.perf_counter())
        handle_backmsg(self, session_id, msg, **kwargs)

    def timed_write(self: StarletteSessionClient, msg: ForwardMsg) -> None:
        write_forward_msg(self, msg)
        if msg.WhichOneof("type") == "script_finished" and msg.script_finished in FINISHED:
            start = started.pop(id(self), None)
            if start is not None:
                # perf_counter is the system's monotonic clock: a client on this machine can
                # tell which of its clicks a run belongs to.
                out.write(f"{start:.6f} {time.perf_counter():.6f}\n")

    Runtime.handle_backmsg = timed_backmsg  # type: ignore[method-assign]
    StarletteSessionClient.write_forward_msg = timed_write  # type: ignore[method-assign]


def runs(log: Path) -> list[tuple[float, float]]:
    """Each logged run's start and end (`time.perf_counter`, comparable across processes)."""
    if not log.exists():
        return []
    pairs = (line.split() for line in log.read_text().splitlines() if line)
    return [(float(start), float(end)) for start, end in pairs]


def within(runs: list[tuple[float, float]], windows: list[tuple[float, float]]) -> list[float]:
    """The seconds of the runs that started and ended inside one of `windows`."""
    return [
        end - start
        for start, end in runs
        if any(opened <= start and end <= closed for opened, closed in windows)
    ]


if __name__ == "__main__":
    install(Path(os.environ[RUN_LOG_ENV]))
    main(prog_name="streamlit")
