"""The letters list's filters, each declared once, and the facet index that counts them.

Every filter of the letters list is one object of a class here (declared in LetterFilter,
letters/pages/filters.py) that owns both halves of what the filter means: `filter()` narrows the
letters in SQL, and `letters_kept()` says which letters it keeps as a bitset of the facet
index. A filter without an index half of its own (searched words, a signer) keeps the
letters its SQL half returns (one query), so the two halves cannot disagree.

The list labels every choice with the number of letters it would give, counted over the
letters the *other* filters leave. Counted in SQL that is one grouped join per filter over
up to every letter; here each value (a year, a chamber, a party, a state, a recipient, a
demand, a detainee, a bill) has one Python integer whose bit n is set when the n-th letter
(in date order) carries it: the letters a set of filters leaves is the AND of their
integers, and a count is a `bit_count()`.

The index is built from the filters' declarations and kept per process under the archive's
version token (archive_token()), which every change to a record replaces in the same
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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

import django_filters
from django.db import models
from django.db.models import QuerySet

from archive.filters import FacetedFilterSet, IntegerFilter, SearchFilter
from letters.models import ArchiveVersion, Letter, LetterQuerySet
from people.models import Party

MAX_AGE_SECONDS = 300
ONE = ord("1")
Counted = tuple[list[tuple[Any, str, int]], bool]  # (value, label, count) choices, complete?


def bitset(positions: Iterable[int], size: int) -> int:
    """An integer with the bits at `positions` set."""
    positions = list(positions)
    if len(positions) < 64:
        bits = 0
        for position in positions:
            bits |= 1 << position
        return bits
    # Many bits: OR-ing into the integer copies it for each bit; a binary numeral written
    # digit by digit (lowest bit first, then reversed) is read by int() at C speed.
    digits = bytearray(b"0") * size
    for position in positions:
        digits[position] = ONE
    return int(digits[::-1], 2)


def positions_of(values: Iterable[Any]) -> dict[Any, list[int]]:
    """The bits (positions in `values`) at which each value stands."""
    found: dict[Any, list[int]] = defaultdict(list)
    for bit, value in enumerate(values):
        found[value].append(bit)
    return found


@dataclass
class FacetIndex:
    token: uuid.UUID | None
    built: float  # time.monotonic() when built
    size: int  # letters
    dates: list[datetime.date]  # of the letters, bit order (date, then pk)
    position: dict[int, int]  # letter pk -> bit
    values: dict[str, dict[Any, int]] = field(default_factory=dict)  # filter -> value -> bits
    choices: dict[str, list[tuple[int, str, str]]] = field(default_factory=dict)  # pk, slug, label

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

    def counted(
        self, name: str, letters: int, choices: Iterable[tuple[Any, str]], keep_zero: bool
    ) -> list[tuple[Any, str, int]]:
        """(value, label, count) of each choice of filter `name` among `letters`."""
        bits = self.values.get(name, {})
        rows = (
            (value, label, (letters & bits.get(value, 0)).bit_count()) for value, label in choices
        )
        return [row for row in rows if keep_zero or row[2]]


class LetterFacet(django_filters.Filter):
    """A filter of the letters list: `filter()` (SQL) and `letters_kept()` (index).

    `index_columns`: the letter columns (read once for every filter, in date order) from
    which index_positions() gives the letters carrying each value; add_to_index() is for a
    filter that reads the index from a query of its own."""

    index_columns: tuple[str, ...] = ()
    model: type[models.Model]  # set by the FilterSet

    def annotate_index(self, letters: LetterQuerySet) -> LetterQuerySet:
        """The letters the index reads, with what this filter's columns need annotated."""
        return letters

    def index_positions(self, *columns: Sequence[Any]) -> Mapping[Any, list[int]]:
        """The bits of the letters carrying each value, from this filter's columns (each
        every letter's value, in bit order): a column at a time, not a letter at a time."""
        return {}

    def add_to_index(self, index: FacetIndex, name: str, using: str) -> None:
        """Read what this filter needs beyond the letter columns (nothing by default)."""

    def letters_kept(self, index: FacetIndex, name: str, value: Any) -> int:
        """The letters this filter keeps for `value`: those of the values the index holds,
        else those its SQL half returns (one query)."""
        if self.index_columns:
            return index.values[name].get(value, 0)
        kept = self.filter(self.model._default_manager.order_by(), value)
        return index.of_letters(kept.values_list("pk", flat=True))

    def counted_choices(self, index: FacetIndex, name: str, letters: int) -> Counted | None:
        """Its choices with the letters each gives among `letters` (None: not shown)."""
        return None


class ChoiceFacet(LetterFacet, django_filters.ChoiceFilter):
    """A column of the letter with a fixed set of values (the chamber)."""

    @property
    def index_columns(self) -> tuple[str, ...]:  # type: ignore[override]  # read from the filter's field
        return (str(self.field_name),)

    def index_positions(self, *columns: Sequence[Any]) -> Mapping[Any, list[int]]:
        return positions_of(columns[0])

    def counted_choices(self, index: FacetIndex, name: str, letters: int) -> Counted:
        return index.counted(name, letters, self.extra["choices"], keep_zero=True), True


