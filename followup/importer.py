"""Import interviews from a CSV file: our own export or another tracker's spreadsheet.

The steps follow what the user sees: read the file (`read_table`), confirm which column holds
what (`suggest_mapping`, `mapping_from_choices`), settle how dates are written
(`guess_date_order`), decide about statuses or channels the tracker does not know
(`unknown_values`), then plan the import (`plan_import`): the rows to add and a report line for
every row of the file. Nothing here writes anything; the tracker adds the planned rows.
"""

from __future__ import annotations

import calendar
import codecs
import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from followup import vocab
from followup.spreadsheet import restore_cell

MAX_BYTES = 5_000_000
MAX_COLUMNS = 200
MAX_ROWS = 10_000

# The tracker assigns ids when it adds rows, so the id is never a target of the import.
TARGET_FIELDS: tuple[str, ...] = tuple(c for c in vocab.INTERVIEW_COLUMNS if c != "interview_id")
FIELD_LABELS: dict[str, str] = {
    "company": "Company",
    "role": "Role",
    "interviewer": "Interviewer",
    "interviewer_title": "Interviewer's title",
    "interviewer_email": "Interviewer's email",
    "interviewer_phone": "Interviewer's phone",
    "interview_date": "Interview date",
    "round": "Round",
    "decision_expected": "Decision expected",
    "status": "Status",
    "preferred_channel": "Preferred channel",
    "notes": "Notes",
}
DATE_FIELDS: tuple[str, ...] = ("interview_date", "decision_expected")
TEXT_FIELDS: tuple[str, ...] = tuple(
    f for f in TARGET_FIELDS if f not in (*DATE_FIELDS, "round", "status", "preferred_channel")
)
DEFAULT_STATUS = vocab.STATUSES[0]

ISO = "ISO (year first)"
US = "US (month first)"
EUROPEAN = "European (day first)"
DATE_ORDERS: tuple[str, ...] = (ISO, US, EUROPEAN)

ADDED = "added"
SKIPPED = "skipped"
DUPLICATE = "duplicate"
REPORT_COLUMNS: tuple[str, ...] = ("row", "outcome", "company", "role", "interview date", "reason")

DELIMITER_NAMES: dict[str, str] = {",": "comma", ";": "semicolon", "\t": "tab"}

# Names other trackers give their columns, normalised by `_column_key`, best match first.
# A column's own name in our export comes first, so our files map exactly.
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "company": ("company", "employer", "organisation", "organization", "companyname", "firm"),
    "role": ("role", "position", "jobtitle", "title", "job", "positiontitle", "jobrole"),
    "interviewer": (
        "interviewer",
        "interviewername",
        "contact",
        "contactname",
        "contactperson",
        "hiringmanager",
        "recruiter",
    ),
    "interviewer_title": ("interviewertitle", "contacttitle", "contactrole"),
    "interviewer_email": ("intervieweremail", "email", "emailaddress", "contactemail"),
    "interviewer_phone": (
        "interviewerphone",
        "phone",
        "phonenumber",
        "telephone",
        "contactphone",
        "mobile",
    ),
    "interview_date": (
        "interviewdate",
        "dateofinterview",
        "interviewed",
        "interviewedon",
        "date",
        "dateapplied",
        "applieddate",
        "applicationdate",
        "applied",
    ),
    "round": ("round", "interviewround"),
    "decision_expected": (
        "decisionexpected",
        "decisiondate",
        "expecteddecision",
        "decisionby",
        "responseexpected",
    ),
    "status": ("status", "stage", "applicationstatus", "interviewstatus"),
    "preferred_channel": ("preferredchannel", "channel", "contactmethod", "followupchannel"),
    "notes": ("notes", "note", "comments", "comment", "remarks"),
}

