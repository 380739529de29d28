"""A state's or a district's current members of Congress, and for each, every letter of their
chamber sent while they served: signed (as lead, co-signer or signer), did not sign, or
cannot be known. 'Did not sign' is said only of a letter whose sources name every signer
(LetterQuerySet.with_signers_all_named())."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, Q, QuerySet

from letters.models import LETTER_LINK_FIELDS, Letter, LetterOrigin, Signatory
from people.models import CONTACT_FIELDS, Chamber, Legislator, LegislatorTerm

LETTERS_SHOWN = 100  # per member on the page (the CSV has every one)
# A current term as the pages show it: the seat, and the office's contact details.
TERM_FIELDS = (
    *("legislator", "chamber", "state", "district", "start", "end"),
    *(*CONTACT_FIELDS, "contact_as_of"),
)
Period = tuple[datetime.date, datetime.date]  # first and last day served, both included
SentLetter = tuple[int, str, datetime.date, bool]  # pk, chamber, date, every signer named
Answered = tuple[int, datetime.date, str]  # a letter's pk and date, and the member's Answer
BADGE_FIELDS = ("slug", "name", "party", "state", "chamber", "title", "district", "bioguide_id")


class Answer:
    """What the archive can say of a member and one letter."""

    LEAD = "lead"
    COSIGNER = "cosigner"
    SIGNER = "signer"
    NOT_SIGNED = "not_signed"
    UNKNOWN = "unknown"
    SIGNED = (LEAD, COSIGNER, SIGNER)

    LABELS = {
        LEAD: "Signed, as a lead",
        COSIGNER: "Signed, as a co-signer",
        SIGNER: "Signed (the source does not say who led)",
        NOT_SIGNED: "Did not sign",
        UNKNOWN: "Cannot be known: not every signer of this letter is named",
    }


@dataclass
class MemberLetter:
    letter: Letter
    answer: str

    @property
    def label(self) -> str:
        return Answer.LABELS[self.answer]

    @property
    def signed(self) -> bool:
        return self.answer in Answer.SIGNED

    @property
    def kind(self) -> str:
        return answer_kind(self.answer)


@dataclass
class MemberRecord:
    """A current member, their terms in their chamber, and the letters sent meanwhile:
    how many and what the archive can say of each (`answers`), and the latest of them, or
    every one for a download (`letters`)."""

    legislator: Legislator
    term: LegislatorTerm
    periods: list[Period]
    total: int = 0
    answers: Counter[str] = field(default_factory=Counter)
    letters: list[MemberLetter] = field(default_factory=list)

    def count(self, *answers: str) -> int:
        return sum(self.answers[answer] for answer in answers)

    @property
    def signed(self) -> int:
        return self.count(*Answer.SIGNED)

    @property
    def led(self) -> int:
        return self.count(Answer.LEAD)

    @property
    def not_signed(self) -> int:
        return self.count(Answer.NOT_SIGNED)

    @property
    def unknown(self) -> int:
        return self.count(Answer.UNKNOWN)

    @property
    def shown(self) -> list[MemberLetter]:
        return self.letters[:LETTERS_SHOWN]

    @property
    def served_since(self) -> datetime.date:
        return self.periods[0][0]

    def could_sign(self, letters: list[SentLetter]) -> list[SentLetter]:
        """Of `letters` (newest first), those of their chamber (or of both) dated while they
        served in it, newest first: the periods are disjoint, read latest first."""
        chambers = (self.term.chamber, LetterOrigin.BICAMERAL)
        return [
            letter
            for start, end in reversed(self.periods)
            for letter in letters
            if start <= letter[2] <= end and letter[1] in chambers
        ]


def current_terms(
    state: str,
    district: int | None,
    on: datetime.date,
    legislators: Iterable[int] | QuerySet[Any] | None = None,
) -> list[LegislatorTerm]:
    """The terms serving on `on`: for `state` ('' for any), its senators, then its House
    members (of `district` only where given); of `legislators` (ids or a subquery) where
    given; each with its legislator (one query)."""
    terms = LegislatorTerm.objects.covering(on, state=state)
    if legislators is not None:
        terms = terms.filter(legislator_id__in=legislators)
    house = Q(chamber=Chamber.HOUSE)
    if district is not None:
        house &= Q(district=district)
    return list(
        terms.filter(Q(chamber=Chamber.SENATE) | house)
        .select_related("legislator")
        .only(*TERM_FIELDS, *(f"legislator__{f}" for f in BADGE_FIELDS))
        .order_by("-chamber", "state", "district", "legislator__last_name")
    )


def service_periods(terms: list[LegislatorTerm]) -> dict[tuple[int, str], list[Period]]:
    """Each (legislator, chamber)'s terms merged into unbroken periods of service."""
    periods: dict[tuple[int, str], list[Period]] = {}
    for term in sorted(terms, key=lambda t: (t.legislator_id, t.chamber, t.start)):
        spans = periods.setdefault((term.legislator_id, term.chamber), [])
        if spans and term.start <= spans[-1][1] + datetime.timedelta(days=1):
            spans[-1] = (spans[-1][0], max(spans[-1][1], term.end))
        else:
            spans.append((term.start, term.end))
    return periods


