"""Filters for the letters list and its exports (bad values: see archive/filters.py)."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet

from archive.filters import SEARCH_MAX_LENGTH, FacetedFilterSet, IntegerFilter
from letters.facets import RELATED, FacetIndex, facet_index
from letters.models import (
    Bill,
    Demand,
    Letter,
    Recipient,
    Signatory,
)
from people.models import Detainee, Legislator, Party
from people.states import STATE_CHOICES

FACET_LIMIT = 50  # choices listed for a filter with thousands (detainees): the most named
PARTY_TALLY = {
    Party.DEMOCRAT: "democrats",
    Party.REPUBLICAN: "republicans",
    Party.INDEPENDENT: "independents",
}

LETTER_SORTS = [
    ("-date", "Newest first"),
    ("date", "Oldest first"),
    ("-signers", "Most signers"),
    ("signers", "Fewest signers"),
]
LETTER_SORT_ORDER = {
    "-date": ("-date", "title"),
    "date": ("date", "title"),
    "-signers": ("-signers_total", "-date"),
    "signers": ("signers_total", "-date"),
}


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LetterFilter(FacetedFilterSet):
    q = django_filters.CharFilter(
        label="Search title, summary and text",
        method="filter_search",
        max_length=SEARCH_MAX_LENGTH,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    year = IntegerFilter(
        label="Year",
        field_name="date",
        lookup_expr="year",
        min_value=1900,
        max_value=2100,
        widget=forms.Select,
    )
    date_from = django_filters.DateFilter(
        label="From date", field_name="date", lookup_expr="gte", widget=_date_input()
    )
    date_to = django_filters.DateFilter(
        label="To date", field_name="date", lookup_expr="lte", widget=_date_input()
    )
    chamber = django_filters.ChoiceFilter(
        label="Chamber", choices=Letter.Origin.choices, empty_label="Any"
    )
    recipient = django_filters.ModelChoiceFilter(
        label="Addressed to",
        queryset=Recipient.objects.all(),
        to_field_name="slug",
        method="filter_linked",
        empty_label="Anyone",
    )
    demand = django_filters.ModelChoiceFilter(
        label="Demand",
        queryset=Demand.objects.all(),
        to_field_name="slug",
        method="filter_linked",
        empty_label="Any",
    )
    detainee = django_filters.ModelChoiceFilter(
        label="Detainee named",
        queryset=Detainee.objects.all(),
        to_field_name="slug",
        method="filter_linked",
        empty_label="Anyone",
    )
    bill = django_filters.ModelChoiceFilter(
        label="Bill or resolution named",
        queryset=Bill.objects.all(),
        to_field_name="slug",
        method="filter_linked",
        empty_label="Any",
    )
    signer = django_filters.ModelChoiceFilter(
        label="Signed by",
        queryset=Legislator.objects.all(),
        to_field_name="slug",
        method="filter_signer",
        empty_label="Anyone",
        # Set from a legislator's page; 540 names with counts would outweigh the page.
        widget=forms.HiddenInput,
    )
    party = django_filters.ChoiceFilter(
        label="Signer's party", choices=Party.choices, method="filter_party", empty_label="Any"
    )
    state = django_filters.ChoiceFilter(
        label="Signer's state", choices=STATE_CHOICES, method="filter_state", empty_label="Any"
    )
    sort = django_filters.ChoiceFilter(
        label="Sort by", choices=LETTER_SORTS, method="filter_sort", empty_label=None
    )

    class Meta:
        model = Letter
        fields: list[str] = []

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.search(value) if value.strip() else queryset

    def filter_linked(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        """Letters linked to `value`, a recipient, demand, detainee or bill: the link model
        and column of each are in facets.RELATED, which counts its choices."""
        _, link, column, _ = RELATED[name]
        linked = link.objects.filter(**{column: value.pk}).values("letter_id")
        return queryset.filter(pk__in=linked)

    def filter_signer(self, queryset: QuerySet, name: str, value: Legislator) -> QuerySet:
        return queryset.signed_by(pk=value.pk)

    def filter_party(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(**{f"tally__{PARTY_TALLY[value]}__gt": 0})

    def filter_state(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(tally__signer_states__contains=f"|{value}|")

    def filter_sort(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.order_by(*LETTER_SORT_ORDER.get(value, LETTER_SORT_ORDER["-date"]))

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("sort"):
            searched = (self.form.cleaned_data.get("q") or "").strip()
            # Searching: best matches first (rank is 0 on SQLite, so newest first there).
            order = ("-rank", *LETTER_SORT_ORDER["-date"]) if searched else None
            queryset = queryset.order_by(*(order or LETTER_SORT_ORDER["-date"]))
        return queryset

    def letters_kept(self, index: FacetIndex, name: str, value: Any) -> int:
        """The letters filter `name` keeps for `value`, as a bitset of the facet index
        (searched words and signers are looked up in the database: one query each)."""
        if name == "q":
            searched = Letter.objects.search(value.strip()).order_by()
            return index.of_letters(searched.values_list("pk", flat=True))
        if name == "signer":
            signed = Signatory.objects.filter(legislator=value).order_by()
            return index.of_letters(signed.values_list("letter_id", flat=True))
        if name == "year":
            return index.year(value)
        if name == "date_from":
            return index.between(first=value)
        if name == "date_to":
            return index.between(last=value)
        if name == "chamber":
            return index.chambers.get(value, 0)
        if name == "party":
            return index.parties.get(value, 0)
        if name == "state":
            return index.states.get(value, 0)
        return index.related[name].letters.get(value.pk, 0)

    def add_facet_counts(self) -> None:
        """Label every choice with the number of letters it would give, counted over the
        letters the other filters leave, from the facet index (letters/facets.py): one
        query when the index is current, plus one for searched words, one for a signer."""
        index = facet_index()
        kept = {
            name: self.letters_kept(index, name, value)
            for name, value in getattr(self.form, "cleaned_data", {}).items()
            if name != "sort" and value not in (None, "")
        }

        def letters_without(name: str) -> int:
            letters = index.every_letter
            for other, bits in kept.items():
                if other != name:
                    letters &= bits
            return letters

        # Every filter at once: the number of letters listed (the paginator's count).
        self.letters_found = letters_without("").bit_count()
        letters = letters_without("year")
        self.set_facet_choices(
            "year",
            (
                (year, year, count)
                for year in index.years
                if (count := (letters & index.year(year)).bit_count())
            ),
        )
        letters = letters_without("chamber")
        self.set_facet_choices(
            "chamber",
            (
                (value, label, (letters & index.chambers.get(value, 0)).bit_count())
                for value, label in Letter.Origin.choices
            ),
        )
        blanks = {"recipient": "Anyone", "demand": "Any", "detainee": "Anyone", "bill": "Any"}
        for name, blank in blanks.items():
            letters = letters_without(name)
            facet = index.related[name]
            counted = [
                (slug, label, count)
                for pk, slug, label in facet.choices
                if (count := (letters & facet.letters[pk]).bit_count())
            ]
            limited = name == "detainee" and len(counted) > FACET_LIMIT
            if limited:  # the most named only
                counted = sorted(counted, key=lambda row: (-row[2], row[1]))[:FACET_LIMIT]
            self.set_facet_choices(name, counted, blank=blank, complete=not limited)
        for name, bits, choices in (
            ("party", index.parties, Party.choices),
            ("state", index.states, STATE_CHOICES),
        ):
            letters = letters_without(name)
            self.set_facet_choices(
                name,
                (
                    (value, label, (letters & bits.get(value, 0)).bit_count())
                    for value, label in choices
                ),
            )
