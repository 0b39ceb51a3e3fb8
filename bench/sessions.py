"""Concurrent sessions: many browser pages against one server, each doing the same user action.

Every timed step is a click, measured inside the page from the click event to the last change the
server's answer made to the page (the script has stopped and the page has stayed still since), so
the figure is what a person waits for and not the driver's overhead.

The load modelled is a class of 20 people following the same exercise: each starts at a random
moment of a 20 s window and adds an interview on the Tracker page, then builds a call script (five
clicks), pausing a random 1-3 s between two clicks to read the page or type a field. Real people
take longer than that to fill in the forms, so the load is heavier than a class really makes; with
`THINK_S = None` the clicks follow each other with no pause (the model before 2026-11-27, whose
figures are kept in the README). The baseline is one of the pages doing the action, clicks back to
back, while the others sit idle.

A burst, every page starting in the same instant with no pauses, is recorded beside it: on 2 cores
shared by the browser's 20 renderers and the server it mostly measures the machine (a queue of 20
runs), whatever the app does.

Samples: one round gives 100 timed clicks together and 30 alone (6 actions of 5 clicks), enough
for a p95 on both sides; with the warm-up and the burst the run takes about 3 minutes.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import os
import random
import tempfile
import time
import urllib.parse
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

from playwright.async_api import Browser, Locator, Page, Playwright, async_playwright
from playwright.async_api import Error as PlaywrightError

from bench.harness import (
    Benchmark,
    Result,
    Settings,
    alternate_async,
    cpu_seconds,
    percentile,
    rss_kib,
)
from followup import ui
from followup.ui import script as script_page
from tests.e2e.browser import CHROMIUM_ARGS, SETTLED, find_chromium, streamlit_server

SESSIONS = 20
QUICK_SESSIONS = 5
# How many times the lone page repeats the action per round, so both sides have enough samples.
ALONE_REPEATS = 6
# Each session starts its action at a random moment of this window (seeded): about as long as a
# person takes to fill in the form, so 20 sessions are 20 people using the app at the same time.
# The burst (every session at the same instant) is recorded beside it.
WINDOW_S = 20.0
QUICK_WINDOW_S = 5.0
# Between two clicks each person pauses a random 1-3 s (seeded): the time to read the page that
# came back or type a short field. People filling in the call script's six fields take far
# longer, so this is heavier than a class really is; None measures clicks back to back.
THINK_S: tuple[float, float] | None = (1.0, 3.0)
# The warm-up only has to make every page load its code once.
WARMUP_WINDOW_S = 5.0
SEED = 11
TIMEOUT_MS = 120_000
# The server answers a click within a second or two even when busy; a click with no answer at all
# after this long was lost (seen now and then on the Tracker page's Add button), so the step fails
# without waiting the full timeout.
NO_ANSWER_MS = 30_000

# What a person does between two clicks: read the page that came back, type a field or two.
Pause = Callable[[], Awaitable[None]]
Action = Callable[[Page, Pause], Awaitable[list[float]]]

# Installed before the app loads: notes, inside the page, the click, every websocket message from
# the server and every DOM change after it. Streamlit may batch "running" and "finished" into one
# render when the page is busy, so the script-state attribute alone cannot tell that a run happened.
INSTRUMENT = """
(() => {
  const bench = (window.__bench = {
    clickAt: null, lastActivity: null, messages: 0,
  });
  const activity = () => { if (bench.clickAt !== null) bench.lastActivity = performance.now(); };
  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', () => {
        if (bench.clickAt !== null) bench.messages += 1;
        activity();
      });
    }
  };
  document.addEventListener('click', () => {
    if (bench.clickAt === null) bench.clickAt = performance.now();
  }, true);
  new MutationObserver(activity).observe(document, {
    subtree: true, childList: true, attributes: true, characterData: true,
  });
})();
"""
RESET = """() => {
  Object.assign(window.__bench, {clickAt: null, lastActivity: null, messages: 0});
}"""
# Settled: the server has answered, the script is not running, and nothing has changed for a while;
# the figure is the time of the last change, so the quiet period itself is not counted. The page
# waits for it itself, looking again only when the quiet period since the last change would be
# over, so 20 waiting pages cost the renderers and the driver next to nothing.
QUIET_MS = 300
SETTLE_JS = f"""
() => new Promise((resolve, reject) => {{
  const bench = window.__bench;
  const giveUp = setTimeout(() => reject(new Error('the page never settled')), {TIMEOUT_MS});
  const check = () => {{
    const quiet = performance.now() - (bench.lastActivity ?? bench.clickAt);
    if (bench.messages > 0 && document.querySelector('{SETTLED}') !== null && quiet > {QUIET_MS}) {{
      clearTimeout(giveUp);
      resolve((bench.lastActivity - bench.clickAt) / 1000);
    }} else if (bench.messages === 0 && performance.now() - bench.clickAt > {NO_ANSWER_MS}) {{
      clearTimeout(giveUp);
      reject(new Error('the server never answered the click'));
    }} else {{
      setTimeout(check, Math.max({QUIET_MS} - quiet, 0) + 10);
    }}
  }};
  check();
}})
"""


async def no_pause() -> None:
    """Go straight on to the next click."""


class StepFailed(RuntimeError):
    """A step whose result never showed; the message is what the page said instead."""


async def fail_on_error(page: Page, ready: Locator) -> None:
    """Wait until `ready` shows; raise StepFailed when the page shows an error instead."""
    error = page.locator('[data-testid="stAlertContentError"]')
    try:
        await ready.or_(error).first.wait_for(state="visible", timeout=TIMEOUT_MS)
    except PlaywrightError as err:
        raise StepFailed(f"{ready} never showed") from err
    if await error.count():
        raise StepFailed(" / ".join(await error.all_inner_texts()))


async def timed_click(page: Page, target: Locator, ready: Locator) -> float:
    """Click `target`; seconds from the click until `ready` shows and the page has settled.

    Some elements (code blocks, tables) are drawn by code the page loads on first use, after the
    script has finished, so each step names what must be visible for it to be done: when it is
    not yet there once the page has settled, the step waits for it and for the page to settle again.
    """
    await page.wait_for_selector(SETTLED, state="attached")
    await page.evaluate(RESET)
    await target.click()
    await settle(page)
    await fail_on_error(page, ready)
    return await settle(page)


async def settle(page: Page) -> float:
    """Wait until the page has settled after the click; seconds from it to the last change."""
    try:
        return await page.evaluate(SETTLE_JS)
    except PlaywrightError as err:
        raise StepFailed(f"{page.url} never settled: {err.message}") from err


async def open_from_sidebar(page: Page, target: ui.PageLink) -> float:
    """Follow the sidebar link to `target`; seconds until its heading shows and it settles."""
    link = page.locator('[data-testid="stSidebar"]').get_by_role("link", name=target.label)
    return await timed_click(page, link, page.get_by_role("heading", name=target.title))


SCRIPT_FORM = {
    "your_name": "Sam Lee",
    "interviewer": "Dana Reyes",
    "company": "Brightwave",
    "role": "Data analyst",
    "qualifications": "five years of SQL reporting\nled a team of four",
    "employer_needs": "someone to rebuild the monthly reporting",
}


BUILDS = itertools.count(1)


def by_key(page: Page, key: str, inner: str = "") -> Locator:
    """The widget with Streamlit key `key` (Streamlit adds the class `st-key-<key>`)."""
    return page.locator(f".st-key-{key} {inner}".strip())


async def build_script(page: Page, pause: Pause) -> list[float]:
    """From home, open the Call script page, fill in the form, build the scripts, go back home."""
    times = [await open_from_sidebar(page, ui.CALL_SCRIPT)]
    await pause()
    # A new company name each time, so the step waits for this build's script, not the last one.
    company = f"{SCRIPT_FORM['company']} {next(BUILDS)}"
    for name, value in {**SCRIPT_FORM, "company": company}.items():
        box = "textarea" if name in ("qualifications", "employer_needs") else "input"
        await by_key(page, script_page.widget_key(name), box).fill(value)
    built = page.locator('[data-testid="stCode"]').filter(has_text=f"{company}. Do you").first
    times.append(await timed_click(page, by_key(page, "script_build", "button"), built))
    await pause()
    times.append(await open_from_sidebar(page, ui.HOME))
    return times


async def until_still(element: Locator) -> None:
    """Wait until `element` has stopped moving (an expander opens with an animation).

    A click on a button that is still moving can press it and be released over something else,
    so no click reaches it: the action then looks lost though the server never heard of it.
    """
    previous = None
    for _ in range(50):
        box = await element.bounding_box()
        if box is not None and box == previous:
            return
        previous = box
        await asyncio.sleep(0.1)


async def add_interview(page: Page, pause: Pause) -> list[float]:
    """From home, open the Tracker page and add an interview through its form."""
    times = [await open_from_sidebar(page, ui.TRACKER)]
    await pause()
    form = page.locator('[data-testid="stExpander"] details').filter(has_text="Add an interview")
    await fail_on_error(page, form)
    if await form.get_attribute("open") is None:
        await form.locator("summary").click()
        await until_still(form)
    await by_key(page, "tracker_add_company", "input").fill(f"Brightwave {next(BUILDS)}")
    await by_key(page, "tracker_add_role", "input").fill("Data analyst")
    saved = page.get_by_text("Interview added and saved.")
    times.append(await timed_click(page, by_key(page, "tracker_add_submit", "button"), saved))
    return times


async def add_and_build(page: Page, pause: Pause) -> list[float]:
    """The issue's action: add an interview on the Tracker page, then build a call script."""
    added = await add_interview(page, pause)
    await pause()
    return [*added, *await build_script(page, pause)]


