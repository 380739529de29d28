"""The letter, the archive's central record, and the queries its pages make."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any, TypedDict

from django.contrib.postgres.search import SearchRank
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import BooleanField, Case, Count, F, Prefetch, Q, Value, When
from django.db.models.functions import Coalesce, Concat, TruncMonth

from archive.dates import TO_THE_MONTH, TO_THE_MONTH_CHOICES, DatedAtPrecision, DatePrecision
from archive.models import PageBySlug, SlugManager, TimeStampedModel
from archive.provenance import check_quotes
from archive.text import words_match
from letters.models.campaigns import Campaign
from letters.models.differences import DifferingFact
from letters.models.parts import (
    BillReference,
    DetaineeMention,
    Footnote,
    LetterDemand,
    LetterRecipient,
    Signatory,
)
from letters.models.related import RelatedLettersQuerySet
from letters.models.search import (
    connection_vendor,
    letter_rank_vector,
    letter_search_vector,
    search_headline,
    spelled_query,
)
from letters.models.sources import Recipient, Source
from people.models import Chamber

# The sources name every signer of a letter: as many named as a source states, or as the
# letter's signature blocks show, or, where neither is given, signers named and nothing
# noted as left out. The one statement of the rule: every page reads it through
# with_signers_all_named() (which with_signer_counts() includes, for letters.pages.wording) or
# not_all_named(), so no page can say "not every signer is named" where another says
# "did not sign".
_NONE_STATED = Q(signers_stated__isnull=True) | Q(signers_stated=0)
_NO_BLOCKS = Q(signature_blocks__isnull=True) | Q(signature_blocks=0)
ALL_SIGNERS_NAMED = Q(tally__signers__gt=0) & (
    Q(signers_stated__gt=0, tally__signers__gte=F("signers_stated"))
    | (_NONE_STATED & Q(signature_blocks__gt=0, tally__signers__gte=F("signature_blocks")))
    | (_NONE_STATED & _NO_BLOCKS & Q(signers_note=""))
)

# What a link to a letter shows (its title and date): pages listing many letters read only these.
LETTER_LINK_FIELDS = ("slug", "title", "date", "date_precision")


class SignerCounts(TypedDict):
    """Attributes the letters querysets annotate on their rows, for type checking."""

    signers_recorded: int
    democrats: int
    republicans: int
    independents: int


class SignersAllNamed(TypedDict):
    signers_all_named: bool


class LastChange(TypedDict):
    revisions: int | None
    last_revised: datetime.datetime | None


# QuerySet["Letter"] named again: the type checker reads the row type from a direct base.
class LetterQuerySet(RelatedLettersQuerySet, models.QuerySet["Letter"]):
    def with_signer_counts(self) -> LetterQuerySet:
        """Add `signers_recorded`, the party split and `signers_all_named`, read from each
        letter's tally (one join, no aggregate: see LetterTally): all that
        letters.pages.wording.SignerCount words a count from."""
        return self.annotate(
            signers_recorded=Coalesce(F("tally__signers"), Value(0)),
            democrats=Coalesce(F("tally__democrats"), Value(0)),
            republicans=Coalesce(F("tally__republicans"), Value(0)),
            independents=Coalesce(F("tally__independents"), Value(0)),
        ).with_signers_all_named()

    def with_signers_all_named(self) -> LetterQuerySet:
        """Add `signers_all_named`: whether the sources name every signer (as many named as
        the source states, or, where it states no number, signers named and nothing noted
        as left out). Only then may a page say someone did not sign it."""
        # Case, not the bare condition: a letter without a tally yet is False, never NULL.
        return self.annotate(
            signers_all_named=Case(
                When(ALL_SIGNERS_NAMED, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )

    def all_named(self) -> LetterQuerySet:
        """Letters whose sources name every signer (see ALL_SIGNERS_NAMED)."""
        return self.filter(ALL_SIGNERS_NAMED)

    def not_all_named(self) -> LetterQuerySet:
        """Letters some of whose signers the sources do not name (see ALL_SIGNERS_NAMED)."""
        return self.exclude(ALL_SIGNERS_NAMED)

    def with_people(self) -> LetterQuerySet:
        """Prefetch what a letter page shows: signers, recipients, demands, mentions, the
        campaigns it belongs to (not the text of their sources, nor the timestamps of its
        250 signers: reading them is most of the time of the largest letter's prefetch)."""
        unread = ("source__full_text", "source__created", "source__modified")
        signatories = (
            Signatory.objects.select_related("legislator", "source")
            .defer("created", "modified", "legislator__created", "legislator__modified", *unread)
            # A number, not 250 more model instances (related_to() sorts by it).
            .annotate(signer_letters_signed=Coalesce("legislator__tally__letters_signed", 0))
            .order_by("position")  # the letter's own order, without joining the letter
        )
        demands = LetterDemand.objects.select_related("demand", "source").defer(*unread)
        mentions = DetaineeMention.objects.select_related("detainee", "source").defer(*unread)
        return self.prefetch_related(
            Prefetch("signatories", queryset=signatories),
            Prefetch("addressees", queryset=LetterRecipient.objects.select_related("recipient")),
            Prefetch("letter_demands", queryset=demands),
            Prefetch("mentions", queryset=mentions),
            Prefetch(
                "footnotes", queryset=Footnote.objects.select_related("source").defer(*unread)
            ),
            "sources",
            Prefetch(
                "campaigns",
                queryset=Campaign.objects.with_letters_in_it().only("slug", "title"),
            ),
            Prefetch("bill_references", queryset=BillReference.objects.select_related("bill")),
            Prefetch(
                "differing_facts",
                queryset=DifferingFact.objects.select_related("source", "signatory").defer(*unread),
            ),
        )

    def with_signer_total(self) -> LetterQuerySet:
        """Add `signers_total`: the stated number of signers, or the recorded one if larger
        (sorting the letters list by number of signers)."""
        return self.annotate(
            signers_total=Coalesce(
                F("tally__signers_total"),
                F("signers_stated"),
                Value(0),
                output_field=models.PositiveIntegerField(),
            )
        )

    def with_recipients(self) -> LetterQuerySet:
        """Prefetch the officials each letter is addressed to (one query for all rows)."""
        return self.prefetch_related(
            Prefetch("addressees", queryset=LetterRecipient.objects.select_related("recipient"))
        )

    def addressed_to(self, recipient: Recipient) -> LetterQuerySet:
        """The letters addressed to one official (a subquery: each letter once)."""
        return self.filter(
            pk__in=LetterRecipient.objects.filter(recipient=recipient).values("letter_id")
        )

    def search(self, text: str) -> LetterQuerySet:
        """Letters whose title, summary or text has every word of `text`.

        On PostgreSQL: full-text search on the stored vectors (letters.models.search; GIN index
        letter_search_idx, migration 0004), annotated with `rank` and a highlighted
        `headline` (computed only for the rows fetched once ordered and sliced); elsewhere
        every word matched ignoring accents, with `rank` 0 and no headline. Both read the
        spellings readers use (archive.text: 'Vardanian' finds 'Vardanyan')."""
        if connection_vendor(self.db) != "postgresql":
            return self.filter(words_match(("title", "summary", "full_text"), text)).annotate(
                rank=Value(0.0), headline=Value("")
            )
        query = spelled_query(text)
        return (
            self.alias(search=letter_search_vector())
            .filter(search=query)
            .annotate(
                rank=SearchRank(letter_rank_vector(), query),
                headline=search_headline(
                    Concat("summary", Value(" "), "full_text", output_field=models.TextField()),
                    query,
                ),
            )
        )

    def signed_by(self, **legislator_lookups: object) -> LetterQuerySet:
        """Letters with at least one signer matching the lookups (no duplicate rows)."""
        signed = Signatory.objects.filter(
            **{f"legislator__{key}": value for key, value in legislator_lookups.items()}
        )
        return self.filter(pk__in=signed.values("letter_id"))

    def per_month(self) -> models.QuerySet[Letter, Any]:
        """Number of letters in each month, oldest first (home page timeline)."""
        return (
            self.order_by()
            .annotate(month=TruncMonth("date"))
            .values("month")
            .annotate(letters=Count("pk"))
            .order_by("month")
        )


class LetterOrigin(models.TextChoices):
    HOUSE = Chamber.HOUSE.value, "House"
    SENATE = Chamber.SENATE.value, "Senate"
    BICAMERAL = "bicameral", "House and Senate"


class Letter(DatedAtPrecision, PageBySlug, TimeStampedModel):
    """A letter from members of Congress about Armenian detainees held by Azerbaijan."""

    DatePrecision = DatePrecision

    Origin = LetterOrigin

    slug = models.SlugField(
        max_length=160,
        unique=True,
        help_text="Permanent URL name, e.g. '2025-04-11-titus-smith-rubio'.",
    )
    title = models.CharField(max_length=300, help_text="Title of the letter.")
    date = models.DateField(
        help_text="Date of the letter. Where only the month is known this is the 1st of that "
        "month and date_precision says so."
    )
    date_precision = models.CharField(
        max_length=10,
        choices=TO_THE_MONTH_CHOICES,
        default=DatePrecision.DAY,
        help_text="Whether the source gives the exact day or only the month.",
    )
    date_passage = models.TextField(
        help_text="The source passage that dates the letter, quoted verbatim."
    )
    date_note = models.TextField(
        blank=True,
        help_text="How the date was read where the source does not date the letter itself.",
    )
    date_source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The source the date and its passage come from (one of the letter's "
        "sources); blank where not recorded, then the passage stands in one of them.",
    )
    chamber = models.CharField(
        max_length=10,
        choices=Origin.choices,
        help_text="Chamber the letter came from.",
    )
    chamber_note = models.TextField(
        blank=True, help_text="How the chamber was read from the source, where not obvious."
    )
    summary = models.TextField(help_text="What the letter asks and why, in brief.")
    full_text = models.TextField(
        blank=True,
        help_text="The letter's text cleaned of OCR noise for reading; blank where no source "
        "reproduces it. The text as received is on its source.",
    )
    full_text_is_partial = models.BooleanField(
        default=False, help_text="True where the source reproduces only part of the letter."
    )
    signers_stated = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Number of signers the source states (e.g. 'Thirty-six U.S. "
        "Representatives'); empty where it states none.",
    )
    signers_stated_passage = models.TextField(
        blank=True, help_text="The passage that states the number of signers, verbatim."
    )
    signers_stated_source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The source that states the number of signers (one of the letter's "
        "sources); blank where none states it or where not recorded.",
    )
    signers_note = models.TextField(
        blank=True,
        help_text="What the source leaves out about the signers (e.g. names only the leads).",
    )
    signature_blocks = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Signature blocks the letter's reproduced text shows, named or not; empty "
        "where no source reproduces them. Where some carry no name, the number of signers "
        "is 'at least' this many.",
    )
    signature_blocks_passage = models.TextField(
        blank=True, help_text="The signature blocks, verbatim."
    )
    sources = models.ManyToManyField(
        Source,
        related_name="letters",
        help_text="Documents this letter's facts come from.",
    )

    page_url_name = "letters:letter_detail"
    objects = SlugManager.from_queryset(LetterQuerySet)()

    class Meta:
        ordering = ["-date", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_precision__in=[precision.value for precision in TO_THE_MONTH]),
                name="letter_date_precision_valid",
            ),
            models.CheckConstraint(
                condition=Q(chamber__in=LetterOrigin.values), name="letter_chamber_valid"
            ),
            # A month-precision date is stored as the 1st of the month.
            models.CheckConstraint(
                condition=Q(date_precision="day") | Q(date__day=1),
                name="letter_month_precision_on_first",
            ),
        ]
        indexes = [
            # Letters list, home timeline and feed: newest first, filter by year / range.
            models.Index(fields=["-date"], name="letter_date_idx"),
            # Letters list: filter by chamber.
            models.Index(fields=["chamber", "-date"], name="letter_chamber_date_idx"),
            # Letters list's facet index (letters/pages/facets.py), rebuilt after every edit:
            # every letter in date order with the columns it reads (ALL_SIGNERS_NAMED's),
            # read from the index alone rather than from the letters' wide rows; the home
            # page's timeline counts months from it too (PostgreSQL; elsewhere Django leaves
            # out a covering index).
            models.Index(
                fields=["date", "id"],
                include=["chamber", "signers_stated", "signature_blocks", "signers_note"],
                name="letter_facet_columns_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.date_display})"

    def check_passages(self, sources: Iterable[Source] | None = None) -> None:
        """Check the letter's own quotes stand in one of its sources (queries them unless
        given, e.g. by the admin form before the letter is saved)."""
        sources = list(self.sources.all() if sources is None else sources)
        for passage, source in (
            ("date_passage", self.date_source),
            ("signers_stated_passage", self.signers_stated_source),
            ("signature_blocks_passage", None),
        ):
            # A fact's own source must be one of the letter's and hold its passage.
            cited = [source] if source is not None else sources
            if source is not None and source.pk not in {s.pk for s in sources}:
                raise ValidationError({passage: f"“{source}” is not one of the letter's sources."})
            check_quotes("\n".join(s.full_text for s in cited), {passage: getattr(self, passage)})
