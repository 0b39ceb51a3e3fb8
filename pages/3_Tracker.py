"""Tracker page."""

from followup import ui

ui.setup_page(ui.TRACKER)
