"""Shareable views: a widget's value kept in the page's address, so a copied link reopens the view.

Only what says which view is open goes into an address (a tab, a picked channel, the surveys
compared, search words and filters); never a tracker's rows, ids or anything typed into a form,
since a link is pasted into chats and e-mails and kept in browser histories.
"""

from __future__ import annotations

# Every key ever bound, so a test can check that an address holds nothing else.
SHAREABLE: set[str] = set()


def in_link(key: str) -> dict[str, str]:
    """Keyword arguments binding a widget (or `st.tabs`) to the query parameter `key`.

    `st.tabs(TABS, **links.in_link("tracker_tabs"))`: the value lives in `st.session_state[key]`
    as usual, is written to the address when it changes, and is read from it when a link opens.
    Streamlit leaves a value equal to the widget's default out of the address and ignores one the
    widget does not offer. It also drops the value of a widget a run does not draw, so draw a
    bound widget on every run, even in a closed tab (skip only the costly parts there).
    """
    SHAREABLE.add(key)
    return {"key": key, "bind": "query-params"}
