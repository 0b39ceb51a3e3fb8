"""Capacity: server work per click against a floor program, and how many visitors replicas serve.

Every figure here is measured with the protocol driver (`bench.protocol`): each simulated visitor
is one WebSocket session that sends the rerun requests a browser sends and reads the answers, at a
small fraction of a click's server work, so the server's cost is what is measured, not the
driver's (20 headless Chromiums spent 1.2 s of CPU per click against the server's 0.33 s).

- **Server CPU per click.** For each action (open the Tracker, add an interview, build a call
  script, open the due list) one visitor repeats it against the app and against the floor program
  (`bench/floor/`: the same widgets, keys and data, plain pandas, nothing else), in alternate
  rounds; the server process's own CPU counters (utime + stime) divided by the clicks.
- **Capacity.** The class model: each visitor does the actions in turn, pausing `THINK_S` between
  two clicks (reading the answer, typing a field). The number of visitors one replica serves with
  a p95 click-to-answer within `P95_LIMIT_S`, found by doubling then halving the step; then the
  same with two replicas. Each replica runs in its own CPU cgroup with `REPLICA_CPU` of a core,
  all on CPU 0; the driver runs on CPU 1, so it never takes the servers' CPU (on this 2-core
  machine two unconstrained replicas and the driver would share the same two cores). Without
  cgroups (not root, no cpu controller) the replicas run unconstrained and the figure says so.
- **Memory per session.** Server RSS growth per open session: idle sessions on the home page, and
  sessions that opened the Tracker holding a 5,000-interview tracker; against the floor program.
- **The driver against Chromium.** The same clicks by one visitor, timed inside the server
  (`bench.run_clock`: the rerun request's arrival to the message saying the script finished
  handed to the socket), which is the check that the driver makes the server do what a browser
  makes it do; beside it the same interval timed by each client (Chromium: its own WebSocket
  frames, which it reads late on this machine), and Chromium's click to settled page.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench import run_clock
from bench.generate import generate
from bench.harness import (
    Benchmark,
    Result,
    Samples,
    Settings,
    cpu_seconds,
    median,
    order,
    percentile,
    rss_kib,
)
from bench.protocol import RUN_TIMEOUT_S, ProtocolError, StreamlitClient, run_sync
from deploy.cluster import free_port, wait_healthy
from followup import ui
from followup.paths import DATA_DIR_ENV, REPO_ROOT
from followup.ui import TODAY_ENV

if TYPE_CHECKING:
    from playwright.async_api import Locator, Page, WebSocket

FLOOR = "bench/floor/app.py"
APP = "app.py"
TODAY = "2026-06-15"
TRACKER = "pages/3_Tracker.py"
CALL_SCRIPT = "pages/2_Call_script.py"
HOME = "app.py"
# A user's tracker of a realistic size for the per-click figures; the memory figure uses the
# rerun benchmark's 5,000 interviews.
USER_INTERVIEWS, USER_FOLLOWUPS = 60, 180
LARGE_INTERVIEWS, LARGE_FOLLOWUPS = 5_000, 15_000
CLICKS_PER_ROUND = 15
QUICK_CLICKS_PER_ROUND = 2
# The class model: a visitor pauses 2-5 s between two clicks.
THINK_S = (2.0, 5.0)
P95_LIMIT_S = 1.0
STEP_SECONDS = 25.0
QUICK_STEP_SECONDS = 8.0
REPLICA_CPU = 0.5
SERVER_CPUS = {0}
DRIVER_CPUS = {1}
CGROUP_ROOT = Path("/sys/fs/cgroup/cpu")
CGROUP_PREFIX = "followup-bench-"
MEMORY_SESSIONS = 12
SEED = 5

SCRIPT_FORM = {
    "script_your_name": "Sam Lee",
    "script_interviewer": "Dana Reyes",
    "script_company": "Brightwave",
    "script_role": "Data analyst",
    "script_qualifications": "five years of SQL reporting\nled a team of four",
    "script_employer_needs": "someone to rebuild the monthly reporting",
}
TEXT_AREAS = ("script_qualifications", "script_employer_needs")

ADD_FORM, ADD_OPEN = "Add an interview", "tracker_add_open"

Action = Callable[[StreamlitClient, int], Awaitable[list[float]]]
ADDED = itertools.count(1)


async def open_tracker(client: StreamlitClient, n: int) -> list[float]:
    """From home, open the Tracker page."""
    home = await client.switch_page(HOME)
    return [home.seconds, _checked(await client.switch_page(TRACKER)).seconds]


async def add_interview(client: StreamlitClient, n: int) -> list[float]:
    """Open the Tracker page, open its add form and add an interview through it."""
    opened = _checked(await client.switch_page(TRACKER))
    times = [opened.seconds]
    if not client.has_widget("tracker_add_submit"):
        if not any(section.label == ADD_FORM for section in opened.tree.expander):
            # The page keeps the tab last opened (the due list, say): click back to Interviews.
            times.append(_checked(await client.open_tab("tracker_tabs", "Interviews")).seconds)
        # The form is drawn only when its expander is open: a click on it, as a person does.
        times.append(_checked(await client.open_expander(ADD_OPEN)).seconds)
    added = await client.submit(
        "tracker_add_submit",
        # A new company each time: the same company, role and date would be a likely duplicate,
        # which the form asks about before adding.
        {"tracker_add_company": f"Brightwave {n}-{next(ADDED)}", "tracker_add_role": "Analyst"},
    )
    # The confirmation is a toast (it does not push the page down under the pointer).
    if not any("added" in alert.value for alert in added.tree.toast):
        raise ProtocolError("the interview was not added: " + _said(added))
    return [*times, _checked(added).seconds]


async def build_script(client: StreamlitClient, n: int) -> list[float]:
    """Open the Call script page, fill in the form and build the scripts."""
    opened = _checked(await client.switch_page(CALL_SCRIPT))
    form = {**SCRIPT_FORM, "script_company": f"Brightwave {n}"}
    built = _checked(await client.submit("script_build", form))
    if not built.tree.code:
        raise ProtocolError("no script was built: " + _said(built))
    return [opened.seconds, built.seconds]


async def due_list(client: StreamlitClient, n: int) -> list[float]:
    """Open the Tracker page and its Due tab."""
    opened = _checked(await client.switch_page(TRACKER))
    return [opened.seconds, _checked(await client.open_tab("tracker_tabs", "Due")).seconds]


ACTIONS: dict[str, Action] = {
    "open the Tracker": open_tracker,
    "add an interview": add_interview,
    "build a call script": build_script,
    "open the due list": due_list,
}


def _checked(run):
    if run.exceptions:
        raise ProtocolError("the page raised: " + " / ".join(run.exceptions))
    return run


def _said(run) -> str:
    return " / ".join(alert.value for alert in run.tree.error) or "no message"


# --- servers ---------------------------------------------------------------------------------


@dataclass
class Server:
    """One `streamlit run` of ours: its URL and pid."""

    url: str
    pid: int


def cgroups_available() -> bool:
    """Whether replicas can be given a CPU quota (cgroup v1 cpu controller, writable)."""
    return CGROUP_ROOT.is_dir() and os.access(CGROUP_ROOT, os.W_OK)


@contextlib.contextmanager
def serve(
    script: str,
    data_dir: Path,
    log_dir: Path,
    cpu_share: float | None = None,
    extra_env: dict[str, str] | None = None,
    run_log: Path | None = None,
) -> Iterator[Server]:
    """Serve `script` on a free port; with `cpu_share`, in a cgroup of that much of CPU 0.

    With `run_log`, the server logs each script run as it sees it there (`bench.run_clock`).
    """
    port = free_port()
    env = {
        **os.environ,
        DATA_DIR_ENV: str(data_dir),
        TODAY_ENV: TODAY,
        **(extra_env or {}),
        **({run_clock.RUN_LOG_ENV: str(run_log)} if run_log is not None else {}),
    }
    command = [
        sys.executable,
        "-m",
        "bench.run_clock" if run_log is not None else "streamlit",
        "run",
        script,
        "--server.headless=true",
        f"--server.port={port}",
        "--server.address=127.0.0.1",
        "--browser.gatherUsageStats=false",
        "--server.fileWatcherType=none",
        "--server.runOnSave=false",
    ]
    group = _cgroup(port, cpu_share) if cpu_share is not None else None

    def confine() -> None:
        if group is not None:
            (group / "cgroup.procs").write_text(str(os.getpid()))
        with contextlib.suppress(OSError):
            os.sched_setaffinity(0, SERVER_CPUS)

    log = log_dir / f"streamlit-{port}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, cwd=REPO_ROOT, env=env, stdout=out, stderr=out, preexec_fn=confine
        )
        try:
            url = f"http://127.0.0.1:{port}"
            wait_healthy(url, process, log)
            yield Server(url, process.pid)
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            if group is not None:
                with contextlib.suppress(OSError):
                    group.rmdir()


def _cgroup(name: int, share: float) -> Path | None:
    if not cgroups_available():
        return None
    group = CGROUP_ROOT / f"{CGROUP_PREFIX}{name}"
    group.mkdir(exist_ok=True)
    period = int((group / "cpu.cfs_period_us").read_text())
    (group / "cpu.cfs_quota_us").write_text(str(int(period * share)))
    return group


@contextlib.contextmanager
def driver_cpus() -> Iterator[None]:
    """Run this process (the driver) on the CPUs the servers do not use, where it can."""
    try:
        before = os.sched_getaffinity(0)
        os.sched_setaffinity(0, DRIVER_CPUS)
    except OSError:
        yield
        return
    try:
        yield
    finally:
        os.sched_setaffinity(0, before)


def data_folder(root: Path, name: str, interviews: int, followups: int) -> Path:
    """A fresh tracker folder of generated rows (the same rows for app and floor)."""
    folder = root / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    generate(folder, interviews, followups)
    return folder


# --- server CPU per click --------------------------------------------------------------------


async def _repeat(url: str, action: Action, times: int) -> int:
    """Do `action` `times` times as one visitor; the number of clicks made."""
    clicks = 0
    async with StreamlitClient(url) as client:
        for n in range(times):
            clicks += len(await action(client, n))
    return clicks


def cpu_per_click(settings: Settings, root: Path) -> list[Result]:
    """Server CPU seconds per click of each action, the app against the floor program."""
    times = QUICK_CLICKS_PER_ROUND if settings.quick else CLICKS_PER_ROUND
    results = []
    with driver_cpus(), contextlib.ExitStack() as stack:
        servers = {}
        for side, script in (("subject", APP), ("baseline", FLOOR)):
            folder = data_folder(root, side, USER_INTERVIEWS, USER_FOLLOWUPS)
            servers[side] = stack.enter_context(serve(script, folder, root))
        for name, action in ACTIONS.items():
            samples = Samples()

            def measure(server: Server, action: Action = action) -> float:
                before = cpu_seconds(server.pid)
                clicks = run_sync(_repeat(server.url, action, times))
                return (cpu_seconds(server.pid) - before) / clicks

            for side in ("subject", "baseline"):
                measure(servers[side])  # warm-up: first imports, caches
            for round_ in range(settings.rounds):
                for side in order(round_):
                    samples.add(side, measure(servers[side]))
            results.append(
                Result(
                    name=f"server CPU per click: {name}",
                    measures=(
                        f"server CPU (utime+stime) per click, one visitor, {times} repeats a "
                        f"round, tracker of {USER_INTERVIEWS} interviews; app vs floor program"
                    ),
                    unit="s",
                    subject=median(samples.subject),
                    baseline=median(samples.baseline),
                    target=1.5,
                    rounds=settings.rounds,
                    samples={"subject": samples.subject, "baseline": samples.baseline},
                )
            )
    return results


# --- capacity --------------------------------------------------------------------------------


@dataclass
class Step:
    """One load step: how many visitors, what they waited for, what failed."""

    visitors: int
    latencies: list[float] = field(default_factory=list)
    failures: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def p95(self) -> float:
        """The 95th percentile click-to-answer; infinite when nothing was answered."""
        return percentile(self.latencies, 95) if self.latencies else float("inf")

    @property
    def ok(self) -> bool:
        """Within the limit, with no failed click."""
        return self.failures == 0 and self.p95 <= P95_LIMIT_S


async def _visitor(url: str, number: int, until: float, step: Step) -> None:
    rng = random.Random(SEED * 1000 + number)
    actions = list(ACTIONS.values())
    rng.shuffle(actions)
    await asyncio.sleep(rng.uniform(0, THINK_S[1]))
    try:
        client = StreamlitClient(url)
        await client.connect()
    except (TimeoutError, OSError, ProtocolError) as err:
        step.failures += 1
        step.errors.append(f"connect: {type(err).__name__}: {err}")
        return
    try:
        n = 0
        while time.monotonic() < until:
            action = actions[n % len(actions)]
            try:
                for seconds in await action(client, number * 10_000 + n):
                    step.latencies.append(seconds)
            except (TimeoutError, ProtocolError, OSError) as err:
                step.failures += 1
                step.errors.append(f"{type(err).__name__}: {err}")
                return
            n += 1
            await asyncio.sleep(rng.uniform(*THINK_S))
    finally:
        await client.close()


async def _load(urls: list[str], visitors: int, seconds: float) -> Step:
    step = Step(visitors)
    until = time.monotonic() + seconds
    await asyncio.gather(*(_visitor(urls[n % len(urls)], n, until, step) for n in range(visitors)))
    return step


def served(urls: list[str], seconds: float, start: int = 4, limit: int = 400) -> list[Step]:
    """Steps of growing load until p95 passes the limit; the last passing step is the capacity."""
    steps: list[Step] = []
    low, high = 0, None
    visitors = start
    while visitors <= limit:
        step = run_sync(_load(urls, visitors, seconds))
        steps.append(step)
        if step.ok:
            low = visitors
        else:
            high = visitors
        if high is None:
            visitors *= 2
        elif high - low <= max(2, low // 8):
            break
        else:
            visitors = (low + high) // 2
    return steps


def capacity(steps: list[Step]) -> int:
    """The most visitors of a passing step (0 when none passed)."""
    return max((step.visitors for step in steps if step.ok), default=0)


def confine(pid: int, share: float | None) -> None:
    """Put a running server (all its threads) on CPU 0, in a cgroup of `share` of a CPU."""
    if share is not None:
        group = _cgroup(pid, share)
        if group is not None:
            (group / "cgroup.procs").write_text(str(pid))
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(OSError):
            os.sched_setaffinity(int(task.name), SERVER_CPUS)


def capacity_results(settings: Settings, root: Path) -> Result:
    """Visitors served with p95 within the limit by one replica and by two (`make cluster`).

    Both set-ups are the hosted one: PostgreSQL, nginx with sticky sessions and the replicas, all
    visitors on the same tracker (the `local` owner, seeded with a user's rows), which is the
    hardest case for the database: every save competes for one tracker's version.
    """
    from deploy.cluster import cluster
    from followup.__main__ import copy

    seconds = QUICK_STEP_SECONDS if settings.quick else STEP_SECONDS
    share = REPLICA_CPU if cgroups_available() else None
    found = {}
    for count in (1, 2):
        seed = data_folder(root, f"replicas-{count}", USER_INTERVIEWS, USER_FOLLOWUPS)
        with (
            cluster(replicas=count, storage="local", env={TODAY_ENV: TODAY}) as running,
            driver_cpus(),
        ):
            copy(str(seed), running.database_url, "local", all_users=False, replace=True)
            for replica in running.replicas:
                confine(replica.process.pid, share)
            found[count] = served([running.url], seconds)
        _remove_cgroups()
    one, two = capacity(found[1]), capacity(found[2])
    return Result(
        name="capacity: two replicas vs one",
        measures=(
            f"visitors served with p95 click-to-answer <= {P95_LIMIT_S:g} s (each clicks every "
            f"{THINK_S[0]:g}-{THINK_S[1]:g} s) through nginx on PostgreSQL, two replicas against "
            "one; each replica "
            + (f"{share:g} of a CPU (cgroup)" if share else "unconstrained (no cgroups)")
        ),
        unit="visitors",
        subject=float(two),
        baseline=float(one),
        target=1.8,
        at_least=True,
        rounds=1,
        samples={
            "one": [step.p95 for step in found[1]],
            "two": [step.p95 for step in found[2]],
        },
        extra={
            "one replica": one,
            "two replicas": two,
            "steps one": " ".join(f"{s.visitors}:{s.p95:.2f}s/{s.failures}" for s in found[1]),
            "steps two": " ".join(f"{s.visitors}:{s.p95:.2f}s/{s.failures}" for s in found[2]),
        },
    )


def _remove_cgroups() -> None:
    """Remove the cgroups of servers that have stopped (a group in use cannot be removed)."""
    if CGROUP_ROOT.is_dir():
        for group in CGROUP_ROOT.glob(f"{CGROUP_PREFIX}*"):
            with contextlib.suppress(OSError):
                group.rmdir()


# --- memory per session ----------------------------------------------------------------------


async def _hold(url: str, sessions: int, page: str | None) -> list[StreamlitClient]:
    clients = []
    for _ in range(sessions):
        client = StreamlitClient(url)
        await client.connect()
        if page:
            await client.switch_page(page)
        clients.append(client)
    return clients


def memory_per_session(
    root: Path, script: str, interviews: int, followups: int, page: str | None
) -> float:
    """Server RSS growth per open session, in MiB (sessions kept open while measured)."""
    folder = data_folder(root, f"memory-{Path(script).stem}-{interviews}", interviews, followups)
    with serve(script, folder, root) as server:

        async def run() -> float:
            warm = await _hold(server.url, 2, page)
            before = rss_kib(server.pid)
            held = await _hold(server.url, MEMORY_SESSIONS, page)
            await asyncio.sleep(1)
            after = rss_kib(server.pid)
            for client in [*warm, *held]:
                await client.close()
            return (after - before) / MEMORY_SESSIONS / 1024

        return run_sync(run())


def memory_results(root: Path) -> list[Result]:
    """Memory per idle session and per session holding a large tracker, app vs floor."""
    results = []
    for label, interviews, followups, page in (
        ("idle session", USER_INTERVIEWS, USER_FOLLOWUPS, None),
        (
            f"session holding {LARGE_INTERVIEWS:,} interviews",
            LARGE_INTERVIEWS,
            LARGE_FOLLOWUPS,
            TRACKER,
        ),
    ):
        app = memory_per_session(root, APP, interviews, followups, page)
        floor = memory_per_session(root, FLOOR, interviews, followups, page)
        results.append(
            Result(
                name=f"memory per {label}",
                measures=(
                    f"server RSS growth per open session ({MEMORY_SESSIONS} sessions), "
                    "app vs floor program; reported, no target"
                ),
                unit="MiB",
                subject=app,
                baseline=floor,
                target=float("inf"),
                rounds=1,
            )
        )
    return results


# --- the driver against a browser --------------------------------------------------------------


async def _protocol_clicks(url: str, repeats: int) -> tuple[list[float], list[Window]]:
    """The browser benchmark's action (add an interview, build a call script), by protocol.

    Also the span of the clicks (the page load before them left out), on `time.perf_counter`.
    """
    times: list[float] = []
    async with StreamlitClient(url) as client:
        opened = time.perf_counter()
        for n in range(repeats):
            times += await add_interview(client, n)
            times += await build_script(client, n)
            times.append(_checked(await client.switch_page(HOME)).seconds)
        return times, [(opened, time.perf_counter())]


Window = tuple[float, float]


class FrameClock:
    """Times a browser's script runs from its WebSocket frames, as the driver times its own.

    A run starts when the page sends a `rerun_script` BackMsg and ends at the first ForwardMsg
    saying a script finished successfully after it (a run the server replaced, as `st.rerun`
    does, keeps the start of the first). The times are taken as Playwright reports the frames,
    so the browser's work before sending the rerun (event handlers, widget state) and after the
    last frame (rendering) is not in the figure: the same interval the driver measures.
    """

    def __init__(self) -> None:
        self.runs: list[tuple[float, float]] = []
        # Each timed click's span, from before the click to the page idle after it: the
        # server's runs inside one are that click's (the fields filled between are not).
        self.windows: list[Window] = []
        self._started: float | None = None
        self._last_sent = 0.0

    def listen(self, page: Page) -> None:
        """Time the frames of every WebSocket the page opens."""
        page.on("websocket", self._attach)

    def _attach(self, socket: WebSocket) -> None:
        socket.on("framesent", self._sent)
        socket.on("framereceived", self._received)

    def _sent(self, payload: str | bytes) -> None:
        if isinstance(payload, str):
            return
        back = BackMsg()
        back.ParseFromString(payload)
        if back.WhichOneof("type") == "rerun_script":
            now = time.perf_counter()
            self._last_sent = now
            if self._started is None:
                self._started = now

    def _received(self, payload: str | bytes) -> None:
        if isinstance(payload, str) or self._started is None:
            return
        msg = ForwardMsg()
        msg.ParseFromString(payload)
        if msg.WhichOneof("type") == "script_finished" and msg.script_finished in FINISHED:
            self.runs.append((self._started, time.perf_counter()))
            self._started = None

    async def idle(self, quiet: float = 0.3) -> None:
        """Wait until no run is under way and no rerun was sent for `quiet` seconds."""
        deadline = time.perf_counter() + RUN_TIMEOUT_S
        while self._started is not None or time.perf_counter() - self._last_sent < quiet:
            if time.perf_counter() > deadline:
                raise ProtocolError("the browser's script run never finished")
            await asyncio.sleep(0.05)

    async def click(self, page: Page, target: Locator, ready: Locator) -> tuple[float, float]:
        """Click `target`: seconds from rerun frame to finished frame, and click to settled."""
        from bench import sessions

        await self.idle()
        mark = len(self.runs)
        opened = time.perf_counter()
        settled = await sessions.timed_click(page, target, ready)
        await self.idle()
        self.windows.append((opened, time.perf_counter()))
        runs = self.runs[mark:]
        if not runs:
            raise ProtocolError(f"clicking {target} sent no rerun")
        return runs[-1][1] - runs[0][0], settled


FINISHED = (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY)


async def _browser_clicks(url: str, repeats: int) -> tuple[list[float], list[float], list[Window]]:
    """The driver's clicks in headless Chromium: frame-to-frame seconds, click to settled, and
    each click's span."""
    from playwright.async_api import async_playwright

    from bench import sessions

    clock = FrameClock()
    frames: list[float] = []
    settled: list[float] = []

    async def click(page: Page, target: Locator, ready: Locator) -> None:
        frame, settle = await clock.click(page, target, ready)
        frames.append(frame)
        settled.append(settle)

    async def open_page(page: Page, target: ui.PageLink) -> None:
        link = page.locator('[data-testid="stSidebar"]').get_by_role("link", name=target.label)
        await click(page, link, page.get_by_role("heading", name=target.title))

    async with async_playwright() as playwright:
        browser = await sessions.launch(playwright)
        try:
            page = await sessions.open_session(browser, url, listen=clock.listen)
            for n in range(repeats):
                # Add an interview: open the Tracker, fill in its form, press Add.
                await open_page(page, ui.TRACKER)
                form = page.locator('[data-testid="stExpander"] details').filter(
                    has_text="Add an interview"
                )
                await sessions.fail_on_error(page, form)
                if await form.get_attribute("open") is None:
                    # The form is drawn when its expander opens: a rerun, timed like the others.
                    await click(
                        page,
                        form.locator("summary"),
                        sessions.by_key(page, "tracker_add_company", "input"),
                    )
                await sessions.by_key(page, "tracker_add_company", "input").fill(
                    f"Brightwave {n}-{next(ADDED)}"
                )
                await sessions.by_key(page, "tracker_add_role", "input").fill("Analyst")
                await click(
                    page,
                    sessions.by_key(page, "tracker_add_submit", "button"),
                    page.get_by_text("Interview added and saved."),
                )
                # Build a call script: open the page, fill in the fields (each one a rerun of
                # its own, not timed: the driver sends them with the click), press Build.
                await open_page(page, ui.CALL_SCRIPT)
                form_values = {**SCRIPT_FORM, "script_company": f"Brightwave {n}"}
                for key, value in form_values.items():
                    box = "textarea" if key in TEXT_AREAS else "input"
                    field_box = sessions.by_key(page, key, box)
                    await field_box.fill(value)
                    await field_box.blur()
                    await clock.idle()
                built = page.locator('[data-testid="stCode"]').filter(
                    has_text=f"Brightwave {n}. Do you"
                )
                await click(page, sessions.by_key(page, "script_build", "button"), built.first)
                await open_page(page, ui.HOME)
            return frames, settled, clock.windows
        finally:
            await browser.close()


def driver_check(settings: Settings, root: Path) -> list[Result]:
    """p50 rerun-to-finished of the protocol driver against Chromium's, same clicks, one server.

    Also reported: Chromium's click-to-settled (rendering included), what only a browser shows.
    """
    repeats = 2 if settings.quick else 4
    folder = data_folder(root, "driver-check", USER_INTERVIEWS, USER_FOLLOWUPS)
    samples = Samples()
    settled = Samples()
    # The same clicks' runs as the server saw them: the check that does not depend on how soon
    # a client reads its frames.
    on_server = Samples()
    run_log = root / "driver-check-runs.log"
    # The browser (Chromium, Playwright's driver, this process reading its frames) on the CPUs
    # the server does not use, like the protocol driver: sharing the server's core, it stretched
    # the server's runs (same CPU per run, three times the wall time).
    with serve(APP, folder, root, run_log=run_log) as server, driver_cpus():
        run_sync(_protocol_clicks(server.url, 1))
        run_sync(_browser_clicks(server.url, 1))
        for round_ in range(settings.rounds):
            for side in order(round_):
                if side == "subject":
                    times, windows = run_sync(_protocol_clicks(server.url, repeats))
                    samples.add(side, times)
                else:
                    frames, settles, windows = run_sync(_browser_clicks(server.url, repeats))
                    samples.add(side, frames)
                    settled.add("subject", settles)
                    settled.add("baseline", frames)
                on_server.add(side, run_clock.within(run_clock.runs(run_log), windows))
    clicks = "open the Tracker, add an interview, open the Call script, build, open Home"
    return [
        Result(
            name="protocol driver vs Chromium, p50 rerun received to script finished, server side",
            measures=(
                f"one visitor, clicks one after another ({clicks}), timed inside the server "
                "(`bench.run_clock`): from the rerun request's arrival to the message saying "
                "the script finished handed to the client's socket; the protocol driver's runs "
                "against headless Chromium's, the same clicks; within 20% either way"
            ),
            unit="s",
            subject=median(on_server.subject),
            baseline=median(on_server.baseline),
            target=1.2,
            band=True,
            rounds=settings.rounds,
            samples={"subject": on_server.subject, "baseline": on_server.baseline},
        ),
        Result(
            name="protocol driver vs Chromium, p50 rerun request to script finished",
            measures=(
                f"one visitor, clicks one after another ({clicks}), from the rerun request "
                "sent to the message saying the script finished (Chromium: its WebSocket frames "
                "as Playwright sees them); protocol driver vs headless Chromium; within 20% "
                "either way"
            ),
            unit="s",
            subject=median(samples.subject),
            baseline=median(samples.baseline),
            target=1.2,
            band=True,
            rounds=settings.rounds,
            samples={"subject": samples.subject, "baseline": samples.baseline},
        ),
        Result(
            name="Chromium p50 click to settled page vs rerun request to script finished",
            measures=(
                f"headless Chromium, one visitor, the same clicks ({clicks}): from the click "
                "to the page's last change after the script finished (rendering included, "
                "300 ms without change), against the same clicks' rerun frame to finished "
                "frame; reported, no target"
            ),
            unit="s",
            subject=median(settled.subject),
            baseline=median(settled.baseline),
            target=float("inf"),
            rounds=settings.rounds,
            samples={"subject": settled.subject, "baseline": settled.baseline},
        ),
    ]


def run(settings: Settings) -> list[Result]:
    """All the capacity figures, in one temporary folder."""
    with tempfile.TemporaryDirectory(prefix="followup-capacity-") as temp:
        root = Path(temp)
        return [
            *driver_check(settings, root),
            *cpu_per_click(settings, root),
            capacity_results(settings, root),
            *memory_results(root),
        ]


BENCHMARK = Benchmark(
    name="capacity",
    measures="server CPU per click vs floor, visitors served by 1 and 2 replicas, memory",
    target=1.5,
    run=run,
    rounds=3,
)
