"""The protocol load driver drives a real server the way a browser does."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from bench import capacity, run_clock
from bench.protocol import ProtocolError, StreamlitClient, run_sync


@pytest.fixture(scope="module")
def app_server(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("protocol")
    folder = capacity.data_folder(root, "data", 3, 2)
    with capacity.serve(capacity.APP, folder, root) as server:
        yield server, folder


def test_an_interview_added_by_protocol_is_saved(app_server) -> None:
    """The driver opens the Tracker and its add form, fills it in and the row lands in the file."""
    server, folder = app_server

    async def add() -> list[float]:
        async with StreamlitClient(server.url) as client:
            return await capacity.add_interview(client, 41)

    times = run_sync(add())
    assert len(times) == 3 and all(t > 0 for t in times)
    saved = pd.read_csv(folder / "interviews.csv", dtype=str)
    assert any(company.startswith("Brightwave 41-") for company in saved["company"])


def test_every_action_runs_on_the_app(app_server) -> None:
    """Each capacity action finds its widgets on the app's pages and gets an answer."""
    server, _ = app_server

    async def run_all() -> dict[str, int]:
        async with StreamlitClient(server.url) as client:
            return {name: len(await act(client, 7)) for name, act in capacity.ACTIONS.items()}

    assert run_sync(run_all()) == {**dict.fromkeys(capacity.ACTIONS, 2), "add an interview": 3}


def test_every_action_runs_on_the_floor_program(tmp_path: Path) -> None:
    """The floor program has the same widgets and keys, so the same actions drive it."""
    folder = capacity.data_folder(tmp_path, "floor", 3, 2)

    async def run_all(url: str) -> dict[str, int]:
        async with StreamlitClient(url) as client:
            return {name: len(await act(client, 3)) for name, act in capacity.ACTIONS.items()}

    with capacity.serve(capacity.FLOOR, folder, tmp_path) as server:
        assert run_sync(run_all(server.url)) == {
            **dict.fromkeys(capacity.ACTIONS, 2),
            "add an interview": 3,
        }
    saved = pd.read_csv(folder / "interviews.csv", dtype=str)
    assert any(company.startswith("Brightwave 3-") for company in saved["company"])


def test_a_missing_widget_is_named(app_server) -> None:
    """Asking for a widget the page does not have fails with its key, not a hang."""
    server, _ = app_server

    async def click() -> None:
        async with StreamlitClient(server.url) as client:
            await client.click("no_such_button")

    with pytest.raises(ProtocolError, match="no_such_button"):
        run_sync(click())


def test_capacity_is_the_largest_passing_step() -> None:
    """A step passes with p95 within the limit and no failure; capacity is the largest such."""
    steps = [
        capacity.Step(4, [0.2] * 20),
        capacity.Step(8, [0.3] * 20),
        capacity.Step(16, [0.5] * 19 + [3.0]),
        capacity.Step(12, [0.4] * 20, failures=1),
        capacity.Step(10, [0.9] * 20),
    ]
    assert [step.ok for step in steps] == [True, True, True, False, True]
    assert capacity.capacity(steps) == 16
    assert capacity.capacity([capacity.Step(4, [2.0] * 5)]) == 0
    assert capacity.Step(4).p95 == float("inf")


def test_adding_after_the_due_list_clicks_back_to_the_interviews_tab(app_server) -> None:
    """The Tracker keeps the last tab open: the driver clicks Interviews, then the add form."""
    server, _ = app_server

    async def due_then_add() -> list[float]:
        async with StreamlitClient(server.url) as client:
            await capacity.due_list(client, 1)
            return await capacity.add_interview(client, 2)

    assert len(run_sync(due_then_add())) == 4


def test_the_same_visitor_can_add_again_and_again(app_server) -> None:
    """Repeated adds are new interviews each time, never a duplicate the form asks about."""
    server, folder = app_server

    async def add_twice() -> None:
        async with StreamlitClient(server.url) as client:
            await capacity.add_interview(client, 5)
            await capacity.add_interview(client, 5)

    run_sync(add_twice())
    saved = pd.read_csv(folder / "interviews.csv", dtype=str)
    assert sum(company.startswith("Brightwave 5-") for company in saved["company"]) == 2


def test_a_tab_switch_redraws_only_the_tabs(app_server) -> None:
    """Opening the Due tab reruns the tabs' fragment: the sidebar stays, the old tab goes."""
    server, _ = app_server

    async def open_due() -> tuple[int, int, bool, bool]:
        async with StreamlitClient(server.url) as client:
            await client.switch_page(capacity.TRACKER)
            assert not client.has_widget("tracker_add_company")
            await client.open_expander(capacity.ADD_OPEN)
            assert client.has_widget("tracker_add_company")
            tab = await client.open_tab("tracker_tabs", "Due")
            sidebar, old_tab = ("sidebar_plain_tables", "tracker_add_company")
            kept = client.has_widget(sidebar), client.has_widget(old_tab)
            # The page keeps the Due tab open: the same view drawn by a whole-page run.
            page = await client.switch_page(capacity.TRACKER)
            return (tab.messages, page.messages, *kept)

    tab_messages, page_messages, sidebar_kept, old_tab_kept = run_sync(open_due())
    assert tab_messages < page_messages
    assert sidebar_kept and not old_tab_kept


def test_the_servers_clock_logs_each_click_of_the_driver(tmp_path: Path) -> None:
    """Served with a run log, the server logs each click's run, inside the driver's own span."""
    folder = capacity.data_folder(tmp_path, "clocked", 3, 2)
    log = tmp_path / "runs.log"
    with capacity.serve(capacity.APP, folder, tmp_path, run_log=log) as server:
        times, windows = run_sync(capacity._protocol_clicks(server.url, 1))
    logged = run_clock.runs(log)
    # The page load, then one run per click.
    assert len(logged) == len(times) + 1
    on_server = run_clock.within(logged, windows)
    assert len(on_server) == len(times)
    assert all(
        0 < server_side <= client for server_side, client in zip(on_server, times, strict=True)
    )
