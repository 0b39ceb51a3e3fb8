"""Invariants of every script, on forms made of arbitrary words in every case and shape.

User text here is words (lower case, capitalised or in capitals) with single spaces, perhaps a
bullet in front and a full stop, semicolon or comma after: so any doubled punctuation or space,
any lower-case sentence start, any word said twice in a row is ours, made where we join texts.
"""

from __future__ import annotations

import itertools
import re
import string

from hypothesis import HealthCheck, assume, given, reject, settings
from hypothesis import strategies as st

from followup import phrasing, script

REAL_WORDS = (
    "I", "my", "we", "they", "the", "a", "an", "to", "and", "of", "in", "with", "who",
    "someone", "team", "need", "needs", "is", "are", "led", "built", "managed", "having",
    "managing", "reporting", "fluent", "certified", "experience", "years", "five", "SQL",
    "Python", "Power", "BI", "AWS", "player", "analyst", "developer", "strong", "data", "help",
    "lead", "run", "set",
)  # fmt: skip
word = st.one_of(
    st.sampled_from(REAL_WORDS),
    st.text(string.ascii_lowercase, min_size=2, max_size=9),
    st.text(string.ascii_lowercase, min_size=2, max_size=9).map(str.capitalize),
    st.text(string.ascii_uppercase, min_size=2, max_size=5),
)


def no_repeats(found: list[str]) -> bool:
    return all(a.lower() != b.lower() for a, b in itertools.pairwise(found))


# Names and companies: words of their own, so that counting them in a script is meaningful.
proper_words = (
    st.lists(word.filter(lambda w: w not in REAL_WORDS and len(w) > 2), min_size=1, max_size=3)
    .filter(no_repeats)
    .map(" ".join)
)
words = st.lists(word, min_size=1, max_size=7).filter(no_repeats).map(" ".join)
phrase = st.tuples(
    st.sampled_from(["", "- ", "* ", "\u2022 ", "1. "]), words, st.sampled_from(["", ".", ";", ","])
).map("".join)
name = st.tuples(
    st.sampled_from(["", "Ms. ", "Mr. ", "Dr. ", "Prof. "]),
    proper_words,
).map("".join)
form = st.fixed_dictionaries(
    {
        "your_name": name,
        "interviewer": name,
        "company": st.one_of(proper_words, proper_words.map(lambda w: w + " Inc.")),
        "role": words,
        "qualifications": st.lists(phrase, min_size=1, max_size=3).map("\n".join),
        "employer_needs": st.one_of(
            phrase, st.lists(phrase, min_size=2, max_size=3).map("\n".join)
        ),
    },
    optional={
        "forgotten_point": phrase,
        "phone": st.just("+44 20 7946 0958"),
        "email": st.just("sam@example.com"),
        "ask_decision": st.booleans(),
        "linkedin": st.booleans(),
    },
)

# ".," is fine after an abbreviation ("Globex Inc., and"); every other pair is a join gone wrong.
DOUBLED_PUNCTUATION = re.compile(r"[.!?][ \t]*[.;:!?]|[,;:][ \t]*[.,;:!?]|\s[.,;:!?]")
# After an abbreviation (Ms., Dr., Inc.) the next word is not a sentence start.
LOWER_AFTER_STOP = re.compile(r"(?<!\bMs)(?<!\bMr)(?<!\bDr)(?<!\bProf)(?<!\bInc)[.!?][ \t]+[a-z]")


def scripts(raw: dict[str, object]) -> dict[str, script.Script]:
    try:
        details = script.CallDetails.from_form(**raw)
    except script.ScriptInputError:
        # A generated box of only filler ("needs", "and") is refused with a message, rightly.
        reject()
    return {item.key: item for item in script.build_scripts(details)}


def repeated_words(text: str) -> list[str]:
    """Words said twice with only a space between ("needs need", "also also")."""
    return [match.group(1) for match in REPEATED.finditer(text)]


REPEATED = re.compile(r"\b(\w+)[ \t]+\1\b", re.IGNORECASE)


def core(text: str) -> str:
    """A typed phrase without its bullet, closing punctuation and first word."""
    cleaned = phrasing.clean_item(text)
    return cleaned.split(" ", 1)[1] if " " in cleaned else ""


# One property test checks every invariant on each form: the builders are cheap, but a
# generated form is not, and the suite must stay quick on two shared cores.
@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(form)
def test_every_script_reads_cleanly_and_says_each_thing_once(raw: dict[str, object]):
    """No doubled punctuation or spaces, no empty clause, a capital after each full stop, no
    word twice across a join; the company once in the greeting, each qualification said."""
    company = script.clean_text(raw["company"])
    # Names are greeted with a capital: "aaa" typed as a name is "Aaa" in the greeting.
    assume(
        all(
            company.lower() not in str(raw[field]).lower()
            for field in ("your_name", "interviewer", "role")
        )
    )
    built = scripts(raw)
    for item in built.values():
        assert "  " not in item.text, item.text
        assert not DOUBLED_PUNCTUATION.search(item.text), item.text
        assert not LOWER_AFTER_STOP.search(item.text), item.text
        assert repeated_words(item.text) == [], item.text
    greeting = built["live_call"].section("greeting")
    assert len(re.findall(rf"\b{re.escape(company)}(?!\w)", greeting)) == 1, greeting
    for line in script.split_qualifications(raw["qualifications"]):
        rest = core(line)
        if len(rest) < 4:
            continue
        for key in ("live_call", "email", "note"):
            assert rest in built[key].text, (rest, built[key].text)
