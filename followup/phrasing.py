"""Turning what people type into sentences: kinds of phrase, lists, names and greetings.

People type qualifications and needs as noun phrases ("Five years of SQL reporting"), verb
phrases ("Led a team of four"), adjective phrases ("fluent in Spanish"), whole sentences ("I
built the dashboards."), as bullets, with or without a final full stop. Each kind gets a sentence
frame of its own, so the text can be kept as typed. The only case change ever made is to the
first word, and only for a word that is never a name: a verb, a pronoun or a common word from
the lists below. Anything else (SQL, Python, Power BI, a company) keeps its capitals.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum

BULLET = re.compile(r"^\s*(?:[-*\u2022\u00b7\u2013\u2014\u25aa\u25e6\u2023>]+|\(?\d{1,2}[.)])\s+")
WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ0-9]+(?:['\u2019][A-Za-z]+)?")
# Full stops, semicolons and commas that close a typed phrase; ? and ! are the user's to keep.
TRAILING = re.compile(r"[\s.;,:]+$")
SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[\"\u201c'\u2018(]?[A-Z0-9])")


def count(number: int, noun: str, plural: str | None = None) -> str:
    """`number` and `noun`, in the plural unless it is one: "1 follow-up", "8 follow-ups"."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def _set(text: str) -> frozenset[str]:
    """A word list written as one string."""
    return frozenset(text.split())


class Kind(Enum):
    """How a phrase fits into a sentence."""

    SENTENCE = "sentence"  # "I built the dashboards", "The team is growing"
    VERB = "verb"  # "Led a team of four", "rebuild the reporting"
    INFINITIVE = "infinitive"  # "to rebuild the reporting"
    BE = "be"  # "fluent in Spanish", "a team player": said after "I am"
    GERUND = "gerund"  # "Managing budgets", "Reporting automation": experience in
    NOUN = "noun"  # "five years of SQL reporting"


