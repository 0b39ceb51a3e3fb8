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
import functools
import io
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from followup import vocab
from followup.spreadsheet import restore_cell
from followup.tracker import MAX_DATE, MIN_DATE, clean_text, is_web_link

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
    "application_date": "Application date",
    "job_url": "Job link",
    "location": "Location",
    "salary": "Salary",
}
DATE_FIELDS: tuple[str, ...] = ("interview_date", "decision_expected", "application_date")
TEXT_FIELDS: tuple[str, ...] = tuple(
    f
    for f in TARGET_FIELDS
    if f not in (*DATE_FIELDS, "round", "status", "preferred_channel", "job_url")
)
DEFAULT_STATUS = vocab.DEFAULT_STATUS
# The columns every version of our own export has (version 2 added four).
OWN_EXPORT_COLUMNS: tuple[str, ...] = tuple(
    c for c in vocab.INTERVIEW_COLUMNS if c not in vocab.VERSION_2_INTERVIEW_COLUMNS
)

ISO = "ISO (year first)"
US = "US (month first)"
EUROPEAN = "European (day first)"
DATE_ORDERS: tuple[str, ...] = (ISO, US, EUROPEAN)

ADDED = "added"
SKIPPED = "skipped"
DUPLICATE = "duplicate"
REPORT_COLUMNS: tuple[str, ...] = (
    "row",
    "outcome",
    "company",
    "role",
    "interview date",
    "reason",
    "application date",
)

DELIMITER_NAMES: dict[str, str] = {",": "comma", ";": "semicolon", "\t": "tab"}