# Modest, explicit synonyms for the vocabularies, keyed by `_value_key`.
STATUS_SYNONYMS: dict[str, str] = {
    "applied": "Awaiting decision",
    "interviewed": "Awaiting decision",
    "interviewing": "Awaiting decision",
    "pending": "Awaiting decision",
    "waiting": "Awaiting decision",
    "in progress": "Awaiting decision",
    "awaiting response": "Awaiting decision",
    "second round": "Next round",
    "2nd round": "Next round",
    "next interview": "Next round",
    "final round": "Next round",
    "offered": "Offer",
    "offer received": "Offer",
    "rejection": "Rejected",
    "not selected": "Rejected",
    "unsuccessful": "Rejected",
    "withdrew": "Withdrawn",
}
CHANNEL_SYNONYMS: dict[str, str] = {
    "e mail": "Email",
    "mail": "Email",
    "phone": "Phone call",
    "call": "Phone call",
    "telephone": "Phone call",
    "note": "Handwritten note",
    "thank you note": "Handwritten note",
    "card": "Handwritten note",
    "linkedin": "LinkedIn message",
    "text": "Text message",
    "sms": "Text message",
}
# What an empty cell becomes: a status is needed for reminders, a channel is optional.
VOCAB_DEFAULTS: dict[str, str] = {"status": DEFAULT_STATUS, "preferred_channel": ""}
VOCAB_FIELDS: dict[str, tuple[tuple[str, ...], dict[str, str]]] = {
    "status": (vocab.STATUSES, STATUS_SYNONYMS),
    "preferred_channel": (vocab.CHANNELS, CHANNEL_SYNONYMS),
}

# Magic numbers of files people upload by mistake, with what to do instead.
_KNOWN_BINARIES: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "an Excel workbook or another zip file"),
    (b"\xd0\xcf\x11\xe0", "an old Excel (.xls) or Word file"),
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
)
_SAVE_AS_CSV = (
    "In your spreadsheet app, choose File > Save as (or Download) > CSV, then upload that file."
)


class ImportProblem(ValueError):
    """A file, mapping or cell the import cannot use, with a message written for the user."""


@dataclass(frozen=True, eq=False)
class RawTable:
    """A CSV file read as text: every cell a `str`, the index the spreadsheet row number."""

    frame: pd.DataFrame
    filename: str
    encoding: str
    delimiter: str
    own_export: bool
    # Rows that had more cells than the header, by row number, with what was wrong.
    row_problems: Mapping[int, str]

    @property
    def columns(self) -> tuple[str, ...]:
        """The column names, as in the file's header (made unique)."""
        return tuple(self.frame.columns)

    @property
    def delimiter_name(self) -> str:
        """The delimiter in words: comma, semicolon or tab."""
        return DELIMITER_NAMES[self.delimiter]


@dataclass(frozen=True)
class DateOrderGuess:
    """How a file writes its dates; `order` is None when the user has to choose."""

    order: str | None
    example: str | None = None

    @property
    def ambiguous(self) -> bool:
        """True when the dates read both ways and the user has to choose."""
        return self.order is None


@dataclass(frozen=True, eq=False)
class ImportPlan:
    """What an import would do: new rows, rows flagged as likely duplicates, a report per row."""

    new: pd.DataFrame
    duplicates: pd.DataFrame
    report: pd.DataFrame

    def rows(self, include_duplicates: bool = False) -> pd.DataFrame:
        """The rows to add, in file order; flagged duplicates only when asked for."""
        rows = (
            pd.concat([self.new, self.duplicates]).sort_index() if include_duplicates else self.new
        )
        return rows.reset_index(drop=True)

    @property
    def skipped(self) -> int:
        """How many rows of the file cannot be imported."""
        return int((self.report["outcome"] == SKIPPED).sum())


# ---------------------------------------------------------------------------------------------
# Reading the file


def read_table(data: bytes, filename: str, max_bytes: int = MAX_BYTES) -> RawTable:
    """Read a CSV upload as text, detecting its encoding and delimiter; raise ImportProblem."""
    if not data.strip():
        raise ImportProblem("The file is empty. Choose a CSV file that holds your interviews.")
    if len(data) > max_bytes:
        raise ImportProblem(
            f"The file is {_size(len(data))}; the import takes files up to {_size(max_bytes)}. "
            "Remove rows or columns you do not need, or split the file, and try again."
        )
    _reject_binary(data)
    text, encoding = _decode(data)
    text, delimiter = _delimiter(text)
    header, rows, problems = _parse(text, delimiter)
    columns = _column_names(header)
    frame = pd.DataFrame(
        [row for _, row in rows], columns=columns, index=[n for n, _ in rows], dtype=str
    )
    frame.index.name = "row"
    own_export = set(vocab.INTERVIEW_COLUMNS) <= set(columns)
    if own_export:
        frame = frame.map(restore_cell)
    elif set(vocab.FOLLOWUP_COLUMNS) <= set(columns):
        raise ImportProblem(
            "This is a follow-ups file (followups.csv). The import reads interviews: "
            "upload interviews.csv instead."
        )
    return RawTable(frame, filename, encoding, delimiter, own_export, problems)


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n / 1000:.1f} KB"


