"""Every filtered list page, in one sequence: validate the filters (400 with the reasons),
download the rows (CSV or JSON), count the facets, show a page of rows.

The templates show the rows through templates/includes/_list_results.html.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils.functional import cached_property

from archive.exports import Column, bad_filters_response, export_name, export_response
from archive.filters import FacetedFilterSet, error_messages


class CountedPaginator(Paginator[Any]):
    """A paginator told the number of rows (already counted, e.g. by a tally): no COUNT."""

    def __init__(self, object_list: Any, per_page: int, count: int) -> None:
        super().__init__(object_list, per_page)
        self.known_count = count

    @cached_property
    def count(self) -> int:
        return self.known_count


def _as_they_are(rows: Any) -> Any:
    return rows


@dataclass(frozen=True)
class ListPage:
    """A list page: its template and page size, what a page of rows and a download read
    (`page_rows`, `export_rows`: the filtered rows with their joins), the download's file
    name (followed by the filters that made it) and columns, and what else the template
    shows (`context`, from the filters)."""

    template: str
    per_page: int
    export_name: str
    export_columns: Callable[[], list[Column]]
    page_rows: Callable[[Any], QuerySet[Any]] = _as_they_are
    export_rows: Callable[[Any], Iterable[Any]] = _as_they_are
    context: Callable[[Any], dict[str, Any]] = field(default=lambda filterset: {})

    def respond(
        self, request: HttpRequest, filterset: FacetedFilterSet, fmt: str | None = None
    ) -> HttpResponseBase:
        """The page, or the download when `fmt` is 'csv' or 'json'."""
        if not filterset.is_valid():
            messages = error_messages(filterset)
            if fmt:
                return bad_filters_response(fmt, messages)
            filterset.add_facet_counts()
            context = {"filter": filterset, "errors": messages, "page": None}
            return render(request, self.template, context, status=400)
        if fmt:
            rows = self.export_rows(filterset.qs)
            name = export_name(self.export_name, filterset)
            return export_response(fmt, name, self.export_columns(), rows)
        filterset.add_facet_counts()
        rows = self.page_rows(filterset.qs)
        found = filterset.rows_found
        if found is None:
            paginator = Paginator(rows, self.per_page)
        else:
            paginator = CountedPaginator(rows, self.per_page, found)
        context = {
            "filter": filterset,
            "page": paginator.get_page(request.GET.get("page")),
            "errors": [],
            **self.context(filterset),
        }
        return render(request, self.template, context)
