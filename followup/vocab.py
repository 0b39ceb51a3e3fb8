"""The app's vocabularies and the tracker's column contract, in one place.

Pages, charts, the script builder and the tracker all read their choices from here.
"""

from __future__ import annotations

# Status, in the order a job search moves through them: applied, interviewed, then an outcome.
STATUSES: tuple[str, ...] = (
    "Applied",
    "Awaiting decision",
    "Next round",
    "Offer",
    "Rejected",
    "Withdrawn",
)
APPLIED = "Applied"
# A new interview (or a row without a status) is waiting for the decision after an interview.
DEFAULT_STATUS = "Awaiting decision"
# Once an interview has one of these, no more follow-ups to the employer are suggested (an offer
# still has its own reminder: your reply by its deadline).
CLOSED_STATUSES: frozenset[str] = frozenset({"Offer", "Rejected", "Withdrawn"})

# The stage of the search each status belongs to; the follow-up rules go by stage
# (followup/schedule.py) and so do the dates a row needs (followup/tracker.py).
APPLICATION_STAGE = "application"
INTERVIEW_STAGE = "interview"
OFFER_STAGE = "offer"
CLOSED_STAGE = "closed"
STAGE_OF_STATUS: dict[str, str] = {
    "Applied": APPLICATION_STAGE,
    "Awaiting decision": INTERVIEW_STAGE,
    "Next round": INTERVIEW_STAGE,
    "Offer": OFFER_STAGE,
    "Rejected": CLOSED_STAGE,
    "Withdrawn": CLOSED_STAGE,
}

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

PURPOSES: tuple[str, ...] = ("Thank-you", "Check-in", "Extra information", "Offer reply")
OFFER_REPLY = "Offer reply"
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
    # Version 2 of the file (README, "Data files"): the stages before an interview.
    "application_date",
    "job_url",
    "location",
    "salary",
)
# The columns version 2 added; a file without them is a version 1 file and loads the same.
VERSION_2_INTERVIEW_COLUMNS: tuple[str, ...] = ("application_date", "job_url", "location", "salary")
# Always required; the dates a row needs depend on its status (`tracker.check_interview`): an
# interview date once an interview is set, an application date for an application.
REQUIRED_INTERVIEW_FIELDS: tuple[str, ...] = ("company", "role")
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
# Also optional and written by the call-script page: the form's draft for that interview, as JSON.
DRAFT_COLUMN = "script_draft"