SUBJECTS = _set(
    "i i'm im i've ive i'd i'll my we we're we've we'd our they they're they've their he she "
    "it it's its there there's you you're your this these those me"
)
QUOTED_SUBJECTS = _set("we we're we've we'd our us")
FIRST_PERSON = _set("i i'm im i've ive i'd i'll my me")
# Finite verbs that make a phrase a sentence when they come early, before any "who"/"to".
FINITE = _set(
    "is are was were am has have had will would can could should must may might does do did "
    "isn't aren't wasn't weren't hasn't haven't doesn't don't didn't won't can't couldn't "
    "needs need needed wants want wanted lacks lack lacked takes take took relies rely "
    "struggles struggle uses spends spent runs ran gets got makes made looks seems feels goes "
    "went keeps kept grew grows moved moves plans planned expects expected hopes hoped"
)
RELATIVES = _set("who whom whose which that to for with of in on at by")
# Verbs a qualification starts with (past, present or base form); said after "I".
RESUME_VERBS = _set(
    """
    led lead lead built build ran run managed manage created create designed design developed
    develop launched launch grew grow delivered deliver cut reduced reduce increased increase
    improved improve wrote write taught teach trained mentored mentor coordinated coordinate
    implemented implement migrated migrate automated negotiated negotiate supervised supervise
    oversaw oversee handled handle drove drive won win established establish set organised
    organized organise organize introduced introduce redesigned redesign rebuilt rebuild
    streamlined streamline saved save shipped ship owned own hired hire founded found
    co-founded launched maintained maintain analysed analyzed analyse analyze modelled modeled
    model researched research presented present published publish spoke speak know knew have
    had hold held can could would will should am enjoy enjoyed love loved worked completed
    complete earned earn passed
    obtained gained gain achieved achieve exceeded exceed doubled tripled halved boosted boost
    produced produce prepared prepare planned plan launched resolved resolve solved solve
    supported served serve helped help made make took take brought bring turned turn cleaned
    consolidated simplified standardised standardized centralised centralized digitised
    digitized upgraded refactored tested test deployed deploy scaled scale secured secure
    raised raise sold sell closed close generated generate spearheaded headed head chaired
    volunteered translated translate edited edit wrote directed direct administered
    facilitated facilitate collaborated partnered liaised contributed contribute
    """
)
# Words that end in -ed or look like verbs but start noun phrases ("Advanced Excel skills").
NOT_VERBS = _set(
    "advanced experienced certified proven detailed skilled qualified accomplished dedicated "
    "motivated seasoned licensed talented focused specialised specialized established "
    "extended applied limited combined related integrated"
)
# Ambiguous words (a verb or a noun): a verb only when a determiner or a number follows.
AMBIGUOUS = _set(
    "lead run set found plan model research test design present help report support "
    "track update upgrade handle cover fill build clean move head edit direct close secure "
    "scale increase"
)
DETERMINERS = _set(
    "a an the my our their his her its this that these those every each all over more "
    "several many some two three four five six seven eight nine ten up out"
)
# Adjectives that take a preposition ("fluent in Spanish"): said after "I am".
ADJECTIVES = _set(
    "fluent skilled experienced certified familiar good great comfortable able proficient "
    "confident passionate used keen eager happy native qualified trained licensed strong "
    "knowledgeable versed well-versed bilingual trilingual available willing ready"
)
# Nouns for a person: a phrase ending in one is said after "I am" ("a team player").
PERSON_NOUNS = _set(
    """
    analyst developer engineer manager leader lead speaker player scientist designer writer
    consultant accountant specialist expert graduate owner architect administrator coordinator
    director officer teacher trainer mentor coach master practitioner professional researcher
    programmer tester marketer recruiter nurse assistant associate advocate communicator
    learner problem-solver self-starter negotiator organiser organizer planner strategist
    statistician technician economist holder person native member dev
    """
)
NOT_GERUNDS = _set("during nothing something everything anything string spring king thing")
# Nouns that start with "ing" but name a field ("nursing degree"), when a noun like these follows.
FIELD_INGS = _set(
    "nursing accounting engineering marketing banking consulting training programming reporting "
    "testing planning modelling modeling building writing learning forecasting budgeting "
    "scheduling recruiting networking pricing auditing bookkeeping manufacturing teaching "
    "coaching onboarding fundraising coding computing tutoring"
)
FIELD_NOUNS = _set(
    "degree experience skills background automation certificate certification qualification "
    "team department role licence license diploma"
)
# Things one holds one of: a bare "nursing degree" is said "a nursing degree".
CREDENTIALS = _set("degree certificate licence license diploma bachelor internship apprenticeship")
# Adjectives made of a noun and a participle ("customer-focused"): said after "I am", bare.
ADJECTIVE_ENDINGS = ("-focused", "-oriented", "-driven", "-minded", "-motivated", "-savvy")
PREPOSITIONS = _set("with in of at for from who that on by")
# Common words a phrase may start with: safe to write in lower case mid-sentence.
COMMON = _set(
    """
    a an the my our their his her its this that these those some any every each all both
    over more most less about around nearly almost roughly at least than several many few
    one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty
    years year months month decades decade
    strong solid deep broad extensive excellent good great proven hands-on fluent native
    advanced senior junior practical professional relevant direct prior previous recent long
    wide full daily strategic technical international cross-functional experienced certified
    detailed skilled qualified dedicated seasoned familiarity fluency understanding
    experience knowledge expertise background skills skill track record certification degree
    training leadership management project projects team teams data customer customers people
    stakeholder stakeholders budget budgets product products sales marketing communication
    problem-solving reporting reports report analysis analytics dashboards automation
    someone somebody anyone a person people who help support more better faster clearer
    bachelor bachelor's master's internship internships diploma certificate licence license
    junior dev developer engineer analyst manager nurse nurses night
    they them it there we you he she i'm
    """
)


# "and" or "or" left at either end of a line, as when a list is split over lines.
DANGLING = re.compile(r"^(?:(?:and|or|&)(?:\s+|$))+|(?:\s+(?:and|or|&))+$", re.IGNORECASE)