# Names other trackers give their columns, normalised by `_column_key` (case, accents, spaces
# and punctuation ignored), best match first, in English, German, French and Spanish. A column's
# own name in our export comes first, so our files map exactly. A plain "Date" is taken for the
# interview date, as in a list of interviews; a row whose status says it is an application takes
# that date as its application date instead (`_convert`).
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "company": (
        "company",
        "employer",
        "organisation",
        "organization",
        "companyname",
        "firm",
        "firma",
        "unternehmen",
        "arbeitgeber",
        "entreprise",
        "societe",
        "employeur",
        "empresa",
        "compania",
        "organizacion",
    ),
    "role": (
        "role",
        "position",
        "jobtitle",
        "title",
        "job",
        "positiontitle",
        "jobrole",
        "jobposition",
        "stelle",
        "stellenbezeichnung",
        "jobtitel",
        "titel",
        "poste",
        "intituledeposte",
        "intituleduposte",
        "titreduposte",
        "emploi",
        "puesto",
        "cargo",
        "titulodelpuesto",
        "vacante",
    ),
    "interviewer": (
        "interviewer",
        "interviewername",
        "contact",
        "contactname",
        "contactperson",
        "hiringmanager",
        "recruiter",
        "ansprechpartner",
        "ansprechperson",
        "kontakt",
        "interlocuteur",
        "recruteur",
        "contacto",
        "reclutador",
        "entrevistador",
    ),
    "interviewer_title": ("interviewertitle", "contacttitle", "contactrole"),
    "interviewer_email": (
        "intervieweremail",
        "email",
        "emailaddress",
        "contactemail",
        "mail",
        "courriel",
        "correo",
        "correoelectronico",
    ),
    "interviewer_phone": (
        "interviewerphone",
        "phone",
        "phonenumber",
        "telephone",
        "contactphone",
        "mobile",
        "telefon",
        "telefonnummer",
        "telefono",
    ),
    "interview_date": (
        "interviewdate",
        "dateofinterview",
        "interviewed",
        "interviewedon",
        "interviewtermin",
        "gesprachstermin",
        "vorstellungsgesprach",
        "datedelentretien",
        "datedentretien",
        "dateentretien",
        "entretien",
        "fechadeentrevista",
        "fechaentrevista",
        "entrevista",
        "date",
        "datum",
        "fecha",
    ),
    "round": ("round", "interviewround", "runde", "tour", "ronda"),
    "decision_expected": (
        "decisionexpected",
        "decisiondate",
        "expecteddecision",
        "decisionby",
        "responseexpected",
        "deadline",
        "replyby",
        "offerdeadline",
        "frist",
        "antwortbis",
        "datelimite",
        "fechalimite",
    ),
    "status": (
        "status",
        "stage",
        "applicationstatus",
        "interviewstatus",
        "statut",
        "etat",
        "etape",
        "estado",
        "etapa",
        "phase",
        # Huntr calls its stages lists.
        "list",
    ),
    "preferred_channel": (
        "preferredchannel",
        "channel",
        "contactmethod",
        "followupchannel",
        "kanal",
        "canal",
    ),
    "notes": (
        "notes",
        "note",
        "comments",
        "comment",
        "remarks",
        "notizen",
        "notiz",
        "bemerkungen",
        "anmerkungen",
        "kommentar",
        "remarques",
        "commentaires",
        "notas",
        "comentarios",
        "observaciones",
    ),
    "application_date": (
        "applicationdate",
        "dateapplied",
        "applieddate",
        "applied",
        "appliedon",
        "dateofapplication",
        "datesubmitted",
        "submitted",
        "submittedon",
        "bewerbungsdatum",
        "beworbenam",
        "datumderbewerbung",
        "beworben",
        "datedecandidature",
        "datecandidature",
        "candidature",
        "candidatureenvoyee",
        "postulele",
        "fechadesolicitud",
        "fechadeaplicacion",
        "fechadepostulacion",
        "fechadecandidatura",
        "fechasolicitud",
        "postulacion",
        "solicitud",
    ),
    "job_url": (
        "joburl",
        "url",
        "link",
        "joblink",
        "joblisting",
        "jobposting",
        "posting",
        "postingurl",
        "listingurl",
        "applicationlink",
        "stellenanzeige",
        "anzeige",
        "lien",
        "annonce",
        "liendelannonce",
        "enlace",
        "anuncio",
    ),
    "location": (
        "location",
        "city",
        "joblocation",
        "ort",
        "standort",
        "arbeitsort",
        "lieu",
        "ville",
        "localisation",
        "ubicacion",
        "ciudad",
        "lugar",
    ),
    "salary": (
        "salary",
        "compensation",
        "pay",
        "salaryrange",
        "gehalt",
        "lohn",
        "salaire",
        "remuneration",
        "salario",
        "sueldo",
    ),
}

