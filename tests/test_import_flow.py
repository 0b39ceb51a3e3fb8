"""The import flow as the user drives it: upload, check the preview and report, import once.

The tracker page that hosts the flow is wired separately, so these tests run the component in a
small harness whose `commit` appends the rows to a list in session state.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from followup import importer, ui
from followup.importer import EUROPEAN
from followup.ui import import_flow
from tests.apptest import as_seen

CORPUS = Path(__file__).parent / "data" / "import"


def harness() -> None:
    import pandas as pd
    import streamlit as st

    from followup.ui.import_flow import draw_import

    committed = st.session_state.setdefault("committed", [])
    existing = st.session_state.get("existing", pd.DataFrame())
    draw_import(existing, committed.append)


def start(existing: pd.DataFrame | None = None) -> AppTest:
    at = AppTest.from_function(harness, default_timeout=30)
    if existing is not None:
        at.session_state["existing"] = existing
    return at.run()


def upload(at: AppTest, name: str, data: bytes | None = None) -> AppTest:
    content = (CORPUS / name).read_bytes() if data is None else data
    at.file_uploader(key=import_flow.uploader_key_for(0)).set_value((name, content, "text/csv"))
    return at.run()


def table(at: AppTest, key: str) -> pd.DataFrame:
    """The table shown in the container with `key` (the preview or the report)."""
    return at.get_by_key(key).dataframe[0].value


def committed(at: AppTest) -> list[pd.DataFrame]:
    return at.session_state["committed"]


def test_another_trackers_file_is_previewed_then_imported_once():
    """The user uploads a spreadsheet, sees three rows to add, imports them; they arrive once."""
    at = upload(start(), "other_tracker.csv")
    assert not at.exception
    assert at.selectbox(key=import_flow.mapping_key("role")).value == "Position"
    preview = table(at, import_flow.PREVIEW)
    assert preview["Company"].tolist() == ["Acme Corp", "Beta Ltd", "Gamma"]
    report = table(at, import_flow.REPORT)
    assert report["outcome"].tolist() == ["added", "added", "added"]
    assert committed(at) == []

    at.button(key=import_flow.COMMIT).click().run()
    assert not at.exception
    assert len(committed(at)) == 1
    rows = committed(at)[0]
    assert rows["role"].tolist() == ["Backend Engineer", "Data Analyst", "Designer"]
    # "Date Applied" is the application date, never the interview date.
    assert rows["interview_date"].tolist() == [None, None, None]
    assert rows["application_date"].tolist() == [
        dt.date(2024, 9, 19),
        dt.date(2024, 9, 23),
        dt.date(2024, 10, 1),
    ]
    assert at.success[0].value == "Imported 3 interviews."


def test_with_plain_tables_the_preview_is_a_plain_table():
    """A screen reader user (Plain tables on) reads the preview as an HTML table, cells as text."""
    at = AppTest.from_function(harness, default_timeout=30)
    at.session_state[ui.PLAIN_TABLES] = True
    at = upload(at.run(), "other_tracker.csv")
    assert not at.exception
    preview = at.get_by_key(import_flow.PREVIEW).table[0].value
    assert preview["Company"].tolist() == ["Acme Corp", "Beta Ltd", "Gamma"]
    assert preview["Application date"].tolist()[0] == "2024-09-19"
    assert not at.get_by_key(import_flow.PREVIEW).dataframe


def test_after_an_import_the_uploader_is_empty_and_a_rerun_imports_nothing_more():
    at = upload(start(), "other_tracker.csv")
    at.button(key=import_flow.COMMIT).click().run()
    at.run()
    assert at.file_uploader(key=import_flow.uploader_key_for(1)).value is None
    assert len(committed(at)) == 1


def test_a_bad_file_shows_an_error_and_commits_nothing():
    at = upload(start(), "image.csv")
    assert not at.exception
    assert "a PNG image, not a CSV file" in at.error[0].value
    assert len(at.button) == 0
    assert committed(at) == []


def test_cancel_commits_nothing_and_clears_the_upload():
    at = upload(start(), "other_tracker.csv")
    at.button(key=import_flow.CANCEL).click().run()
    assert committed(at) == []
    assert at.file_uploader(key=import_flow.uploader_key_for(1)).value is None
    assert len(at.dataframe) == 0


def test_ambiguous_dates_wait_for_the_users_choice():
    """03/04/2024 could be March or April: nothing is previewed until the user picks an order."""
    at = upload(start(), "ambiguous_dates.csv")
    assert "4 March 2024 with the month first, 3 April 2024 with the day first" in (
        at.warning[0].value.replace("\\", "")
    )
    assert len(at.dataframe) == 0
    at.radio(key=import_flow.DATES).set_value(EUROPEAN).run()
    preview = table(at, import_flow.PREVIEW)
    assert preview["Interview date"].tolist() == [dt.date(2024, 4, 3), dt.date(2024, 6, 5)]


def choose_value(at: AppTest, field: str, value: str, stands_for: str) -> AppTest:
    """Say in the field's table of unknown values what `value` stands for."""
    editor = at.data_editor(key=import_flow.value_table_key(field))
    row = editor.value["value"].tolist().index(value)
    at.session_state[editor.key] = {
        "edited_rows": {row: {"stands_for": stands_for}},
        "added_rows": [],
        "deleted_rows": [],
    }
    return at.run()


