"""The tables of the data package, each declared once: the model it comes from, the columns
it keeps (never an internal field such as an event's internal note) and the rows (never an
internal event). Each column's type, description, allowed values and foreign key are read
from the model field, so the models' help_text is the data dictionary."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import models

from letters.models import (
    Campaign,
    Demand,
    DemandResponse,
    DetaineeMention,
    Letter,
    LetterDemand,
    LetterRecipient,
    Recipient,
    Signatory,
    Source,
)
from people.models import Detainee, DetaineeAlias, Legislator, LegislatorTerm
from people.models.events import DetaineeEvent

ROW_ID = "The row's number; the other tables of this download refer to it."

# Table Schema types (https://specs.frictionlessdata.io/table-schema/) of the model fields.
FIELD_TYPES: tuple[tuple[type[models.Field[Any, Any]], str], ...] = (
    (models.ForeignKey, "integer"),
    (models.BooleanField, "boolean"),
    (models.DateTimeField, "datetime"),
    (models.DateField, "date"),
    (models.IntegerField, "integer"),
    (models.AutoField, "integer"),
    (models.BigAutoField, "integer"),
)


@dataclass(frozen=True)
class Column:
    """One column of a table: its name in the files, Table Schema type and description,
    the values it may take, and the table and column it refers to (a foreign key)."""

    name: str
    type: str
    description: str
    required: bool
    choices: tuple[str, ...] = ()
    refers_to: str = ""


@dataclass(frozen=True)
class Table:
    name: str  # the resource's name, its CSV file's and its SQLite table's
    model: type[models.Model]
    fields: tuple[str, ...]  # model field names, a foreign key written as its id
    rows: Callable[[], models.QuerySet[Any]] | None = None  # every row, unless said
    reference_data: bool = False  # from congress-legislators (CC0), not the archive's own
    description: str = ""  # the model's docstring, unless said
    notes: Mapping[str, str] = field(default_factory=dict)  # fields without help_text

    def queryset(self) -> models.QuerySet[Any]:
        rows = self.rows() if self.rows else self.model._default_manager.all()
        return rows.order_by("pk")

    def about(self) -> str:
        return self.description or " ".join(inspect.cleandoc(self.model.__doc__ or "").split())

    def columns(self) -> list[Column]:
        return [self.column(name) for name in self.fields]

    def column(self, name: str) -> Column:
        model_field = self.model._meta.get_field(name)
        assert isinstance(model_field, models.Field)
        description = self.notes.get(name) or str(model_field.help_text)
        if model_field.primary_key:
            description = description or ROW_ID
        refers_to = ""
        if isinstance(model_field, models.ForeignKey):
            refers_to = TABLE_OF_MODEL[model_field.related_model]
        return Column(
            name=model_field.attname,
            type=next((t for kind, t in FIELD_TYPES if isinstance(model_field, kind)), "string"),
            description=description,
            required=model_field.primary_key or not (model_field.null or model_field.blank),
            choices=tuple(str(value) for value, _ in model_field.flatchoices),
            refers_to=refers_to,
        )


def public_events() -> models.QuerySet[DetaineeEvent]:
    return DetaineeEvent.objects.public()


LETTER_PART = ("id", "letter", "position", "source")

TABLES: tuple[Table, ...] = (
    Table(
        "letters",
        Letter,
        (
            *("id", "slug", "title", "date", "date_precision", "date_passage", "date_note"),
            *("date_source", "chamber", "chamber_note", "summary", "full_text"),
            *("full_text_is_partial", "signers_stated", "signers_stated_passage"),
            *("signers_stated_source", "signers_note", "signature_blocks"),
            "signature_blocks_passage",
        ),
    ),
    Table(
        "letter_sources",
        Letter.sources.through,
        ("id", "letter", "source"),
        description="Which source documents each letter's facts come from.",
        notes={"letter": "The letter.", "source": "A document the letter's facts come from."},
    ),
    Table(
        "sources",
        Source,
        ("id", "slug", "title", "kind", "publisher", "published_on", "url", "full_text"),
    ),
    Table(
        "signatures",
        Signatory,
        (
            *(*LETTER_PART, "legislator", "role", "printed_name", "printed_party_state"),
            *("passage", "role_source", "role_passage"),
        ),
    ),
    Table(
        "legislators",
        Legislator,
        (
            *("id", "slug", "name", "official_name", "last_name", "chamber", "title"),
            *("party", "state", "district", "bioguide_id", "entered_by_hand"),
        ),
        reference_data=True,
    ),
    Table(
        "terms",
        LegislatorTerm,
        ("id", "legislator", "chamber", "state", "district", "party", "caucus", "start", "end"),
        reference_data=True,
    ),
    Table(
        "recipients",
        Recipient,
        ("id", "slug", "name", "office"),
    ),
    Table(
        "letter_recipients",
        LetterRecipient,
        (*LETTER_PART, "recipient", "printed_title", "passage"),
    ),
    Table("demands", Demand, ("id", "slug", "name", "description")),
    Table(
        "letter_demands",
        LetterDemand,
        (*LETTER_PART, "demand", "wording", "wording_origin"),
    ),
    Table(
        "demand_responses",
        DemandResponse,
        (
            *("id", "demand", "letter", "kind", "responder", "summary", "date"),
            *("date_precision", "source", "passage"),
        ),
    ),
    Table(
        "detainees",
        Detainee,
        ("id", "slug", "name", "role", "category", "status", "status_passage", "summary"),
    ),
    Table("detainee_aliases", DetaineeAlias, ("id", "detainee", "name", "kind")),
    Table(
        "mentions",
        DetaineeMention,
        (*LETTER_PART, "detainee", "printed_name", "role_given", "passage"),
    ),
    Table(
        "events",
        DetaineeEvent,
        (
            *("id", "detainee", "kind", "date", "date_end", "date_precision", "timing"),
            *("date_note", "description", "source", "passage"),
        ),
        rows=public_events,
        description="What happened to a detainee, as the sources date it: the public events "
        "of their story (events still under review are left out).",
    ),
    Table("campaigns", Campaign, ("id", "slug", "title", "description")),
    Table(
        "campaign_letters",
        Campaign.letters.through,
        ("id", "campaign", "letter"),
        description="Which letters each campaign groups.",
        notes={"campaign": "The campaign.", "letter": "A letter of the campaign."},
    ),
)

TABLE_OF_MODEL: dict[Any, str] = {table.model: table.name for table in TABLES}
