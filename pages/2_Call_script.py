"""Call script page."""

from followup import ui

ui.setup_page(ui.CALL_SCRIPT)
