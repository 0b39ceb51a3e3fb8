"""Our CSV files opened in a real spreadsheet (LibreOffice), split on commas, semicolons or tabs.

Every hostile cell would, if evaluated, show PWNED; the file must open with no such cell, and
reading it back here must give every cell exactly as it was typed.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from followup import export, tracker
from followup.tracker import Tracker

FORMULA = '"PW"&"NED"'
HOSTILE = [
    f"={FORMULA}",
    f"x;={FORMULA}",
    f"x,={FORMULA}",
    f"x\t={FORMULA}",
    f"+{FORMULA}",
    f"-{FORMULA}",
    '@UPPER("pwned")',
    f"x\n={FORMULA}",
    f'x";={FORMULA}',
    f"'={FORMULA}",
    f"\t={FORMULA}",
    f"\r={FORMULA}",
    f"x|={FORMULA}",
    f'=UPPER("pwned");={FORMULA}',
]
# Separators as LibreOffice's CSV filter names them (character codes).
SEPARATORS = {"comma": 44, "semicolon": 59, "tab": 9}


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but LibreOffice (soffice) is missing: .ci/run installs it.")
        pytest.skip("LibreOffice (soffice) is not installed; CI runs this test.")
    return found


def hostile_tracker() -> Tracker:
    rows = pd.DataFrame(
        {
            "company": HOSTILE,
            "role": [f"Role {n}" for n in range(len(HOSTILE))],
            "interview_date": ["2024-09-19"] * len(HOSTILE),
            "notes": HOSTILE,
            f"={FORMULA}": HOSTILE,
            f"y;={FORMULA}": HOSTILE,
        }
    )
    return tracker.add_interviews(Tracker.empty(), rows)


def opened_in_libreoffice(data: bytes, separator: int, folder: Path) -> str:
    """The values LibreOffice shows for `data` split on `separator`, as comma-separated text."""
    source = folder / f"in-{separator}.csv"
    source.write_bytes(data)
    out = folder / f"out-{separator}"
    # Formulas evaluated on import (token 13), values saved as shown; a private profile so
    # parallel runs do not share one.
    done = subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation=file://{folder}/profile",
            "--headless",
            f"--infilter=CSV:{separator},34,76,1,,1033,false,false,false,false,false,-1,true",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,true,true,true",
            "--outdir",
            str(out),
            str(source),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    converted = out / source.name
    assert converted.exists(), done.stderr.decode() + done.stdout.decode()
    return converted.read_text(encoding="utf-8")


@pytest.mark.parametrize("separator", SEPARATORS.values(), ids=SEPARATORS.keys())
def test_no_cell_of_an_export_evaluates_in_libreoffice(tmp_path: Path, separator: int):
    original = hostile_tracker()
    data = export.interviews_csv(original)
    shown = opened_in_libreoffice(data, separator, tmp_path)
    cells = [cell for row in csv.reader(io.StringIO(shown)) for cell in row]
    # A formula shows its result (PWNED) or, broken by a split, an error (Err:509, #NAME?).
    evaluated = [c for c in cells if c.strip() == "PWNED" or c.startswith(("Err:", "#"))]
    assert not evaluated
    assert "pwned" in shown  # the typed text is there, as text
    # And our own reading of the same bytes gives back exactly what was typed.
    back = export.read_interviews_csv(data)
    pd.testing.assert_frame_equal(back, original.interviews)