def test_an_unknown_status_is_imported_once_the_user_says_what_it_means():
    at = upload(start(), "unknown_statuses.csv")
    report = table(at, import_flow.REPORT)
    assert report["outcome"].tolist() == ["added", "added", "skipped", "added"]
    at = choose_value(at, "status", "On hold", "Next round")
    at.button(key=import_flow.COMMIT).click().run()
    assert committed(at)[0]["status"].tolist() == [
        "Rejected",
        "Offer",
        "Next round",
        "Awaiting decision",
    ]


def test_an_unknown_value_not_yet_chosen_is_an_empty_cell_not_none():
    """The "Stands for" cell the user has not filled in reads empty, never "None"."""
    at = upload(start(), "unknown_statuses.csv")
    editor = at.data_editor(key=import_flow.value_table_key("status"))
    assert editor.value["stands_for"].isna().all()
    assert editor.proto.HasField("placeholder") and editor.proto.placeholder == ""


def test_many_unknown_statuses_draw_one_table_not_a_widget_each():
    """300 different unknown statuses: a table and one "the rest" choice, not 300 boxes."""
    rows = "".join(f"Acme {n},Analyst,2024-09-19,Stage {n}\n" for n in range(300))
    at = upload(start(), "many.csv", f"Company,Role,Date,Status\n{rows}".encode())
    assert not at.exception
    assert len(at.selectbox) <= len(importer.TARGET_FIELDS) + 2
    values = at.data_editor(key=import_flow.value_table_key("status")).value
    assert len(values) == 300 and set(values["rows"]) == {1}
    assert table(at, import_flow.REPORT)["outcome"].eq("skipped").all()
    at = choose_value(at, "status", "Stage 7", import_flow.SKIP_ROWS)
    at.selectbox(key=import_flow.rest_key("status")).set_value("Rejected").run()
    preview = table(at, import_flow.PREVIEW)
    assert len(preview) == 299 and preview["Status"].eq("Rejected").all()
    assert "Acme 7" not in preview["Company"].tolist()


def test_duplicates_are_left_out_unless_the_user_ticks_the_box():
    existing = pd.DataFrame(
        {"company": ["acme corp"], "role": ["Backend Engineer"], "interview_date": ["2024-09-19"]}
    )
    at = upload(start(existing), "other_tracker.csv")
    assert table(at, import_flow.PREVIEW)["Company"].tolist() == ["Beta Ltd", "Gamma"]
    assert at.button(key=import_flow.COMMIT).label == "Import 2 rows"
    at.checkbox(key=import_flow.DUPLICATES).check().run()
    at.button(key=import_flow.COMMIT).click().run()
    assert committed(at)[0]["company"].tolist() == ["Acme Corp", "Beta Ltd", "Gamma"]


def test_a_commit_the_tracker_refuses_shows_its_message():
    """When the tracker refuses the rows, the user reads why and the file stays loaded."""
    at = AppTest.from_function(refusing_harness, default_timeout=30).run()
    at = upload(at, "other_tracker.csv")
    at.button(key=import_flow.COMMIT).click().run()
    assert at.error[0].value == ui.plain("The tracker is busy. Try again.")
    assert at.file_uploader(key=import_flow.uploader_key_for(0)).value is not None


def refusing_harness() -> None:
    import pandas as pd

    from followup.ui.import_flow import draw_import

    def refuse(rows: pd.DataFrame) -> None:
        raise ValueError("The tracker is busy. Try again.")

    draw_import(pd.DataFrame(), refuse)


