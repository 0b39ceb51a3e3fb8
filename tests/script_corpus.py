"""The reviewed script corpus in tests/data/script_corpus/: read it, build it, rewrite it.

Each JSON file holds a realistic form (`input`) and the text of every variant built from it
(`expected`), reviewed by reading it aloud. After a deliberate change of wording, rewrite the
expectations with ``python -m tests.script_corpus`` and review the diff before committing it.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from followup import script

CORPUS = Path(__file__).parent / "data" / "script_corpus"


def cases() -> list[Path]:
    """Every corpus file, in name order."""
    return sorted(CORPUS.glob("*.json"))


def details(inputs: dict[str, object]) -> script.CallDetails:
    """The form of one case, as the page would pass it."""
    values = dict(inputs)
    if values.get("interview_date"):
        values["interview_date"] = date.fromisoformat(str(values["interview_date"]))
    return script.CallDetails.from_form(**values)


def built(inputs: dict[str, object]) -> dict[str, str]:
    """Every variant's text for one case, by variant key."""
    return {item.key: item.text for item in script.build_scripts(details(inputs))}


def rewrite() -> None:
    """Write the current output of every case as its expectation."""
    for path in cases():
        case = json.loads(path.read_text(encoding="utf-8"))
        case["expected"] = built(case["input"])
        path.write_text(json.dumps(case, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    rewrite()