def clean_item(text: str) -> str:
    """One typed phrase without its bullet, outer spaces, closing full stop or dangling "and"."""
    text = TRAILING.sub("", BULLET.sub("", text.strip())).strip()
    return TRAILING.sub("", DANGLING.sub("", text)).strip()


def items(text: str) -> tuple[str, ...]:
    """The non-blank lines of a box, each without its bullet and closing punctuation."""
    found = (clean_item(line) for line in text.splitlines())
    return tuple(line for line in found if line)


# Words that carry nothing on their own: a box holding only these says nothing.
FILLER = frozenset({"and", "or", "also", "need", "needs", "want", "wants", "looking", "for"})


def says_something(text: str) -> bool:
    """Whether a box says anything: a letter or digit in any script, not only filler words."""
    for item in items(text):
        if any(char.isalnum() for char in item) and not set(words(item)) <= FILLER | {""}:
            return True
        # A word in another script than ours is something said, even if `words` misses it.
        if any(char.isalnum() for char in item) and not words(item):
            return True
    return False


def words(text: str) -> list[str]:
    """The words of `text`, lower case, apostrophes made straight."""
    return [word.lower().replace("\u2019", "'") for word in WORD.findall(text)]


def kind(text: str) -> Kind:
    """Which sentence frame a phrase needs."""
    found = words(text)
    if not found:
        return Kind.NOUN
    first = found[0]
    second = found[1] if len(found) > 1 else ""
    if first in SUBJECTS and len(found) > 1:
        return Kind.SENTENCE
    if first == "to" and len(found) > 1:
        return Kind.INFINITIVE
    if _early_finite_verb(found):
        return Kind.SENTENCE
    if first in ADJECTIVES and second in PREPOSITIONS | {"to"}:
        return Kind.BE
    if _is_verb(first, second):
        return Kind.VERB
    if _compound_adjective(text) and len(text.split()) <= 2:
        return Kind.BE
    field_noun = first in FIELD_INGS and (second in FIELD_NOUNS or not second)
    if first.endswith("ing") and len(first) > 4 and first not in NOT_GERUNDS and not field_noun:
        return Kind.GERUND
    if _person(found):
        return Kind.BE
    return Kind.NOUN


def _compound_adjective(text: str) -> bool:
    """Whether the first word is a compound adjective such as "customer-focused"."""
    first = text.split()[0].lower() if text.split() else ""
    return first.endswith(ADJECTIVE_ENDINGS)


def _early_finite_verb(found: Sequence[str]) -> bool:
    for word in found[1:5]:
        if word in RELATIVES:
            return False
        if word in FINITE:
            return True
    return False


def _is_verb(first: str, second: str) -> bool:
    if first in NOT_VERBS:
        return False
    if first in AMBIGUOUS:
        return second in DETERMINERS or second.isdigit()
    if first in RESUME_VERBS:
        return True
    return first.endswith("ed") and len(first) > 4 and (second in DETERMINERS or second.isdigit())


def _person(found: Sequence[str]) -> bool:
    head = []
    for word in found:
        if word in PREPOSITIONS:
            break
        head.append(word)
    return bool(head) and head[-1] in PERSON_NOUNS and found[0] not in {"the"}


def lower_first(text: str) -> str:
    """Lower-case the first word when it is a common word in title case (never SQL or Python)."""
    match = WORD.match(text)
    if not match:
        return text
    word = match.group()
    is_title = word[:1].isupper() and word[1:] == word[1:].lower()
    lowered = word.lower()
    gerund = lowered.endswith("ing") and len(lowered) > 4 and lowered not in NOT_GERUNDS
    if is_title and (
        lowered in COMMON or lowered in RESUME_VERBS or gerund or _compound_adjective(text)
    ):
        return word.lower() + text[match.end() :]
    return text


def upper_first(text: str) -> str:
    """Capitalise the first letter when the first word is all lower case ("iPhone" stays)."""
    match = WORD.match(text)
    if match and match.start() == 0 and match.group().islower() and match.group() != "i":
        return text[:1].upper() + text[1:]
    return _fix_i(text)