def test_text_from_the_file_is_shown_as_written_not_as_markdown():
    """A column named like markdown or a bare address shows its characters, not markup or a link."""
    text = "[click](http://x) **bold** $x$ See www.evil.example/login, mailto:a@b.example"
    shown = ui.plain(text)
    assert as_seen(shown) == text
    # Markdown's specials are escaped; GFM's bare-link starts (www., scheme:, user@) are broken.
    assert r"\[click\]" in shown and r"\*\*bold\*\*" in shown and r"\$x\$" in shown
    assert not re.search(r"www\.|http://|mailto:a|@b", shown.replace("\\", ""))


def test_recognised_statuses_are_shown_and_can_be_read_another_way():
    """Ghosted is read as Rejected without asking; the user changes it to Withdrawn in the table."""
    at = upload(start(), "unknown_statuses.csv")
    readings = at.data_editor(key=import_flow.STATUS_READINGS)
    assert dict(zip(readings.value["In the file"], readings.value["Read as"], strict=True)) == {
        "Ghosted": "Rejected",
        "offer": "Offer",
    }
    at.session_state[import_flow.STATUS_READINGS] = {
        "edited_rows": {0: {"Read as": "Withdrawn"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert table(at, import_flow.PREVIEW)["Status"].tolist() == [
        "Withdrawn",
        "Offer",
        "Awaiting decision",
    ]


def test_with_plain_tables_each_status_word_has_its_own_drop_down():
    """A screen reader user changes how Ghosted is read in a drop-down, not in the grid."""
    at = AppTest.from_function(harness, default_timeout=30)
    at.session_state[ui.PLAIN_TABLES] = True
    at = upload(at.run(), "unknown_statuses.csv")
    assert not at.exception
    assert not [e for e in at.data_editor if e.key == import_flow.STATUS_READINGS]
    ghosted, offer = (at.selectbox(key=f"{import_flow.STATUS_READINGS}_{i}") for i in (0, 1))
    assert (as_seen(ghosted.label), ghosted.value) == ("Ghosted is read as", "Rejected")
    assert (as_seen(offer.label), offer.value) == ("offer is read as", "Offer")
    ghosted.set_value("Withdrawn").run()
    preview = at.get_by_key(import_flow.PREVIEW).table[0].value
    assert preview["Status"].tolist() == ["Withdrawn", "Offer", "Awaiting decision"]


def test_dates_without_a_year_ask_once_with_the_latest_past_year_suggested(monkeypatch):
    """A sheet of 19.09.-style dates imports every row in the year suggested, or the one chosen."""
    monkeypatch.setenv(ui.TODAY_ENV, "2025-03-10")
    data = "Firma;Stelle;Datum;Status\nMüller GmbH;Entwickler;19.09.;Beworben\n".encode()
    at = upload(start(), "bewerbungen.csv", data)
    assert at.number_input(key=import_flow.YEAR).value == 2024
    assert as_seen(at.number_input(key=import_flow.YEAR).label).startswith(
        "1 date in this file has no year"
    )
    assert table(at, import_flow.PREVIEW)["Application date"].tolist() == [dt.date(2024, 9, 19)]
    at.number_input(key=import_flow.YEAR).set_value(2023).run()
    assert table(at, import_flow.PREVIEW)["Application date"].tolist() == [dt.date(2023, 9, 19)]


def test_yearless_dates_that_read_both_ways_ask_for_the_order_without_an_error():
    """03/04 with no year: the user is asked the order, then the year, and nothing breaks."""
    at = upload(start(), "yearless.csv", b"Company,Role,Date\nAcme,Engineer,03/04\n")
    assert not at.exception
    assert "3 April with the day first" in at.warning[0].value
    at.radio(key=import_flow.DATES).set_value(EUROPEAN).run()
    assert not at.exception
    assert at.number_input(key=import_flow.YEAR).value is not None


def test_an_import_whose_rows_changed_since_the_preview_is_not_made():
    """Another tab adds one of the file's interviews: the click imports nothing and says why."""
    at = upload(start(), "other_tracker.csv")
    assert len(table(at, import_flow.PREVIEW)) == 3
    at.session_state["existing"] = pd.DataFrame(
        {"company": ["Acme Corp"], "role": ["Backend Engineer"], "interview_date": ["2024-09-19"]}
    )
    at = at.button(key=import_flow.COMMIT).click().run()
    assert not at.exception
    assert committed(at) == []
    assert "changed since" in as_seen(at.warning[-1].value)
    assert len(table(at, import_flow.PREVIEW)) == 2
    at.button(key=import_flow.COMMIT).click().run()
    assert len(committed(at)) == 1 and len(committed(at)[0]) == 2
