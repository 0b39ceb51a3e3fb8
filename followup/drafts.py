"""An email draft for a tracked interview, as a `mailto:` link the user's own mail app opens."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import quote

from followup import script

# What the draft says where the tracker does not know the answer; the user fills it in.
PLACEHOLDERS = {
    "your_name": "[your name]",
    "qualifications": "[a strength that fits the role]",
    "employer_needs": "[what they said they need]",
    "interviewer": "[their name]",
}


def email_draft_url(interview: Mapping[str, object], yours: Mapping[str, object]) -> str | None:
    """A `mailto:` link to the interviewer with the email script's subject and body, or None
    when the interviewer's email is not known or the draft cannot be built.

    `yours` holds what the user typed on the Call script page (name, qualifications, needs...);
    whatever is missing is a bracketed placeholder to fill in before sending.
    """
    address = interview.get("interviewer_email")
    if not isinstance(address, str) or not script.EMAIL.fullmatch(address.strip()):
        return None
    fields: dict[str, object] = dict(PLACEHOLDERS)
    fields |= {k: v for k, v in script.details_from_interview(interview).items() if v}
    fields |= {k: v for k, v in yours.items() if v}
    try:
        draft = script.email(script.CallDetails.from_form(**fields))
    except script.ScriptInputError:
        return None
    subject, *body = draft.sections
    subject_line = subject.text.removeprefix("Subject: ")
    text = "\n\n".join(section.text for section in body)
    # quote() with no safe characters: an address or text cannot add its own mailto fields.
    return f"mailto:{quote(address.strip(), safe='@')}?subject={quote(subject_line, safe='')}" + (
        f"&body={quote(text, safe='')}"
    )