async def navigate_pages(page: Page, pause: Pause) -> list[float]:
    """A neutral action: open the Call script page from the sidebar, then come back home."""
    opened = await open_from_sidebar(page, ui.CALL_SCRIPT)
    await pause()
    return [opened, await open_from_sidebar(page, ui.HOME)]


async def open_session(
    browser: Browser, url: str, listen: Callable[[Page], None] | None = None
) -> Page:
    """A fresh browser context on the app's home page, drawn and settled.

    `listen` is called with the page before it loads the app, to attach listeners that must see
    the page's first WebSocket.
    """
    # Reduced motion: Streamlit then skips its fade-ins, which only cost the renderers CPU; the
    # content and the server's answers are the same.
    context = await browser.new_context(
        viewport={"width": 1280, "height": 900}, reduced_motion="reduce"
    )
    await context.add_init_script(INSTRUMENT)
    page = await context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    if listen is not None:
        listen(page)
    await page.goto(url)
    await page.wait_for_selector(SETTLED, state="attached")
    await page.locator("h1").first.wait_for(state="visible")
    return page


async def launch(playwright: Playwright) -> Browser:
    """The system Chromium when there is one, else Playwright's own."""
    executable = find_chromium()
    if executable:
        return await playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
    return await playwright.chromium.launch(args=CHROMIUM_ARGS)


