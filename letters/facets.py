"""Which letters carry each value a letters-list filter can take, kept in memory as bitsets.

The letters list labels every choice of every filter with the number of letters it would
give, counted over the letters the *other* filters leave. Counted in SQL, that is one
grouped join per filter over up to every letter (70+ ms at 10,000 letters). Here each
value (a year, a chamber, a party, a state, a recipient, a demand, a detainee, a bill) has
one Python integer whose bit n is set when the n-th letter (in date order) carries it:
the letters a set of filters leaves is the AND of their integers, and a count is a
`bit_count()` (2,000+ values counted in about 3 ms).

The index is built from nine queries and kept per process under the archive's version token
(letters.models.ArchiveVersion), which every change to a record replaces in the same
transaction: a request reads the token (one query) and rebuilds the index when it has
changed, so counts are never those of other data, rolled-back changes included. A change
made outside Django (SQL by hand) is picked up after MAX_AGE_SECONDS at most.
"""

from __future__ import annotations

import bisect
import datetime
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from letters.models import (
    ArchiveVersion,
    Bill,
    BillReference,
    Demand,
    DetaineeMention,
    Letter,
    LetterDemand,
    LetterRecipient,
    Recipient,
)
from people.models import Detainee, Party

MAX_AGE_SECONDS = 300
PARTY_TALLY_COLUMNS = {
    Party.DEMOCRAT: "tally__democrats",
    Party.REPUBLICAN: "tally__republicans",
    Party.INDEPENDENT: "tally__independents",
}


def bitset(positions: Iterable[int], size: int) -> int:
    """An integer with the bits at `positions` set."""
    positions = list(positions)
    if len(positions) < 256:
        bits = 0
        for position in positions:
            bits |= 1 << position
        return bits
    # Many bits: set them in a bytearray (OR-ing into the integer copies it for each bit).
    buffer = bytearray((size + 7) // 8)
    for position in positions:
        buffer[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(buffer, "little")


@dataclass
class RelatedFacet:
    """The letters naming each object of one related model (recipient, demand, ...)."""

    choices: list[tuple[int, str, str]]  # (pk, slug, label) in the list's order
    letters: dict[int, int]  # pk -> bitset of the letters naming it


@dataclass
class FacetIndex:
    token: uuid.UUID | None
    built: float  # time.monotonic() when built
    size: int  # letters
    dates: list[datetime.date]  # of the letters, bit order (date, then pk)
    position: dict[int, int]  # letter pk -> bit
    years: list[int] = field(default_factory=list)  # with a letter, latest first
    chambers: dict[str, int] = field(default_factory=dict)
    parties: dict[str, int] = field(default_factory=dict)
    states: dict[str, int] = field(default_factory=dict)
    related: dict[str, RelatedFacet] = field(default_factory=dict)

    @property
    def every_letter(self) -> int:
        return (1 << self.size) - 1

    def between(self, first: datetime.date | None = None, last: datetime.date | None = None) -> int:
        """The letters dated from `first` to `last`, both included (a run of bits)."""
        start = bisect.bisect_left(self.dates, first) if first else 0
        end = bisect.bisect_right(self.dates, last) if last else self.size
        return ((1 << end) - 1) ^ ((1 << start) - 1) if end > start else 0

    def year(self, year: int) -> int:
        return self.between(datetime.date(year, 1, 1), datetime.date(year, 12, 31))

    def of_letters(self, letter_ids: Iterable[int]) -> int:
        """The bitset of the given letters (those unknown to the index are left out)."""
        position = self.position
        return bitset((position[pk] for pk in letter_ids if pk in position), self.size)


RELATED = {
    # filter name: (model, link model, link column, label column); listed in model order
    "recipient": (Recipient, LetterRecipient, "recipient_id", "name"),
    "demand": (Demand, LetterDemand, "demand_id", "name"),
    "detainee": (Detainee, DetaineeMention, "detainee_id", "name"),
    "bill": (Bill, BillReference, "bill_id", "number"),
}


def build_index(token: uuid.UUID | None, using: str = "default") -> FacetIndex:
    """Read the letters, their links and the names of what they link to (nine queries)."""
    rows = (
        Letter.objects.using(using)
        .order_by("date", "pk")
        .values_list("pk", "date", "chamber", "tally__signer_states", *PARTY_TALLY_COLUMNS.values())
    )
    position: dict[int, int] = {}
    dates: list[datetime.date] = []
    chambers: dict[str, list[int]] = defaultdict(list)
    parties: dict[str, list[int]] = defaultdict(list)
    states: dict[str, list[int]] = defaultdict(list)
    for bit, (pk, date, chamber, signer_states, *party_counts) in enumerate(rows):
        position[pk] = bit
        dates.append(date)
        chambers[chamber].append(bit)
        for party, count in zip(PARTY_TALLY_COLUMNS, party_counts, strict=True):
            if count:
                parties[party].append(bit)
        for state in (signer_states or "").strip("|").split("|"):
            if state:
                states[state].append(bit)
    size = len(dates)
    index = FacetIndex(
        token=token, built=time.monotonic(), size=size, dates=dates, position=position
    )
    index.years = sorted({date.year for date in dates}, reverse=True)
    index.chambers = {value: bitset(bits, size) for value, bits in chambers.items()}
    index.parties = {value: bitset(bits, size) for value, bits in parties.items()}
    index.states = {value: bitset(bits, size) for value, bits in states.items()}
    for name, (model, link, column, label) in RELATED.items():
        naming: dict[int, list[int]] = defaultdict(list)
        for letter_id, pk in link.objects.using(using).order_by().values_list("letter_id", column):
            # A letter committed since the letters were read is not in this index (and its
            # commit replaced the token: the next request builds a new one).
            if letter_id in position:
                naming[pk].append(position[letter_id])
        index.related[name] = RelatedFacet(
            choices=[
                choice
                for choice in model.objects.using(using).values_list("pk", "slug", label)
                if choice[0] in naming  # named by some letter
            ],
            letters={pk: bitset(bits, size) for pk, bits in naming.items()},
        )
    return index


_lock = threading.Lock()
_indexes: dict[str, FacetIndex] = {}


def facet_index(using: str = "default") -> FacetIndex:
    """The index of the records as they are now (one query when it is current)."""
    token = ArchiveVersion.current(using)
    index = _indexes.get(using)
    if (
        index is not None
        and token is not None
        and index.token == token
        and time.monotonic() - index.built < MAX_AGE_SECONDS
    ):
        return index
    index = build_index(token, using)
    if token is not None:  # no row (a flushed database): nothing to check it against later
        with _lock:
            _indexes[using] = index
    return index


def forget_indexes() -> None:
    """Drop every index held by this process (the next request rebuilds it)."""
    with _lock:
        _indexes.clear()
