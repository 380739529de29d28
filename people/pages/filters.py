"""Filters for the signatories and detainees lists and their exports.

Bad values answer 400 with the reason, as on the letters list (see archive/filters.py).
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import QuerySet

from archive.filters import FacetedFilterSet, SearchFilter, SortFilter, date_input
from archive.states import STATE_CHOICES
from letters.models import Letter, Signatory
from people.models import Chamber, Detainee, Legislator, Party

LEGISLATOR_SORTS = [
    ("-letters", "Most letters signed"),
    ("name", "Name"),
    ("state", "State"),
]
LEGISLATOR_SORT_ORDER = {
    "-letters": ("-letters_signed", "last_name", "name"),
    "name": ("last_name", "name"),
    "state": ("state", "last_name", "name"),
}

DETAINEE_SORTS = [
    ("-letters", "Most letters naming them"),
    ("name", "Name"),
    ("-latest", "Most recently named"),
]
DETAINEE_SORT_ORDER = {
    "-letters": ("-letters_naming", "name"),
    "name": ("name",),
    "-latest": ("-last_named", "name"),
}


class LegislatorFilter(FacetedFilterSet):
    q = SearchFilter(label="Name")
    party = django_filters.ChoiceFilter(label="Party", choices=Party.choices, empty_label="Any")
    state = django_filters.ChoiceFilter(
        label="State or territory", choices=STATE_CHOICES, empty_label="Any"
    )
    chamber = django_filters.ChoiceFilter(
        label="Chamber", choices=Chamber.choices, empty_label="Any"
    )
    letter = django_filters.ModelChoiceFilter(
        label="Signed the letter",
        queryset=Letter.objects.all(),
        to_field_name="slug",
        method="filter_letter",
        empty_label="Any letter",
        # Set from a letter's page; a list of every letter would outweigh the page.
        widget=forms.HiddenInput,
    )
    signed_from = django_filters.DateFilter(
        label="Signed a letter dated from",
        method="filter_signed_from",
        widget=date_input(),
    )
    signed_to = django_filters.DateFilter(
        label="Signed a letter dated to",
        method="filter_signed_to",
        widget=date_input(),
    )
    sort = SortFilter(sorts=LEGISLATOR_SORTS, orders=LEGISLATOR_SORT_ORDER)

    class Meta:
        model = Legislator
        fields: list[str] = []

    def filter_letter(
        self, queryset: QuerySet[Legislator], name: str, value: Letter
    ) -> QuerySet[Legislator]:
        return queryset.filter(pk__in=value.signatories.values("legislator_id"))

    def filter_signed_from(
        self, queryset: QuerySet[Legislator], name: str, value: object
    ) -> QuerySet[Legislator]:
        # Both date bounds must hold for the same letter: see filter_queryset.
        return queryset

    def filter_signed_to(
        self, queryset: QuerySet[Legislator], name: str, value: object
    ) -> QuerySet[Legislator]:
        return queryset

    def filter_queryset(self, queryset: QuerySet[Legislator]) -> QuerySet[Legislator]:
        return self.signed_between(super().filter_queryset(queryset))

    def signed_between(self, queryset: QuerySet[Legislator]) -> QuerySet[Legislator]:
        """Legislators who signed one letter dated within both bounds given."""
        data = self.form.cleaned_data
        signed_from, signed_to = data.get("signed_from"), data.get("signed_to")
        if not (signed_from or signed_to):
            return queryset
        signatures = Signatory.objects.all()
        if signed_from:
            signatures = signatures.filter(letter__date__gte=signed_from)
        if signed_to:
            signatures = signatures.filter(letter__date__lte=signed_to)
        return queryset.filter(pk__in=signatures.values("legislator_id"))

    def rows_without(self, name: str) -> QuerySet[Legislator]:
        queryset = super().rows_without(name)
        if name in ("signed_from", "signed_to"):
            return queryset
        # The date bounds are applied together, outside the per-filter loop.
        return self.signed_between(queryset)

    def add_facet_counts(self) -> None:
        """Label party, state and chamber choices with the legislators each gives, and keep
        the legislators per state for the map in `state_counts` (3 queries)."""
        self.state_counts = self.counts_by("state")
        for name, choices in (("party", Party.choices), ("chamber", Chamber.choices)):
            counts = self.counts_by(name)
            self.set_facet_choices(name, ((v, label, counts.get(v, 0)) for v, label in choices))
        self.set_facet_choices(
            "state", ((v, label, self.state_counts.get(v, 0)) for v, label in STATE_CHOICES)
        )


class DetaineeFilter(FacetedFilterSet):
    q = SearchFilter(label="Name or other spelling")
    category = django_filters.ChoiceFilter(
        label="Held as", choices=Detainee.Category.choices, empty_label="Any"
    )
    sort = SortFilter(sorts=DETAINEE_SORTS, orders=DETAINEE_SORT_ORDER)

    class Meta:
        model = Detainee
        fields: list[str] = []

    def add_facet_counts(self) -> None:
        counts = self.counts_by("category")
        self.set_facet_choices(
            "category", ((v, label, counts.get(v, 0)) for v, label in Detainee.Category.choices)
        )