def parents() -> dict[int, int]:
    """Every running process's parent, from /proc."""
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                stat = (entry / "stat").read_text()
                found[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    return found


def descendants(pid: int) -> set[int]:
    """The processes below `pid` (children, their children...)."""
    tree = parents()
    below: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in tree.items() if parent in frontier} - below
        below |= frontier
    return below


def server_pid(url: str) -> int:
    """The pid of our child `streamlit run` serving `url`."""
    flag = f"--server.port={urllib.parse.urlsplit(url).port}".encode()
    for pid, parent in parents().items():
        with contextlib.suppress(OSError):
            if parent == os.getpid() and flag in Path(f"/proc/{pid}/cmdline").read_bytes().split(
                b"\0"
            ):
                return pid
    raise RuntimeError(f"no streamlit server of ours with {flag.decode()}")


@dataclass
class Load:
    """Open sessions on one server, and the server CPU each side has used per click."""

    pages: list[Page]
    pid: int
    action: Action
    url: str
    rng: random.Random = field(default_factory=lambda: random.Random(SEED))
    server_cpu_s: dict[str, float] = field(default_factory=lambda: {"together": 0.0, "alone": 0.0})
    browser_cpu_s: dict[str, float] = field(default_factory=lambda: {"together": 0.0, "alone": 0.0})
    failures: dict[str, int] = field(default_factory=lambda: {"together": 0, "alone": 0})
    messages: list[str] = field(default_factory=list)

    async def together(self, window: float, think: tuple[float, float] | None) -> list[float]:
        """Every page does the action once, each starting at a random moment of `window`.

        With `think` (seconds, least and most), each person pauses that long between two clicks.
        """

        async def later(page: Page, delay: float, rng: random.Random) -> list[float]:
            await asyncio.sleep(delay)

            async def pause() -> None:
                if think:
                    await asyncio.sleep(rng.uniform(*think))

            return await self._attempt(page, "together", pause)

        delays = [self.rng.uniform(0, window) for _ in self.pages]
        rngs = [random.Random(self.rng.random()) for _ in self.pages]
        done = await self._counted(
            "together", asyncio.gather(*map(later, self.pages, delays, rngs))
        )
        return [elapsed for times in done for elapsed in times]

    async def alone(self) -> list[float]:
        """The first page does the action a few times while the others sit idle.

        Alone there is nobody to share the server with, so the person does not pause: the
        figures would be the same, the benchmark only longer.
        """

        async def repeat() -> list[list[float]]:
            return [
                await self._attempt(self.pages[0], "alone", no_pause) for _ in range(ALONE_REPEATS)
            ]

        done = await self._counted("alone", repeat())
        return [elapsed for times in done for elapsed in times]

    async def _attempt(self, page: Page, side: str, pause: Pause) -> list[float]:
        """The action's timings; a failed action is counted, and the page starts again at home."""
        try:
            return await self.action(page, pause)
        except StepFailed as err:
            self.failures[side] += 1
            self.messages.append(str(err))
            await page.goto(self.url)
            await page.wait_for_selector(SETTLED, state="attached")
            return []

    def browser_cpu(self) -> float:
        """CPU seconds used so far by our other child processes: the driver and Chromium."""
        total = 0.0
        for pid in descendants(os.getpid()) - {self.pid}:
            with contextlib.suppress(OSError):
                total += cpu_seconds(pid)
        return total

    async def _counted(self, side: str, work: Awaitable[list[list[float]]]) -> list[list[float]]:
        server, browser = cpu_seconds(self.pid), self.browser_cpu()
        done = await work
        self.server_cpu_s[side] += cpu_seconds(self.pid) - server
        self.browser_cpu_s[side] += self.browser_cpu() - browser
        return done


