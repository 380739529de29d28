"""The letters download: its columns, and each letter's recipients, demands and detainees
read in batches (3 queries per 2,000 letters)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from django.urls import reverse

from archive.exports import Column, in_batches, letter_in
from archive.site import absolute_url
from letters.models import (
    LETTER_LINK_FIELDS,
    DetaineeMention,
    Letter,
    LetterDemand,
    LetterRecipient,
)

# What the letters export reads of each letter (not its full text: 10,000 of them).
LETTER_EXPORT_FIELDS = (
    *LETTER_LINK_FIELDS,
    "chamber",
    "signers_stated",
    "summary",
)


def letter_export_columns() -> list[Column]:
    """Columns of the letters export, over rows from letters_for_export()."""

    # One reverse() for the whole export, not one per letter.
    pattern = absolute_url(reverse("letters:letter_detail", args=["SLUG"]))

    def url(letter: Letter) -> str:
        return pattern.replace("SLUG", letter.slug)

    chambers = dict(Letter.Origin.choices)

    return [
        Column("date", lambda letter: letter.date_iso),
        Column("title", lambda letter: letter.title),
        Column("url", url),
        # Not get_chamber_display(): it rebuilds the choices dict for every row.
        Column("chamber", lambda letter: chambers.get(letter.chamber, letter.chamber)),
        Column("recipients", lambda letter: "; ".join(letter.export_recipients)),
        Column("signers_stated", lambda letter: letter.signers_stated),
        Column("signers_named", lambda letter: letter.signers_recorded),
        Column("democrats", lambda letter: letter.democrats),
        Column("republicans", lambda letter: letter.republicans),
        Column("independents", lambda letter: letter.independents),
        Column("demands", lambda letter: "; ".join(sorted(set(letter.export_demands)))),
        Column("detainees_named", lambda letter: "; ".join(letter.export_detainees)),
        Column("summary", lambda letter: letter.summary),
    ]


def letters_for_export(letters: Any) -> Iterator[Letter]:
    """The letters, streamed, each with the names of its recipients, demands and detainees
    as plain lists (3 queries per 2,000 letters; names read with values_list, not as model
    instances: a full export of 10,000 letters would otherwise build 100,000 objects)."""
    parts = (
        ("export_recipients", LetterRecipient, ("recipient__office", "recipient__name")),
        ("export_demands", LetterDemand, ("demand__name",)),
        ("export_detainees", DetaineeMention, ("detainee__name",)),
    )
    for batch in in_batches(letters):
        ids = [letter.pk for letter in batch]
        names: dict[str, defaultdict[int, list[str]]] = {}
        for attribute, model, fields in parts:
            found = names[attribute] = defaultdict(list)
            rows = model.objects.filter(letter_in(ids)).order_by("letter_id", "position")
            for letter_id, *words in rows.values_list("letter_id", *fields):
                found[letter_id].append(" ".join(words))
        for letter in batch:
            for attribute, by_letter in names.items():
                setattr(letter, attribute, by_letter.get(letter.pk, []))
            yield letter
