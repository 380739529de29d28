"""CSV and JSON downloads of the archive's lists, streamed row by row.

Each export is a list of columns (header, function of a row) over a queryset read with
.iterator(), so memory stays flat however many rows there are. CSV cells that a
spreadsheet would run as a formula are made inert (OWASP "CSV injection").
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from django.contrib.postgres.fields import ArrayField
from django.db import connection
from django.db.models import BooleanField, F, Func, IntegerField, Q, QuerySet, Value
from django.http import HttpResponse, JsonResponse, StreamingHttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CHUNK_SIZE = 2000
SEND_SIZE = 64 * 1024
# The download starts with the first few rows rather than after a whole batch: a small
# first batch of letters, and a small first chunk sent.
FIRST_BATCH = 200
FIRST_SEND_SIZE = 8 * 1024


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


def _rows(queryset: QuerySet[Any] | Iterable[Any]) -> Iterator[Any]:
    if isinstance(queryset, QuerySet):
        return queryset.iterator(chunk_size=CHUNK_SIZE)
    return iter(queryset)


class AnyOf(Func):
    """`expression = ANY(array)` (PostgreSQL): membership, the array one parameter."""

    arg_joiner = " = ANY("
    template = "%(expressions)s)"
    output_field = BooleanField()


def letter_in(ids: list[int]) -> Q | AnyOf:
    """`letter_id` among `ids`: on PostgreSQL as one array parameter, where an IN list of
    2,000 numbers costs milliseconds to build and parse for every batch."""
    if connection.vendor != "postgresql":
        return Q(letter_id__in=ids)
    return AnyOf(F("letter_id"), Value(ids, output_field=ArrayField(IntegerField())))


def in_batches(
    queryset: QuerySet[Any], size: int = CHUNK_SIZE, first: int = FIRST_BATCH
) -> Iterator[list[Any]]:
    """The queryset's rows read with .iterator(), handed out in lists of `size` after a
    first of `first` (so each batch can fetch what its rows need in one query)."""
    rows = queryset.iterator(chunk_size=size)
    batch_size = first
    while batch := list(islice(rows, batch_size)):
        yield batch
        batch_size = size


def joined(
    pieces: Iterator[str], size: int = SEND_SIZE, first: int = FIRST_SEND_SIZE
) -> Iterator[str]:
    """The pieces (a row each) joined into chunks of about `size` characters, the first of
    about `first`: the server sends each chunk with its own system call, one per row otherwise."""
    buffer: list[str] = []
    length = 0
    limit = first
    for piece in pieces:
        buffer.append(piece)
        length += len(piece)
        if length >= limit:
            yield "".join(buffer)
            buffer, length, limit = [], 0, size
    if buffer:
        yield "".join(buffer)


FILENAME_UNSAFE = re.compile(r"[^A-Za-z0-9]+")
FILENAME_MAX = 150


def export_name(base: str, filterset: Any) -> str:
    """The export's file name, saying which filters made it: 'letters-party-R-state-FL'
    (the filters in their declared order, each value as given, cut to FILENAME_MAX)."""
    parts = [base]
    for name in filterset.filters:
        for value in filterset.data.getlist(name):
            cleaned = FILENAME_UNSAFE.sub("-", value).strip("-")
            if cleaned:
                parts += [FILENAME_UNSAFE.sub("-", name).strip("-"), cleaned]
    return "-".join(parts)[:FILENAME_MAX].rstrip("-")


def csv_response(
    filename: str,
    columns: list[Column],
    queryset: QuerySet[Any] | Iterable[Any],
    empty_note: str = "",
) -> StreamingHttpResponse:
    """The rows as CSV; where there are none, `empty_note` says why under the header."""
    writer = csv.writer(_Echo())

    def lines() -> Iterator[str]:
        yield "\ufeff"  # Byte order mark: spreadsheets then read the accents (Sánchez) right.
        yield writer.writerow([column.name for column in columns])
        written = 0
        for written, row in enumerate(_rows(queryset), 1):  # noqa: B007 (counted)
            yield writer.writerow([spreadsheet_safe(column.value(row)) for column in columns])
        if not written and empty_note:
            yield writer.writerow([spreadsheet_safe(empty_note)])

    response = StreamingHttpResponse(joined(lines()), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def json_response(
    filename: str, columns: list[Column], queryset: QuerySet[Any] | Iterable[Any]
) -> StreamingHttpResponse:
    """The rows as a JSON list (an empty list says why in the page it is linked from)."""

    def chunks() -> Iterator[str]:
        yield "["
        for index, row in enumerate(_rows(queryset)):
            record = {column.name: column.value(row) for column in columns}
            yield (
                ("," if index else "") + "\n" + json.dumps(record, ensure_ascii=False, default=str)
            )
        yield "\n]\n"

    response = StreamingHttpResponse(
        joined(chunks()), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{filename}.json"'
    return response


def export_response(
    fmt: str,
    filename: str,
    columns: list[Column],
    queryset: QuerySet[Any] | Iterable[Any],
    empty_note: str = "",
) -> StreamingHttpResponse:
    """The rows in `fmt` ('csv' or 'json') as `filename`.csv/.json. `empty_note`, given by
    a caller that knows the export is empty, says why (in a header, and in the CSV under
    its header row)."""
    if fmt == "csv":
        response = csv_response(filename, columns, queryset, empty_note)
    else:
        response = json_response(filename, columns, queryset)
    if empty_note:
        response["Archive-Empty-Note"] = empty_note
    return response


def bad_filters_response(
    fmt: str, messages: list[str], refused: str = "Nothing was exported"
) -> HttpResponse:
    """The same 400 answer as the pages give, in the export's own format (a feed's: text),
    `refused` saying what was not given."""
    if fmt == "json":
        return JsonResponse({"errors": messages}, status=400)
    text = f"{refused}: some filter values are not valid.\n" + "\n".join(messages)
    return HttpResponse(text + "\n", status=400, content_type="text/plain; charset=utf-8")
