"""Streamlit glue for the call-script page: the built scripts and the checklist."""

from __future__ import annotations

import streamlit as st

from followup import script
from followup.script import PRE_CALL_CHECKLIST, ChecklistItem, Script

RESULT_KEY = "script_result"
FORM_KEY = "script_form"


def widget_key(field: str) -> str:
    """The session-state key of the form widget for a `CallDetails` field."""
    return f"script_{field}"


def text_input(field: str, help: str | None = None) -> str:
    """A single-line form field for a `CallDetails` field, kept for the session."""
    return st.text_input(
        script.LABELS[field],
        key=widget_key(field),
        max_chars=script.FIELD_LIMIT,
        help=help,
        persist_state="session",
    )


def checklist_key(item: ChecklistItem) -> str:
    """The session-state key of one checklist tick."""
    return f"script_check_{item.key}"


def store_scripts(scripts: tuple[Script, ...] | None) -> None:
    """Keep the built scripts for the session (None forgets them), so reruns do not lose them."""
    if scripts is None:
        st.session_state.pop(RESULT_KEY, None)
    else:
        st.session_state[RESULT_KEY] = scripts


def stored_scripts() -> tuple[Script, ...]:
    """The scripts built last in this session; empty before the first build."""
    return st.session_state.get(RESULT_KEY, ())


def show_script(item: Script) -> None:
    """One variant: its length, any warning, the copyable text, its tip and two downloads."""
    facts = f"{item.word_count} words"
    if item.speaking_seconds is not None:
        facts += (
            f" · about {item.speaking_seconds} seconds to say "
            f"(at {script.WORDS_PER_MINUTE} words a minute)"
        )
    st.caption(facts)
    for warning in item.warnings:
        st.warning(warning, icon=":material/timer:")
    # st.code shows the text literally and gives it a copy button.
    st.code(item.text, language=None, wrap_lines=True)
    st.caption(item.tip)
    text_col, markdown_col = st.columns(2)
    with text_col:
        st.download_button(
            "Download as .txt",
            script.as_text(item),
            file_name=script.file_name(item, "txt"),
            mime="text/plain",
            key=f"script_download_{item.key}_txt",
            on_click="ignore",
            icon=":material/download:",
        )
    with markdown_col:
        st.download_button(
            "Download as .md",
            script.as_markdown(item),
            file_name=script.file_name(item, "md"),
            mime="text/markdown",
            key=f"script_download_{item.key}_md",
            on_click="ignore",
            icon=":material/download:",
        )


def show_checklist() -> dict[str, bool]:
    """Draw the pre-call checklist (ticks kept for the session) and return its state."""
    for item in PRE_CALL_CHECKLIST:
        st.checkbox(item.label, key=checklist_key(item), wrap=True, persist_state="session")
    ticks = checklist_ticks()
    st.caption(f"{sum(ticks.values())} of {len(ticks)} ready.")
    return ticks


def checklist_ticks() -> dict[str, bool]:
    """The checklist as a plain item -> ticked mapping, ready to store with an interview."""
    return script.checklist_state(
        {item.key: st.session_state.get(checklist_key(item), False) for item in PRE_CALL_CHECKLIST}
    )
