"""The README's benchmark section is printed from results.json, with where it was measured."""

from __future__ import annotations

from bench.reliability import Figures
from bench.report import reliability_table, report

FIGURES = {
    "writers": 4,
    "saves_each": 50,
    "rows_lost": 0,
    "torn_reads": 0,
    "reads": 1234,
    "kill_trials": 20,
    "torn_files": 0,
    "rows_lost_to_kills": 0,
    "bad_files": 39,
    "bad_files_rejected": 31,
    "tracebacks": 0,
    "bytes_changed": 0,
    "ok": True,
}
DOCUMENT = {
    "date": "2026-11-27T04:00:00+00:00",
    "machine": {
        "cores": 2,
        "memory_gib": 23.5,
        "cpu": "AMD EPYC",
        "os": "Linux",
        "python": "3.11.7",
        "streamlit": "1.67.0",
        "pandas": "3.1.1",
    },
    "benchmarks": [
        {
            "name": "cold start",
            "measures": "app vs hello",
            "unit": "s",
            "subject": 1.8,
            "baseline": 1.5,
            "ratio": 1.2,
            "target": 1.3,
            "met": True,
        }
    ],
    "reliability": FIGURES,
}


def test_reliability_table_spells_out_each_trial_and_its_count():
    """Each trial reads as what was tried and what went wrong, in numbers."""
    text = reliability_table(FIGURES)
    assert "| 4 processes x 50 saves, a reader parsing unlocked (1,234 reads) |" in text
    assert "| 0 rows lost, 0 torn reads |" in text
    assert "| 20 writers killed (SIGKILL) mid-save | 0 torn files, 0 rows lost |" in text
    assert "39 damaged files (31 rejected with a message)" in text


def test_report_starts_with_the_date_and_machine():
    """A reader of the README sees when and on what the figures were taken."""
    text = report(DOCUMENT)
    first = text.splitlines()[0]
    assert first.startswith("Measured 2026-11-27 on 2 cores (AMD EPYC), 23.5 GiB")
    assert "Streamlit 1.67.0" in first
    assert "| cold start | app vs hello | 1.8 s | 1.5 s | 1.20x | ≤ 1.3x | yes |" in text


def test_reliability_fails_on_any_lost_row_torn_file_or_traceback():
    """Zero everywhere is a pass; a single lost row, torn file or traceback is a failure."""
    counts = {key: value for key, value in FIGURES.items() if key != "ok"}
    assert Figures(**counts).ok
    for bad in ("rows_lost", "torn_files", "tracebacks", "bytes_changed"):
        assert not Figures(**{**counts, bad: 1}).ok
