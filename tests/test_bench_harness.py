"""The benchmark harness summarises measurements honestly and records where they came from."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from bench.harness import (
    Result,
    alternate,
    median,
    percentile,
    ratio,
    table,
    write_results,
)


def make_result(
    name: str = "cold start",
    subject: float = 3.0,
    baseline: float = 2.0,
    target: float = 1.3,
    **kind: bool,
) -> Result:
    return Result(
        name=name,
        measures="app vs hello",
        unit="s",
        subject=subject,
        baseline=baseline,
        target=target,
        rounds=2,
        samples={"subject": [subject, subject], "baseline": [baseline, baseline]},
        **kind,
    )


def test_median_of_an_even_count_is_the_mean_of_the_middle_two():
    """Four rounds report the middle of the two middle measurements, not the average."""
    assert median([9.0, 1.0, 3.0, 4.0]) == 3.5


def test_percentile_interpolates_between_ranks():
    """The 95th percentile of 0..20 lies between the last two values."""
    assert percentile([float(v) for v in range(21)], 95) == 19.0
    assert percentile([1.0, 2.0], 50) == 1.5


def test_no_measurements_is_an_error_not_a_zero():
    """An empty benchmark never reports a made-up figure."""
    with pytest.raises(ValueError):
        median([])


def test_ratio_is_subject_over_baseline():
    """A subject twice as slow as its baseline reads 2x; a zero baseline reads infinite."""
    assert ratio(4.0, 2.0) == 2.0
    assert ratio(1.0, 0.0) == math.inf


def test_result_meets_its_target_only_within_the_ratio():
    """1.5x against a 1.3x target is a miss; 1.2x is met."""
    assert not make_result(subject=3.0, baseline=2.0).met
    assert make_result(subject=2.4, baseline=2.0).met


def test_alternate_swaps_the_order_each_round_and_drops_the_warm_up():
    """Subject and baseline take turns going first, and the warm-up is not counted."""
    calls: list[str] = []
    counter = iter(range(100))

    def subject() -> float:
        calls.append("S")
        return float(next(counter))

    def baseline() -> list[float]:
        calls.append("B")
        return [float(next(counter))]

    samples = alternate(subject, baseline, rounds=3)
    assert calls == ["S", "B", "S", "B", "B", "S", "S", "B"]
    assert samples.subject == [2.0, 5.0, 6.0]
    assert samples.baseline == [3.0, 4.0, 7.0]


def test_results_file_names_the_machine_and_keeps_other_benchmarks(tmp_path: Path):
    """Running one benchmark updates its entry and keeps the others' latest figures."""
    path = tmp_path / "results.json"
    write_results([make_result("cold start"), make_result("storage")], path)
    write_results([make_result("storage", subject=5.0)], path, quick=True)
    document = json.loads(path.read_text())
    assert set(document["machine"]) >= {"cores", "memory_gib", "python", "streamlit"}
    assert document["quick"] is True
    entries = {entry["name"]: entry for entry in document["benchmarks"]}
    assert list(entries) == ["cold start", "storage"]
    assert entries["storage"]["subject"] == 5.0
    assert entries["storage"]["ratio"] == 2.5
    assert entries["storage"]["met"] is False
    assert entries["cold start"]["samples"]["baseline"] == [2.0, 2.0]


def test_table_shows_ratio_target_and_verdict():
    """The printed table says how far each benchmark is from its target."""
    text = table([make_result().to_dict()])
    assert "| cold start | app vs hello | 3 s | 2 s | 1.50x | ≤ 1.3x | NO |" in text


def test_a_floor_target_needs_a_finite_ratio_at_or_above_it():
    """18 visitors served against 10 meet "at least 1.8x"; 17 do not, nor does 0 against 0."""
    assert make_result(subject=18.0, baseline=10.0, target=1.8, at_least=True).met
    assert not make_result(subject=17.0, baseline=10.0, target=1.8, at_least=True).met
    assert not make_result(subject=0.0, baseline=0.0, target=1.8, at_least=True).met


def test_a_band_target_is_met_within_it_either_way():
    """Two measures that must agree within 20%: 0.85x and 1.15x agree, 0.4x does not."""
    assert make_result(subject=0.85, baseline=1.0, target=1.2, band=True).met
    assert make_result(subject=1.15, baseline=1.0, target=1.2, band=True).met
    assert not make_result(subject=0.4, baseline=1.0, target=1.2, band=True).met
    assert make_result(subject=1.0, baseline=1.0, target=1.2, band=True).target_text == "0.83-1.2x"
