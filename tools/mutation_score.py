"""The mutation score of each domain module, from the results `mutmut run` left in mutants/."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

MUTANTS = Path("mutants")
# mutmut's exit codes per mutant: the tests failed (1, 3), timed out (SIGXCPU and its own codes),
# were caught by a type checker (37). Everything else with a result is a mutant no test noticed.
DETECTED = {1, 3, 24, -24, 36, 152, 255, 37}
SURVIVED = 0
NO_TESTS = {5, 33}
NOT_RUN = {None, 34}


def module_results(module: str) -> dict[str, int | None]:
    """Exit code of every mutant of `followup/<module>.py` from the last run."""
    meta = MUTANTS / "followup" / f"{module}.py.meta"
    if not meta.exists():
        return {}
    return json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]


def score_line(module: str, results: dict[str, int | None]) -> str:
    """One module's counts and score: detected over every mutant that was run."""
    codes = list(results.values())
    detected = sum(code in DETECTED for code in codes)
    survived = sum(code == SURVIVED for code in codes)
    untested = sum(code in NO_TESTS for code in codes)
    not_run = sum(code in NOT_RUN for code in codes)
    other = len(codes) - detected - survived - untested - not_run
    run = len(codes) - not_run
    score = f"{100 * detected / run:5.1f}%" if run else "   -  "
    return (
        f"{module:<16} {score}  {detected:>4} killed  {survived:>4} survived  "
        f"{untested:>4} no test  {other:>3} other  {not_run:>4} not run"
    )


def survivors(module: str, results: dict[str, int | None]) -> list[str]:
    """Names of the mutants of `module` that no test killed (for `mutmut show NAME`)."""
    return sorted(name for name, code in results.items() if code == SURVIVED or code in NO_TESTS)


def main(argv: list[str] | None = None) -> int:
    """Print the score of the given modules (default: every module with results)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("modules", nargs="*", help="module names under followup/, e.g. spreadsheet")
    parser.add_argument("--survivors", action="store_true", help="also list the surviving mutants")
    args = parser.parse_args(argv)
    modules = args.modules or sorted(
        path.name.removesuffix(".py.meta") for path in (MUTANTS / "followup").glob("*.py.meta")
    )
    if not modules:
        print("No mutation results: run `make mutate` first.", file=sys.stderr)
        return 1
    for module in modules:
        results = module_results(module)
        print(score_line(module, results))
        if args.survivors:
            for name in survivors(module, results):
                print(f"    {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
