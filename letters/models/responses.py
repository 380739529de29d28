"""What answered a demand: an official reply, a statement or an action, each recorded by an
editor with the passage of the source that reports it."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import models
from django.db.models import Q

from archive.dates import TO_THE_MONTH_CHOICES, DatedAtPrecision, DatePrecision
from archive.models import TimeStampedModel, key_depends_on
from letters.models.parts import QuotesSourceMixin


class ResponseKind(models.TextChoices):
    OFFICIAL_REPLY = "reply", "Official reply"
    STATEMENT = "statement", "Statement"
    ACTION = "action", "Action (e.g. sanctions imposed, a hearing held)"


class DemandResponseQuerySet(models.QuerySet["DemandResponse"]):
    def to_demands(self, demand_ids: Iterable[int]) -> DemandResponseQuerySet:
        return self.filter(demand_id__in=list(demand_ids))

    def since(self, date: datetime.date) -> DemandResponseQuerySet:
        """Responses dated on or after `date` (a letter's date: what is recorded since)."""
        return self.filter(date__gte=date)

    def in_date_order(self) -> DemandResponseQuerySet:
        return self.order_by("date", "pk")


class DemandResponseKeys(models.Manager["DemandResponse"]):
    def get_by_natural_key(
        self, demand_slug: str, kind: str, date: str, source_slug: str
    ) -> DemandResponse:
        return self.get(demand__slug=demand_slug, kind=kind, date=date, source__slug=source_slug)


class DemandResponse(DatedAtPrecision, QuotesSourceMixin, TimeStampedModel):
    """A recorded answer to a kind of demand (an official reply, a statement, an action such
    as sanctions imposed or a hearing held), dated and quoted from its source. The archive
    says only what is recorded: where there is none, 'no response recorded in the archive'."""

    Kind = ResponseKind

    demand = models.ForeignKey(
        "letters.Demand",
        on_delete=models.PROTECT,
        related_name="responses",
        help_text="The kind of demand this answers or acts on.",
    )
    letter = models.ForeignKey(
        "letters.Letter",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responses",
        help_text="The letter it answers, where the source says it answers one; empty otherwise.",
    )
    kind = models.CharField(
        max_length=20, choices=Kind.choices, help_text="Official reply, statement or action."
    )
    responder = models.CharField(
        max_length=200,
        help_text="Who answered or acted, as the source names them (e.g. 'U.S. Department of "
        "State').",
    )
    summary = models.TextField(
        help_text="What was answered or done, in brief, claiming no more than the passage."
    )
    date = models.DateField(
        help_text="When, as precisely as the source says (the 1st of the month where it gives "
        "only the month)."
    )
    date_precision = models.CharField(
        max_length=10,
        choices=TO_THE_MONTH_CHOICES,
        default=DatePrecision.DAY,
        help_text="Whether the source gives the exact day or only the month.",
    )
    source = models.ForeignKey(
        "letters.Source",
        on_delete=models.PROTECT,
        related_name="demand_responses",
        help_text="The document that reports the response.",
    )
    passage = models.TextField(help_text="The words that report it, verbatim from the source.")

    objects = DemandResponseKeys.from_queryset(DemandResponseQuerySet)()

    class Meta:
        ordering = ["demand", "date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["demand", "kind", "date", "source"], name="demand_response_once"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ResponseKind.values), name="demand_response_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(date_precision="day") | Q(date__day=1),
                name="demand_response_month_on_first",
                violation_error_message="With month precision the date is the 1st of the month.",
            ),
        ]
        indexes = [
            # Demand page and letter page: the responses to a demand, in date order.
            models.Index(fields=["demand", "date"], name="demand_response_date_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.demand} ({self.date_display})"

    @key_depends_on("letters.demand", "letters.source")
    def natural_key(self) -> tuple[str, str, str, str]:
        return (self.demand.slug, self.kind, self.date.isoformat(), self.source.slug)

    def get_absolute_url(self) -> str:
        return self.demand.get_absolute_url() + "#responses"
