"""Generate a tracker in the documented CSV format: `python -m bench.generate DIR`.

Columns, order and vocabularies come from `followup.vocab`; dates are ISO; ids are 12 hex digits,
unique; lines end in CRLF and cells are spreadsheet-safe, as the app writes them. Every follow-up
belongs to a generated interview. The same seed gives the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import random
import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from followup.spreadsheet import neutralise_cell
from followup.store import FOLLOWUPS_FILE, INTERVIEWS_FILE
from followup.vocab import (
    CHANNELS,
    FOLLOWUP_COLUMNS,
    INTERVIEW_COLUMNS,
    OUTCOMES,
    PURPOSES,
    STATUSES,
)

FIRST_DAY = date(2026, 1, 5)
DAYS = 300

COMPANIES = (
    "Acme Analytics", "Brightwave", "Cobalt & Sons", "Delta Freight", "Evergreen Health",
    "Fjord Labs", "Günther GmbH", "Harbor Credit Union", "Iris Biotech", "Juniper Schools",
    "Kestrel Games", "Lumen Energy", "Maple, Birch and Co.", "Nordic Ferries", "Orbit Retail",
)  # fmt: skip
ROLES = (
    "Data analyst", "Backend engineer", "Product manager", "UX designer", "Accountant",
    "Customer success lead", "Nurse practitioner", "Teacher", "Marketing coordinator",
    "Warehouse supervisor", "QA engineer", "Office manager",
)  # fmt: skip
FIRST_NAMES = ("Dana", "Ravi", "Sofia", "Kwame", "Mei", "Lukas", "Amara", "José", "Ines", "Tom")
LAST_NAMES = ("Reyes", "Patel", "Rossi", "Mensah", "Chen", "Müller", "Okafor", "García", "O'Neil")
TITLES = ("HR manager", "Recruiter", "Hiring manager", "Team lead", "Head of people", "CTO", "")
NOTES = (
    "",
    "",
    "Asked about the team's on-call rota.",
    'They said "we will be in touch soon".',
    "Mentioned a second round, maybe with the director.",
    "Prefers email; calls only in the afternoon.",
    "Salary range discussed, 10% above my ask.",
    "Sent portfolio link, waiting for feedback.\nFollow up after the holidays.",
    "Entretien très agréable, équipe sympathique.",
)
STATUS_WEIGHTS = (15, 50, 15, 5, 20, 10)
LOCATIONS = ("Remote", "Berlin", "Lyon", "Madrid", "Austin, TX", "")
SALARIES = ("", "", "€45,000", "$85k - $95k", "60.000 €")
OUTCOME_WEIGHTS = (20, 30, 10, 15, 15, 10)


def interview_rows(count: int, rng: random.Random) -> Iterator[dict[str, str]]:
    """`count` interviews with unique ids, in INTERVIEW_COLUMNS order."""
    for _ in range(count):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        company = rng.choice(COMPANIES)
        interviewed = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        expected = interviewed + timedelta(days=rng.randint(5, 21))
        row = {
            "interview_id": _new_id(rng),
            "company": company,
            "role": rng.choice(ROLES),
            "interviewer": f"{first} {last}",
            "interviewer_title": rng.choice(TITLES),
            "interviewer_email": _email(first, last, company) if rng.random() < 0.8 else "",
            "interviewer_phone": f"+1 555 01{rng.randrange(100):02d}" if rng.random() < 0.6 else "",
            "interview_date": interviewed.isoformat(),
            "round": str(rng.randint(1, 4)),
            "decision_expected": expected.isoformat() if rng.random() < 0.7 else "",
            "status": rng.choices(STATUSES, STATUS_WEIGHTS)[0],
            "preferred_channel": rng.choice(CHANNELS) if rng.random() < 0.9 else "",
            "notes": rng.choice(NOTES),
            "application_date": (interviewed - timedelta(days=rng.randint(7, 30))).isoformat(),
            "job_url": f"https://jobs.example.org/{rng.randrange(10**6)}"
            if rng.random() < 0.5
            else "",
            "location": rng.choice(LOCATIONS),
            "salary": rng.choice(SALARIES),
        }
        if row["status"] == "Applied":
            # An application has no interview yet.
            row["interview_date"] = row["decision_expected"] = ""
        yield {column: row[column] for column in INTERVIEW_COLUMNS}


def followup_rows(
    count: int, interviews: list[dict[str, str]], rng: random.Random
) -> Iterator[dict[str, str]]:
    """`count` follow-ups with unique ids, each after an interview from `interviews`."""
    if count and not interviews:
        raise ValueError("follow-ups need at least one interview to belong to")
    for _ in range(count):
        interview = rng.choice(interviews)
        start = interview["interview_date"] or interview["application_date"]
        when = date.fromisoformat(start) + timedelta(days=rng.randint(1, 30))
        row = {
            "followup_id": _new_id(rng),
            "interview_id": interview["interview_id"],
            "date": when.isoformat(),
            "channel": rng.choice(CHANNELS),
            "purpose": rng.choice(PURPOSES),
            "outcome": rng.choices(OUTCOMES, OUTCOME_WEIGHTS)[0],
            "notes": rng.choice(NOTES),
        }
        yield {column: row[column] for column in FOLLOWUP_COLUMNS}


def generate(folder: Path, interviews: int, followups: int, seed: int = 7) -> tuple[Path, Path]:
    """Write the interviews and follow-ups CSV files into `folder`; return their paths."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    interview_list = list(interview_rows(interviews, rng))
    interviews_path = _write(folder / INTERVIEWS_FILE, INTERVIEW_COLUMNS, interview_list)
    followups_path = _write(
        folder / FOLLOWUPS_FILE, FOLLOWUP_COLUMNS, followup_rows(followups, interview_list, rng)
    )
    return interviews_path, followups_path


def _new_id(rng: random.Random) -> str:
    # Like the app's ids (12 hex digits of a random UUID), but drawn from the seeded generator.
    return uuid.UUID(int=rng.getrandbits(128), version=4).hex[:12]


def _email(first: str, last: str, company: str) -> str:
    domain = "".join(ch for ch in company.lower() if ch.isascii() and ch.isalnum())
    local = "".join(ch for ch in f"{first}.{last}".lower() if ch.isascii() and ch not in "' ")
    return f"{local}@{domain}.example"


def _write(path: Path, columns: tuple[str, ...], rows: Iterator[dict[str, str]] | list) -> Path:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(
            {key: neutralise_cell(value) for key, value in row.items()} for row in rows
        )
    return path


def main(argv: list[str] | None = None) -> None:
    """The command line: folder, counts, seed."""
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__)
    parser.add_argument("folder", type=Path, help="where to write the two CSV files")
    parser.add_argument("--interviews", type=int, default=5000)
    parser.add_argument("--followups", type=int, default=15000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    for path in generate(args.folder, args.interviews, args.followups, args.seed):
        print(path)


if __name__ == "__main__":
    main()
