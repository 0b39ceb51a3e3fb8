"""Every page opens from the home page without an error and shows its heading."""

from __future__ import annotations

import pytest

from followup import ui
from tests.apptest import open_app, open_page


def test_home_page_links_to_every_page():
    """A first-time visitor lands on the home page and sees where to go next."""
    at = open_app()
    assert not at.exception
    assert at.title[0].value == ui.HOME.title
    linked = [link.proto.label for link in at.main.get("page_link")]
    assert linked == [page.label for page in ui.PAGES]


def test_sidebar_lists_home_and_every_page():
    """The sidebar offers the same pages on every page, home first."""
    at = open_app()
    labels = [link.proto.label for link in at.sidebar.get("page_link")]
    assert labels == [page.label for page in (ui.HOME, *ui.PAGES)]


@pytest.mark.parametrize("page", ui.PAGES, ids=lambda page: page.label)
def test_each_page_opens_from_home(page: ui.PageLink):
    """Following a sidebar link opens the page with its heading and no error."""
    at = open_page(page.path)
    assert not at.exception
    assert at.title[0].value == page.title
