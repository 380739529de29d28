"""What every list page's filters share: faceted choices, the 400 messages, fast selects.

One behaviour for bad filter values, on every page and export: the answer is HTTP 400
and says which value was wrong and why (pages show the form with the messages; CSV
exports answer with the messages as plain text; JSON exports as {"errors": {...}}).
Nothing is parsed from request.GET by hand: every parameter is a form field.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, cast

import django_filters
from django import forms
from django.db.models import Count, QuerySet
from django.http import QueryDict

SEARCH_MAX_LENGTH = 200
MESSAGE_MAX_LENGTH = 300


class IntegerFilter(django_filters.NumberFilter):
    """A whole number (django-filter's NumberFilter would accept 2025.5)."""

    field_class = forms.IntegerField  # type: ignore[assignment]  # the stubs want DecimalField


def date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SearchFilter(django_filters.CharFilter):
    """Words to find, through the queryset's search() (blank: every row)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", SEARCH_MAX_LENGTH)
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "search"}))
        super().__init__(*args, **kwargs)

    def filter(self, qs: Any, value: str | None) -> QuerySet[Any]:
        return cast("QuerySet[Any]", qs.search(value) if value and value.strip() else qs)


class SortFilter(django_filters.ChoiceFilter):
    """The order of the rows: `sorts` are (value, label) choices, `orders` the order_by()
    of each; `default` is used when none is chosen (see FacetedFilterSet.default_order)."""

    def __init__(
        self,
        *args: Any,
        sorts: list[tuple[str, str]],
        orders: Mapping[str, Sequence[str]],
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("label", "Sort by")
        super().__init__(*args, choices=sorts, empty_label=None, **kwargs)
        self.orders, self.default = orders, sorts[0][0]

    def filter(self, qs: QuerySet[Any], value: str | None) -> QuerySet[Any]:
        return qs.order_by(*self.orders[value]) if value else qs


class ListSelect(forms.Select):
    """A <select> whose options are written in one loop of its template
    (templates/includes/_select.html): Django's own select template includes two templates
    per option, and the letters list has hundreds of options."""

    template_name = "includes/_select.html"

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        """The widget's context, with its options in one flat list, each value a string
        (a year is written 2025 whatever the locale's number format)."""
        context = super().get_context(name, value, attrs)
        context["widget"]["options"] = [
            {
                "value": str(option["value"]),
                "label": option["label"],
                "selected": option["selected"],
            }
            for _, group, _ in context["widget"]["optgroups"]
            for option in group
        ]
        return context


class FacetedFilterSet(django_filters.FilterSet):
    """A FilterSet that can count, for each choice of a filter, the rows it would give.

    Facet counts for a filter are taken over the rows the *other* filters leave, so
    every choice shows what picking it would give. Subclasses count them in add_facet_counts
    (the people lists with one grouped query per facet, the letters list from its in-memory
    index) and show them with set_facet_choices.
    """

    rows_found: int | None = None  # set by add_facet_counts() where it counts them

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            if type(field.widget) is forms.Select:
                field.widget = ListSelect(attrs=field.widget.attrs, choices=field.widget.choices)

    def add_facet_counts(self) -> None:
        """Label the choices of the filters with the rows each would give."""

    def default_order(self) -> tuple[str, ...]:
        """The order of the rows when no sort is chosen: the sort filter's default."""
        sort = self.filters["sort"]
        assert isinstance(sort, SortFilter)
        return tuple(sort.orders[sort.default])

    def filter_queryset(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        queryset = super().filter_queryset(queryset)
        if "sort" in self.filters and not self.form.cleaned_data.get("sort"):
            queryset = queryset.order_by(*self.default_order())
        return queryset

    def rows_without(self, name: str) -> QuerySet[Any]:
        """The base rows filtered by every valid filter except `name` (and the sort)."""
        assert self.queryset is not None
        queryset = self.queryset.model._default_manager.all()
        for other, value in self.form.cleaned_data.items():
            if other in (name, "sort"):
                continue
            queryset = self.filters[other].filter(queryset, value)
        return cast("QuerySet[Any]", queryset)

    def counts_by(self, name: str) -> dict[Any, int]:
        """Rows per value of field `name`, among those the other filters leave (one query)."""
        rows = self.rows_without(name).order_by().values_list(name)
        return dict(rows.annotate(n=Count("pk")).values_list(name, "n"))

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
            remaining = cast(QueryDict, self.data).copy()
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
            shown = str(cleaned[name])
            choices.append((raw, f"{shown} (0)" if complete else shown))
        self.form.fields[name].widget.choices = choices


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
