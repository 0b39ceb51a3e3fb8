"""A load driver that speaks Streamlit's own WebSocket protocol, as a browser does.

A browser sends `BackMsg`s (a rerun request with the widget states it holds) and receives
`ForwardMsg`s (the new session, the deltas that draw the page, `script_finished`). This client
does the same with the `streamlit.proto` messages over one WebSocket, and reads the page it got
back with AppTest's own parser (`parse_tree_from_messages`), so actions find widgets by their
`key` exactly as the AppTest tests do. It renders nothing: one simulated visitor costs a small
fraction of the server's work for a click, where a headless Chromium costs several times it.

What it does like a browser:
- a rerun carries the page (its script hash), the query string and the changed widget states;
  widgets it did not touch keep their values on the server, as when a browser resends them;
- it keeps the cacheable messages it received and names them in `cached_message_hashes`, and
  resolves the server's references (`ref_hash`) to them, so a large unchanged table is not sent
  twice to one visitor (the browser's message cache);
- a click inside a fragment reruns that fragment only (its `fragment_id`), and the deltas of a
  fragment run replace only the part of the page they draw.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import re
import time
from collections.abc import Coroutine, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any, TypeVar

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState, WidgetStates
from streamlit.testing.v1.element_tree import ElementTree, Widget, parse_tree_from_messages

T = TypeVar("T")
STREAM_PATH = "/_stcore/stream"
USER_KEY_PREFIX = "$$ID-"
# A script run that has not finished after this long is a failed step, not a slow one.
RUN_TIMEOUT_S = 120.0


def run_sync(work: Coroutine[Any, Any, T]) -> T:
    """Run `work` to the end in a fresh event loop on its own thread.

    A caller may already have a loop running on this thread (Playwright's sync API keeps one),
    where `asyncio.run` refuses to start another.
    """
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, work).result()


class ProtocolError(RuntimeError):
    """The server answered something a browser would show as an error."""


@dataclass
class Run:
    """What one rerun request got back: the page, how long it took, how much was sent."""

    tree: ElementTree
    seconds: float
    messages: int
    bytes_received: int
    exceptions: list[str] = field(default_factory=list)


class StreamlitClient:
    """One visitor: a WebSocket session with a Streamlit server, driven by widget keys."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url.rstrip("/")
        self._socket: Any = None
        self._cache: dict[str, ForwardMsg] = {}
        # The last full page, one message a delta path, as the browser holds it.
        self._page: dict[tuple[int, ...], ForwardMsg] = {}
        # The fragment each delta path was drawn by ("" outside fragments).
        self._drawn_by: dict[tuple[int, ...], str] = {}
        self._page_hash = ""
        self._pages: dict[str, str] = {}
        # Containers that are widgets too (tabs, expanders with a key), by user key: their id.
        self._containers: dict[str, str] = {}
        # The fragment each widget was drawn in, by widget id: a click there reruns only it.
        self._fragments: dict[str, str] = {}
        self.tree: ElementTree | None = None

    async def connect(self) -> Run:
        """Open the session and run the entry page, as loading the app in a tab does."""
        url = self.base_url.replace("http", "ws", 1) + STREAM_PATH
        self._socket = await websockets.connect(
            url,
            subprotocols=["streamlit"],
            origin=self.base_url,
            max_size=None,
            compression=None,
        )
        return await self.rerun()

    async def close(self) -> None:
        """Close the session (the server then drops it, as when a tab is closed)."""
        if self._socket is not None:
            with contextlib.suppress(Exception):
                await self._socket.close()
            self._socket = None

    async def __aenter__(self) -> StreamlitClient:
        await self.connect()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def switch_page(self, script_path: str) -> Run:
        """Open another page of the app (`pages/3_Tracker.py`), as a sidebar link does."""
        # A page's address is its file name without the order prefix: pages/3_Tracker.py -> Tracker.
        pathname = re.sub(r"^\d+_", "", PurePosixPath(script_path).stem)
        is_home = PurePosixPath(script_path).parent.name != "pages"
        page_hash = self._pages.get("" if is_home else pathname)
        if page_hash is None:
            raise ProtocolError(f"the app has no page {script_path}")
        self._page_hash = page_hash
        self._clear_page()
        return await self.rerun()

    async def click(self, key: str) -> Run:
        """Click the button (or form submit button) with this key."""
        widget = self.widget(key)
        widget.click()  # type: ignore[attr-defined]
        return await self.rerun([widget], fragment_id=self._fragment_of(widget))

    async def submit(self, form_button_key: str, values: dict[str, object]) -> Run:
        """Fill in form fields by key and press the form's submit button."""
        widgets = [self._set(key, value) for key, value in values.items()]
        button = self.widget(form_button_key)
        button.click()  # type: ignore[attr-defined]
        return await self.rerun([*widgets, button], fragment_id=self._fragment_of(button))

    async def set(self, values: dict[str, object]) -> Run:
        """Change widgets outside a form (each change reruns the script, as in a browser)."""
        widgets = [self._set(key, value) for key, value in values.items()]
        return await self.rerun(widgets, fragment_id=self._fragment_of(widgets[-1]))

    async def open_tab(self, key: str, label: str) -> Run:
        """Open the tab `label` of the tabs keyed `key` (tabs that rerun on change)."""
        widget_id = self._containers.get(key)
        if widget_id is None:
            raise ProtocolError(f"no tabs with key {key!r} on the page")
        return await self.rerun(
            states=[WidgetState(id=widget_id, string_value=label)],
            fragment_id=self._fragments.get(widget_id, ""),
        )

    async def open_expander(self, key: str) -> Run:
        """Open the expander keyed `key` (one that reruns on change), as a click on it does."""
        widget_id = self._containers.get(key)
        if widget_id is None:
            raise ProtocolError(f"no expander with key {key!r} on the page")
        return await self.rerun(
            states=[WidgetState(id=widget_id, bool_value=True)],
            fragment_id=self._fragments.get(widget_id, ""),
        )

    def has_widget(self, key: str) -> bool:
        """Whether the current page shows a widget with this user key."""
        try:
            self.widget(key)
        except ProtocolError:
            return False
        return True

    def widget(self, key: str) -> Widget:
        """The widget with this user key on the current page."""
        if self.tree is None:
            raise ProtocolError("no page yet")
        for node in _walk(self.tree):
            if isinstance(node, Widget) and node.key == key:
                return node
        raise ProtocolError(f"no widget with key {key!r} on the page")

    def _fragment_of(self, widget: Widget) -> str:
        return self._fragments.get(widget.id, "")

    def _set(self, key: str, value: object) -> Widget:
        widget = self.widget(key)
        widget.set_value(value)  # type: ignore[attr-defined]
        return widget

    async def rerun(
        self,
        changed: Iterable[Widget] = (),
        fragment_id: str = "",
        states: Iterable[WidgetState] = (),
    ) -> Run:
        """Ask for a rerun with `changed` widgets' new states; wait for the run to finish."""
        widget_states = WidgetStates(widgets=list(states))
        for widget in changed:
            state = widget._widget_state
            if state is not None:
                widget_states.widgets.append(state)
        back = BackMsg()
        client_state = ClientState(
            query_string="",
            page_script_hash=self._page_hash,
            fragment_id=fragment_id,
            cached_message_hashes=list(self._cache),
        )
        client_state.widget_states.CopyFrom(widget_states)
        back.rerun_script.CopyFrom(client_state)
        started = time.perf_counter()
        await self._socket.send(back.SerializeToString())
        return await self._receive_run(started, partial=bool(fragment_id))

    async def _receive_run(self, started: float, partial: bool) -> Run:
        messages = 0
        received = 0
        exceptions: list[str] = []
        # The fragments this run draws (none: the whole page), and the paths it drew.
        fragments: set[str] = set()
        drawn: set[tuple[int, ...]] = set()
        if not partial:
            self._clear_page()
        deadline = started + RUN_TIMEOUT_S
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise ProtocolError(f"no script_finished within {RUN_TIMEOUT_S:g} s")
            data = await asyncio.wait_for(self._socket.recv(), timeout=left)
            received += len(data)
            messages += 1
            msg = ForwardMsg()
            msg.ParseFromString(data)
            msg = self._resolve(msg)
            kind = msg.WhichOneof("type")
            if kind == "new_session":
                # Each run starts with one (st.rerun starts another); a full run draws the page
                # anew, a fragment run only what its fragments draw.
                fragments = set(msg.metadata.run.fragment_ids)
                if not fragments:
                    self._clear_page()
                drawn.clear()
                self._remember_pages(msg.new_session.app_pages, msg.new_session.page_script_hash)
            elif kind == "navigation":
                self._remember_pages(msg.navigation.app_pages, msg.navigation.page_script_hash)
            elif kind == "delta":
                path = tuple(msg.metadata.delta_path)
                self._page[path] = msg
                self._drawn_by[path] = msg.delta.fragment_id
                drawn.add(path)
                if msg.delta.WhichOneof("type") == "new_element":
                    self._note_element(msg.delta, exceptions)
                elif msg.delta.add_block.WhichOneof("type") in ("tab_container", "expandable"):
                    self._note_container(msg.delta)
            elif kind == "page_not_found":
                raise ProtocolError("the server did not find the page")
            elif kind == "script_finished":
                status = msg.script_finished
                if status == ForwardMsg.FINISHED_SUCCESSFULLY or status == (
                    ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY
                ):
                    # What a fragment drew last time and not this time is gone, as in a browser.
                    for path, fragment in list(self._drawn_by.items()):
                        if fragment in fragments and path not in drawn:
                            del self._page[path], self._drawn_by[path]
                    break
                if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    raise ProtocolError("the page did not compile")
                # A rerun that replaced this one (FINISHED_EARLY_FOR_RERUN): keep waiting.
        seconds = time.perf_counter() - started
        ordered = [self._page[path] for path in sorted(self._page)]
        self.tree = parse_tree_from_messages(ordered)
        return Run(self.tree, seconds, messages, received, exceptions)

    def _clear_page(self) -> None:
        self._page.clear()
        self._drawn_by.clear()

    def _note_container(self, delta: Any) -> None:
        block = delta.add_block
        widget_id = getattr(block, block.WhichOneof("type")).id
        if widget_id.startswith(USER_KEY_PREFIX):
            # "$$ID-<hash>-<user key>": the hash has no dash, the user key may.
            self._containers[widget_id.split("-", 2)[2]] = widget_id
            self._fragments[widget_id] = delta.fragment_id

    def _note_element(self, delta: Any, exceptions: list[str]) -> None:
        element = delta.new_element
        kind = element.WhichOneof("type")
        if kind == "exception":
            exceptions.append(element.exception.message)
            return
        widget_id = getattr(getattr(element, kind), "id", "") if kind else ""
        if widget_id:
            self._fragments[widget_id] = delta.fragment_id

    def _resolve(self, msg: ForwardMsg) -> ForwardMsg:
        """Replace a reference to a cached message by the message; cache what may be cached."""
        if msg.WhichOneof("type") == "ref_hash":
            cached = self._cache.get(msg.ref_hash)
            if cached is None:
                raise ProtocolError(f"the server referred to an unknown message {msg.ref_hash}")
            resolved = ForwardMsg()
            resolved.CopyFrom(cached)
            resolved.metadata.CopyFrom(msg.metadata)
            return resolved
        if msg.metadata.cacheable and msg.hash:
            self._cache[msg.hash] = msg
        return msg

    def _remember_pages(self, pages: Iterable[Any], current: str) -> None:
        for page in pages:
            # The entry script is the default page; the others are named after their files.
            self._pages["" if page.is_default else page.url_pathname] = page.page_script_hash
        self._page_hash = current or self._page_hash


def _walk(node: Any) -> Iterator[Any]:
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _walk(child)