def _fix_i(text: str) -> str:
    """The pronoun "i" typed in lower case at the start, which is always a capital."""
    return re.sub(r"^i(?=[\s'\u2019]|$)", "I", text)


def as_sentence(text: str) -> str:
    """A typed sentence, capitalised and closed with one full stop (its own ? or ! kept)."""
    text = upper_first(_fix_i(text.strip()))
    text = TRAILING.sub("", text)
    return text if text.endswith(("!", "?", "…")) else text + "."


def join(parts: Sequence[str]) -> str:
    """A list in prose: "A", "A and B", "A, B and C"; semicolons when a part has a comma."""
    parts = [part for part in parts if part]
    if len(parts) <= 1:
        return "".join(parts)
    # A part with its own comma or "and" needs a stronger break, or the list reads as one item.
    complex_parts = any("," in part or " and " in part for part in parts)
    if len(parts) == 2:
        return f"{parts[0]}{', and ' if complex_parts else ' and '}{parts[1]}"
    if complex_parts:
        return "; ".join(parts[:-1]) + "; and " + parts[-1]
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def article(phrase: str) -> str:
    """ "a" or "an" for a phrase, by how its first word sounds."""
    match = WORD.match(phrase)
    word = match.group() if match else phrase
    if word.isupper() and len(word) > 1:
        return "an" if word[0] in "AEFHILMNORSX" else "a"
    lowered = word.lower()
    if lowered.startswith(("uni", "use", "usu", "eu", "one", "once")):
        return "a"
    if lowered.startswith(("hour", "honest", "honour", "honor", "heir")):
        return "an"
    return "an" if lowered[:1] in "aeiou" else "a"


def _be_phrase(text: str) -> str:
    """What follows "I am": articles added to a bare person noun ("team player")."""
    found = words(text)
    if found and found[0] in ADJECTIVES and len(found) > 1 and found[1] in PREPOSITIONS | {"to"}:
        return lower_first(text)
    if found and found[0] in DETERMINERS | {"the"}:
        return lower_first(text)
    if _compound_adjective(text) and not _person(found):
        return lower_first(text)
    phrase = lower_first(text)
    return f"{article(phrase)} {phrase}"


def _noun_phrase(text: str) -> str:
    """A noun phrase mid-sentence: a bare credential gets its article ("a nursing degree")."""
    phrase = lower_first(text)
    head = []
    for word in words(text):
        if word in PREPOSITIONS:
            break
        head.append(word)
    if head and head[-1] in CREDENTIALS and head[0] not in DETERMINERS | {"the"}:
        return f"{article(phrase)} {phrase}"
    return phrase


def _verb_phrase(text: str) -> str:
    match = WORD.match(text)
    if match and match.group()[1:] == match.group()[1:].lower():
        return match.group().lower() + text[match.end() :]
    return text


@dataclass(frozen=True)
class Group:
    """Phrases of one kind, said together."""

    kind: Kind
    phrases: tuple[str, ...]


def _groups(phrases: Iterable[str]) -> list[Group]:
    """Phrases grouped by kind, in the order each kind first appears; sentences stay single."""
    groups: list[Group] = []
    for phrase in phrases:
        found = kind(phrase)
        if found is Kind.INFINITIVE:
            phrase = phrase.split(None, 1)[1]
            found = Kind.NOUN if words(phrase)[0] in SUBJECTS else Kind.VERB
        same = next((g for g in groups if g.kind is found and found is not Kind.SENTENCE), None)
        if same is None:
            groups.append(Group(found, (phrase,)))
        else:
            groups[groups.index(same)] = Group(found, (*same.phrases, phrase))
    return groups


HAVING = re.compile(r"^having\b", re.IGNORECASE)
# "Would like to mention my certificate": the lead already says that much.
MENTION = re.compile(
    r"^(?:i\s+)?(?:would|'d)\s+like\s+to\s+(?:mention|add|say)(?:\s+that)?\s+", re.IGNORECASE
)
# "Also have a licence": our frame already adds "also" where it belongs.
ALSO = re.compile(r"^(?:and\s+)?also\s+", re.IGNORECASE)
# "Need a developer who..." or "looking for someone...": the lead already says "needs".
NEEDS_VERB = re.compile(
    r"^(?:(?:they|we|the team)\s+)?(?:(?:is|are)\s+)?(?:needs?|wants?|looking for|"
    r"searching for|search)\s+(?!to\b)",
    re.IGNORECASE,
)


