"""CSV and JSON downloads of the archive's lists, streamed row by row.

Each export is a list of columns (header, function of a row) over a queryset read with
.iterator(), so memory stays flat however many rows there are. CSV cells that a
spreadsheet would run as a formula are made inert (OWASP "CSV injection").
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse, JsonResponse, StreamingHttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CHUNK_SIZE = 2000


def spreadsheet_safe(value: Any) -> Any:
    """Prefix text a spreadsheet would run as a formula with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


@dataclass(frozen=True)
class Column:
    name: str
    value: Callable[[Any], Any]


class _Echo:
    """A file-like object whose write() hands the line back, for csv.writer."""

    def write(self, value: str) -> str:
        return value


def _rows(queryset: QuerySet | Iterable[Any]) -> Iterator[Any]:
    if isinstance(queryset, QuerySet):
        return queryset.iterator(chunk_size=CHUNK_SIZE)
    return iter(queryset)


def in_batches(queryset: QuerySet, size: int = CHUNK_SIZE) -> Iterator[list[Any]]:
    """The queryset's rows read with .iterator(), handed out in lists of `size` (so each
    batch can fetch what its rows need in one query)."""
    rows = queryset.iterator(chunk_size=size)
    while batch := list(islice(rows, size)):
        yield batch


def csv_response(
    filename: str, columns: list[Column], queryset: QuerySet | Iterable[Any]
) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def lines() -> Iterator[str]:
        yield "\ufeff"  # Byte order mark: spreadsheets then read the accents (Sánchez) right.
        yield writer.writerow([column.name for column in columns])
        for row in _rows(queryset):
            yield writer.writerow([spreadsheet_safe(column.value(row)) for column in columns])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def json_response(
    filename: str, columns: list[Column], queryset: QuerySet | Iterable[Any]
) -> StreamingHttpResponse:
    def chunks() -> Iterator[str]:
        yield "["
        for index, row in enumerate(_rows(queryset)):
            record = {column.name: column.value(row) for column in columns}
            yield (
                ("," if index else "") + "\n" + json.dumps(record, ensure_ascii=False, default=str)
            )
        yield "\n]\n"

    response = StreamingHttpResponse(chunks(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}.json"'
    return response


def export_response(
    fmt: str, filename: str, columns: list[Column], queryset: QuerySet | Iterable[Any]
) -> StreamingHttpResponse:
    if fmt == "csv":
        return csv_response(filename, columns, queryset)
    return json_response(filename, columns, queryset)


def bad_filters_response(fmt: str, messages: list[str]) -> HttpResponse:
    """The same 400 answer as the pages give, in the export's own format."""
    if fmt == "json":
        return JsonResponse({"errors": messages}, status=400)
    text = "Nothing was exported: some filter values are not valid.\n" + "\n".join(messages)
    return HttpResponse(text + "\n", status=400, content_type="text/plain; charset=utf-8")