def _reject_binary(data: bytes) -> None:
    for magic, kind in _KNOWN_BINARIES:
        if data.startswith(magic):
            raise ImportProblem(f"This file is {kind}, not a CSV file. {_SAVE_AS_CSV}")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ImportProblem(
            "This file is saved as UTF-16 text. Save it again as 'CSV UTF-8' and upload that."
        )
    if b"\x00" in data:
        raise ImportProblem(
            "The file contains NUL bytes, which a CSV file never has: it is probably not a "
            f"text file, or it is damaged. {_SAVE_AS_CSV}"
        )
    controls = sum(1 for byte in data if byte < 32 and byte not in b"\t\n\r\x0c\x1a")
    if controls > len(data) // 100:
        raise ImportProblem(f"This does not look like a text file. {_SAVE_AS_CSV}")


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), "UTF-8 with BOM"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252 (Latin-1)"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "Latin-1"


def _delimiter(text: str) -> tuple[str, str]:
    """The delimiter, and the text without Excel's optional `sep=;` first line."""
    first, _, rest = text.partition("\n")
    hint = re.fullmatch(r"sep=(.)\r?", first)
    if hint and hint.group(1) in DELIMITER_NAMES:
        return rest, hint.group(1)
    sample = "\n".join(text[:4096].splitlines()[:20])
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters="".join(DELIMITER_NAMES)).delimiter
    except csv.Error:
        sniffed = None
    header = sample.splitlines()[0] if sample else ""
    widths = {d: len(next(csv.reader([header], delimiter=d), [])) for d in DELIMITER_NAMES}
    if sniffed in DELIMITER_NAMES and widths[sniffed] > 1:
        return text, sniffed
    # The sniffer gives up on short or irregular files: take the delimiter that splits the
    # header into the most columns (comma on a tie).
    return text, max(DELIMITER_NAMES, key=lambda d: widths[d])


def _parse(text: str, delimiter: str) -> tuple[list[str], list[tuple[int, list[str]]], dict]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"')
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    problems: dict[int, str] = {}
    try:
        for number, record in enumerate(reader, start=1):
            if not any(cell.strip() for cell in record):
                continue
            if header is None:
                header = record
                _check_header(header, delimiter)
                continue
            if len(rows) >= MAX_ROWS:
                raise ImportProblem(
                    f"The file has more than {MAX_ROWS:,} rows; the import takes up to "
                    f"{MAX_ROWS:,} at a time. Split the file and import each part."
                )
            extra = record[len(header) :]
            if any(cell.strip() for cell in extra):
                problems[number] = (
                    f"the row has {len(record)} cells but the header has {len(header)} "
                    "(a value with a delimiter in it that is not in quotes?)"
                )
            cells = record[: len(header)]
            rows.append((number, cells + [""] * (len(header) - len(cells))))
    except csv.Error as err:
        raise ImportProblem(
            f"The file cannot be read as CSV near row {reader.line_num}: a cell is too long or "
            "a quote is never closed. Open it in a spreadsheet app and save it as CSV again."
        ) from err
    if header is None:
        raise ImportProblem("The file is empty. Choose a CSV file that holds your interviews.")
    if not rows:
        raise ImportProblem(
            "The file has column names but no rows. Add your interviews below the header row."
        )
    return header, rows, problems


def _check_header(header: list[str], delimiter: str) -> None:
    if len(header) > MAX_COLUMNS:
        raise ImportProblem(
            f"The file has {len(header):,} columns; the import reads at most {MAX_COLUMNS}. "
            "Delete the columns you do not need (or check the file really is a table of "
            "interviews) and try again."
        )
    if len(header) == 1:
        raise ImportProblem(
            "The file has a single column. The import needs the company, role and interview "
            "date in separate columns, separated by commas, semicolons or tabs."
        )


def _column_names(header: list[str]) -> list[str]:
    names: list[str] = []
    for position, cell in enumerate(header, start=1):
        name = cell.strip() or f"Column {position}"
        base, copy = name, 2
        while name in names:
            name, copy = f"{base} ({copy})", copy + 1
        names.append(name)
    return names


# ---------------------------------------------------------------------------------------------
# Mapping columns to the tracker's fields


def _column_key(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.casefold())