async def measure(
    url: str,
    sessions: int,
    window: float,
    rounds: int,
    action: Action,
    think: tuple[float, float] | None,
) -> Result:
    """Run `action` on one page alone and on `sessions` pages within `window` s, alternating."""
    started = time.monotonic()
    pid = server_pid(url)
    async with async_playwright() as playwright:
        browser = await launch(playwright)
        try:
            wall = Phases()
            pages = [await open_session(browser, url)]
            rss_one = rss_kib(pid)
            pages += await asyncio.gather(
                *(open_session(browser, url) for _ in range(sessions - 1))
            )
            rss_all = rss_kib(pid)
            wall.done("open")
            load = Load(pages, pid, action, url)
            # Warm-up: every page draws every element once (some load their code on first use);
            # spread over a few seconds, as a burst would take longest.
            await load.together(window=WARMUP_WINDOW_S, think=None)
            wall.done("warmup")
            load.server_cpu_s = {"together": 0.0, "alone": 0.0}
            load.browser_cpu_s = {"together": 0.0, "alone": 0.0}
            load.failures, load.messages = {"together": 0, "alone": 0}, []
            samples = await alternate_async(
                lambda: load.together(window, think), load.alone, rounds, warmup=False
            )
            wall.done("rounds")
            burst = await load.together(window=0, think=None)
            wall.done("burst")
            rss_after = rss_kib(pid)
        finally:
            await browser.close()
    return Result(
        name=BENCHMARK.name,
        measures=describe(sessions, window, think),
        unit="s",
        subject=percentile(samples.subject, 95),
        baseline=percentile(samples.baseline, 95),
        target=BENCHMARK.target,
        rounds=rounds,
        samples={"subject": samples.subject, "baseline": samples.baseline},
        extra={
            "action": action.__name__,
            "sessions": sessions,
            "window_s": window,
            "think_s": list(think) if think else [],
            "failed_actions_together": load.failures["together"],
            "failed_actions_alone": load.failures["alone"],
            "first_failure": load.messages[0] if load.messages else "",
            "p50_together_s": round(percentile(samples.subject, 50), 4),
            "p50_alone_s": round(percentile(samples.baseline, 50), 4),
            "p50_burst_s": round(percentile(burst, 50), 4),
            "p95_burst_s": round(percentile(burst, 95), 4),
            "server_cpu_ms_per_click_together": per_click(load, "together", samples.subject),
            "server_cpu_ms_per_click_alone": per_click(load, "alone", samples.baseline),
            "browser_cpu_ms_per_click_together": browser_per_click(
                load, "together", samples.subject
            ),
            "browser_cpu_ms_per_click_alone": browser_per_click(load, "alone", samples.baseline),
            "server_rss_one_session_mib": round(rss_one / 1024, 1),
            "server_rss_all_sessions_mib": round(rss_all / 1024, 1),
            "server_rss_after_mib": round(rss_after / 1024, 1),
            "server_peak_rss_mib": round(rss_kib(pid, "VmHWM") / 1024, 1),
            "wall_s": round(time.monotonic() - started, 1),
            **{f"wall_{phase}_s": seconds for phase, seconds in wall.seconds.items()},
        },
    )