def about_me(phrases: Sequence[str]) -> str:
    """Sentences in the first person for qualifications, "also" on every frame after the first.

    ["Five years of SQL reporting", "Led a team of four"] ->
    "I bring five years of SQL reporting. I also led a team of four."
    """
    sentences = []
    phrases = [ALSO.sub("", HAVING.sub("have", phrase)) or phrase for phrase in phrases]
    for index, group in enumerate(_groups(phrases)):
        also = " also" if index else ""
        if group.kind is Kind.SENTENCE:
            sentences.append(as_sentence(group.phrases[0]))
        elif group.kind is Kind.VERB:
            sentences.append(f"I{also} {join([_verb_phrase(p) for p in group.phrases])}.")
        elif group.kind is Kind.BE:
            sentences.append(f"I am{also} {join([_be_phrase(p) for p in group.phrases])}.")
        elif group.kind is Kind.GERUND:
            listed = join([lower_first(p) for p in group.phrases])
            sentences.append(f"I{also} have experience in {listed}.")
        else:
            listed = join([_noun_phrase(p) for p in group.phrases])
            sentences.append(f"I{also} bring {listed}.")
    return " ".join(_one_also(sentences))


def _one_also(sentences: list[str]) -> list[str]:
    """Drop our "also" from a sentence right after one that already says it."""
    out: list[str] = []
    for sentence in sentences:
        if out and "also" in words(out[-1]) and " also " in sentence:
            sentence = sentence.replace(" also ", " ", 1)
        out.append(sentence)
    return out


def one_point(text: str, lead: str) -> str:
    """`lead` ("There is one more thing I did not get to mention") followed by the user's point."""
    first, rest = _first_sentence(text)
    first = MENTION.sub("", ALSO.sub("", first)) or first
    found = kind(first)
    if found is Kind.SENTENCE:
        said = f"{lead}. {as_sentence(first)}"
    elif found is Kind.VERB:
        said = f"{lead}: I {_verb_phrase(clean_item(first))}."
    elif found is Kind.INFINITIVE:
        said = f"{lead}: I would like {lower_first(clean_item(first))}."
    elif found is Kind.BE:
        said = f"{lead}: I am {_be_phrase(clean_item(first))}."
    elif found is Kind.GERUND:
        said = f"{lead}: I have experience in {lower_first(clean_item(first))}."
    else:
        said = f"{lead}: {lower_first(clean_item(first))}."
    return " ".join([said, *rest])


def _first_sentence(text: str) -> tuple[str, list[str]]:
    """The first sentence (or line) of a paragraph, and the rest as sentences."""
    lines = items(text)
    if len(lines) > 1:
        return lines[0], [as_sentence(line) for line in lines[1:]]
    parts = [part for part in SENTENCE_SPLIT.split(text.strip()) if part.strip()]
    return clean_item(parts[0]), [as_sentence(part) for part in parts[1:]]


def their_needs(text: str, lead: str) -> str:
    """What the employer needs, reported: `lead` is "You told me" or "You mentioned".

    "someone to rebuild the reporting" -> "You told me the team needs someone to rebuild...";
    "The team is growing." -> "You told me that the team is growing."; a sentence in the
    interviewer's own "we" is quoted.
    """
    lines = items(text)
    if len(lines) > 1 and all(kind(line) is not Kind.SENTENCE for line in lines):
        return _needs_list([NEEDS_VERB.sub("", line) or line for line in lines], lead)
    first, rest = _first_sentence(text)
    if kind(first) is not Kind.SENTENCE or words(first)[0] in ("need", "needs", "looking"):
        first = NEEDS_VERB.sub("", first)
    found = kind(first)
    words_ = words(first)
    if found is Kind.SENTENCE:
        if words_[0] in QUOTED_SUBJECTS:
            said = f"{lead}, “{as_sentence(first)}”"
        elif words_[0] in FIRST_PERSON:
            said = as_sentence(first)
        else:
            said = f"{lead} that {lower_first(first)}."
    elif found is Kind.INFINITIVE:
        said = f"{lead} the team needs {first}."
    elif found is Kind.VERB:
        said = f"{lead} the team needs to {_verb_phrase(first)}."
    elif found is Kind.GERUND:
        said = f"{lead} the team needs help with {lower_first(first)}."
    elif found is Kind.BE and _person(words_):
        said = f"{lead} the team needs {_be_phrase(first)}."
    else:
        said = f"{lead} the team needs {_noun_phrase(first)}."
    return " ".join([said, *rest])