def suggest_mapping(columns: Iterable[str]) -> dict[str, str]:
    """Suggest which source column holds which tracker field: {source column: field}."""
    columns = list(columns)
    keys = {column: _column_key(column) for column in columns}
    mapping: dict[str, str] = {}
    for field, aliases in COLUMN_ALIASES.items():
        ranked = [
            (aliases.index(keys[c]), c) for c in columns if keys[c] in aliases and c not in mapping
        ]
        if ranked:
            mapping[min(ranked)[1]] = field
    return {column: mapping[column] for column in columns if column in mapping}


def mapping_from_choices(choices: Mapping[str, str | None]) -> dict[str, str]:
    """Turn the user's {field: source column or None} choices into {source column: field}."""
    mapping: dict[str, str] = {}
    for field, column in choices.items():
        if column is None:
            continue
        if column in mapping:
            raise ImportProblem(
                f"The column '{column}' is chosen for both {FIELD_LABELS[mapping[column]]} and "
                f"{FIELD_LABELS[field]}. Choose one column per field."
            )
        mapping[column] = field
    return mapping


def _columns_by_field(raw: RawTable, mapping: Mapping[str, str]) -> dict[str, str]:
    by_field: dict[str, str] = {}
    for column, field in mapping.items():
        if column not in raw.frame.columns:
            raise ImportProblem(f"The file has no column '{column}'.")
        if field not in TARGET_FIELDS:
            raise ImportProblem(f"The tracker has no field '{field}'.")
        if field in by_field:
            raise ImportProblem(
                f"Both '{by_field[field]}' and '{column}' are chosen for {FIELD_LABELS[field]}. "
                "Choose one column per field."
            )
        by_field[field] = column
    missing = [FIELD_LABELS[f] for f in vocab.REQUIRED_INTERVIEW_FIELDS if f not in by_field]
    if missing:
        raise ImportProblem(
            f"Choose the column that holds: {', '.join(missing)}. The tracker needs the company, "
            "role and interview date of every interview."
        )
    return by_field


# ---------------------------------------------------------------------------------------------
# Dates

