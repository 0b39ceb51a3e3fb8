"""An email draft for a tracked interview, as a `mailto:` link the user's own mail app opens."""

from __future__ import annotations

from collections.abc import Mapping

from followup import script, vocab

# What the draft says where nothing known answers; the user fills it in before sending. Written
# so the script's phrasing keeps them whole ("[Your Name]" is not re-capitalised).
PLACEHOLDERS: dict[str, object] = {
    "your_name": "[Your Name]",
    "qualifications": "[a strength that fits the role]",
    "employer_needs": "[what they said they need]",
    "interviewer": "[their name]",
}
# Without their name the greeting is the placeholder whole, not a first name cut out of it.
UNKNOWN_ADDRESS = "[their name]"


def email_draft_url(interview: Mapping[str, object], yours: Mapping[str, object]) -> str | None:
    """A `mailto:` link to the interviewer with the email script's subject and body, or None
    when the interviewer's email is not known or the draft cannot be built.

    Filled from, each over the one before: placeholders, the tracker row, what the user typed
    about themselves this session (`yours`), and the form kept with this interview on the Call
    script page (`script_draft`). A value the script would refuse is left out (a placeholder
    stands in where one is needed). Raises `script.MailtoTooLong` for a draft too long to be
    a link.
    """
    address = script.clean_text(interview.get("interviewer_email"))
    if not script.EMAIL.fullmatch(address):
        return None
    fields: dict[str, object] = dict(PLACEHOLDERS)
    stored = script.draft_from_cell(interview.get(vocab.DRAFT_COLUMN))
    for source in (script.details_from_interview(interview), yours, stored):
        fields |= {name: value for name, value in source.items() if _usable(name, value)}
    if fields["interviewer"] == PLACEHOLDERS["interviewer"] and not fields.get("address"):
        fields["address"] = UNKNOWN_ADDRESS
    fields["interviewer_email"] = address
    try:
        draft = script.email(script.CallDetails.from_form(**fields))
    except script.ScriptInputError:
        return None
    return script.mailto_link(draft, address)


def _usable(name: str, value: object) -> bool:
    """A value given (not empty) that the script would accept for the field `name`."""
    if name in script.DRAFT_FLAGS:
        return isinstance(value, bool)
    if name == "interview_date":
        return value is not None
    if name not in script.LABELS:
        return False
    return bool(script.clean_text(value)) and script.field_problem(name, value) is None