# The status words of the common trackers (Huntr, Teal, JobSync, Simplify) and of home-made sheets
# in English, German, French and Spanish, keyed by `_value_key`, each read as the stage it stands
# for. The import shows how it read them, and the user can change any of them.
_STATUS_WORDS: dict[str, tuple[str, ...]] = {
    "Applied": (
        "applied",
        "submitted",
        "application sent",
        "application submitted",
        "sent",
        "under review",
        "in review",
        "applied online",
        "bewerbung versendet",
        "versendet",
        "beworben online",
        "candidature deposee",
        "envoye",
        "enviado",
        "solicitud presentada",
        "beworben",
        "bewerbung gesendet",
        "bewerbung verschickt",
        "bewerbung abgeschickt",
        "gesendet",
        "postule",
        "candidature envoyee",
        "candidature",
        "envoyee",
        "postulado",
        "solicitud enviada",
        "candidatura enviada",
        "enviada",
        "aplicado",
    ),
    "Awaiting decision": (
        "interview",
        "interviewed",
        "interviewing",
        "phone screen",
        "phone interview",
        "screen",
        "screening",
        "technical interview",
        "interview scheduled",
        "interview completed",
        "recruiter call",
        "recruiter screen",
        "hr interview",
        "onsite interview",
        "waiting to hear back",
        "eingeladen",
        "einladung",
        "entretien telephonique",
        "entretien rh",
        "entrevista telefonica",
        "onsite",
        "on site",
        "pending",
        "waiting",
        "in progress",
        "awaiting response",
        "vorstellungsgesprach",
        "gesprach",
        "interview gefuhrt",
        "telefoninterview",
        "entretien",
        "entretien passe",
        "en attente",
        "entrevista",
        "entrevistado",
        "en proceso",
    ),
    "Next round": (
        "second round",
        "2nd round",
        "next interview",
        "final round",
        "final interview",
        "second interview",
        "2nd interview",
        "third round",
        "3rd round",
        "zweite runde",
        "zweites gesprach",
        "deuxieme entretien",
        "second entretien",
        "segunda entrevista",
        "segunda ronda",
    ),
    "Offer": (
        "offered",
        "offer received",
        "accepted",
        "offer accepted",
        "negotiating",
        "angebot",
        "zusage",
        "offre",
        "offre recue",
        "oferta",
        "oferta recibida",
        "job offer",
        "hired",
        "angebot erhalten",
        "zusage erhalten",
        "accepte",
        "aceptado",
        "aceptada",
    ),
    "Rejected": (
        "rejection",
        "not selected",
        "unsuccessful",
        "ghosted",
        "no response",
        "no reply",
        "no answer",
        "absage",
        "abgelehnt",
        "keine antwort",
        "refuse",
        "refus",
        "pas de reponse",
        "sans reponse",
        "not moving forward",
        "position filled",
        "absage erhalten",
        "keine ruckmeldung",
        "candidature refusee",
        "descartado",
        "descartada",
        "no seleccionado",
        "rechazado",
        "rechazada",
        "sin respuesta",
    ),
    "Withdrawn": (
        "withdrew",
        "i withdrew",
        "declined",
        "offer declined",
        "zuruckgezogen",
        "abgesagt",
        "retire",
        "retiree",
        "desiste",
        "retirado",
        "retirada",
    ),
}
STATUS_SYNONYMS: dict[str, str] = {
    word: status for status, words in _STATUS_WORDS.items() for word in words
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


class DateOutOfRange(ImportProblem):
    """A real date outside the tracker's range (`tracker.MIN_DATE` to `tracker.MAX_DATE`)."""


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
    own_export = set(OWN_EXPORT_COLUMNS) <= set(columns)
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
                _check_header(header)
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


def _check_header(header: list[str]) -> None:
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


def _unaccented(text: str) -> str:
    # casefold() also writes ß as ss.
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _column_key(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", _unaccented(name))


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
    if not {"interview_date", "application_date"} & set(by_field):
        missing.append("Interview date or Application date")
    if missing:
        raise ImportProblem(
            f"Choose the column that holds: {', '.join(missing)}. The tracker needs the company "
            "and role of every row, and the day you applied or were interviewed."
        )
    return by_field


# ---------------------------------------------------------------------------------------------
# Dates

_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
_ISO_RE = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})" + _TIME)
_NUMERIC_RE = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})" + _TIME)
# A day and a month without a year (9/19, 19.09.), read once the user says which year.
_NUMERIC_NO_YEAR_RE = re.compile(r"(\d{1,2})([/.])(\d{1,2})\.?")
_YEAR = r"(?:,?[\s/-]+(?:de\s+)?(\d{4}|\d{2}))?"
# 19 Sep 2024, 19. September 2024, 1er mars 2024, 19 de septiembre de 2024, 19-Sep-24, 19 Sep.
_DAY_NAMED_RE = re.compile(
    r"(\d{1,2})(?:er|st|nd|rd|th)?\.?[\s/-]*(?:de\s+)?([a-z]{3,10})\.?" + _YEAR
)
# September 19, 2024; Sep 19 2024; Sep 19.
_NAMED_DAY_RE = re.compile(r"([a-z]{3,10})\.?[\s/-]+(\d{1,2})(?:st|nd|rd|th)?" + _YEAR)
# Month names and their usual short forms in English, German, French and Spanish, without
# accents (`_unaccented`); no word names two different months.
_MONTH_WORDS: tuple[tuple[str, ...], ...] = (
    ("january", "jan", "januar", "janner", "janvier", "janv", "enero", "ene"),
    ("february", "feb", "februar", "fevrier", "fevr", "fev", "febrero"),
    ("march", "mar", "marz", "maerz", "mrz", "mars", "marzo"),
    ("april", "apr", "avril", "avr", "abril", "abr"),
    ("may", "mai", "mayo"),
    ("june", "jun", "juni", "juin", "junio"),
    ("july", "jul", "juli", "juillet", "juil", "julio"),
    ("august", "aug", "aout", "agosto", "ago"),
    ("september", "sep", "sept", "septembre", "septiembre", "setiembre", "set"),
    ("october", "oct", "oktober", "okt", "octobre", "octubre"),
    ("november", "nov", "novembre", "noviembre"),
    ("december", "dec", "dezember", "dez", "decembre", "diciembre", "dic"),
)
_MONTHS = {word: number for number, words in enumerate(_MONTH_WORDS, start=1) for word in words}
_DATE_HINT = "write it as 2024-09-19, 9/19/2024, 19.09.2024 or 19 Sep 2024"


