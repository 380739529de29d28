"""Printed names of people: their comparison form, honorifics, nicknames, and matching a
printed name to one person by last name + party + state, never the last name alone; first
names and nicknames only to choose between people who share all three.

The matcher is generic: it matches any records (congress-legislators reference records when
importing), each wrapped in a `Candidate`. It is deterministic: no fuzzy scores, only
normalised equality, a table of common English nicknames, and name prefixes ('Chris' /
'Christopher'). Where that leaves more than one
person, the result says so and lists them; it never picks one.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

from archive.text import base_letters

T = TypeVar("T")

# Generational and professional suffixes, after normalisation ("Jr." -> "jr", "M.D." -> "md").
NAME_SUFFIXES: frozenset[str] = frozenset(
    {"jr", "sr", "ii", "iii", "iv", "v", "md", "phd", "dds", "esq", "ret"}
)

# Titles printed before a name ("Rep. Dina Titus", "The Honorable Chris Smith").
HONORIFICS: frozenset[str] = frozenset(
    {
        "the",
        "honorable",
        "hon",
        "rep",
        "reps",
        "representative",
        "sen",
        "senator",
        "congressman",
        "congresswoman",
        "congressmember",
        "delegate",
        "del",
        "resident",
        "commissioner",
        "mr",
        "mrs",
        "ms",
        "dr",
    }
)

# Party as printed (in a badge, a reference record or a form) -> the archive's party code
# (people.models.Party); 'ID' (an independent caucusing with Democrats) counts as I.
PARTY_CODES: dict[str, str] = {
    "d": "D",
    "dem": "D",
    "democrat": "D",
    "democratic": "D",
    "r": "R",
    "rep": "R",
    "gop": "R",
    "republican": "R",
    "i": "I",
    "id": "I",
    "ind": "I",
    "independent": "I",
}

# Common English nicknames and the given names they stand for (normalised). Used only to
# choose between people who share last name, party and state; names the table lacks still
# match exactly, by the reference data's own `nickname`, or by prefix ('Chris').
NICKNAMES: dict[str, frozenset[str]] = {
    nickname: frozenset(names.split())
    for nickname, names in {
        "abe": "abraham",
        "al": "albert alan allen alfred alexander",
        "alex": "alexander alexandra alejandro",
        "andy": "andrew garland",
        "bernie": "bernard",
        "bert": "albert herbert robert",
        "betsy": "elizabeth",
        "beth": "elizabeth",
        "bill": "william",
        "billy": "william",
        "bob": "robert",
        "bobby": "robert",
        "brad": "bradley",
        "buddy": "earl",
        "chuck": "charles",
        "chuy": "jesus",
        "dan": "daniel",
        "danny": "daniel",
        "dave": "david",
        "debbie": "deborah debra",
        "dick": "richard",
        "don": "donald",
        "ed": "edward edwin edmund",
        "eddie": "edward",
        "fred": "frederick alfred",
        "greg": "gregory",
        "hal": "harold henry",
        "hank": "henry",
        "jack": "john",
        "jan": "janice",
        "jeff": "jeffrey",
        "jerry": "gerald jerome jerrold",
        "jim": "james",
        "jimmy": "james",
        "joe": "joseph",
        "jon": "jonathan",
        "josh": "joshua",
        "kat": "katherine kathryn",
        "kate": "katherine kathryn",
        "kathy": "katherine kathleen kathryn",
        "ken": "kenneth",
        "larry": "lawrence",
        "liz": "elizabeth",
        "maggie": "margaret",
        "matt": "matthew",
        "mike": "michael",
        "mitch": "mitchell addison",
        "nick": "nicholas",
        "pat": "patrick patricia",
        "pete": "peter",
        "randy": "randall randolph",
        "rick": "richard eric",
        "rob": "robert",
        "ron": "ronald",
        "russ": "russell",
        "sam": "samuel",
        "steve": "steven stephen",
        "ted": "edward theodore",
        "tim": "timothy",
        "tom": "thomas",
        "tommy": "thomas",
        "tony": "anthony",
        "val": "valerie",
        "vince": "vincent",
        "will": "william",
    }.items()
}


def normalise_name(text: str) -> str:
    """Comparison form of a name: case-folded, accents and punctuation dropped, trailing
    suffixes ('Jr.', 'III', 'M.D.') removed. 'Robert Menendez, Jr.' -> 'robert menendez';
    'Linda T. Sánchez' -> 'linda t sanchez'. For comparison only: store names as printed."""
    return " ".join(name_tokens(text))


def name_tokens(text: str) -> list[str]:
    """The words of `normalise_name(text)`."""
    plain = base_letters(text).casefold()
    # Periods and apostrophes join ('M.D.' -> 'md', "O'Rourke" -> 'orourke'); any other
    # punctuation (commas, hyphens, quotes, parentheses) separates words.
    plain = re.sub(r"[.'`\u2019\u02bc]", "", plain)
    tokens = re.sub(r"[^\w]+|_", " ", plain).split()
    while len(tokens) > 1 and tokens[-1] in NAME_SUFFIXES:
        tokens.pop()
    return tokens


def normalise_party(party: str) -> str:
    """'D', 'Democrat', 'Democratic' -> 'D' (likewise R, I); '' for anything else."""
    return PARTY_CODES.get(party.strip().strip(".").casefold(), "")


def given_name_score(printed: Iterable[str], forms: Iterable[str]) -> int:
    """How well printed given names agree with a person's: 3 the same name, 2 a nickname or
    a shortened form ('Chris' / 'Christopher'), 1 an initial only, 0 no agreement."""
    best = 0
    forms = set(forms)
    for word in printed:
        for form in forms:
            if word == form:
                return 3
            if len(word) == 1 or len(form) == 1:
                if word[0] == form[0]:
                    best = max(best, 1)
                continue
            if (
                form in NICKNAMES.get(word, ())
                or word in NICKNAMES.get(form, ())
                or (min(len(word), len(form)) >= 3 and _is_prefix(word, form))
            ):
                best = max(best, 2)
    return best


def _is_prefix(word: str, form: str) -> bool:
    return word.startswith(form) or form.startswith(word)


def strip_honorifics(tokens: list[str]) -> list[str]:
    start = 0
    while start < len(tokens) - 1 and tokens[start] in HONORIFICS:
        start += 1
    return tokens[start:]


def surname_keys(last_name: str, *full_names: str) -> frozenset[str]:
    """The normalised last name, plus the part of a compound last name that the person's
    full names end with ('Hernández Rivera' printed as 'Pablo José Hernández')."""
    last = name_tokens(last_name)
    keys = {" ".join(last)} if last else set()
    for full_name in full_names:
        tokens = name_tokens(full_name)
        for length in range(len(last) - 1, 0, -1):
            if tokens[-length:] == last[:length] and len(tokens) > length:
                keys.add(" ".join(last[:length]))
                break
    return frozenset(keys)


def given_forms(last_keys: Iterable[str], *names: str) -> frozenset[str]:
    """Every word of the names that is not part of the last name: first, middle, nickname."""
    surname_words = {word for key in last_keys for word in key.split()}
    return frozenset(
        word for name in names for word in name_tokens(name) if word not in surname_words
    )


@dataclass(frozen=True)
class Candidate(Generic[T]):
    """A person the matcher can return, with the names and badge it matches them by."""

    item: T
    party: str
    state: str
    last_names: frozenset[str]
    given_names: frozenset[str]
    chambers: frozenset[str] = frozenset()

    @classmethod
    def build(
        cls,
        item: T,
        *,
        party: str,
        state: str,
        last_name: str,
        names: Iterable[str] = (),
        chambers: Iterable[str] = (),
    ) -> Candidate[T]:
        """`names`: any full or given names of the person (common, official, first,
        nickname, middle)."""
        names = [name for name in names if name]
        last_names = surname_keys(last_name, *names)
        return cls(
            item=item,
            party=normalise_party(party),
            state=state.upper(),
            last_names=last_names,
            given_names=given_forms(last_names, *names),
            chambers=frozenset(chambers),
        )


class MatchStatus(StrEnum):
    MATCHED = "matched"
    AMBIGUOUS = "ambiguous"
    NOT_FOUND = "not found"


@dataclass(frozen=True)
class NameMatch(Generic[T]):
    """The outcome of matching one printed name: one person, several, or none.

    `first_name_agrees` is None where there was no given name to compare (a last name
    only), False where the one person found has a different given name: a case for an
    editor to check, not to accept silently."""

    status: MatchStatus
    candidates: tuple[T, ...] = ()
    first_name_agrees: bool | None = None

    @property
    def match(self) -> T | None:
        return self.candidates[0] if self.status == MatchStatus.MATCHED else None

    @property
    def is_certain(self) -> bool:
        """One person, and the printed given name (where any) agrees with theirs."""
        return self.status == MatchStatus.MATCHED and self.first_name_agrees is not False


class NameMatcher(Generic[T]):
    """Finds the one person for a printed name, party and state among `candidates`."""

    def __init__(self, candidates: Iterable[Candidate[T]]) -> None:
        self._by_badge: dict[tuple[str, str], list[Candidate[T]]] = defaultdict(list)
        for candidate in candidates:
            self._by_badge[(candidate.party, candidate.state)].append(candidate)

    def match(
        self,
        printed_name: str,
        party: str,
        state: str,
        *,
        last_name: str = "",
        chamber: str = "",
    ) -> NameMatch[T]:
        """Match a printed name ('Robert Menendez, Jr.', 'Rep. Ed Markey') with its party and
        state. `last_name`, where known, is used instead of reading it from the printed
        name; `chamber`, where known, rules out people who never sat in it.

        Raises ValueError without a party or state: a last name alone never matches."""
        party_code = normalise_party(party)
        if not party_code or not state.strip():
            raise ValueError(
                f"Cannot match {printed_name!r} without a party and a state "
                f"(got {party!r}, {state!r}): a last name alone never matches."
            )
        tokens = strip_honorifics(name_tokens(printed_name))
        wanted_last = normalise_name(last_name) if last_name else ""
        found: list[tuple[Candidate[T], list[str]]] = []
        for candidate in self._by_badge.get((party_code, state.strip().upper()), ()):
            if chamber and candidate.chambers and chamber not in candidate.chambers:
                continue
            given = self._given_words(candidate, tokens, wanted_last)
            if given is not None:
                found.append((candidate, given))
        if not found:
            return NameMatch(MatchStatus.NOT_FOUND)
        scores = [given_name_score(given, candidate.given_names) for candidate, given in found]
        has_given = any(given for _, given in found)
        if len(found) == 1:
            agrees = scores[0] > 0 if has_given else None
            return NameMatch(MatchStatus.MATCHED, (found[0][0].item,), agrees)
        best = max(scores)
        ranked = zip(found, scores, strict=True)
        top = [candidate.item for (candidate, _), score in ranked if score == best]
        if best > 0 and len(top) == 1:
            return NameMatch(MatchStatus.MATCHED, (top[0],), True)
        listed = top if best > 0 else [candidate.item for candidate, _ in found]
        return NameMatch(MatchStatus.AMBIGUOUS, tuple(listed), None)

    @staticmethod
    def _given_words(
        candidate: Candidate[T], tokens: list[str], wanted_last: str
    ) -> list[str] | None:
        """The printed words before the last name if the candidate's last name is the
        printed one, else None."""
        if wanted_last:
            if wanted_last not in candidate.last_names:
                return None
            size = len(wanted_last.split())
            if tokens[-size:] == wanted_last.split():
                return tokens[:-size]
            return [word for word in tokens if word not in wanted_last.split()]
        for key in sorted(candidate.last_names, key=len, reverse=True):
            words = key.split()
            if tokens[-len(words) :] == words:
                return tokens[: -len(words)]
        return None
