"""The reviewed corpus: every realistic form builds exactly the scripts a person read and approved.

After a deliberate change of wording: ``python -m tests.script_corpus``, then read the diff aloud.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from followup import script
from tests import script_corpus

CASES = script_corpus.cases()


def test_the_corpus_is_large_and_varied():
    """At least 25 input sets, and every optional field is left out by at least one of them."""
    inputs = [json.loads(path.read_text(encoding="utf-8"))["input"] for path in CASES]
    assert len(inputs) >= 25
    optional = set(script.LABELS) - script.REQUIRED_FIELDS
    for field in optional:
        assert any(not case.get(field) for case in inputs), field
        assert any(case.get(field) for case in inputs), field


@pytest.mark.parametrize("path", CASES, ids=[path.stem for path in CASES])
def test_each_case_builds_its_reviewed_scripts(path: Path):
    """Every variant of the case reads exactly as reviewed."""
    case = json.loads(path.read_text(encoding="utf-8"))
    assert script_corpus.built(case["input"]) == case["expected"]


@pytest.mark.parametrize(
    ("name", "variant"), [("02-everything", "live_call"), ("06-non-native-german", "email")]
)
def test_the_readme_shows_corpus_scripts_as_built(name: str, variant: str):
    """The two scripts in the README's Call script section are the corpus's, word for word."""
    case = json.loads((script_corpus.CORPUS / f"{name}.json").read_text(encoding="utf-8"))
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert f"```text\n{case['expected'][variant]}\n```" in readme