class MissingYear(ImportProblem):
    """A date written without its year, when no year was chosen for the file."""


def parse_date(text: str, order: str, year: int | None = None) -> dt.date:
    """Read one date (ISO, US, European, a month name); `year` completes one without a year."""
    value = text.strip()
    if match := _ISO_RE.fullmatch(value):
        return _date(int(match[1]), int(match[3]), int(match[4]), value)
    numeric = _NUMERIC_RE.fullmatch(value) or _NUMERIC_NO_YEAR_RE.fullmatch(value)
    if numeric:
        first, second = int(numeric[1]), int(numeric[3])
        if order == ISO:
            raise ImportProblem(f"'{value}' is not in year-month-day form, the date order chosen")
        month, day = (first, second) if order == US else (second, first)
        digits = numeric[4] if numeric.re is _NUMERIC_RE else None
        return _date(_full_year(digits, year, value), month, day, value)
    words = _unaccented(value)
    if (match := _DAY_NAMED_RE.fullmatch(words)) and match[2] in _MONTHS:
        return _date(_full_year(match[3], year, value), _MONTHS[match[2]], int(match[1]), value)
    if (match := _NAMED_DAY_RE.fullmatch(words)) and match[1] in _MONTHS:
        return _date(_full_year(match[3], year, value), _MONTHS[match[1]], int(match[2]), value)
    raise ImportProblem(f"'{value}' is not a date the import can read ({_DATE_HINT})")


def has_no_year(text: str) -> bool:
    """True for a date written with a day and a month but no year (9/19, 19.09., 19 Sep)."""
    value = text.strip()
    if _NUMERIC_NO_YEAR_RE.fullmatch(value):
        return True
    words = _unaccented(value)
    for pattern, month in ((_DAY_NAMED_RE, 2), (_NAMED_DAY_RE, 1)):
        match = pattern.fullmatch(words)
        if match and match[month] in _MONTHS and match[3] is None:
            return True
    return False


def suggest_year(values: Iterable[str], order: str, today: dt.date) -> int:
    """The latest year in which none of these yearless dates is after `today`."""
    # Last year always qualifies: any day of it is before today.
    days = [_reads_as(value, order, today.year) for value in values]
    return today.year if all(day is None or day <= today for day in days) else today.year - 1


def _full_year(digits: str | None, chosen: int | None, text: str) -> int:
    if digits is not None:
        return _year(digits)
    if chosen is None:
        raise MissingYear(f"'{text}' has no year; choose which year the file means")
    return chosen


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
    value = dt.date(year, month, day)
    if not MIN_DATE <= value <= MAX_DATE:
        raise DateOutOfRange(
            f"'{text}' is outside the dates the tracker takes "
            f"({MIN_DATE.isoformat()} to {MAX_DATE.isoformat()})"
        )
    return value


