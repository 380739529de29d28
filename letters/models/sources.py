"""What letters come from and link to: source documents, recipients, bills, demands."""

from __future__ import annotations

from django.db import models
from django.db.models import Count, Max, Min, Q

from archive.models import PageBySlug, SlugManager, TimeStampedModel
from archive.text import words_match
from letters.models.search import connection_vendor, source_search_vector, spelled_query


class DemandQuerySet(models.QuerySet["Demand"]):
    def most_asked(self) -> DemandQuerySet:
        """Each kind of demand with the `letters` asking it, the `legislators` behind them,
        and the dates it was `first_asked` and `last_asked`, most asked first (demands list
        and its export)."""
        return self.annotate(
            letters=Count("letter_demands__letter", distinct=True),
            legislators=Count("letter_demands__letter__signatories__legislator", distinct=True),
            first_asked=Min("letter_demands__letter__date"),
            last_asked=Max("letter_demands__letter__date"),
        ).order_by("-letters", "name")


class SourceQuerySet(models.QuerySet["Source"]):
    def search(self, text: str) -> SourceQuerySet:
        """Sources whose title or text has every word of `text`: on PostgreSQL by full-text
        search on the stored vector (letters.models.search; GIN index source_search_idx, migration
        0012), elsewhere every word matched ignoring accents. Both read the spellings
        readers use, as the letters' search does."""
        if connection_vendor(self.db) != "postgresql":
            return self.filter(words_match(("title", "full_text"), text))
        return self.alias(search=source_search_vector()).filter(search=spelled_query(text))


class SourceKind(models.TextChoices):
    PRESS_RELEASE = "press_release", "Press release"
    LETTER_TEXT = "letter_text", "Letter text"
    LETTER_OCR = "letter_ocr", "Letter text (OCR of a PDF)"


class Source(PageBySlug, TimeStampedModel):
    """A document facts were taken from: a press release, or the text of a letter."""

    Kind = SourceKind

    slug = models.SlugField(max_length=160, unique=True, help_text="Permanent URL name.")
    title = models.CharField(
        max_length=300,
        help_text="Title as the document gives it (its headline), or a description where "
        "it has none.",
    )
    kind = models.CharField(
        max_length=20, choices=Kind.choices, help_text="What sort of document this is."
    )
    publisher = models.CharField(
        max_length=200,
        blank=True,
        help_text="Who published the document, where the document states it; blank otherwise.",
    )
    published_on = models.DateField(
        null=True, blank=True, help_text="Publication date where the document states it."
    )
    url = models.URLField(blank=True, help_text="Where the document is online, if known.")
    seed_file = models.CharField(
        max_length=100,
        blank=True,
        help_text="File in shared/seeds/ this text was received in (one file may hold a "
        "press release and the letter text it reproduces).",
    )
    full_text = models.TextField(
        help_text="The document's text exactly as received, OCR noise included. Every "
        "passage quoted from this source appears verbatim in it."
    )

    page_url_name = "letters:source_detail"
    objects = SlugManager.from_queryset(SourceQuerySet)()

    class Meta:
        ordering = ["seed_file", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=SourceKind.values), name="source_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Recipient(PageBySlug, TimeStampedModel):
    """An official a letter is addressed to."""

    slug = models.SlugField(max_length=120, unique=True, help_text="Permanent URL name.")
    name = models.CharField(max_length=200, help_text="Name as printed, e.g. 'Marco Rubio'.")
    office = models.CharField(
        max_length=200, help_text="Office held when written to, e.g. 'Secretary of State'."
    )

    page_url_name = "letters:recipient_letters"
    objects = SlugManager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.office} {self.name}"


class Bill(PageBySlug, TimeStampedModel):
    """A bill or resolution the sources name beside a letter (e.g. S.Res.540)."""

    slug = models.SlugField(max_length=60, unique=True, help_text="Permanent URL name.")
    number = models.CharField(max_length=40, help_text="Number as printed, e.g. 'S.Res.540'.")
    title = models.CharField(
        max_length=300, blank=True, help_text="Title where a source gives one; blank otherwise."
    )

    page_url_name = "letters:bill_letters"
    objects = SlugManager()

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()


class Demand(PageBySlug, TimeStampedModel):
    """A kind of ask the letters make (release of prisoners, Magnitsky sanctions, ...)."""

    slug = models.SlugField(max_length=120, unique=True, help_text="Permanent URL name.")
    name = models.CharField(max_length=200, help_text="Short name of the ask.")
    description = models.TextField(help_text="What this kind of demand asks for.")

    page_url_name = "letters:demand_detail"
    objects = SlugManager.from_queryset(DemandQuerySet)()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