def member_records(
    current: list[LegislatorTerm], *, every_letter: bool = False, per_kind: int | None = None
) -> list[MemberRecord]:
    """Each current member with what the archive says of every letter of their chamber sent
    while they served in it, and the latest LETTERS_SHOWN of those letters (all of them
    with `every_letter`; the latest `per_kind` signed, not signed and unknown with
    `per_kind`). 4 queries whatever the number of members or letters: their terms, the
    letters' dates, their signatures, the letters kept."""
    ids = [term.legislator_id for term in current]
    every_term = LegislatorTerm.objects.filter(legislator_id__in=ids).only(
        "legislator_id", "chamber", "start", "end"
    )
    periods = service_periods(list(every_term))
    records = [
        MemberRecord(
            term.legislator,
            term,
            periods.get((term.legislator_id, term.chamber), [(term.start, term.end)]),
        )
        for term in current
    ]
    if not records:
        return records
    since = min(r.served_since for r in records)
    # Tuples, not letters: a state's page weighs thousands of letters and shows a hundred.
    # Newest first as the date index gives them: only the letters kept are sorted by title.
    sent: list[SentLetter] = list(
        Letter.objects.filter(date__gte=since)
        .with_signers_all_named()
        .order_by("-date", "-pk")
        .values_list("pk", "chamber", "date", F("signers_all_named"))
    )
    # Every signature of theirs, unordered and without joining the letters: those of
    # letters before `since` are never looked up, and reading them costs less than
    # joining and sorting every letter since.
    roles = {
        (letter_id, legislator_id): role
        for letter_id, legislator_id, role in Signatory.objects.filter(legislator_id__in=ids)
        .order_by()
        .values_list("letter_id", "legislator_id", "role")
    }
    kept: list[list[Answered]] = []
    for record in records:
        answered = [
            (pk, date, answer_for(all_named, roles.get((pk, record.legislator.pk))))
            for pk, _, date, all_named in record.could_sign(sent)
        ]
        record.total = len(answered)
        record.answers = Counter(answer for _, _, answer in answered)
        kept.append(shown(answered, every_letter, per_kind))
    letters = in_date_and_title_order({pk for answered in kept for pk, _, _ in answered})
    for record, answered in zip(records, kept, strict=True):
        answers = {pk: answer for pk, _, answer in answered}
        theirs = [
            MemberLetter(letter, answers[letter.pk]) for letter in letters if letter.pk in answers
        ]
        record.letters = theirs if every_letter or per_kind else theirs[:LETTERS_SHOWN]
    return records


def shown(answered: list[Answered], every_letter: bool, per_kind: int | None) -> list[Answered]:
    """The letters a member's record shows, of those `answered` (newest first)."""
    if every_letter:
        return answered
    if per_kind is not None:
        return latest_of_each_kind(answered, per_kind)
    return latest(answered, LETTERS_SHOWN)


def latest_of_each_kind(answered: list[Answered], per_kind: int) -> list[Answered]:
    """The first `per_kind` letters (the latest: `answered` is newest first) of each thing
    the archive can say: signed (in any role), did not sign, cannot be known."""
    seen: Counter[str] = Counter()
    kept = []
    for pk, date, answer in answered:
        seen[answer_kind(answer)] += 1
        if seen[answer_kind(answer)] <= per_kind:
            kept.append((pk, date, answer))
    return kept


def answer_kind(answer: str) -> str:
    """'signed' (in any role), 'not_signed' or 'unknown': the three things the archive can
    say of a member and a letter."""
    return "signed" if answer in Answer.SIGNED else answer


def latest(answered: list[Answered], count: int) -> list[Answered]:
    """The first `count` of `answered` (newest first) and those after them dated as the
    last of them: which of the letters of that day come first is their titles' order."""
    end = min(count, len(answered))
    while 0 < end < len(answered) and answered[end][1] == answered[end - 1][1]:
        end += 1
    return answered[:end]


def in_date_and_title_order(pks: set[int]) -> list[Letter]:
    """The letters, newest first, then by title (the database's order of titles)."""
    return list(
        Letter.objects.filter(pk__in=pks).only(*LETTER_LINK_FIELDS).order_by("-date", "title")
    )


def answer_for(signers_all_named: bool, role: str | None) -> str:
    """Signed in their role; else 'did not sign' only where every signer is named."""
    if role:
        return role
    return Answer.NOT_SIGNED if signers_all_named else Answer.UNKNOWN