def _reads_as(text: str, order: str, year: int | None = 2000) -> dt.date | None:
    # 2000 is a leap year: a yearless 29 February reads while the order is guessed.
    try:
        return parse_date(text, order, year)
    except ImportProblem:
        return None


def guess_date_order(values: Iterable[str]) -> DateOrderGuess:
    """Guess how dates are written; ask the user (order None) when day and month could swap."""
    values = [v.strip() for v in values]
    # Dates with a year first, so the example shown when asking is a whole date.
    numeric = [v for v in values if _NUMERIC_RE.fullmatch(v)]
    numeric += [v for v in values if _NUMERIC_NO_YEAR_RE.fullmatch(v)]
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


def values_without_year(raw: RawTable, mapping: Mapping[str, str]) -> list[str]:
    """The date cells written without a year (the user is asked once which year they mean)."""
    return [value for value in date_values(raw, mapping) if has_no_year(value)]


# ---------------------------------------------------------------------------------------------
# Statuses and channels


def _value_key(text: str) -> str:
    # Punctuation and symbols (an emoji some trackers put in their stage names) do not count.
    return re.sub(r"[\W_]+", " ", _unaccented(text)).strip()


def vocabulary_value(field: str, text: str) -> str | None:
    """The vocabulary value a cell of `field` stands for, or None when it is not known."""
    return _known_values(field).get(_value_key(text))


@functools.cache
def _known_values(field: str) -> dict[str, str]:
    """Every key `vocabulary_value` recognises for `field`, once (it runs for each cell)."""
    words, synonyms = VOCAB_FIELDS[field]
    return {_value_key(w): w for w in words} | synonyms


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


def status_readings(raw: RawTable, mapping: Mapping[str, str]) -> dict[str, str | None]:
    """Each distinct status word in the file (first spelling) and the status it reads as."""
    readings: dict[str, str | None] = {}
    seen: set[str] = set()
    for column, field in mapping.items():
        if field != "status":
            continue
        for cell in raw.frame[column]:
            key = _value_key(cell)
            if key and key not in seen:
                seen.add(key)
                readings[cell.strip()] = vocabulary_value("status", cell)
    return readings


def unknown_value_counts(raw: RawTable, mapping: Mapping[str, str]) -> dict[str, pd.DataFrame]:
    """Per vocabulary field, the values the tracker does not know: `value`, `rows`, most rows first.

    Values that differ only in case and spacing are one value (written as first seen), as in
    `unknown_values`; the work is per distinct value, not per row.
    """
    unknown: dict[str, pd.DataFrame] = {}
    for column, field in mapping.items():
        if field not in VOCAB_FIELDS:
            continue
        cells = raw.frame[column].str.strip()
        cells = cells[cells != ""]
        keys = cells.map(_value_key)
        known = {key for key in keys.unique() if vocabulary_value(field, key) is not None}
        cells, keys = cells[~keys.isin(known)], keys[~keys.isin(known)]
        if cells.empty:
            continue
        grouped = pd.DataFrame({"key": keys, "value": cells}).groupby("key", sort=False)
        counts = pd.DataFrame({"value": grouped["value"].first(), "rows": grouped.size()})
        counts = counts.sort_values("rows", ascending=False, kind="stable")
        unknown[field] = counts.reset_index(drop=True)
    return unknown


# ---------------------------------------------------------------------------------------------
# The plan


