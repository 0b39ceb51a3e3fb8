"""The follow-up call script: a validated input model and pure builders for every variant.

User text is only ever an argument to f-strings written here, never a template itself, so a
company called ``{company}`` or ``$role`` comes out exactly as typed and no placeholder can be left
unfilled.
"""

from __future__ import annotations

import io
import json
import re
import unicodedata
import wave
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from datetime import date, datetime
from urllib.parse import quote, urlencode

import pandas as pd

from followup import phrasing

FIELD_LIMIT = 300
NOTES_LIMIT = 1_000
MAX_QUALIFICATIONS = 3
WORDS_PER_MINUTE = 140
LIVE_CALL_LIMIT_SECONDS = 90
VOICEMAIL_LIMIT_SECONDS = 30

LABELS: dict[str, str] = {
    "your_name": "Your name",
    "phone": "Your phone number",
    "email": "Your email address",
    "interviewer": "Interviewer's name",
    "address": "Greet them as",
    "interviewer_title": "Interviewer's job title",
    "interviewer_phone": "Interviewer's phone number",
    "interviewer_email": "Interviewer's email address",
    "company": "Company",
    "role": "Role",
    "interview_date": "Interview date",
    "qualifications": "Your key qualifications",
    "employer_needs": "What the employer said they need",
    "forgotten_point": "Something you wish you had said",
    "ask_decision": "Ask when they expect to decide",
    "linkedin": "We were already talking on LinkedIn",
}
REQUIRED_MESSAGES: dict[str, str] = {
    "your_name": "Enter your name, so the interviewer knows who is calling.",
    "interviewer": "Enter the interviewer's name: the script speaks to them by name.",
    "company": "Enter the company you interviewed with.",
    "role": "Enter the role you interviewed for.",
    "qualifications": "Add at least one qualification, one per line.",
    "employer_needs": "Say what the employer told you they need, so the script can make the match.",
}
REQUIRED_FIELDS = frozenset(REQUIRED_MESSAGES)
# Free-text fields: a line break there is part of what the user means (elsewhere it becomes a
# space), and they may run to NOTES_LIMIT characters.
NOTES_FIELDS = frozenset({"employer_needs", "forgotten_point"})
PHONE_DIGITS = range(6, 26)

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
LINE_BREAKS = re.compile(r"\r\n|[\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
PHONE = re.compile(r"\+?[\d\s().\-/]+(\s*(ext\.?|x)\s*\d+)?", re.IGNORECASE)
SENTENCE_END = (".", "!", "?", "…")


class ScriptInputError(ValueError):
    """The form has problems; `errors` maps each field to a message for the user."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__(" ".join(self.errors.values()))


def clean_text(text: object, multiline: bool = False) -> str:
    """Strip control characters and outer spaces; keep line breaks only when `multiline`."""
    if text is None:
        return ""
    breaks_as = "\n" if multiline else " "
    joined = LINE_BREAKS.sub(breaks_as, str(text)).replace("\t", " ")
    kept = "".join(char for char in joined if char == "\n" or unicodedata.category(char) != "Cc")
    return kept.strip()


def label(field: str) -> str:
    """A form field's label, marked "(required)" for the fields the scripts cannot do without."""
    return f"{LABELS[field]} (required)" if field in REQUIRED_FIELDS else LABELS[field]


def split_qualifications(text: object) -> tuple[str, ...]:
    """The non-blank lines of the qualifications box, without bullets or closing full stops."""
    lines = LINE_BREAKS.split(clean_text(text, multiline=True))
    phrases = (phrasing.clean_item(clean_text(line)) for line in lines)
    # A line of only a bullet or punctuation says nothing.
    return tuple(phrase for phrase in phrases if phrasing.says_something(phrase))


@dataclass(frozen=True)
class CallDetails:
    """Everything the scripts need; constructing one validates it (`ScriptInputError`)."""

    your_name: str
    interviewer: str
    company: str
    role: str
    qualifications: tuple[str, ...]
    employer_needs: str
    phone: str = ""
    email: str = ""
    interviewer_title: str = ""
    interview_date: date | None = None
    forgotten_point: str = ""
    ask_decision: bool = False
    # True when the user was already talking with the interviewer on LinkedIn.
    linkedin: bool = False
    # How to greet the interviewer ("Ms. Raman", "Priya"); empty: from the typed name.
    address: str = ""
    interviewer_phone: str = ""
    interviewer_email: str = ""

    def __post_init__(self) -> None:
        errors = _problems(self)
        if errors:
            raise ScriptInputError(errors)

    @classmethod
    def from_form(
        cls,
        *,
        your_name: object = "",
        interviewer: object = "",
        company: object = "",
        role: object = "",
        qualifications: object = "",
        employer_needs: object = "",
        phone: object = "",
        email: object = "",
        interviewer_title: object = "",
        interview_date: date | None = None,
        forgotten_point: object = "",
        ask_decision: bool = False,
        linkedin: bool = False,
        address: object = "",
        interviewer_phone: object = "",
        interviewer_email: object = "",
    ) -> CallDetails:
        """Clean raw form values (qualifications one per line) and validate them."""
        return cls(
            your_name=clean_text(your_name),
            interviewer=clean_text(interviewer),
            company=clean_text(company),
            role=clean_text(role),
            qualifications=split_qualifications(qualifications),
            employer_needs=_with_content(clean_text(employer_needs, multiline=True)),
            phone=clean_text(phone),
            email=clean_text(email),
            interviewer_title=clean_text(interviewer_title),
            interview_date=interview_date,
            forgotten_point=_with_content(clean_text(forgotten_point, multiline=True)),
            ask_decision=bool(ask_decision),
            linkedin=bool(linkedin),
            address=clean_text(address),
            interviewer_phone=clean_text(interviewer_phone),
            interviewer_email=clean_text(interviewer_email),
        )


def _with_content(text: str) -> str:
    """`text`, or "" when it says nothing: only bullets, punctuation or filler words."""
    return text if phrasing.says_something(text) else ""


def _problems(details: CallDetails) -> dict[str, str]:
    errors: dict[str, str] = {}
    for field in fields(details):
        value = getattr(details, field.name)
        if field.name == "qualifications":
            problem = _qualification_problem(value)
        elif isinstance(value, str):
            problem = _text_problem(field.name, value)
        else:
            problem = None
        if problem:
            errors[field.name] = problem
    return errors


def field_problem(name: str, value: object) -> str | None:
    """The message for one raw form value on its own, or None; for showing beside the field."""
    if name == "qualifications":
        return _qualification_problem(split_qualifications(value))
    cleaned = clean_text(value, multiline=name in NOTES_FIELDS)
    return _text_problem(name, cleaned)


def _text_problem(name: str, value: str) -> str | None:
    label = LABELS[name]
    if not value.strip():
        return REQUIRED_MESSAGES.get(name)
    limit = NOTES_LIMIT if name in NOTES_FIELDS else FIELD_LIMIT
    if len(value) > limit:
        return f"{label} is {len(value):,} characters long; keep it to {limit:,} at most."
    if clean_text(value, multiline=name in NOTES_FIELDS) != value:
        return (
            f"{label} contains characters that cannot be used: control characters, or spaces "
            "and line breaks at either end."
        )
    if name in ("email", "interviewer_email") and not EMAIL.fullmatch(value):
        return "That email address does not look right: it should be like name@example.com."
    if name in ("phone", "interviewer_phone") and not _looks_like_phone(value):
        return (
            f"That phone number does not look right: use at least {PHONE_DIGITS.start} digits, "
            "with spaces, +, -, dots or brackets if you like."
        )
    return None


def _looks_like_phone(value: str) -> bool:
    digits = sum(char.isdigit() for char in value)
    return bool(PHONE.fullmatch(value)) and digits in PHONE_DIGITS


def _qualification_problem(value: tuple[str, ...]) -> str | None:
    if not value:
        return REQUIRED_MESSAGES["qualifications"]
    if len(value) > MAX_QUALIFICATIONS:
        return (
            f"List at most {MAX_QUALIFICATIONS} qualifications, one per line (there are "
            f"{len(value)}): a short call has room for your strongest few."
        )
    for number, line in enumerate(value, start=1):
        if len(line) > FIELD_LIMIT:
            return (
                f"Qualification {number} is {len(line):,} characters long; keep each one to "
                f"{FIELD_LIMIT:,} at most."
            )
        if not line.strip() or clean_text(line) != line:
            return f"Qualification {number} is blank or contains control characters."
    return None


@dataclass(frozen=True)
class Section:
    """One part of a script, named so that its order can be checked."""

    name: str
    text: str
    # False for a line to read, not to say ("Dial ..."): left out of the speaking time.
    said: bool = True


@dataclass(frozen=True)
class Script:
    """One ready-to-use variant: a live call, a voicemail, an email, a note..."""

    key: str
    title: str
    sections: tuple[Section, ...]
    spoken: bool
    tip: str
    warnings: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """The whole script, sections separated by a blank line."""
        return "\n\n".join(section.text for section in self.sections)

    @property
    def section_names(self) -> tuple[str, ...]:
        """The names of the sections, in order."""
        return tuple(section.name for section in self.sections)

    @property
    def word_count(self) -> int:
        """How many words the script has."""
        return len(self.text.split())

    @property
    def speaking_seconds(self) -> int | None:
        """About how long it takes to say, for spoken variants; None for written ones."""
        if not self.spoken:
            return None
        return speaking_seconds(" ".join(s.text for s in self.sections if s.said))

    def section(self, name: str) -> str:
        """The text of the section called `name`; empty when the script has none."""
        return next((s.text for s in self.sections if s.name == name), "")


def speaking_seconds(text: str) -> int:
    """Seconds to say `text` at about 140 words a minute; digits count one each, as in a number."""
    spoken_words = sum(max(1, sum(char.isdigit() for char in token)) for token in text.split())
    return round(spoken_words * 60 / WORDS_PER_MINUTE)


def format_date(day: date) -> str:
    """A date as people say it: 3 March."""
    return f"{day.day} {MONTHS[day.month - 1]}"


def _end(text: str) -> str:
    """Close a sentence, without doubling a full stop the user's text already ends with."""
    return text if text.endswith(SENTENCE_END) else text + "."


def role_phrase(role: str) -> str:
    """ "the Data analyst role"; a role typed as "the analyst position" keeps its own noun."""
    core = re.sub(r"^(?:a|an|the)\s+", "", role, flags=re.IGNORECASE)
    if re.search(r"\b(?:role|position|job|post|opening|vacancy)$", core, re.IGNORECASE):
        return f"the {core}"
    return f"the {core} role"


def role_name(role: str) -> str:
    """The role without an article or a closing "role"/"position", for a subject line."""
    core = re.sub(r"^(?:a|an|the)\s+", "", role, flags=re.IGNORECASE)
    return re.sub(r"\s+(?:role|position|job|post)$", "", core, flags=re.IGNORECASE) or core


def greeting_name(details: CallDetails) -> str:
    """How the scripts address the interviewer: the user's choice, else from the typed name."""
    return details.address or phrasing.default_greeting_name(details.interviewer)


def your_name(details: CallDetails) -> str:
    """Your name as said and signed: capitals added only to a name typed all in lower case."""
    return phrasing.capitalised_name(details.your_name)


def _at_company(details: CallDetails) -> str:
    """ "the Data analyst role at Acme", with "on 3 March" only when the date was given."""
    said = f"{role_phrase(details.role)} at {details.company}"
    if details.interview_date is not None:
        said += f" on {format_date(details.interview_date)}"
    return said


def _match(details: CallDetails, lead: str, bridge: str) -> str:
    needs = phrasing.their_needs(details.employer_needs, lead)
    return f"{needs} {bridge} {phrasing.about_me(details.qualifications)}"


def live_call(details: CallDetails) -> Script:
    """The call itself: greet, thank, match, add what was missed, offer, maybe ask, close."""
    name = greeting_name(details)
    sections = []
    if details.interviewer_phone:
        sections.append(Section("dial", f"Dial {details.interviewer_phone}.", said=False))
    sections += [
        Section(
            "greeting",
            f"Hello {name}, this is {your_name(details)}. I'm calling about "
            f"{_end(_at_company(details))} Do you have a few minutes?",
        ),
        Section(
            "thanks",
            "First, thank you for your time at the interview. Our conversation made me even "
            "keener on the job.",
        ),
        Section("match", _match(details, "You told me", "That's where I can help.")),
    ]
    if details.forgotten_point:
        lead = "There is one more thing I didn't get to mention"
        sections.append(Section("forgotten", phrasing.one_point(details.forgotten_point, lead)))
    sections.append(
        Section(
            "offer",
            "Is there anything I could send that would help your decision, such as work "
            "samples, more detail on my experience, or my references?",
        )
    )
    if details.ask_decision:
        sections.append(Section("decision", "Could you tell me roughly when you expect to decide?"))
    sections.append(
        Section("close", f"That's all from me. Thank you again, {name}, and have a good day.")
    )
    script = Script(
        key="live_call",
        title="Live call",
        sections=tuple(sections),
        spoken=True,
        tip="Read it once aloud before you dial; say it in your own rhythm rather than word "
        "for word.",
    )
    return _with_length_warning(script, LIVE_CALL_LIMIT_SECONDS, "call")


def no_decision_yet(details: CallDetails) -> Script:
    """What to say when they have not decided yet: ask when to check back."""
    sections = (
        Section("understand", "That's fine; I know a good decision takes time."),
        Section(
            "check_back",
            "So that I don't get in touch too early: when would be a good time for me to check "
            "back with you?",
        ),
        Section(
            "close",
            f"Thank you, {greeting_name(details)}. I'm still very interested in joining "
            f"{details.company}, and I'm happy to send anything you need before then.",
        ),
    )
    return Script(
        key="no_decision",
        title="If no decision yet",
        sections=sections,
        spoken=True,
        tip="Write down the date they give you and plan one check-in for it on the Tracker "
        "page; until then, wait.",
    )


def voicemail(details: CallDetails) -> Script:
    """A short message for the answering machine: name and callback number said twice."""
    on = _callback(details)
    sections = [
        Section(
            "greeting",
            f"Hello {greeting_name(details)}, this is {your_name(details)}, calling about "
            f"{_end(f'{role_phrase(details.role)} at {details.company}')}",
        ),
        Section("thanks", "Thank you again for the interview; I'm still very interested."),
    ]
    if on:
        sections.append(Section("contact", f"You can reach me {on}."))
    sections += [
        Section("repeat", f"Once more, that's {your_name(details)}" + (f", {on}." if on else ".")),
        Section("close", "There's no rush to call back. Thank you, and goodbye."),
    ]
    warnings = ()
    if not on:
        warnings = (
            "Add your phone number or email address: a voicemail should leave a way to reach "
            "you, said twice so it can be written down.",
        )
    script = Script(
        key="voicemail",
        title="Voicemail",
        sections=tuple(sections),
        spoken=True,
        tip="Speak slowly, above all when you say your number; leave one message, not several.",
        warnings=warnings,
    )
    return _with_length_warning(script, VOICEMAIL_LIMIT_SECONDS, "voicemail")


def _callback(details: CallDetails) -> str:
    """ "on +44 ..." or "at sam@example.com"; empty when neither was given."""
    if details.phone:
        return f"on {details.phone}"
    if details.email:
        return f"at {details.email}"
    return ""


def _with_length_warning(script: Script, limit: int, what: str) -> Script:
    seconds = script.speaking_seconds or 0
    if seconds <= limit:
        return script
    warning = (
        f"This {what} takes about {seconds} seconds to say, more than the {limit} seconds to "
        "aim for. Shorten the qualifications or the other points: brief is what works."
    )
    return replace(script, warnings=(*script.warnings, warning))


def email(details: CallDetails) -> Script:
    """A follow-up email, subject line first, signed with your contact details."""
    sections = [
        Section("subject", f"Subject: Thank you for the {role_name(details.role)} interview"),
        Section("greeting", f"Dear {greeting_name(details)},"),
        Section(
            "thanks",
            f"Thank you for talking with me about {_end(_at_company(details))} I enjoyed our "
            "conversation, and it made me even keener on the job.",
        ),
        Section("match", _match(details, "You mentioned", "I believe I can help there.")),
    ]
    if details.forgotten_point:
        lead = "I would like to add something I did not mention in the interview"
        sections.append(Section("forgotten", phrasing.one_point(details.forgotten_point, lead)))
    offer = (
        "If work samples, more detail on my experience or my references would help your "
        "decision, I would be glad to send them."
    )
    if details.ask_decision:
        offer += " If you can share it, I would like to know when you expect to decide."
    sections += [
        Section("offer", offer),
        Section(
            "signature",
            "\n".join(
                line
                for line in ("Best regards,", your_name(details), details.phone, details.email)
                if line
            ),
        ),
    ]
    return Script(
        key="email",
        title="Email",
        sections=tuple(sections),
        spoken=False,
        tip="Send it within a day of the interview, from the address on your application.",
    )


def handwritten_note(details: CallDetails) -> Script:
    """A few lines for a card, with the envelope's address block."""
    envelope = "\n".join(
        line
        for line in (
            phrasing.capitalised_name(details.interviewer),
            details.interviewer_title,
            details.company,
        )
        if line
    )
    sections = (
        Section("envelope", f"For the envelope:\n{envelope}", said=False),
        Section("greeting", f"Dear {greeting_name(details)},"),
        Section(
            "thanks",
            f"Thank you for our conversation about {role_phrase(details.role)}. I left even "
            f"keener to join {_end(details.company)} {phrasing.about_me(details.qualifications)}",
        ),
        Section("close", "I hope we speak again soon.\nWith best wishes,\n" + your_name(details)),
    )
    return Script(
        key="note",
        title="Handwritten note",
        sections=sections,
        spoken=False,
        tip="Write it by hand on a plain card and post it the same day or the next.",
    )


def linkedin_message(details: CallDetails) -> Script:
    """A short LinkedIn message, for when the conversation already happened there."""
    sections = [
        Section(
            "thanks",
            f"Hi {greeting_name(details)}, thank you again for the interview for "
            f"{role_phrase(details.role)} at {_end(details.company)} I enjoyed it, and I'm "
            "still very interested.",
        ),
    ]
    if details.forgotten_point:
        lead = "There's one thing I'd like to add"
        sections.append(Section("forgotten", phrasing.one_point(details.forgotten_point, lead)))
    sections += [
        Section("offer", "If anything else would help, I'm happy to share it here or by email."),
        Section("close", f"Best,\n{your_name(details)}"),
    ]
    return Script(
        key="linkedin",
        title="LinkedIn message",
        sections=tuple(sections),
        spoken=False,
        tip="Send it only in the conversation you already had with them on LinkedIn.",
    )


def build_scripts(details: CallDetails) -> tuple[Script, ...]:
    """Every variant for these details; the LinkedIn message only when already talking there."""
    scripts = [
        live_call(details),
        no_decision_yet(details),
        voicemail(details),
        email(details),
        handwritten_note(details),
    ]
    if details.linkedin:
        scripts.append(linkedin_message(details))
    return tuple(scripts)


# The one-call rule, as the page puts it beside a call script for a tracked interview.
ONE_CALL_RULE = (
    "One call per interview round: if they don't pick up, leave the voicemail once and don't "
    "ring again; an email or a note is the next step. Employers in the survey behind this app "
    "did not want to be called again and again."
)

# The variant to suggest first for an interviewer's preferred channel (the tracker's column).
CHANNEL_VARIANTS: dict[str, str] = {
    "Phone call": "live_call",
    "Email": "email",
    "Handwritten note": "note",
    "LinkedIn message": "linkedin",
}


def suggested_order(scripts: tuple[Script, ...], channel: object) -> tuple[Script, ...]:
    """The scripts with the one for the preferred `channel` first; unchanged for other channels."""
    key = CHANNEL_VARIANTS.get(str(channel)) if not _missing(channel) else None
    first = [item for item in scripts if item.key == key]
    return (*first, *(item for item in scripts if item.key != key))


def slug(text: str, limit: int = 40) -> str:
    """Lower-case ASCII words joined by hyphens: "Northwind Traders" -> "northwind-traders"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    joined = "-".join(words)[:limit].strip("-")
    return joined


VARIANT_SLUGS = {"live_call": "call", "no_decision": "no-decision"}


def file_name(script: Script, suffix: str, company: str = "") -> str:
    """A download name after the company and variant: follow-up-northwind-traders-voicemail.txt."""
    parts = ["follow-up", slug(company), VARIANT_SLUGS.get(script.key, script.key)]
    return "-".join(part for part in parts if part) + f".{suffix}"


def as_markdown(script: Script) -> str:
    """A Markdown document whose fenced block holds the script, so no user text becomes markup."""
    longest_run = max((len(run) for run in re.findall(r"`+", script.text)), default=0)
    fence = "`" * max(3, longest_run + 1)
    facts = f"{script.word_count} words"
    if script.speaking_seconds is not None:
        facts += f", about {script.speaking_seconds} seconds to say"
    return f"# {script.title}\n\n{facts}.\n\n{fence}text\n{script.text}\n{fence}\n"


def as_text(script: Script) -> str:
    """The script as a plain-text file."""
    return script.text + "\n"


# Older mail clients and browsers (Outlook, Internet Explorer's 2,083) cut mailto: links near
# 2,000 characters, so a longer link is not offered rather than cut off mid-sentence.
MAILTO_LIMIT = 2_000


class MailtoTooLong(ValueError):
    """The email is too long for a mailto: link; `length` is the link's length."""

    def __init__(self, length: int) -> None:
        self.length = length
        super().__init__(
            f"This email is too long to open in your mail app: as a link it is {length:,} "
            f"characters, and mail apps accept about {MAILTO_LIMIT:,}. Copy it into a new "
            "message instead, or shorten the longer fields."
        )


def mailto_link(script: Script, to: str = "") -> str:
    """A mailto: link with the email's subject and body (RFC 6068); raises `MailtoTooLong`."""
    subject = script.section("subject").removeprefix("Subject: ")
    body = "\n\n".join(s.text for s in script.sections if s.name != "subject")
    query = urlencode(
        {"subject": subject, "body": body.replace("\n", "\r\n")}, quote_via=quote, safe=""
    )
    link = f"mailto:{quote(to, safe='@')}?{query}"
    if len(link) > MAILTO_LIMIT:
        raise MailtoTooLong(len(link))
    return link


def recording_seconds(data: bytes) -> float | None:
    """How long a WAV recording lasts, read in memory; None when it is not a readable WAV."""
    try:
        with wave.open(io.BytesIO(data)) as audio:
            rate = audio.getframerate()
            return audio.getnframes() / rate if rate else None
    except (wave.Error, EOFError):
        return None


def practice_feedback(recorded: float, call: Script) -> str:
    """The recording's length against the script's estimate and the 90-second guide."""
    said = round(recorded)
    estimate = call.speaking_seconds or 0
    if said > LIVE_CALL_LIMIT_SECONDS:
        verdict = (
            f"That is over the {LIVE_CALL_LIMIT_SECONDS} seconds to aim for: trim a point, "
            "or say it more briefly."
        )
    else:
        verdict = f"That is within the {LIVE_CALL_LIMIT_SECONDS} seconds to aim for."
    if said > estimate + 10:
        pace = "You took longer than the estimate; that is fine if it felt unhurried."
    elif said < estimate - 10:
        pace = "You were quicker than the estimate: on the phone, slow down a little."
    else:
        pace = "That is close to the estimate."
    return f"Your reading took {said} seconds; the estimate is {estimate} seconds. {pace} {verdict}"


@dataclass(frozen=True)
class ChecklistItem:
    """One thing to have ready before dialling."""

    key: str
    label: str


PRE_CALL_CHECKLIST: tuple[ChecklistItem, ...] = (
    ChecklistItem("resume", "My resume is open beside me, so no question about it catches me out."),
    ChecklistItem(
        "references", "The names and contact details of my references are ready to give."
    ),
    ChecklistItem(
        "talking_points", "My talking points fit on one card, strongest qualifications on top."
    ),
    ChecklistItem(
        "practised", "A friend played the interviewer and I ran through the call out loud."
    ),
    ChecklistItem(
        "quiet_place", "I'm in a quiet room of my own, away from the office and any noise."
    ),
    ChecklistItem(
        "direct_number",
        "I'm calling the person who makes the hiring decision, on their direct line.",
    ),
    ChecklistItem("confident", "I'm smiling as I dial: a relaxed, sure voice is easy to hear."),
)


def checklist_state(ticks: Mapping[str, object] | None = None) -> dict[str, bool]:
    """Every checklist item with its tick; unknown keys are dropped, missing ones unticked."""
    given = ticks or {}
    return {item.key: bool(given.get(item.key, False)) for item in PRE_CALL_CHECKLIST}


def checklist_cell(ticks: Mapping[str, object]) -> str:
    """The ticked items' keys, comma-separated in checklist order, as stored with an interview."""
    state = checklist_state(ticks)
    return ",".join(key for key, ticked in state.items() if ticked)


def checklist_from_cell(cell: object) -> dict[str, bool]:
    """The ticks stored in an interview's checklist cell; an empty cell means nothing ticked."""
    keys = [] if _missing(cell) else str(cell).split(",")
    return checklist_state({key.strip(): True for key in keys})


# The form fields kept with an interview as its draft (the tracker already knows the others).
DRAFT_TEXT_FIELDS: tuple[str, ...] = (
    "your_name",
    "phone",
    "email",
    "address",
    "qualifications",
    "employer_needs",
    "forgotten_point",
)
DRAFT_FLAGS: tuple[str, ...] = ("ask_decision", "linkedin")
# Fields about you rather than this interview: they stay when an interview without a draft
# is picked.
PERSONAL_FIELDS = frozenset({"your_name", "phone", "email", "qualifications"})
# A draft keeps at most this much of a field, so a huge paste cannot bloat the tracker file.
DRAFT_TEXT_LIMIT = 5 * NOTES_LIMIT


def draft_cell(values: Mapping[str, object]) -> str:
    """The form's values as stored with an interview: JSON, ASCII only (no control characters)."""
    draft: dict[str, object] = {
        field: str(values.get(field) or "")[:DRAFT_TEXT_LIMIT] for field in DRAFT_TEXT_FIELDS
    }
    draft |= {flag: bool(values.get(flag, False)) for flag in DRAFT_FLAGS}
    return json.dumps(draft, ensure_ascii=True, separators=(",", ":"))


def draft_from_cell(cell: object) -> dict[str, object]:
    """The form values stored with an interview; empty for an empty or unreadable cell."""
    if _missing(cell):
        return {}
    try:
        stored = json.loads(str(cell))
    except ValueError:
        return {}
    if not isinstance(stored, dict):
        return {}
    draft: dict[str, object] = {
        field: str(stored[field])[:DRAFT_TEXT_LIMIT]
        for field in DRAFT_TEXT_FIELDS
        if isinstance(stored.get(field), str)
    }
    draft |= {flag: stored[flag] for flag in DRAFT_FLAGS if isinstance(stored.get(flag), bool)}
    return draft


def details_from_interview(row: Mapping[str, object]) -> dict[str, object]:
    """Form values taken from a tracker interview row (the `vocab.INTERVIEW_COLUMNS` contract)."""
    texts = {
        field: _cell_text(row.get(field))
        for field in (
            "company",
            "role",
            "interviewer",
            "interviewer_title",
            "interviewer_phone",
            "interviewer_email",
        )
    }
    return {**texts, "interview_date": _cell_date(row.get("interview_date"))}


def _missing(value: object) -> bool:
    # None, NaN, NaT and pd.NA all mean an empty cell.
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def _cell_text(value: object) -> str:
    return "" if _missing(value) else str(value)


def _cell_date(value: object) -> date | None:
    if _missing(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        return None
