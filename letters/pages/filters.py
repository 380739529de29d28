"""Filters for the letters list and its exports (bad values: see archive/filters.py).

Each filter is declared once here; its class (letters/pages/facets.py) says both how it narrows
the letters in SQL and which letters it keeps in the facet index that counts the choices.
"""

from __future__ import annotations

from django import forms

from archive.filters import SortFilter, date_input
from archive.states import STATE_CHOICES
from letters.models import (
    BillReference,
    DetaineeMention,
    Letter,
    LetterDemand,
    LetterRecipient,
)
from letters.pages.facets import (
    ChoiceFacet,
    DateFacet,
    IndexedFilterSet,
    LinkFacet,
    PartyFacet,
    SearchFacet,
    SignerFacet,
    SignersNamedFacet,
    StateFacet,
    YearFacet,
)
from people.models import Legislator, Party

FACET_LIMIT = 50  # choices listed for a filter with thousands (detainees): the most named

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


class LetterFilter(IndexedFilterSet):
    q = SearchFacet(label="Search title, summary and text")
    year = YearFacet(
        label="Year",
        field_name="date",
        lookup_expr="year",
        min_value=1900,
        max_value=2100,
        widget=forms.Select,
    )
    date_from = DateFacet(
        label="From date", field_name="date", lookup_expr="gte", widget=date_input()
    )
    date_to = DateFacet(label="To date", field_name="date", lookup_expr="lte", widget=date_input())
    chamber = ChoiceFacet(label="Chamber", choices=Letter.Origin.choices, empty_label="Any")
    recipient = LinkFacet(LetterRecipient, "recipient", label="Addressed to", empty_label="Anyone")
    demand = LinkFacet(LetterDemand, "demand", label="Demand", empty_label="Any")
    detainee = LinkFacet(
        DetaineeMention,
        "detainee",
        label="Detainee named",
        empty_label="Anyone",
        most=FACET_LIMIT,
    )
    bill = LinkFacet(
        BillReference,
        "bill",
        label="Bill or resolution named",
        empty_label="Any",
        label_field="number",
    )
    signer = SignerFacet(
        label="Signed by",
        queryset=Legislator.objects.all(),
        to_field_name="slug",
        empty_label="Anyone",
        # Set from a legislator's page; 540 names with counts would outweigh the page.
        widget=forms.HiddenInput,
    )
    party = PartyFacet(label="Signer's party", choices=Party.choices, empty_label="Any")
    state = StateFacet(label="Signer's state", choices=STATE_CHOICES, empty_label="Any")
    named = SignersNamedFacet(
        label="Signers named",
        choices=[
            (SignersNamedFacet.ALL, "Every signer named"),
            (SignersNamedFacet.NOT_ALL, "Not every signer named"),
        ],
        empty_label="Either",
    )
    sort = SortFilter(sorts=LETTER_SORTS, orders=LETTER_SORT_ORDER)

    class Meta:
        model = Letter
        fields: list[str] = []

    @property
    def searched(self) -> str:
        """The words searched ('' for none), once the filters are valid."""
        return (self.form.cleaned_data.get("q") or "").strip()

    def default_order(self) -> tuple[str, ...]:
        """Searching: best matches first (rank is 0 on SQLite, so newest first there)."""
        newest = super().default_order()
        return ("-rank", *newest) if self.searched else newest