def plan_import(
    raw: RawTable,
    mapping: Mapping[str, str],
    date_order: str,
    existing_interviews: pd.DataFrame,
    value_choices: Mapping[str, Mapping[str, str]] | None = None,
    year: int | None = None,
) -> ImportPlan:
    """Plan the import: valid new rows, likely duplicates kept apart, and a report per row.

    `mapping` is {source column: tracker field}. `value_choices` says, per vocabulary field,
    what a cell the tracker does not know stands for ({"status": {"Ghosted": "Rejected"}}; an
    empty string leaves an optional channel empty); a choice also overrides how a known word is
    read. Rows with an unknown value and no choice are skipped. `year` completes the dates
    written without one (rows with such a date are skipped without it).
    """
    if date_order not in DATE_ORDERS:
        raise ImportProblem(f"Choose how the dates are written: {', '.join(DATE_ORDERS)}.")
    by_field = _columns_by_field(raw, mapping)
    choices = _checked_choices(value_choices or {})
    known_keys = _existing_keys(existing_interviews)
    known_ids = _existing_ids(existing_interviews) if raw.own_export else set()
    seen_in_file: dict[tuple[str, str, dt.date], int] = {}

    new, duplicates, report = [], [], []
    # Plain dicts: a pandas row a source row (iterrows) took most of a 10,000-row plan.
    records = raw.frame.to_dict("records")
    for number, source in zip(raw.frame.index, records, strict=True):
        cells = {field: source[column] for field, column in by_field.items()}
        row, reasons, notes = _convert(cells, date_order, choices, year, raw.own_export)
        if number in raw.row_problems:
            reasons.insert(0, raw.row_problems[number])
        line = {
            "row": number,
            "company": cells["company"],
            "role": cells["role"],
            "interview date": cells.get("interview_date", ""),
            "application date": cells.get("application_date", ""),
        }
        if reasons:
            report.append(line | {"outcome": SKIPPED, "reason": "; ".join(reasons)})
            continue
        dates = (row["interview_date"], row["application_date"])
        keys = _row_keys(row["company"], row["role"], *dates)
        date = "interview date" if row["interview_date"] is not None else "date"
        earlier = [seen_in_file[key] for key in keys if key in seen_in_file]
        source_id = source.get("interview_id", "") if raw.own_export else ""
        if source_id and source_id in known_ids:
            flag = f"already in your tracker (same interview id {source_id})"
        elif known_keys.intersection(keys):
            flag = f"same company, role and {date} as an interview in your tracker"
        elif earlier:
            flag = f"same company, role and {date} as row {earlier[0]} of this file"
        else:
            flag = None
        for key in keys:
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
    cells: Mapping[str, str],
    date_order: str,
    choices: Mapping[str, Mapping[str, str]],
    year: int | None,
    own_export: bool,
) -> tuple[dict[str, object], list[str], list[str]]:
    """One source row as tracker values, with reasons to skip it and notes on what changed."""
    row: dict[str, object] = {}
    reasons: list[str] = []
    notes: list[str] = []
    for field in TEXT_FIELDS:
        row[field] = clean_text(cells.get(field, ""))
        if row[field] != cells.get(field, ""):
            notes.append(f"{FIELD_LABELS[field]}: control characters removed")
    for field in vocab.REQUIRED_INTERVIEW_FIELDS:
        if not cells[field].strip():
            reasons.append(f"{FIELD_LABELS[field]} is empty")

    unreadable = False
    for field in DATE_FIELDS:
        text = cells.get(field, "")
        row[field] = None
        if not text.strip():
            continue
        try:
            row[field] = parse_date(text, date_order, year)
        except DateOutOfRange as problem:
            # Often a spreadsheet's way of saying "no date" (12/31/9999).
            if field == "decision_expected":
                notes.append(f"{FIELD_LABELS[field]}: {problem}: left empty")
            else:
                unreadable = True
                reasons.append(f"{FIELD_LABELS[field]}: {problem}")
        except ImportProblem as problem:
            unreadable = True
            reasons.append(f"{FIELD_LABELS[field]}: {problem}")

    row["round"] = _round(cells.get("round", ""), own_export)

    row["job_url"] = _job_link(cells.get("job_url", ""), notes)

    for field, default in VOCAB_DEFAULTS.items():
        text = cells.get(field, "")
        if not text.strip():
            if field == "status" and row["interview_date"] is None and row["application_date"]:
                default = vocab.APPLIED
            row[field] = default
            if default and field in cells:
                notes.append(f"no {FIELD_LABELS[field].lower()}: set to {default}")
            continue
        value = choices[field].get(_value_key(text))
        if value is None:
            value = vocabulary_value(field, text)
        if value is None:
            reasons.append(
                f"{FIELD_LABELS[field]} '{text.strip()}' is not one the tracker knows; "
                "choose what it stands for to import this row"
            )
        else:
            row[field] = value
    if not unreadable:
        _fit_dates_to_status(row, cells.get("status", "").strip(), reasons, notes)
    return row, reasons, notes


