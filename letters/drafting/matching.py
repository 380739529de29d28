"""Matching printed signers to legislators, knowing *when*: a name is matched among the
members who served, on the letter's date, in the chamber and for the state its title and
badge give (congress-legislators terms), so namesakes across chambers and eras are told
apart.

Last name plus what the text prints (party, state, district, chamber) and the date; given
names only to choose between people who share all that. A match is certain only where the
text prints a badge, or a given name with the member's title, and one member fits; a last
name alone, or a member the archive holds no terms for, is linked as doubtful for the
editor to check. Several people fitting are listed, never chosen between.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from archive.names import MatchStatus, given_forms, given_name_score, surname_keys
from letters.drafting.signers import PrintedSigner
from people.models import Legislator, LegislatorTerm


@dataclass(frozen=True)
class Office:
    """A seat held: chamber, state, party code, district."""

    chamber: str
    state: str
    party: str
    district: int | None = None


@dataclass(frozen=True)
class Member:
    """A legislator as the matcher sees them: names, and the offices held on the date."""

    legislator: Legislator
    last_names: frozenset[str]
    given_names: frozenset[str]
    offices_on_date: tuple[Office, ...]
    offices_ever: tuple[Office, ...]
    has_terms: bool


@dataclass(frozen=True)
class SignerMatch:
    status: MatchStatus
    legislator: Legislator | None = None
    candidates: tuple[Legislator, ...] = ()
    office: Office | None = None
    note: str = ""


def _office(term: LegislatorTerm) -> Office:
    return Office(term.chamber, term.state, term.party_code, term.district)


class SignerMatcher:
    """Matches printed signers among `legislators` on the date `on` (every office ever
    held where the date is unknown)."""

    def __init__(
        self,
        legislators: Iterable[Legislator],
        terms: Iterable[LegislatorTerm],
        on: datetime.date | None,
    ) -> None:
        self.on = on
        by_legislator: dict[int, list[LegislatorTerm]] = {}
        for term in terms:
            by_legislator.setdefault(term.legislator_id, []).append(term)
        self.by_last_name: dict[str, list[Member]] = {}
        for legislator in legislators:
            member = self._member(legislator, by_legislator.get(legislator.pk, []))
            for key in member.last_names:
                self.by_last_name.setdefault(key, []).append(member)

    def _member(self, legislator: Legislator, terms: list[LegislatorTerm]) -> Member:
        names = [legislator.name, legislator.official_name]
        last_names = surname_keys(legislator.last_name, *names)
        given = given_forms(last_names, *names)
        ever: tuple[Office, ...] = tuple(_office(term) for term in terms)
        on_date: tuple[Office, ...]
        if not terms:
            current = Office(
                legislator.chamber, legislator.state, legislator.party, legislator.district
            )
            on_date, ever = (current,), (current,)
        elif self.on is None:
            on_date = ever
        else:
            on_date = tuple(_office(t) for t in terms if t.start <= self.on <= t.end)
        return Member(legislator, last_names, given, on_date, ever, bool(terms))

    def match(self, printed: PrintedSigner, chamber: str = "") -> SignerMatch:
        """The one member who fits what the text prints on the date, or the candidates.
        `chamber` is the letter's, used where the text prints no title for this name."""
        words = printed.words
        chamber = printed.chamber or chamber
        named = self._by_name(words)
        fitting = [
            (m, g, o)
            for m, g in named
            for o in m.offices_on_date
            if self._fits(printed, o, chamber)
        ]
        if not fitting:
            return self._not_found(printed, named, chamber)
        return self._best(printed, fitting)

    def _best(
        self, printed: PrintedSigner, fitting: list[tuple[Member, list[str], Office]]
    ) -> SignerMatch:
        """The one member fitting best by given name, or the candidates where several do."""
        scored: dict[int, tuple[Member, list[str], Office, int]] = {}
        for member, given, office in fitting:
            score = given_name_score(given, member.given_names) if given else 0
            scored.setdefault(member.legislator.pk, (member, given, office, score))
        entries = list(scored.values())
        best = max(entry[3] for entry in entries)
        top = [entry for entry in entries if entry[3] == best]
        if len(top) > 1:
            listed = tuple(entry[0].legislator for entry in (top if best else entries))
            return SignerMatch(MatchStatus.AMBIGUOUS, candidates=listed)
        member, given, office, score = top[0]
        note = self._doubt(printed, member, given, score, len(entries))
        return SignerMatch(
            MatchStatus.MATCHED,
            legislator=member.legislator,
            candidates=(member.legislator,),
            office=office,
            note=note,
        )

    def _by_name(self, words: list[str]) -> list[tuple[Member, list[str]]]:
        """Members whose last name ends the printed name, with the printed given names."""
        found: list[tuple[Member, list[str]]] = []
        seen: set[int] = set()
        for size in (3, 2, 1):
            if len(words) < size:
                continue
            key = " ".join(words[-size:])
            for member in self.by_last_name.get(key, ()):
                if member.legislator.pk not in seen:
                    seen.add(member.legislator.pk)
                    found.append((member, words[:-size]))
        return found

    @staticmethod
    def _fits(printed: PrintedSigner, office: Office, chamber: str) -> bool:
        if chamber and office.chamber != chamber:
            return False
        badge = printed.badge
        if badge is None:
            party_fits = not printed.party or printed.party == office.party
            return party_fits and (not printed.state or printed.state == office.state)
        if badge.state != office.state or (badge.party and badge.party != office.party):
            return False
        return badge.district is None or office.district in (None, badge.district)

    def _doubt(
        self, printed: PrintedSigner, member: Member, given: list[str], score: int, fits: int
    ) -> str:
        """Why a single match still needs the editor's eye ('' where it does not)."""
        legislator = member.legislator
        if given and score == 0:
            return (
                f"the only member who fits is {legislator.name}, whose given name differs: "
                "check the match"
            )
        if printed.badge is not None:
            return ""
        if not given and not (printed.party and printed.state and printed.chamber):
            return (
                f"only the last name is printed; {legislator.name} is the one "
                f"{legislator.last_name} who fits: check the match"
            )
        if not member.has_terms:
            return (
                "no party or state is printed, and the archive holds no terms of "
                f"{legislator.name} to confirm they served then: check the match"
            )
        if not printed.chamber and not printed.party:
            return f"no party, state or title is printed: check {legislator.name}"
        return ""

    def _not_found(
        self, printed: PrintedSigner, named: list[tuple[Member, list[str]]], chamber: str
    ) -> SignerMatch:
        """No one fits on the date: say who has the name and sat in the other chamber then
        (offered, never linked), or fits at another time."""
        other_chamber = [
            member.legislator
            for member, _ in named
            if chamber and any(self._fits(printed, o, "") for o in member.offices_on_date)
        ]
        if other_chamber:
            names = ", ".join(str(legislator) for legislator in other_chamber)
            letter_chamber = "Senate" if chamber == "senate" else "House"
            note = (
                f"no member of the {letter_chamber} of this name fits on the letter's date; "
                f"{names} sat in the other chamber then, so is not linked: choose them only "
                "if the text is wrong about the chamber"
            )
            return SignerMatch(MatchStatus.NOT_FOUND, candidates=tuple(other_chamber), note=note)
        other_times = [
            member.legislator
            for member, _ in named
            if member.has_terms
            and any(self._fits(printed, office, "") for office in member.offices_ever)
        ]
        if other_times and self.on is not None:
            names = ", ".join(str(legislator) for legislator in other_times)
            note = f"{names} did not serve there on {self.on.isoformat()}"
            return SignerMatch(MatchStatus.NOT_FOUND, candidates=tuple(other_times), note=note)
        return SignerMatch(MatchStatus.NOT_FOUND)
