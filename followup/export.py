"""Download the tracker: each table as CSV, both as one zip; read our own zip back exactly.

The CSV bytes are the data files' format (`followup.csvformat`): spreadsheet-safe, and reading
them back undoes the neutralising, so export then import is a round trip.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence

import pandas as pd

from followup import csvformat, vocab
from followup.store import FOLLOWUPS_FILE, INTERVIEWS_FILE
from followup.tracker import FOLLOWUP_DATES, INTERVIEW_DATES, Tracker, TrackerError

ZIP_NAME = "followup-tracker.zip"
# A zip holds our two files; anything much bigger or busier is not one of ours.
MAX_ZIP_BYTES = 2 * csvformat.MAX_BYTES
MAX_MEMBERS = 10


class ExportError(ValueError):
    """A file that is not a readable tracker export; the message is for the user."""


def interviews_csv(tracker: Tracker) -> bytes:
    """The interviews table as CSV bytes."""
    return csvformat.to_csv(tracker.interviews)


def followups_csv(tracker: Tracker) -> bytes:
    """The follow-ups table as CSV bytes."""
    return csvformat.to_csv(tracker.followups)


def tracker_zip(tracker: Tracker) -> bytes:
    """Both tables in one zip, named as in the data folder."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        # A fixed timestamp makes the same tracker give the same bytes.
        for name, data in (
            (INTERVIEWS_FILE, interviews_csv(tracker)),
            (FOLLOWUPS_FILE, followups_csv(tracker)),
        ):
            info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def read_interviews_csv(data: bytes, name: str = INTERVIEWS_FILE) -> pd.DataFrame:
    """Our interviews CSV back as a table (model dtypes); raise ExportError when it is not one."""
    return _read_table(data, name, vocab.INTERVIEW_COLUMNS, INTERVIEW_DATES)


def read_followups_csv(data: bytes, name: str = FOLLOWUPS_FILE) -> pd.DataFrame:
    """Our follow-ups CSV back as a table (model dtypes); raise ExportError when it is not one."""
    return _read_table(data, name, vocab.FOLLOWUP_COLUMNS, FOLLOWUP_DATES)


def read_tracker_zip(
    data: bytes, name: str = ZIP_NAME, max_bytes: int = csvformat.MAX_BYTES
) -> Tracker:
    """A tracker from our zip export; raise ExportError for anything else.

    A member that unpacks to more than `max_bytes` is refused while it is unpacked.
    """
    if len(data) > MAX_ZIP_BYTES:
        raise ExportError(f"{name} is {len(data) / 1e6:.1f} MB, too big for a tracker export.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as err:
        raise ExportError(f"{name} is not a zip file.") from err
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise ExportError(f"{name} holds {len(members)} files; an export holds two.")
        names = {member.filename for member in members}
        missing = [f for f in (INTERVIEWS_FILE, FOLLOWUPS_FILE) if f not in names]
        if missing:
            raise ExportError(f"{name} has no {' or '.join(missing)}; is it a tracker export?")
        interviews = read_interviews_csv(_member(archive, INTERVIEWS_FILE, name, max_bytes))
        followups = read_followups_csv(_member(archive, FOLLOWUPS_FILE, name, max_bytes))
    try:
        return Tracker.from_frames(interviews, followups)
    except TrackerError as err:
        raise ExportError(f"{name} cannot be used: {err}") from err


def read_tracker_files(
    files: Sequence[tuple[str, bytes]], max_bytes: int = csvformat.MAX_BYTES
) -> Tracker:
    """A tracker from uploaded files: our zip, or our two CSVs; raise ExportError otherwise.

    `files` holds (name, bytes) pairs. The CSVs are told apart by their header, not their names,
    since a browser may save a second download as "interviews (1).csv". A file larger than
    `max_bytes` (unpacked, for a zip) is refused before it is read.
    """
    if len(files) == 1 and _is_zip(files[0][1]):
        name, data = files[0]
        return read_tracker_zip(data, name, max_bytes)
    for name, data in files:
        if len(data) > max_bytes:
            raise ExportError(_too_large(name, max_bytes))
    if any(_is_zip(data) for _, data in files) or len(files) != 2:
        raise ExportError(WHICH_FILES)
    tables: dict[str, tuple[str, bytes]] = {}
    for name, data in files:
        tables.setdefault(_table_of(data, name), (name, data))
    if set(tables) != {INTERVIEWS_FILE, FOLLOWUPS_FILE}:
        raise ExportError(WHICH_FILES)
    interviews = read_interviews_csv(tables[INTERVIEWS_FILE][1], tables[INTERVIEWS_FILE][0])
    followups = read_followups_csv(tables[FOLLOWUPS_FILE][1], tables[FOLLOWUPS_FILE][0])
    try:
        return Tracker.from_frames(interviews, followups)
    except TrackerError as err:
        raise ExportError(f"These files cannot be used: {err}") from err


WHICH_FILES = (
    f"Choose the {ZIP_NAME} you downloaded, or both its files: "
    f"{INTERVIEWS_FILE} and {FOLLOWUPS_FILE}."
)


def _is_zip(data: bytes) -> bool:
    return data.startswith(b"PK\x03\x04")


def _table_of(data: bytes, name: str) -> str:
    """Which of our tables a CSV holds, from the id column in its header."""
    first_line = data[:4096].splitlines()[0] if data.strip() else b""
    header = next(csv.reader([first_line.decode("utf-8-sig", errors="replace")]), [])
    columns = {column.strip() for column in header}
    # A follow-ups table names its interview too, so look for the follow-up id first.
    if vocab.FOLLOWUP_COLUMNS[0] in columns:
        return FOLLOWUPS_FILE
    if vocab.INTERVIEW_COLUMNS[0] in columns:
        return INTERVIEWS_FILE
    raise ExportError(f"{name} is neither {INTERVIEWS_FILE} nor {FOLLOWUPS_FILE} of a tracker.")


def _member(archive: zipfile.ZipFile, member: str, name: str, max_bytes: int) -> bytes:
    # Read at most one byte past the limit: the sizes a zip declares can lie (zip bombs).
    try:
        with archive.open(member) as stream:
            data = stream.read(max_bytes + 1)
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as err:
        raise ExportError(f"{member} in {name} cannot be unpacked ({err}).") from err
    if len(data) > max_bytes:
        raise ExportError(
            f"{member} in {name} unpacks to more than {_megabytes(max_bytes)}, more than a "
            "tracker file can hold here."
        )
    return data


def _too_large(name: str, max_bytes: int) -> str:
    return f"{name} is larger than {_megabytes(max_bytes)}, more than can be loaded here."


def _megabytes(size: int) -> str:
    return f"{size / 1e6:.3g} MB"


def _read_table(
    data: bytes, name: str, contract: tuple[str, ...], dates: tuple[str, ...]
) -> pd.DataFrame:
    try:
        frame = csvformat.read_csv(data, name, dates)
    except csvformat.CsvFormatError as err:
        raise ExportError(str(err)) from err
    missing = [column for column in contract if column not in frame.columns]
    if missing:
        noun = "column" if len(missing) == 1 else "columns"
        raise ExportError(f"{name} lacks the {noun} {', '.join(missing)}.")
    return frame