_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_ISO_RE = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})" + _TIME)
_NUMERIC_RE = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})" + _TIME)
_DAY_NAMED_RE = re.compile(r"(\d{1,2})\.?\s+([a-z]{3,9})\.?,?\s+(\d{4})", re.IGNORECASE)
_NAMED_DAY_RE = re.compile(r"([a-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})", re.IGNORECASE)
_MONTHS = {
    name.casefold(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
} | {"sept": 9}
_DATE_HINT = "write it as 2024-09-19, 9/19/2024 or 19.09.2024"


def parse_date(text: str, order: str) -> dt.date:
    """Read one date written in ISO, US or European form; raise ImportProblem with the reason."""
    value = text.strip()
    if match := _ISO_RE.fullmatch(value):
        return _date(int(match[1]), int(match[3]), int(match[4]), value)
    if match := _NUMERIC_RE.fullmatch(value):
        first, second, year = int(match[1]), int(match[3]), _year(match[4])
        if order == ISO:
            raise ImportProblem(f"'{value}' is not in year-month-day form, the date order chosen")
        month, day = (first, second) if order == US else (second, first)
        return _date(year, month, day, value)
    if (match := _DAY_NAMED_RE.fullmatch(value)) and match[2].casefold() in _MONTHS:
        return _date(int(match[3]), _MONTHS[match[2].casefold()], int(match[1]), value)
    if (match := _NAMED_DAY_RE.fullmatch(value)) and match[1].casefold() in _MONTHS:
        return _date(int(match[3]), _MONTHS[match[1].casefold()], int(match[2]), value)
    raise ImportProblem(f"'{value}' is not a date the import can read ({_DATE_HINT})")


def _year(digits: str) -> int:
    # Two-digit years follow strptime's rule: 00-68 are 2000-2068, 69-99 are 1969-1999.
    year = int(digits)
    if len(digits) == 2:
        return year + (2000 if year < 69 else 1900)
    return year


def _date(year: int, month: int, day: int, text: str) -> dt.date:
    if not 1 <= month <= 12:
        raise ImportProblem(f"'{text}' is not a real date: there is no month {month}")
    if year < 1:
        raise ImportProblem(f"'{text}' is not a real date: there is no year {year}")
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise ImportProblem(
            f"'{text}' is not a real date: {calendar.month_name[month]} {year} has {days} days"
        )
    return dt.date(year, month, day)


def _reads_as(text: str, order: str) -> dt.date | None:
    try:
        return parse_date(text, order)
    except ImportProblem:
        return None


def guess_date_order(values: Iterable[str]) -> DateOrderGuess:
    """Guess how dates are written; ask the user (order None) when day and month could swap."""
    numeric = [v.strip() for v in values if _NUMERIC_RE.fullmatch(v.strip())]
    if not numeric:
        return DateOrderGuess(ISO)
    fits = {
        order: sum(_reads_as(v, order) is not None for v in numeric) for order in (US, EUROPEAN)
    }
    if fits[US] != fits[EUROPEAN]:
        return DateOrderGuess(max(fits, key=fits.__getitem__))
    for value in numeric:
        us, european = _reads_as(value, US), _reads_as(value, EUROPEAN)
        if us and european and us != european:
            return DateOrderGuess(None, value)
    # Every date reads the same both ways (such as 05/05/2024): either order gives the same dates.
    return DateOrderGuess(US)


def date_values(raw: RawTable, mapping: Mapping[str, str]) -> list[str]:
    """The non-empty cells of the columns mapped to a date field."""
    columns = [column for column, field in mapping.items() if field in DATE_FIELDS]
    return [v for column in columns for v in raw.frame[column] if v.strip()]


# ---------------------------------------------------------------------------------------------
# Statuses and channels


def _value_key(text: str) -> str:
    return re.sub(r"[\s_\-]+", " ", text).strip().casefold()


def vocabulary_value(field: str, text: str) -> str | None:
    """The vocabulary value a cell of `field` stands for, or None when it is not known."""
    words, synonyms = VOCAB_FIELDS[field]
    key = _value_key(text)
    known = {_value_key(w): w for w in words} | synonyms
    return known.get(key)


def unknown_values(raw: RawTable, mapping: Mapping[str, str]) -> dict[str, list[str]]:
    """Per vocabulary field, the distinct non-empty cells the tracker does not know."""
    unknown: dict[str, list[str]] = {}
    for column, field in mapping.items():
        if field not in VOCAB_FIELDS:
            continue
        seen: dict[str, str] = {}
        for cell in raw.frame[column]:
            if cell.strip() and vocabulary_value(field, cell) is None:
                seen.setdefault(_value_key(cell), cell.strip())
        if seen:
            unknown[field] = list(seen.values())
    return unknown


# ---------------------------------------------------------------------------------------------
# The plan


def plan_import(
    raw: RawTable,
    mapping: Mapping[str, str],
    date_order: str,
    existing_interviews: pd.DataFrame,
    value_choices: Mapping[str, Mapping[str, str]] | None = None,
) -> ImportPlan:
    """Plan the import: valid new rows, likely duplicates kept apart, and a report per row.

    `mapping` is {source column: tracker field}. `value_choices` says, per vocabulary field,
    what a cell the tracker does not know stands for ({"status": {"Ghosted": "Rejected"}}; an
    empty string leaves an optional channel empty). Rows with an unknown value and no choice
    are skipped.
    """
    if date_order not in DATE_ORDERS:
        raise ImportProblem(f"Choose how the dates are written: {', '.join(DATE_ORDERS)}.")
    by_field = _columns_by_field(raw, mapping)
    choices = _checked_choices(value_choices or {})
    known_keys = _existing_keys(existing_interviews)
    known_ids = _existing_ids(existing_interviews) if raw.own_export else set()
    seen_in_file: dict[tuple[str, str, dt.date], int] = {}

    new, duplicates, report = [], [], []
    for number, source in raw.frame.iterrows():
        cells = {field: source[column] for field, column in by_field.items()}
        row, reasons, notes = _convert(cells, date_order, choices)
        if number in raw.row_problems:
            reasons.insert(0, raw.row_problems[number])
        line = {
            "row": number,
            "company": cells["company"],
            "role": cells["role"],
            "interview date": cells["interview_date"],
        }
        if reasons:
            report.append(line | {"outcome": SKIPPED, "reason": "; ".join(reasons)})
            continue
        key = (_text_key(row["company"]), _text_key(row["role"]), row["interview_date"])
        source_id = source.get("interview_id", "") if raw.own_export else ""
        if source_id and source_id in known_ids:
            flag = f"already in your tracker (same interview id {source_id})"
        elif key in known_keys:
            flag = "same company, role and interview date as an interview in your tracker"
        elif key in seen_in_file:
            flag = f"same company, role and interview date as row {seen_in_file[key]} of this file"
        else:
            flag = None
        seen_in_file.setdefault(key, number)
        (duplicates if flag else new).append((number, row))
        reason = "; ".join([flag] if flag else notes)
        report.append(line | {"outcome": DUPLICATE if flag else ADDED, "reason": reason})

    return ImportPlan(_frame(new), _frame(duplicates), _report(report))


def _checked_choices(
    value_choices: Mapping[str, Mapping[str, str]],
) -> dict[str, dict[str, str]]:
    checked: dict[str, dict[str, str]] = {}
    for field, (words, _) in VOCAB_FIELDS.items():
        # An optional field (empty by default) may be left empty; a status may not.
        allowed = set(words) if VOCAB_DEFAULTS[field] else {*words, ""}
        chosen = value_choices.get(field, {})
        for value in chosen.values():
            if value not in allowed:
                raise ImportProblem(f"'{value}' is not a {FIELD_LABELS[field].lower()} choice.")
        checked[field] = {_value_key(k): v for k, v in chosen.items()}
    return checked


def _convert(
    cells: Mapping[str, str], date_order: str, choices: Mapping[str, Mapping[str, str]]
) -> tuple[dict[str, object], list[str], list[str]]:
    """One source row as tracker values, with reasons to skip it and notes on what changed."""
    row: dict[str, object] = {field: cells.get(field, "") for field in TEXT_FIELDS}
    reasons: list[str] = []
    notes: list[str] = []
    for field in vocab.REQUIRED_INTERVIEW_FIELDS:
        if field in TEXT_FIELDS and not cells[field].strip():
            reasons.append(f"{FIELD_LABELS[field]} is empty")

    for field in DATE_FIELDS:
        text = cells.get(field, "")
        row[field] = None
        if not text.strip():
            if field in vocab.REQUIRED_INTERVIEW_FIELDS:
                reasons.append(f"{FIELD_LABELS[field]} is empty")
            continue
        try:
            row[field] = parse_date(text, date_order)
        except ImportProblem as problem:
            reasons.append(f"{FIELD_LABELS[field]}: {problem}")

    row["round"] = pd.NA
    text = cells.get("round", "").strip()
    if text:
        digits = re.fullmatch(r"(?:round\s*)?(\d{1,3})(?:st|nd|rd|th)?", text, re.IGNORECASE)
        if digits and int(digits[1]) > 0:
            row["round"] = int(digits[1])
        else:
            notes.append(f"round '{text}' is not a number: left empty")

    for field, default in VOCAB_DEFAULTS.items():
        text = cells.get(field, "")
        if not text.strip():
            row[field] = default
            if default and field in cells:
                notes.append(f"no {FIELD_LABELS[field].lower()}: set to {default}")
            continue
        value = vocabulary_value(field, text)
        if value is None:
            value = choices[field].get(_value_key(text))
        if value is None:
            reasons.append(
                f"{FIELD_LABELS[field]} '{text.strip()}' is not one the tracker knows; "
                "choose what it stands for to import this row"
            )
        else:
            row[field] = value
    return row, reasons, notes


def _text_key(text: object) -> str:
    return " ".join(str(text).split()).casefold()


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def _existing_keys(existing: pd.DataFrame) -> set[tuple[str, str, dt.date]]:
    if not {"company", "role", "interview_date"} <= set(existing.columns):
        return set()
    return {
        (_text_key(company), _text_key(role), day)
        for company, role, when in zip(
            existing["company"], existing["role"], existing["interview_date"], strict=True
        )
        if (day := _as_date(when)) is not None
        and isinstance(company, str)
        and isinstance(role, str)
    }


def _existing_ids(existing: pd.DataFrame) -> set[str]:
    if "interview_id" not in existing.columns:
        return set()
    return {str(i) for i in existing["interview_id"] if not pd.isna(i)}


def _frame(rows: list[tuple[int, dict[str, object]]]) -> pd.DataFrame:
    frame = pd.DataFrame(
        [row for _, row in rows], index=pd.Index([n for n, _ in rows], name="row", dtype="int64")
    ).reindex(columns=list(TARGET_FIELDS))
    for field in TARGET_FIELDS:
        if field in DATE_FIELDS:
            frame[field] = frame[field].astype(object).where(frame[field].notna(), None)
        elif field == "round":
            frame[field] = frame[field].astype("Int64")
        else:
            frame[field] = frame[field].fillna("").astype(str)
    return frame


def _report(lines: list[dict[str, object]]) -> pd.DataFrame:
    report = pd.DataFrame(lines, columns=list(REPORT_COLUMNS))
    report["row"] = report["row"].astype("int64")
    return report
