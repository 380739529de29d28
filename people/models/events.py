"""What happened to a detainee, as the sources date it: the events of their story."""

from __future__ import annotations

from typing import ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from archive.dates import DateAtPrecision, DatedAtPrecision, DatePrecision
from archive.models import TimeStampedModel, key_depends_on
from archive.provenance import check_quotes

# What public pages and exports read of an event (never its internal note).
EVENT_FIELDS = (
    "kind",
    "date",
    "date_end",
    "date_precision",
    "timing",
    "date_note",
    "description",
    "passage",
)


class EventKind(models.TextChoices):
    DETAINED = "detained", "Detained"
    CHARGED = "charged", "Charged"
    TRIAL_OPENED = "trial_opened", "Trial opened"
    TRIALS_REPORTED = "trials_reported", "Trials reported"
    SENTENCED = "sentenced", "Sentenced"
    IN_CUSTODY = "in_custody", "Reported in custody"
    TRANSFERRED = "transferred", "Transferred"
    RELEASED = "released", "Released"


class EventTiming(models.TextChoices):
    ON = "on", "On the date (or within the range) given"
    BY = "by", "No later than the date: reported by a source of that date"
    AS_OF = "as_of", "As of the date: a state the source of that date reports"


class DetaineeEventQuerySet(models.QuerySet["DetaineeEvent"]):
    def public(self) -> DetaineeEventQuerySet:
        """Events reviewed for the public pages; every public page, export and feed reads
        events through this (internal ones are seen in the admin only)."""
        return self.filter(is_public=True)

    def in_story_order(self) -> DetaineeEventQuerySet:
        return self.order_by("date", "date_end", "pk")


class DetaineeEventKeys(models.Manager["DetaineeEvent"]):
    def get_by_natural_key(
        self, detainee_slug: str, kind: str, date: str, source_slug: str
    ) -> DetaineeEvent:
        return self.get(
            detainee__slug=detainee_slug, kind=kind, date=date, source__slug=source_slug
        )


class DetaineeEvent(DatedAtPrecision, TimeStampedModel):
    """Something that happened to a detainee (detained, charged, tried, sentenced, moved,
    released, or reported in custody), dated only as precisely as its source dates it and
    quoting the passage that says it."""

    Kind = EventKind
    Precision = DatePrecision
    Timing = EventTiming

    detainee = models.ForeignKey(
        "people.Detainee",
        on_delete=models.CASCADE,
        related_name="events",
        help_text="The person this happened to.",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, help_text="What happened.")
    date = models.DateField(
        help_text="When, as precisely as the source says: the day, or the 1st of the month "
        "(month precision), or January 1st (year precision). The start of a range."
    )
    date_end = models.DateField(
        null=True,
        blank=True,
        help_text="The end of the range where the source gives one (e.g. 'late September and "
        "early October' runs from September to October); empty otherwise.",
    )
    date_precision = models.CharField(
        max_length=10,
        choices=Precision.choices,
        default=Precision.DAY,
        help_text="Whether the source gives the day, only the month, or only the year.",
    )
    timing = models.CharField(
        max_length=10,
        choices=Timing.choices,
        default=Timing.ON,
        help_text="'On' where the source dates the event itself; 'by' where it only reports "
        "it had happened by the source's date; 'as of' for a state the source reports.",
    )
    date_note = models.TextField(
        blank=True,
        help_text="How the date was read where the passage does not give it whole (e.g. the "
        "year comes from the paragraph before).",
    )
    description = models.TextField(
        help_text="What the source says happened, in brief, claiming no more than the passage."
    )
    source = models.ForeignKey(
        "letters.Source",
        on_delete=models.PROTECT,
        related_name="detainee_events",
        help_text="The document that says it.",
    )
    passage = models.TextField(help_text="The words that say it, verbatim from the source.")
    is_public = models.BooleanField(
        default=False,
        verbose_name="reviewed and public",
        help_text="Shown on the public pages and in exports only once reviewed; until then "
        "(and whenever it must stay internal) it is seen in the admin only.",
    )
    internal_note = models.TextField(
        blank=True,
        help_text="For editors only (never on a public page, export or feed): why an event "
        "is kept internal, what is still to check.",
    )

    # Hidden in the admin from whoever may not change events (archive/editors_only.py).
    editors_only_fields: ClassVar[tuple[str, ...]] = ("internal_note",)

    objects = DetaineeEventKeys.from_queryset(DetaineeEventQuerySet)()

    class Meta:
        ordering = ["detainee", "date", "date_end", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["detainee", "kind", "date", "source"], name="detainee_event_once"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=EventKind.values), name="detainee_event_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(date_precision__in=DatePrecision.values),
                name="detainee_event_precision_valid",
            ),
            models.CheckConstraint(
                condition=Q(timing__in=EventTiming.values), name="detainee_event_timing_valid"
            ),
            models.CheckConstraint(
                condition=Q(date_end__isnull=True) | Q(date_end__gte=models.F("date")),
                name="detainee_event_range_ordered",
            ),
        ]
        indexes = [
            # Detainee page: the public events of one person, in date order.
            models.Index(fields=["detainee", "is_public", "date"], name="detainee_event_story_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.detainee} ({self.date_display})"

    @key_depends_on("people.detainee", "letters.source")
    def natural_key(self) -> tuple[str, str, str, str]:
        return (self.detainee.slug, self.kind, self.date.isoformat(), self.source.slug)

    def get_absolute_url(self) -> str:
        return self.detainee.get_absolute_url() + "#story"

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        for name in ("date", "date_end"):
            value = getattr(self, name)
            if value and not DateAtPrecision(value, self.date_precision).is_stored_form():
                errors[name] = (
                    "With month precision the date is the 1st of the month; with year "
                    "precision, January 1st."
                )
        if self.date_end and self.timing != EventTiming.ON:
            errors["date_end"] = (
                "Only an event dated 'on' has a range: 'by' and 'as of' take one date."
            )
        if errors:
            raise ValidationError(errors)
        if self.source_id is not None:
            check_quotes(self.source.full_text, {"passage": self.passage})

    @property
    def date_display(self) -> str:
        """'September to October 2023' with an en dash, 'by April 11, 2025', 'as of
        November 21, 2025'."""
        shown = self.dated.shown_until(self.date_end) if self.date_end else self.dated.shown()
        prefixes: dict[str, str] = {EventTiming.BY: "by ", EventTiming.AS_OF: "as of "}
        prefix = prefixes.get(self.timing, "")
        return prefix + shown

    @property
    def date_end_iso(self) -> str:
        """The end of a range in ISO 8601 at the source's precision; '' without one."""
        return DateAtPrecision(self.date_end, self.date_precision).iso() if self.date_end else ""
