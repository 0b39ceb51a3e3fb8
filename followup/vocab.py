"""The app's vocabularies and the tracker's column contract, in one place.

Pages, charts, the script builder and the tracker all read their choices from here.
"""

from __future__ import annotations

# Interview status, in the order a job search moves through them.
STATUSES: tuple[str, ...] = ("Awaiting decision", "Next round", "Offer", "Rejected", "Withdrawn")
# Once an interview has one of these, no more follow-ups are suggested.
CLOSED_STATUSES: frozenset[str] = frozenset({"Offer", "Rejected", "Withdrawn"})

# Follow-up channels; the survey's answer names, plus a LinkedIn message (social media where the
# conversation already happened there).
CHANNELS: tuple[str, ...] = (
    "Email",
    "Phone call",
    "Handwritten note",
    "LinkedIn message",
    "Social media",
    "Text message",
)
# The three channels most HR managers in the main survey find appropriate.
ACCEPTED_CHANNELS: tuple[str, ...] = ("Email", "Phone call", "Handwritten note")
PHONE_CALL = "Phone call"
EMAIL = "Email"

PURPOSES: tuple[str, ...] = ("Thank-you", "Check-in", "Extra information")
OUTCOMES: tuple[str, ...] = ("Planned", "Done", "Reached", "Voicemail", "No answer", "Replied")
PLANNED = "Planned"
REPLIED = "Replied"

# The tracker's CSV contract (README, "Data files"): column order as written to disk.
INTERVIEW_COLUMNS: tuple[str, ...] = (
    "interview_id",
    "company",
    "role",
    "interviewer",
    "interviewer_title",
    "interviewer_email",
    "interviewer_phone",
    "interview_date",
    "round",
    "decision_expected",
    "status",
    "preferred_channel",
    "notes",
)
REQUIRED_INTERVIEW_FIELDS: tuple[str, ...] = ("company", "role", "interview_date")
FOLLOWUP_COLUMNS: tuple[str, ...] = (
    "followup_id",
    "interview_id",
    "date",
    "channel",
    "purpose",
    "outcome",
    "notes",
)
# An optional interviews column the app writes (not part of the contract above; the tracker keeps
# it like any unknown column): the call-script checklist items ticked, comma-separated keys.
CHECKLIST_COLUMN = "precall_checklist"
