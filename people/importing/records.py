"""A person of a congress-legislators file and their terms, as the file has them: the
records reading produces and syncing writes (no database access)."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from archive.names import Candidate
from people.models.legislators import CONTACT_FIELDS

if TYPE_CHECKING:
    from people.models import LegislatorTerm

# A generational suffix at the end of an official name: 'Frank Pallone, Jr.'.
_SUFFIX = re.compile(r",?\s+(?:Jr\.|Sr\.|II|III|IV|V)$")

# Fields the reference data owns, refreshed on every import. The archive owns the rest (the
# name as printed in the sources, the last name used for matching, the slug): an import
# sets them when it creates a row and never changes them.
REFERENCE_FIELDS: tuple[str, ...] = (
    "bioguide_id",
    "official_name",
    "chamber",
    "title",
    "party",
    "state",
    "district",
)

# A term's fields, the same in a TermRecord and a LegislatorTerm row: what tells terms apart.
TERM_FIELDS: tuple[str, ...] = ("chamber", "state", "district", "party", "caucus", "start", "end")


class LegislatorImportError(Exception):
    """The file or one of its records cannot be imported; nothing was written."""


@dataclass(frozen=True)
class TermRecord:
    """One term of a person in a congress-legislators file."""

    chamber: str
    state: str
    district: int | None
    party: str
    caucus: str
    start: datetime.date
    end: datetime.date
    phone: str = ""
    website: str = ""
    contact_form: str = ""
    office: str = ""
    address: str = ""

    def values(self) -> dict[str, Any]:
        """The fields of a LegislatorTerm row, as this record has them."""
        return {name: getattr(self, name) for name in (*TERM_FIELDS, *CONTACT_FIELDS)}


@dataclass(frozen=True)
class LegislatorRecord:
    """One person of a congress-legislators file, read from their latest term."""

    position: int
    bioguide_id: str
    first_name: str
    last_name: str
    nickname: str
    middle_name: str
    official_name: str
    chamber: str
    title: str
    party: str
    state: str
    district: int | None
    chambers_served: frozenset[str]
    party_note: str = ""
    terms: tuple[TermRecord, ...] = ()
    contact_notes: tuple[str, ...] = ()

    @property
    def common_name(self) -> str:
        """The name as commonly printed, accents kept: nickname or first name, then last name
        ('Ed Markey', 'Linda Sánchez' for 'Linda T. Sánchez'); the official name where it is
        the first name, more given names and the last name, none of them initials ('Eleanor
        Holmes Norton', 'Ben Ray Luján', 'Pablo José Hernández' for last name 'Hernández
        Rivera'), or where the first name is only an initial ('Scott Franklin' for 'C.')."""
        if self.nickname:
            return f"{self.nickname} {self.last_name}"
        official = _SUFFIX.sub("", self.official_name).split()
        first, last = self.first_name.split(), self.last_name.split()
        if official and '"' not in self.official_name:
            if _is_initial(self.first_name):
                return " ".join(official)
            middle = official[len(first) :]
            ends_with_last = any(
                middle[-size:] == last[:size] and len(middle) >= size
                for size in range(len(last), 0, -1)
            )
            if (
                official[: len(first)] == first
                and ends_with_last
                and not any(_is_initial(word) for word in middle)
            ):
                return " ".join(official)
        return f"{self.first_name} {self.last_name}"

    @property
    def party_state(self) -> str:
        return f"{self.party}-{self.state}"

    def describe(self) -> str:
        return f"record {self.position} ({self.first_name} {self.last_name}, {self.bioguide_id})"

    def values(self) -> dict[str, Any]:
        """The reference-owned fields of a Legislator row, as this record has them."""
        return {name: getattr(self, name) for name in REFERENCE_FIELDS}

    def candidate(self) -> Candidate[LegislatorRecord]:
        return Candidate.build(
            self,
            party=self.party,
            state=self.state,
            last_name=self.last_name,
            names=[
                self.official_name,
                self.common_name,
                self.first_name,
                self.nickname,
                self.middle_name,
            ],
            chambers=self.chambers_served,
        )


def term_key(term: TermRecord | LegislatorTerm) -> tuple[object, ...]:
    """What tells a term apart, read alike from a record and a row."""
    return tuple(getattr(term, name) for name in TERM_FIELDS)


def term_contact(term: TermRecord | LegislatorTerm) -> tuple[str, ...]:
    """The office's contact details in a term, read alike from a record and a row."""
    return tuple(getattr(term, name) for name in CONTACT_FIELDS)


def _is_initial(word: str) -> bool:
    return len(word.rstrip(".")) <= 1
