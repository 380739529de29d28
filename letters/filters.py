"""Filters for the letters list and its exports.

One behaviour for bad filter values, on every page and export: the answer is HTTP 400
and says which value was wrong and why (pages show the form with the messages; CSV
exports answer with the messages as plain text; JSON exports as {"errors": {...}}).
Nothing is parsed from request.GET by hand: every parameter is a form field here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

import django_filters
from django import forms
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import ExtractYear

from letters.models import (
    Bill,
    BillReference,
    Demand,
    DetaineeMention,
    Letter,
    LetterDemand,
    LetterRecipient,
    LetterTally,
    Recipient,
)
from people.models import Detainee, Legislator, Party
from people.states import STATE_CHOICES

SEARCH_MAX_LENGTH = 200
FACET_LIMIT = 50  # choices listed for a filter with thousands (detainees): the most named
PARTY_TALLY = {
    Party.DEMOCRAT: "democrats",
    Party.REPUBLICAN: "republicans",
    Party.INDEPENDENT: "independents",
}
MESSAGE_MAX_LENGTH = 300

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


class IntegerFilter(django_filters.NumberFilter):
    """A whole number (django-filter's NumberFilter would accept 2025.5)."""

    field_class = forms.IntegerField


class FacetedFilterSet(django_filters.FilterSet):
    """A FilterSet that can count, for each choice of a filter, the rows it would give.

    Facet counts for a filter are taken over the rows the *other* filters leave, so
    every choice shows what picking it would give. Each facet is one query.
    """

    not_faceted: tuple[str, ...] = ("q", "sort")

    def others_active(self, name: str) -> bool:
        """Whether any filter but `name` (and the sort) narrows the rows."""
        return any(
            value not in (None, "")
            for other, value in getattr(self.form, "cleaned_data", {}).items()
            if other not in (name, "sort")
        )

    def rows_without(self, name: str) -> QuerySet:
        """The base rows filtered by every valid filter except `name` (and the sort)."""
        queryset = self._meta.model._default_manager.all()
        for other, value in self.form.cleaned_data.items():
            if other in (name, "sort"):
                continue
            queryset = self.filters[other].filter(queryset, value)
        return queryset

    def active_filters(self) -> list[dict[str, str]]:
        """The filters in use, each with a readable value and the query string without it."""
        active = []
        for name, value in getattr(self.form, "cleaned_data", {}).items():
            if name in ("sort",) or value in (None, ""):
                continue
            if hasattr(value, "strftime"):
                shown = f"{value:%B} {value.day}, {value.year}"
            elif "choices" in self.filters[name].extra:
                shown = str(dict(self.filters[name].extra["choices"]).get(value, value))
            else:
                shown = getattr(value, "name", None) or str(value)
            remaining = self.data.copy()
            for key in (name, "page"):
                remaining.pop(key, None)
            active.append(
                {
                    "label": str(self.form.fields[name].label),
                    "value": shown,
                    "remove": "?" + remaining.urlencode() if remaining else "?",
                }
            )
        return active

    def set_facet_choices(
        self,
        name: str,
        counts: Iterable[tuple[Any, str, int]],
        blank: str = "Any",
        complete: bool = True,
    ) -> None:
        """Show `label (count)` for each choice of filter `name` (rendering only); `complete`
        False: `counts` lists only some choices (the others are not counted)."""
        choices: list[tuple[Any, str]] = [("", blank)]
        seen = set()
        for value, label, count in counts:
            seen.add(str(value))
            choices.append((value, f"{label} ({count})"))
        cleaned = getattr(self.form, "cleaned_data", {})
        raw = self.form.data.get(name)
        if cleaned.get(name) not in (None, "") and raw and raw not in seen:
            # A valid value that matches nothing here (or is not listed) still shows as selected.
            choices.append((raw, f"{raw} (0)" if complete else str(cleaned[name])))
        self.form.fields[name].widget.choices = choices


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
        method="filter_recipient",
        empty_label="Anyone",
    )
    demand = django_filters.ModelChoiceFilter(
        label="Demand",
        queryset=Demand.objects.all(),
        to_field_name="slug",
        method="filter_demand",
        empty_label="Any",
    )
    detainee = django_filters.ModelChoiceFilter(
        label="Detainee named",
        queryset=Detainee.objects.all(),
        to_field_name="slug",
        method="filter_detainee",
        empty_label="Anyone",
    )
    bill = django_filters.ModelChoiceFilter(
        label="Bill or resolution named",
        queryset=Bill.objects.all(),
        to_field_name="slug",
        method="filter_bill",
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

    def filter_recipient(self, queryset: QuerySet, name: str, value: Recipient) -> QuerySet:
        addressed = LetterRecipient.objects.filter(recipient=value).values("letter_id")
        return queryset.filter(pk__in=addressed)

    def filter_demand(self, queryset: QuerySet, name: str, value: Demand) -> QuerySet:
        asking = LetterDemand.objects.filter(demand=value).values("letter_id")
        return queryset.filter(pk__in=asking)

    def filter_detainee(self, queryset: QuerySet, name: str, value: Detainee) -> QuerySet:
        naming = DetaineeMention.objects.filter(detainee=value).values("letter_id")
        return queryset.filter(pk__in=naming)

    def filter_bill(self, queryset: QuerySet, name: str, value: Bill) -> QuerySet:
        naming = BillReference.objects.filter(bill=value).values("letter_id")
        return queryset.filter(pk__in=naming)

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

    def add_facet_counts(self) -> None:
        """Label every choice with the number of letters it would give (8 queries; the
        detainees only the most named, the signer none: it is set from a legislator's page)."""
        years = (
            self.rows_without("year")
            .order_by()
            .annotate(y=ExtractYear("date"))
            .values("y")
            .annotate(n=Count("pk"))
            .order_by("-y")
        )
        self.set_facet_choices("year", ((row["y"], row["y"], row["n"]) for row in years))

        chambers = dict(
            self.rows_without("chamber")
            .order_by()
            .values_list("chamber")
            .annotate(n=Count("pk"))
            .values_list("chamber", "n")
        )
        self.set_facet_choices(
            "chamber", ((v, label, chambers.get(v, 0)) for v, label in Letter.Origin.choices)
        )

        def related_counts(
            name: str,
            model: type,
            rows: str,
            blank: str,
            label: str = "name",
            limit: int | None = None,
        ) -> None:
            # Unfiltered, count every letter without the IN (...) over the whole table.
            within = (
                Q(**{f"{rows}__letter__in": self.rows_without(name).values("pk")})
                if self.others_active(name)
                else None
            )
            # One row per letter and related object (unique constraints): no DISTINCT.
            counted = (
                model.objects.annotate(n=Count(rows, filter=within))
                .filter(n__gt=0)
                .values_list("slug", label, "n")
            )
            if name == "recipient":
                counted = counted.order_by("name")
            if limit:
                counted = counted.order_by("-n", label)[:limit]
            self.set_facet_choices(name, counted, blank=blank, complete=not limit)

        related_counts("recipient", Recipient, "addressed", "Anyone")
        related_counts("demand", Demand, "letter_demands", "Any")
        related_counts("detainee", Detainee, "mentions", "Anyone", limit=FACET_LIMIT)
        related_counts("bill", Bill, "references", "Any", label="number")

        tallies = LetterTally.objects.all()
        if self.others_active("party"):
            tallies = tallies.filter(letter__in=self.rows_without("party").values("pk"))
        parties = tallies.aggregate(
            **{
                code: Count("pk", filter=Q(**{f"{field}__gt": 0}))
                for code, field in PARTY_TALLY.items()
            }
        )
        self.set_facet_choices("party", ((v, label, parties[v]) for v, label in Party.choices))

        # Each letter's signer states are read once and counted here: no signature is read.
        states: Counter[str] = Counter()
        rows = self.rows_without("state").values("pk") if self.others_active("state") else None
        tallies = LetterTally.objects.exclude(signer_states="")
        if rows is not None:
            tallies = tallies.filter(letter__in=rows)
        for codes in tallies.values_list("signer_states", flat=True).iterator(chunk_size=5000):
            states.update(codes.strip("|").split("|"))
        self.set_facet_choices("state", ((v, label, states[v]) for v, label in STATE_CHOICES))


def error_messages(filterset: django_filters.FilterSet) -> list[str]:
    """'Year: Enter a whole number.' for each bad value, naming the filter by its label."""
    form = filterset.form
    messages = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else name
        for error in errors:
            message = f"{label}: {error}"
            # A bad value is echoed in some messages: keep a 10 kB one from filling the page.
            if len(message) > MESSAGE_MAX_LENGTH:
                message = message[: MESSAGE_MAX_LENGTH - 1] + "…"
            messages.append(message)
    return messages