class PartyFacet(ChoiceFacet):
    """Letters with at least one signer of the party, from the letter's tally."""

    TALLY: dict[str, str] = {
        Party.DEMOCRAT: "democrats",
        Party.REPUBLICAN: "republicans",
        Party.INDEPENDENT: "independents",
    }
    index_columns = tuple(f"tally__{column}" for column in TALLY.values())

    def index_positions(self, *counts: Sequence[Any]) -> Mapping[Any, list[int]]:
        return {
            party: [bit for bit, count in enumerate(column) if count]
            for party, column in zip(self.TALLY, counts, strict=True)
        }

    def filter(self, qs: QuerySet[Any], value: str | None) -> QuerySet[Any]:
        if value in ("", None):
            return qs
        return qs.filter(**{f"tally__{self.TALLY[value]}__gt": 0})


class StateFacet(ChoiceFacet):
    """Letters with at least one signer from the state, from the letter's tally."""

    index_columns = ("tally__signer_states",)

    def index_positions(self, *columns: Sequence[Any]) -> Mapping[Any, list[int]]:
        found: dict[Any, list[int]] = defaultdict(list)
        for bit, states in enumerate(columns[0]):
            for state in (states or "").strip("|").split("|"):
                if state:
                    found[state].append(bit)
        return found

    def filter(self, qs: QuerySet[Any], value: str | None) -> QuerySet[Any]:
        if value in ("", None):
            return qs
        return qs.filter(tally__signer_states__contains=f"|{value}|")


class SignersNamedFacet(ChoiceFacet):
    """Letters whose sources name every signer, or not: the one rule of
    Letter.objects.all_named() / not_all_named(), read in SQL for the index too."""

    ALL, NOT_ALL = "all", "not_all"
    index_columns = ("signers_all_named",)

    def annotate_index(self, letters: LetterQuerySet) -> LetterQuerySet:
        return letters.with_signers_all_named()

    def index_positions(self, *columns: Sequence[Any]) -> Mapping[Any, list[int]]:
        return positions_of(self.ALL if named else self.NOT_ALL for named in columns[0])

    def filter(self, qs: QuerySet[Any], value: str | None) -> QuerySet[Any]:
        letters = cast(LetterQuerySet, qs)
        if value == self.ALL:
            return letters.all_named()
        if value == self.NOT_ALL:
            return letters.not_all_named()
        return qs


class YearFacet(LetterFacet, IntegerFilter):
    """The letter's year (`date__year`), counted from the index's dates."""

    def letters_kept(self, index: FacetIndex, name: str, value: int) -> int:
        return index.year(value)

    def counted_choices(self, index: FacetIndex, name: str, letters: int) -> Counted:
        years = sorted({date.year for date in index.dates}, reverse=True)
        counted = ((year, str(year), (letters & index.year(year)).bit_count()) for year in years)
        return [row for row in counted if row[2]], True


class DateFacet(LetterFacet, django_filters.DateFilter):
    """A bound on the letter's date (`date__gte` or `date__lte`): not counted."""

    def letters_kept(self, index: FacetIndex, name: str, value: datetime.date) -> int:
        if self.lookup_expr == "gte":
            return index.between(first=value)
        return index.between(last=value)


class LinkFacet(LetterFacet, django_filters.ModelChoiceFilter):
    """Letters linked to a record (recipient, demand, detainee, bill) through a letter part.

    `link`: the part model and `key` its foreign key to the record, chosen by slug;
    `label_field`: the record's field shown; `most`: list only the choices giving most
    letters, where there are more."""

    def __init__(
        self,
        link: type[models.Model],
        key: str,
        *,
        label_field: str = "name",
        most: int = 0,
        **kwargs: Any,
    ) -> None:
        field = link._meta.get_field(key)
        assert isinstance(field, models.ForeignKey)
        records = field.related_model._default_manager.all()
        super().__init__(queryset=records, to_field_name="slug", **kwargs)
        self.link, self.column = link, field.attname
        self.label_field, self.most = label_field, most

    def filter(self, qs: QuerySet[Any], value: models.Model | None) -> QuerySet[Any]:
        if value is None:
            return qs
        linked = self.link._default_manager.filter(**{self.column: value.pk}).values("letter_id")
        return qs.filter(pk__in=linked)

    def add_to_index(self, index: FacetIndex, name: str, using: str) -> None:
        """The letters linked to each record, and the records linked to any (two queries)."""
        naming: dict[int, list[int]] = defaultdict(list)
        links = (
            self.link._default_manager.using(using).order_by().values_list("letter_id", self.column)
        )
        position = index.position.get
        for letter_id, pk in links:
            # A letter committed since the letters were read is not in this index (and its
            # commit replaced the token: the next request builds a new one).
            if (bit := position(letter_id)) is not None:
                naming[pk].append(bit)
        assert self.queryset is not None
        records = self.queryset.model._default_manager.using(using).values_list(
            "pk", "slug", self.label_field
        )
        index.values[name] = {pk: bitset(bits, index.size) for pk, bits in naming.items()}
        index.choices[name] = [(pk, slug, label) for pk, slug, label in records if pk in naming]

    def letters_kept(self, index: FacetIndex, name: str, value: models.Model) -> int:
        return index.values[name].get(value.pk, 0)

    def counted_choices(self, index: FacetIndex, name: str, letters: int) -> Counted:
        bits = index.values[name]
        counted = [
            (slug, label, count)
            for pk, slug, label in index.choices[name]
            if (count := (letters & bits[pk]).bit_count())
        ]
        limited = bool(self.most) and len(counted) > self.most
        if limited:  # the most linked only
            counted = sorted(counted, key=lambda row: (-row[2], row[1]))[: self.most]
        return counted, not limited