def _needs_list(lines: Sequence[str], lead: str) -> str:
    nouns = [lower_first(line) for line in lines if kind(line) in (Kind.NOUN, Kind.BE)]
    verbs = [
        _verb_phrase(line.split(None, 1)[1] if kind(line) is Kind.INFINITIVE else line)
        for line in lines
        if kind(line) in (Kind.VERB, Kind.INFINITIVE)
    ]
    sentences = []
    if nouns:
        sentences.append(f"{lead} the team needs {join(nouns)}.")
    if verbs:
        also = " also" if nouns else ""
        subject = "It" if nouns else f"{lead} the team"
        sentences.append(f"{subject}{also} needs to {join(verbs)}.")
    return " ".join(sentences)


# --- names ----------------------------------------------------------------------------------

HONORIFICS = _set("mr mrs ms miss mx dr prof professor sir dame herr frau mme mlle sra srta")
SUFFIXES = _set("jr sr ii iii iv phd md mba cpa esq")
PARTICLES = _set("van von de der den da di du la le del della dos das ter ten bin al")


@dataclass(frozen=True)
class Name:
    """A person's name as typed, split into title(s), given name and surname."""

    titles: tuple[str, ...]
    given: str
    surname: str

    @property
    def formal(self) -> str:
        """Title and surname ("Ms. Raman"); empty without a title."""
        if not self.titles or not (self.surname or self.given):
            return ""
        return " ".join((*self.titles, self.surname or self.given))


def parse_name(typed: str) -> Name:
    """Split "Ms. Priya Raman" into ("Ms.",), "Priya", "Raman"; anything unusual stays whole."""
    plain = re.sub(r"\([^)]*\)", " ", typed)
    plain = plain.split(",")[0] if "," in plain else plain
    tokens = plain.split()
    titles: list[str] = []
    while tokens and tokens[0].rstrip(".").lower() in HONORIFICS and len(tokens) > 1:
        titles.append(tokens.pop(0))
    while len(tokens) > 1 and tokens[-1].replace(".", "").lower() in SUFFIXES:
        tokens.pop()
    if not tokens:
        return Name(tuple(titles), "", "")
    if len(tokens) == 1:
        return Name(tuple(titles), tokens[0] if not titles else "", tokens[0] if titles else "")
    start = next(
        (i for i in range(1, len(tokens)) if tokens[i].lower() in PARTICLES), len(tokens) - 1
    )
    return Name(tuple(titles), tokens[0], " ".join(tokens[start:]))


def capitalised_name(typed: str) -> str:
    """A name typed all in lower case, with capitals ("dana reyes" -> "Dana Reyes").

    Only words typed entirely in lower case change, and never a particle ("van der Berg"), so a
    name typed with capitals ("DeShawn", "McKay") stays exactly as it is.
    """
    return " ".join(
        word[:1].upper() + word[1:] if word.islower() and word not in PARTICLES else word
        for word in typed.split(" ")
    )


def default_greeting_name(typed: str) -> str:
    """How to address someone when the user has not said: title and surname if a title was
    typed ("Ms. Priya Raman" -> "Ms. Raman"), else the first name ("David Chen" -> "David")."""
    name = parse_name(capitalised_name(typed))
    return name.formal or name.given or typed.strip()