@dataclass
class Phases:
    """How long each part of the run took, for keeping the benchmark short."""

    seconds: dict[str, float] = field(default_factory=dict)
    mark: float = field(default_factory=time.monotonic)

    def done(self, phase: str) -> None:
        """Note that `phase` has just ended."""
        now = time.monotonic()
        self.seconds[phase] = round(now - self.mark, 1)
        self.mark = now


def describe(sessions: int, window: float, think: tuple[float, float] | None) -> str:
    """What the figure is, in the results table's words."""
    pauses = f", {think[0]:g}-{think[1]:g} s between clicks" if think else ""
    return f"p95 click to settled: {sessions} sessions within {window:g} s{pauses} vs one alone"


def per_click(load: Load, side: str, clicks: list[float]) -> float:
    """Server CPU milliseconds per timed click on `side`."""
    return round(load.server_cpu_s[side] / len(clicks) * 1000, 1)


def browser_per_click(load: Load, side: str, clicks: list[float]) -> float:
    """Browser and driver CPU milliseconds per timed click on `side` (filling forms included)."""
    return round(load.browser_cpu_s[side] / len(clicks) * 1000, 1)


def run(settings: Settings, action: Action = add_and_build) -> Result:
    """Serve the app with an empty tracker and measure `action` alone and all at once."""
    sessions, window = (QUICK_SESSIONS, QUICK_WINDOW_S) if settings.quick else (SESSIONS, WINDOW_S)
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "tracker"
        data_dir.mkdir()
        with streamlit_server(data_dir) as url:
            return asyncio.run(measure(url, sessions, window, settings.rounds, action, THINK_S))


BENCHMARK = Benchmark(
    name="concurrent sessions",
    measures=describe(SESSIONS, WINDOW_S, THINK_S),
    target=2.0,
    run=run,
    rounds=1,
)