class SearchFacet(LetterFacet, SearchFilter):
    """Words searched in the letters' title, summary and text (LetterQuerySet.search())."""


class SignerFacet(LetterFacet, django_filters.ModelChoiceFilter):
    """Letters a legislator signed."""

    def filter(self, qs: QuerySet[Any], value: models.Model | None) -> QuerySet[Any]:
        return qs if value is None else cast(LetterQuerySet, qs).signed_by(pk=value.pk)


def archive_token(using: str) -> uuid.UUID | None:
    """The token every change to the archive replaces (None: no row, a flushed database)."""
    return ArchiveVersion.current(using)


def build_index(
    facets: Mapping[str, LetterFacet], token: uuid.UUID | None, using: str = "default"
) -> FacetIndex:
    """Read the letters' columns the filters need (one query), then what each filter
    reads on its own."""
    columned = [(name, facet) for name, facet in facets.items() if facet.index_columns]
    columns = [column for _, facet in columned for column in facet.index_columns]
    letters = Letter.objects.using(using).order_by("date", "pk")
    for _, facet in columned:
        letters = facet.annotate_index(letters)
    rows = list(letters.values_list("pk", "date", *columns))
    # Column by column (bit n is the n-th letter).
    pks, dates, *values = zip(*rows, strict=True) if rows else [()] * (2 + len(columns))
    size = len(rows)
    index = FacetIndex(
        token=token,
        built=time.monotonic(),
        size=size,
        dates=list(dates),
        position=dict(zip(pks, range(size), strict=True)),
    )
    start = 0
    for name, facet in columned:
        end = start + len(facet.index_columns)
        found = facet.index_positions(*values[start:end])
        index.values[name] = {value: bitset(bits, size) for value, bits in found.items()}
        start = end
    for name, facet in facets.items():
        facet.add_to_index(index, name, using)
    return index


_lock = threading.Lock()
_indexes: dict[str, FacetIndex] = {}


def facet_index(facets: Mapping[str, LetterFacet], using: str = "default") -> FacetIndex:
    """The index of the records as they are now (one query when it is current)."""
    token = archive_token(using)
    index = _indexes.get(using)
    if (
        index is not None
        and token is not None
        and index.token == token
        and time.monotonic() - index.built < MAX_AGE_SECONDS
    ):
        return index
    index = build_index(facets, token, using)
    if token is not None:  # no row (a flushed database): nothing to check it against later
        with _lock:
            _indexes[using] = index
    return index


def forget_indexes() -> None:
    """Drop every index held by this process (the next request rebuilds it)."""
    with _lock:
        _indexes.clear()


class IndexedFilterSet(FacetedFilterSet):
    """A FilterSet of LetterFacet filters, counted from the facet index."""

    @classmethod
    def facets(cls) -> dict[str, LetterFacet]:
        return {
            name: facet
            for name, facet in cls.base_filters.items()
            if isinstance(facet, LetterFacet)
        }

    @classmethod
    def index(cls, using: str = "default") -> FacetIndex:
        return facet_index(cls.facets(), using)

    def add_facet_counts(self) -> None:
        """Label every choice with the number of letters it would give, counted over the
        letters the other filters leave: one query when the index is current, plus one
        for each filter without an index half of its own (searched words, a signer)."""
        index = self.index()
        facets = {name: f for name, f in self.filters.items() if isinstance(f, LetterFacet)}
        kept = {
            name: facets[name].letters_kept(index, name, value)
            for name, value in getattr(self.form, "cleaned_data", {}).items()
            if name in facets and value not in (None, "")
        }

        def letters_without(name: str) -> int:
            letters = index.every_letter
            for other, bits in kept.items():
                if other != name:
                    letters &= bits
            return letters

        # Every filter at once: the number of letters listed (the paginator's count).
        self.rows_found = letters_without("").bit_count()
        for name, facet in facets.items():
            counted = facet.counted_choices(index, name, letters_without(name))
            if counted is not None:
                choices, complete = counted
                blank = facet.extra.get("empty_label") or "Any"
                self.set_facet_choices(name, choices, blank=blank, complete=complete)
