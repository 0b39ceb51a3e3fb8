"""The Streamlit glue every page shares: page set-up, the sidebar, session state.

This package is the only place in `followup/` that imports streamlit.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from followup import paths, phrasing


@dataclass(frozen=True)
class PageLink:
    """One entry of the sidebar: the script, its label and a material icon."""

    path: str
    label: str
    icon: str
    title: str
    blurb: str


HOME = PageLink(
    "app.py",
    "Home",
    ":material/home:",
    "Follow up after your interview",
    "What to do next, at a glance.",
)
CHANNELS = PageLink(
    "pages/1_Channels.py",
    "Channels",
    ":material/bar_chart:",
    "How hiring managers want to hear from you",
    "Which follow-up channels HR managers accept, from the survey.",
)
CALL_SCRIPT = PageLink(
    "pages/2_Call_script.py",
    "Call script",
    ":material/call:",
    "Your follow-up call script",
    "Build a short call script, with voicemail, email and note versions.",
)
TRACKER = PageLink(
    "pages/3_Tracker.py",
    "Tracker",
    ":material/checklist:",
    "Your interviews and follow-ups",
    "Record interviews and follow-ups and see what is due.",
)
PAGES: tuple[PageLink, ...] = (CHANNELS, CALL_SCRIPT, TRACKER)
# The browser tab's icon, served by the app itself: a ":material/...:" page icon would make every
# visitor's browser fetch it from a font server on the internet.
PAGE_ICON = Path(__file__).parent / "assets" / "icon.svg"


def setup_page(page: PageLink) -> None:
    """Configure the page, draw the sidebar and the heading; call first on every page."""
    st.set_page_config(
        page_title=f"{page.label} · Follow-up", page_icon=str(PAGE_ICON), layout="wide"
    )
    init_state()
    sidebar()
    st.title(page.title)


TODAY_ENV = "FOLLOWUP_TODAY"
# How every date input shows a date, as the tables and messages write it.
DATE_INPUT_FORMAT = "YYYY-MM-DD"
# Pages count through `ui.count`; the rule is the domain's, so the command line says it the same.
count = phrasing.count
# Characters that Markdown (and Streamlit's extensions: $ for maths, : for icons) gives a meaning.
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")
# Escaping does not stop GitHub-flavoured Markdown from turning bare text into links (`www.`,
# `http:`, `mailto:`, `user@host`): it finds them in the text after escapes are resolved. A word
# joiner (U+2060, invisible, not read aloud) before each `.` (no `www.` is left) and after each `:`
# and `@` (no `scheme:` or `@host` starts a link) breaks every such pattern.
WORD_JOINER = "\u2060"
_LINK_BREAKS = (
    (re.compile(r"\."), WORD_JOINER + "."),
    (re.compile(r"([:@])"), r"\1" + WORD_JOINER),
)


def today() -> dt.date:
    """Today's date for every page: `$FOLLOWUP_TODAY` (YYYY-MM-DD) when set, else the clock."""
    fixed = os.environ.get(TODAY_ENV, "").strip()
    return dt.date.fromisoformat(fixed) if fixed else dt.date.today()


def plain(text: str) -> str:
    """`text` as literal Markdown: shown exactly as written, never as markup or a link."""
    for pattern, replacement in _LINK_BREAKS:
        text = pattern.sub(replacement, text)
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text)


def init_state() -> None:
    """Initialise the session state shared across pages, once per session."""
    st.session_state.setdefault("data_dir", str(paths.tracker_dir()))


def data_dir() -> Path:
    """The folder that holds this session's tracker files."""
    init_state()
    return Path(st.session_state["data_dir"])


# The "Plain tables" choice (see followup/ui/tables.py), kept outside the widget's own state so
# that it lasts across pages.
PLAIN_TABLES = "plain_tables"


def sidebar() -> None:
    """Draw the navigation shared by every page, and the switch to plain tables."""
    with st.sidebar:
        st.markdown("### Follow-up")
        for page in (HOME, *PAGES):
            st.page_link(page.path, label=page.label, icon=page.icon)
        st.caption("Follow up once, well: thank, recap, offer, ask.")
        st.toggle(
            "Plain tables",
            value=st.session_state.get(PLAIN_TABLES, False),
            key="sidebar_plain_tables",
            on_change=_remember_plain_tables,
        )
        st.caption(
            "Tables as plain text, for screen readers and small screens; interactive tables "
            "(sort, search, edit) when off."
        )


def _remember_plain_tables() -> None:
    st.session_state[PLAIN_TABLES] = st.session_state["sidebar_plain_tables"]