def _fit_dates_to_status(
    row: dict[str, object], written: str, reasons: list[str], notes: list[str]
) -> None:
    """Give the row the date its status needs (`tracker.check_interview`), or say what is missing.

    An application's only date is the day it was sent; a row whose status says an interview
    took place but that has no interview date comes in as an application, so no thank-you is
    asked for an interview the file does not date.
    """
    status = row["status"] if isinstance(row.get("status"), str) else None
    stage = vocab.STAGE_OF_STATUS.get(status or DEFAULT_STATUS)
    written = written or str(status)
    interviewed, applied = row["interview_date"], row["application_date"]
    if stage == vocab.APPLICATION_STAGE and applied is None and interviewed is not None:
        row["application_date"], row["interview_date"] = interviewed, None
        notes.append(f"status '{written}': the date is taken as the application date")
    elif stage == vocab.INTERVIEW_STAGE and interviewed is None and applied is not None:
        row["status"] = vocab.APPLIED
        notes.append(
            f"status '{written}' but no interview date: imported as {vocab.APPLIED}; set the "
            "interview date and status in the tracker"
        )
    elif interviewed is None and applied is None:
        needed = {
            vocab.INTERVIEW_STAGE: "Interview date is empty",
            vocab.APPLICATION_STAGE: "Application date is empty",
        }
        reasons.append(needed.get(stage, "Interview date and Application date are empty"))


def _job_link(text: str, notes: list[str]) -> str:
    """A web address as the tracker keeps it; a bare `www.` or domain gets https://."""
    link = text.strip()
    if not link or is_web_link(link):
        return link
    bare = re.fullmatch(r"(?i)(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:[/?#]\S*)?", link)
    if bare and is_web_link(f"https://{link}"):
        notes.append("job link: https:// added")
        return f"https://{link}"
    notes.append(f"job link '{link}' is not a web address (http or https): left out")
    return ""


def _row_keys(company: object, role: object, *dates: object) -> list[tuple[str, str, dt.date]]:
    """What makes two rows alike: company, role and either of their dates."""
    return [(_text_key(company), _text_key(role), day) for day in dates if day is not None]


def _round(text: str, own_export: bool) -> str:
    """The round as the tracker keeps it: text ("1", "final", "HR screen").

    Our own export is taken exactly as written. Another tracker's "Round 2" or "2nd" becomes
    "2", the form the tracker's own rounds take; any other text is kept as typed.
    """
    if own_export:
        return text
    value = text.strip()
    digits = re.fullmatch(r"(?:round\s*)?(\d{1,3})(?:st|nd|rd|th)?", value, re.IGNORECASE)
    return str(int(digits[1])) if digits and int(digits[1]) > 0 else value


def _text_key(text: object) -> str:
    return " ".join(str(text).split()).casefold()


def _as_date(value: object) -> dt.date | None:
    if value is pd.NaT:
        return None
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
    applied = existing.get("application_date", pd.Series(None, index=existing.index, dtype=object))
    return {
        key
        for company, role, when, sent in zip(
            existing["company"], existing["role"], existing["interview_date"], applied, strict=True
        )
        if isinstance(company, str) and isinstance(role, str)
        for key in _row_keys(company, role, _as_date(when), _as_date(sent))
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
        else:
            frame[field] = frame[field].fillna("").astype(str)
    return frame


def _report(lines: list[dict[str, object]]) -> pd.DataFrame:
    report = pd.DataFrame(lines, columns=list(REPORT_COLUMNS))
    report["row"] = report["row"].astype("int64")
    return report
