from __future__ import annotations

import calendar
import uuid
from collections.abc import Iterable

from django.contrib.postgres.search import SearchRank
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.db.models import Case, Count, F, OuterRef, Prefetch, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Concat, Least, TruncMonth
from django.db.models.lookups import GreaterThan
from django.urls import reverse

from archive.models import TimeStampedModel
from archive.text import words_match
from letters.provenance import check_quotes
from letters.search import (
    connection_vendor,
    full_text_query,
    letter_rank_vector,
    letter_search_vector,
    search_headline,
)
from people.models import Chamber, Detainee, Legislator, Party


class QuotesSourceMixin:
    """A row whose quoted fields must appear verbatim in its `source` (checked by clean())."""

    quoted_fields: tuple[str, ...] = ("passage",)

    def clean(self) -> None:
        super().clean()  # type: ignore[misc]
        if getattr(self, "source_id", None) is None:
            return
        check_quotes(
            self.source.full_text,  # type: ignore[attr-defined]
            {field: getattr(self, field) for field in self.quoted_fields},
        )


# What a link to a letter shows (its title and date): pages listing many letters read only these.
LETTER_LINK_FIELDS = ("slug", "title", "date", "date_precision")
RELATED_SIGNERS = 20  # a letter's least frequent signers that find its related letters
RELATED_PROBE = 20  # candidates counted first, to bound the others (see related_many)


def signed_count(signatory: Signatory) -> int:
    """Letters the signatory's legislator signed, from their tally (0 before it exists):
    annotated by with_people(), else read from the tally."""
    if hasattr(signatory, "signer_letters_signed"):
        return signatory.signer_letters_signed
    try:
        return signatory.legislator.tally.letters_signed
    except ObjectDoesNotExist:
        return 0


def related_shares(signers: object, detainees: list[int]) -> dict[str, Coalesce]:
    """`shared_signers` and `shared_detainees` of each letter with the given signers (ids,
    or a subquery of them) and detainees, counted from the (letter, legislator or
    detainee) indexes (LetterQuerySet.related_to())."""

    def shared(rows: models.QuerySet, lookup: str, ids: object) -> Coalesce:
        counted = (
            rows.filter(letter=OuterRef("pk"), **{lookup: ids})
            .order_by()
            .values("letter")
            .annotate(n=Count("*"))
            .values("n")
        )
        return Coalesce(Subquery(counted), Value(0))

    return {
        "shared_signers": shared(Signatory.objects, "legislator_id__in", signers),
        "shared_detainees": shared(DetaineeMention.objects, "detainee_id__in", detainees),
    }


class SlugManager(models.Manager):
    """Natural key = slug, so fixtures never depend on primary keys."""

    def get_by_natural_key(self, slug: str) -> models.Model:
        return self.get(slug=slug)


class SourceKind(models.TextChoices):
    PRESS_RELEASE = "press_release", "Press release"
    LETTER_TEXT = "letter_text", "Letter text"
    LETTER_OCR = "letter_ocr", "Letter text (OCR of a PDF)"


class Source(TimeStampedModel):
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

    objects = SlugManager()

    class Meta:
        ordering = ["seed_file", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=SourceKind.values), name="source_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    def get_absolute_url(self) -> str:
        return reverse("letters:source_detail", kwargs={"slug": self.slug})


class Recipient(TimeStampedModel):
    """An official a letter is addressed to."""

    slug = models.SlugField(max_length=120, unique=True, help_text="Permanent URL name.")
    name = models.CharField(max_length=200, help_text="Name as printed, e.g. 'Marco Rubio'.")
    office = models.CharField(
        max_length=200, help_text="Office held when written to, e.g. 'Secretary of State'."
    )

    objects = SlugManager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.office} {self.name}"

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    def get_absolute_url(self) -> str:
        return reverse("letters:recipient_letters", kwargs={"slug": self.slug})


class Bill(TimeStampedModel):
    """A bill or resolution the sources name beside a letter (e.g. S.Res.540)."""

    slug = models.SlugField(max_length=60, unique=True, help_text="Permanent URL name.")
    number = models.CharField(max_length=40, help_text="Number as printed, e.g. 'S.Res.540'.")
    title = models.CharField(
        max_length=300, blank=True, help_text="Title where a source gives one; blank otherwise."
    )

    objects = SlugManager()

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    def get_absolute_url(self) -> str:
        return reverse("letters:bill_letters", kwargs={"slug": self.slug})


class Demand(TimeStampedModel):
    """A kind of ask the letters make (release of prisoners, Magnitsky sanctions, ...)."""

    slug = models.SlugField(max_length=120, unique=True, help_text="Permanent URL name.")
    name = models.CharField(max_length=200, help_text="Short name of the ask.")
    description = models.TextField(help_text="What this kind of demand asks for.")

    objects = SlugManager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    def get_absolute_url(self) -> str:
        return reverse("letters:demand_detail", kwargs={"slug": self.slug})


class LetterQuerySet(models.QuerySet["Letter"]):
    def with_signer_counts(self) -> LetterQuerySet:
        """Add `signers_recorded` and the party split, read from each letter's tally (one
        join, no aggregate: see LetterTally)."""
        return self.annotate(
            signers_recorded=Coalesce(F("tally__signers"), Value(0)),
            democrats=Coalesce(F("tally__democrats"), Value(0)),
            republicans=Coalesce(F("tally__republicans"), Value(0)),
            independents=Coalesce(F("tally__independents"), Value(0)),
        )

    def with_people(self) -> LetterQuerySet:
        """Prefetch what a letter page shows: signers, recipients, demands, mentions (not
        the text of their sources, nor the timestamps of its 250 signers: reading them is
        most of the time of the largest letter's prefetch)."""
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
            "footnotes",
            "sources",
            Prefetch("bill_references", queryset=BillReference.objects.select_related("bill")),
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

    def search(self, text: str) -> LetterQuerySet:
        """Letters whose title, summary or text has every word of `text`.

        On PostgreSQL: full-text search on the stored vectors (letters.search; GIN index
        letter_search_idx, migration 0004), annotated with `rank` and a highlighted
        `headline` (computed only for the rows fetched once ordered and sliced); elsewhere
        every word matched ignoring accents, with `rank` 0 and no headline."""
        if connection_vendor(self.db) != "postgresql":
            return self.filter(words_match(("title", "summary", "full_text"), text)).annotate(
                rank=Value(0.0), headline=Value("")
            )
        query = full_text_query(text)
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

    def related_to(self, letter: Letter, limit: int = 5) -> LetterQuerySet:
        """The `limit` other letters sharing most signers and detainees with `letter`, most
        shared first, with `shared_signers` and `shared_detainees` (one query).

        Reads the letter's signatories (with their letters signed) and mentions, from its
        prefetch (with_people()) where there is one. Bounded at any size: candidates are the
        letters of its RELATED_SIGNERS least frequent signers (sharing a rare signer says
        more than sharing one who signs most letters) and of its detainees, and shares are
        counted by index lookups, only for the candidates that could rank. The `limit`-th
        most shared of the letters of its rarest signer is a floor, and a candidate that
        cannot reach it is not counted: see related_few() (up to RELATED_SIGNERS signers)
        and related_many() (more)."""
        signatories = sorted(letter.signatories.all(), key=lambda s: (signed_count(s), s.position))
        its_signers = [s.legislator_id for s in signatories]
        its_detainees = [m.detainee_id for m in letter.mentions.all()]
        if len(its_signers) > RELATED_SIGNERS:
            return self.related_many(letter, its_signers, its_detainees, limit)
        return self.related_few(letter, its_signers, its_detainees, limit)

    def related_few(
        self, letter: Letter, its_signers: list[int], its_detainees: list[int], limit: int
    ) -> LetterQuerySet:
        """related_to() for a letter with up to RELATED_SIGNERS signers (`its_signers`, least
        frequent first), all of them rare. A letter sharing `floor` signers and detainees
        shares at least one of any len(its_signers) + len(its_detainees) + 1 - floor of
        them, so only the letters of that many of its least frequent signers are counted
        (and those naming its detainees only where that reaches past its signers): for a
        letter of 15 frequent signers, 350 candidates of 8,600."""
        shares = related_shares(its_signers, its_detainees)
        most_shared = F("shared_signers") + F("shared_detainees")
        of_rarest = Signatory.objects.filter(legislator_id__in=its_signers[:1])
        floor = (
            self.model.objects.filter(pk__in=of_rarest.values("letter_id"))
            .exclude(pk=letter.pk)
            .annotate(**shares)
            .order_by(most_shared.desc())
            .values_list(most_shared)[limit - 1 : limit]
        )
        reach = len(its_signers) + len(its_detainees) + 1 - Coalesce(Subquery(floor), 0)
        rank = Case(
            *(When(legislator_id=s, then=n) for n, s in enumerate(its_signers, 1)),
            output_field=models.IntegerField(),
        )
        reached = (
            Signatory.objects.filter(letter_id=letter.pk)
            .alias(rank=rank)
            .filter(rank__lte=reach)
            .values("legislator_id")
        )
        candidates = Q(
            pk__in=Signatory.objects.filter(legislator_id__in=reached).values("letter_id")
        )
        if its_detainees:
            named = DetaineeMention.objects.filter(detainee_id__in=its_detainees)
            reaches_detainees = GreaterThan(reach, len(its_signers))
            candidates |= Q(pk__in=named.values("letter_id")) & Q(reaches_detainees)
        return (
            self.exclude(pk=letter.pk)
            .filter(candidates)
            .annotate(**shares)
            .order_by(most_shared.desc(), "-date", "title")[:limit]
        )

    def related_many(
        self, letter: Letter, its_signers: list[int], its_detainees: list[int], limit: int
    ) -> LetterQuerySet:
        """related_to() for a letter with more than RELATED_SIGNERS signers (`its_signers`,
        least frequent first). A letter shares at most its own signers (its tally) and this
        letter's detainees; the RELATED_PROBE letters of its rarest signer with most signers
        are counted first, and the `limit`-th most shared of them is a floor: a candidate
        that cannot reach it is not counted (of the 1,240 candidates of the letter with most
        signers, 125 are counted)."""
        rare_signers = its_signers[:RELATED_SIGNERS]

        def signed_by(signers: list[int]) -> Q:
            return Q(pk__in=Signatory.objects.filter(legislator_id__in=signers).values("letter_id"))

        # Its signers as a subquery, not a list of up to 250 numbers repeated in the SQL.
        signers = Signatory.objects.filter(letter_id=letter.pk).values("legislator_id")
        shares = related_shares(signers, its_detainees)
        most_shared = F("shared_signers") + F("shared_detainees")
        could_share = Least(
            Coalesce(F("tally__signers"), len(its_signers)), len(its_signers)
        ) + len(its_detainees)
        probed = (
            self.exclude(pk=letter.pk)
            .filter(signed_by(rare_signers[:1]))
            .order_by(could_share.desc())
            .values("pk")[:RELATED_PROBE]
        )
        floor = (
            self.model.objects.filter(pk__in=probed)
            .annotate(**shares)
            .order_by(most_shared.desc())
            .values_list(most_shared)[limit - 1 : limit]
        )
        named = DetaineeMention.objects.filter(detainee_id__in=its_detainees)
        return (
            self.exclude(pk=letter.pk)
            .filter(signed_by(rare_signers) | Q(pk__in=named.values("letter_id")))
            .alias(could_share=could_share)
            .filter(could_share__gte=Coalesce(Subquery(floor), 0))
            .annotate(**shares)
            .order_by(most_shared.desc(), "-date", "title")[:limit]
        )

    def per_month(self) -> models.QuerySet:
        """Number of letters in each month, oldest first (home page timeline)."""
        return (
            self.order_by()
            .annotate(month=TruncMonth("date"))
            .values("month")
            .annotate(letters=Count("pk"))
            .order_by("month")
        )


class LetterManager(models.Manager.from_queryset(LetterQuerySet)):  # type: ignore[misc]
    def get_by_natural_key(self, slug: str) -> Letter:
        return self.get(slug=slug)


class DatePrecision(models.TextChoices):
    DAY = "day", "Exact day"
    MONTH = "month", "Month only (the source gives no day)"


class LetterOrigin(models.TextChoices):
    HOUSE = Chamber.HOUSE.value, "House"
    SENATE = Chamber.SENATE.value, "Senate"
    BICAMERAL = "bicameral", "House and Senate"


class Letter(TimeStampedModel):
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
        choices=DatePrecision.choices,
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
    signers_note = models.TextField(
        blank=True,
        help_text="What the source leaves out about the signers (e.g. names only the leads).",
    )
    sources = models.ManyToManyField(
        Source,
        related_name="letters",
        help_text="Documents this letter's facts come from.",
    )

    objects = LetterManager()

    class Meta:
        ordering = ["-date", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_precision__in=DatePrecision.values),
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
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.date_display})"

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    def get_absolute_url(self) -> str:
        return reverse("letters:letter_detail", kwargs={"slug": self.slug})

    def check_passages(self, sources: Iterable[Source] | None = None) -> None:
        """Check the letter's own quotes stand in one of its sources (queries them unless
        given, e.g. by the admin form before the letter is saved)."""
        sources = self.sources.all() if sources is None else sources
        check_quotes(
            "\n".join(source.full_text for source in sources),
            {
                "date_passage": self.date_passage,
                "signers_stated_passage": self.signers_stated_passage,
            },
        )

    @property
    def date_display(self) -> str:
        """The date as precisely as the source gives it: 'April 11, 2025' or 'April 2025'."""
        if self.date_precision == self.DatePrecision.MONTH:
            return f"{calendar.month_name[self.date.month]} {self.date.year}"
        return f"{calendar.month_name[self.date.month]} {self.date.day}, {self.date.year}"

    @property
    def date_iso(self) -> str:
        """ISO 8601 at the source's precision: '2025-04-11' or '2025-04'."""
        if self.date_precision == self.DatePrecision.MONTH:
            return self.date.strftime("%Y-%m")
        return self.date.isoformat()


class LetterPartManager(models.Manager):
    """Rows that belong to a letter: natural key = letter slug + a position or slug."""

    def get_by_natural_key(self, letter_slug: str, key: str | int) -> models.Model:
        field = self.model.natural_key_field
        return self.get(letter__slug=letter_slug, **{field: key})


class SignatoryRole(models.TextChoices):
    LEAD = "lead", "Lead"
    COSIGNER = "cosigner", "Co-signer"
    SIGNER = "signer", "Signer (the source does not say who led)"


class Signatory(QuotesSourceMixin, TimeStampedModel):
    """A legislator on a letter, as the source printed them."""

    Role = SignatoryRole

    letter = models.ForeignKey(
        Letter, on_delete=models.CASCADE, related_name="signatories", help_text="The letter."
    )
    legislator = models.ForeignKey(
        Legislator,
        on_delete=models.PROTECT,
        related_name="signatures",
        help_text="The legislator matched by last name, party and state.",
    )
    role = models.CharField(
        max_length=10,
        choices=Role.choices,
        help_text="Lead (the source says the letter was led by them), co-signer, or signer "
        "where the source does not distinguish.",
    )
    printed_name = models.CharField(
        max_length=200, help_text="The name exactly as the source printed it."
    )
    printed_party_state = models.CharField(
        max_length=10,
        blank=True,
        help_text="Party-state exactly as printed (e.g. 'D-NV'); blank where none was printed.",
    )
    position = models.PositiveSmallIntegerField(
        help_text="Order in the source's list of signers, from 1."
    )
    source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The document that names this signer.",
    )
    passage = models.TextField(help_text="The words that name this signer, verbatim.")

    objects = LetterPartManager()
    natural_key_field = "legislator__slug"

    class Meta:
        ordering = ["letter", "position"]
        verbose_name_plural = "signatories"
        constraints = [
            models.UniqueConstraint(
                fields=["letter", "legislator"], name="signatory_signs_letter_once"
            ),
            models.UniqueConstraint(
                fields=["letter", "position"], name="signatory_position_unique"
            ),
            models.CheckConstraint(
                condition=Q(role__in=SignatoryRole.values), name="signatory_role_valid"
            ),
        ]
        indexes = [
            # Legislator page: letters signed, by role.
            models.Index(fields=["legislator", "role"], name="signatory_legislator_role_idx"),
            # Letters list (state filter), legislator page (signs with most), letter page
            # (related letters): index-only from a legislator to their letters.
            models.Index(fields=["legislator", "letter"], name="signatory_signer_letter_idx"),
        ]

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.printed_name and self.passage and self.printed_name not in self.passage:
            errors["printed_name"] = "The printed name must appear in the passage."
        if (
            self.printed_party_state
            and self.legislator_id is not None
            and self.printed_party_state != self.legislator.party_state
        ):
            errors["legislator"] = (
                f"The source prints {self.printed_party_state}, but {self.legislator.name} is "
                f"{self.legislator.party_state}: check the match."
            )
        if errors:
            raise ValidationError(errors)

    def __str__(self) -> str:
        return f"{self.printed_name} on {self.letter.title}"

    def natural_key(self) -> tuple[str, str]:
        return (*self.letter.natural_key(), self.legislator.slug)

    natural_key.dependencies = ["letters.letter", "people.legislator"]  # type: ignore[attr-defined]

    def get_absolute_url(self) -> str:
        return self.letter.get_absolute_url() + "#signers"


class TallyManager(models.Manager):
    """Natural key = the slug of the row counted: a backup loaded with natural keys updates
    the tally its signatories' signals made rather than adding a second one."""

    def __init__(self, counted: str) -> None:
        super().__init__()
        self.counted = counted

    def get_by_natural_key(self, slug: str) -> models.Model:
        return self.get(**{f"{self.counted}__slug": slug})


class LetterTally(models.Model):
    """A letter's signer counts, derived from its signatories by refresh_tallies().

    Kept on every save and delete of a signatory, letter or legislator (letters/apps.py),
    so lists read them instead of counting 300,000 signatures. Never edited by hand.
    """

    letter = models.OneToOneField(
        Letter, on_delete=models.CASCADE, related_name="tally", help_text="The letter counted."
    )
    signers = models.PositiveIntegerField(default=0, help_text="Signers named (signatories).")
    democrats = models.PositiveIntegerField(default=0, help_text="Democrats among them.")
    republicans = models.PositiveIntegerField(default=0, help_text="Republicans among them.")
    independents = models.PositiveIntegerField(default=0, help_text="Independents among them.")
    signers_total = models.PositiveIntegerField(
        default=0,
        help_text="The number of signers the source states, or the number named if larger.",
    )
    signer_states = models.TextField(
        blank=True,
        help_text="Codes of the states its signers represent, each between bars: '|CA|NV|' "
        "(letters list: filter and count by signer's state without reading signatures).",
    )

    objects = TallyManager("letter")

    class Meta:
        indexes = [
            # Letters list: sort by number of signers.
            models.Index(fields=["signers_total"], name="letter_tally_total_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.signers} signers named"

    def natural_key(self) -> tuple[str]:
        return self.letter.natural_key()

    natural_key.dependencies = ["letters.letter"]  # type: ignore[attr-defined]


class LegislatorTally(models.Model):
    """A legislator's letter counts, derived from their signatures by refresh_tallies()
    (kept like LetterTally). Never edited by hand."""

    legislator = models.OneToOneField(
        Legislator,
        on_delete=models.CASCADE,
        related_name="tally",
        help_text="The legislator counted.",
    )
    letters_signed = models.PositiveIntegerField(default=0, help_text="Letters signed.")
    letters_led = models.PositiveIntegerField(default=0, help_text="Letters led.")
    letters_cosigned = models.PositiveIntegerField(default=0, help_text="Letters co-signed.")

    objects = TallyManager("legislator")

    class Meta:
        verbose_name_plural = "legislator tallies"
        indexes = [
            # Home (most frequent signers) and signatories list (sorted by letters signed).
            models.Index(fields=["-letters_signed"], name="legislator_tally_signed_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.letters_signed} letters signed"

    def natural_key(self) -> tuple[str]:
        return self.legislator.natural_key()

    natural_key.dependencies = ["people.legislator"]  # type: ignore[attr-defined]


class ArchiveVersion(models.Model):
    """One row whose token is replaced, in the same transaction, by every change to the
    archive's records (letters/apps.py). What a process derives from the records and keeps
    in memory (the letters list's facet index, letters/facets.py) is valid exactly as long
    as the token it was built under: a rolled-back change rolls the token back with it."""

    token = models.UUIDField(default=uuid.uuid4, help_text="Replaced on every change.")

    SINGLE_ROW = 1

    class Meta:
        default_permissions = ()

    def __str__(self) -> str:
        return str(self.token)

    @classmethod
    def current(cls, using: str = "default") -> uuid.UUID | None:
        """The token, or None when the row is missing (a flushed database)."""
        return (
            cls.objects.using(using)
            .filter(pk=cls.SINGLE_ROW)
            .values_list("token", flat=True)
            .first()
        )

    @classmethod
    def bump(cls, using: str = "default") -> None:
        """Replace the token (an update: no signal, so no receiver runs again)."""
        token = uuid.uuid4()
        if not cls.objects.using(using).filter(pk=cls.SINGLE_ROW).update(token=token):
            cls.objects.using(using).bulk_create(
                [cls(pk=cls.SINGLE_ROW, token=token)], ignore_conflicts=True
            )


def archive_version_changed(sender: type, **kwargs: object) -> None:
    """Signal receiver: a record of the archive changed (a restored ArchiveVersion row
    too: a token from a backup may be one a process still holds an index for)."""
    ArchiveVersion.bump(using=str(kwargs.get("using") or "default"))


def state_codes(states: Iterable[str]) -> str:
    """'|CA|NV|': every code between bars, so '|CA|' finds California and nothing else."""
    return "|" + "|".join(sorted(states)) + "|" if states else ""


def _given(keys: Iterable[int] | models.QuerySet | None) -> bool:
    """None means every row; a queryset is taken as given (not run to test it)."""
    return keys is None or isinstance(keys, models.QuerySet) or bool(keys)


def refresh_tallies(
    letters: Iterable[int] | models.QuerySet | None = (),
    legislators: Iterable[int] | models.QuerySet | None = (),
    using: str = "default",
) -> None:
    """Recount the tallies of the given letters and legislators by primary key (None:
    all of them). Four queries at most, whatever the number of rows."""
    if _given(letters):
        rows = Letter.objects.using(using)
        if letters is not None:
            rows = rows.filter(pk__in=letters)

        def party(code: str) -> Count:
            return Count("signatories", filter=Q(signatories__legislator__party=code))

        states: dict[int, set[str]] = {}
        signed = Signatory.objects.using(using).filter(letter__in=rows.values("pk"))
        for letter_id, state in signed.values_list("letter_id", "legislator__state").distinct():
            states.setdefault(letter_id, set()).add(state)
        counted = rows.order_by().annotate(
            n=Count("signatories"),
            d=party(Party.DEMOCRAT),
            r=party(Party.REPUBLICAN),
            i=party(Party.INDEPENDENT),
        )
        LetterTally.objects.using(using).bulk_create(
            [
                LetterTally(
                    letter_id=pk,
                    signers=n,
                    democrats=d,
                    republicans=r,
                    independents=i,
                    signers_total=max(stated or 0, n),
                    signer_states=state_codes(states.get(pk, ())),
                )
                for pk, stated, n, d, r, i in counted.values_list(
                    "pk", "signers_stated", "n", "d", "r", "i"
                )
            ],
            batch_size=1000,
            update_conflicts=True,
            unique_fields=["letter"],
            update_fields=[
                "signers",
                "democrats",
                "republicans",
                "independents",
                "signers_total",
                "signer_states",
            ],
        )
    if _given(legislators):
        people = Legislator.objects.using(using)
        if legislators is not None:
            people = people.filter(pk__in=legislators)
        counted = people.order_by().annotate(
            n=Count("signatures"),
            led=Count("signatures", filter=Q(signatures__role=SignatoryRole.LEAD)),
            cosigned=Count("signatures", filter=Q(signatures__role=SignatoryRole.COSIGNER)),
        )
        LegislatorTally.objects.using(using).bulk_create(
            [
                LegislatorTally(
                    legislator_id=pk, letters_signed=n, letters_led=led, letters_cosigned=co
                )
                for pk, n, led, co in counted.values_list("pk", "n", "led", "cosigned")
            ],
            batch_size=1000,
            update_conflicts=True,
            unique_fields=["legislator"],
            update_fields=["letters_signed", "letters_led", "letters_cosigned"],
        )


def signatory_before_save(sender: type, instance: Signatory, **kwargs: object) -> None:
    """Remember the letter and legislator a changed signatory had (both get recounted)."""
    if instance.pk is None:
        return
    instance._tally_before = (  # type: ignore[attr-defined]
        Signatory.objects.filter(pk=instance.pk).values_list("letter_id", "legislator_id").first()
    )


def signatory_changed(sender: type, instance: Signatory, **kwargs: object) -> None:
    """Recount the tallies a signatory counts in (raw saves too: a letter recovered from
    its history comes back through them)."""
    origin = kwargs.get("origin")
    # Deleting its letter: the letter's tally goes with it (recounting it here would
    # re-create it for a letter about to be deleted); its signers are still recounted.
    letter_deleted = isinstance(origin, Letter) or getattr(origin, "model", None) is Letter
    letters = set() if letter_deleted else {instance.letter_id}
    legislators = {instance.legislator_id}
    before = getattr(instance, "_tally_before", None)
    if before and not letter_deleted:
        letters.add(before[0])
        legislators.add(before[1])
    using = kwargs.get("using") or "default"
    refresh_tallies(letters=letters, legislators=legislators, using=using)  # type: ignore[arg-type]


def letter_saved(sender: type, instance: Letter, raw: bool, using: str, **kwargs: object) -> None:
    """A new letter gets its tally; a changed stated number of signers changes its total."""
    refresh_tallies(letters=[instance.pk], using=using)


def legislator_saved(
    sender: type, instance: Legislator, raw: bool, using: str, **kwargs: object
) -> None:
    """A new legislator gets a tally; a change of party changes the letters' party split."""
    signed = Signatory.objects.using(using).filter(legislator=instance).values("letter_id")
    refresh_tallies(letters=signed, legislators=[instance.pk], using=using)


class LetterRecipient(QuotesSourceMixin, models.Model):
    """An official a letter is addressed to, with the title the letter gives them."""

    letter = models.ForeignKey(
        Letter, on_delete=models.CASCADE, related_name="addressees", help_text="The letter."
    )
    recipient = models.ForeignKey(
        Recipient, on_delete=models.PROTECT, related_name="addressed", help_text="The official."
    )
    printed_title = models.CharField(
        max_length=200,
        help_text="Title as the letter or press release prints it (e.g. 'U.S. Secretary of "
        "State').",
    )
    position = models.PositiveSmallIntegerField(default=1, help_text="Order in the address.")
    passage = models.TextField(help_text="The words that address this official, verbatim.")
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="+", help_text="Where the address is."
    )

    objects = LetterPartManager()
    natural_key_field = "recipient__slug"

    class Meta:
        ordering = ["letter", "position"]
        constraints = [
            models.UniqueConstraint(fields=["letter", "recipient"], name="letter_recipient_once"),
        ]
        indexes = [
            # Letters list: filter by recipient.
            models.Index(fields=["recipient", "letter"], name="letter_recipient_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.printed_title} {self.recipient.name}"

    def natural_key(self) -> tuple[str, str]:
        return (*self.letter.natural_key(), self.recipient.slug)

    natural_key.dependencies = ["letters.letter", "letters.recipient"]  # type: ignore[attr-defined]


class WordingOrigin(models.TextChoices):
    LETTER_TEXT = "letter_text", "The letter's text"
    QUOTED = "quoted", "The letter, as quoted in a press release"
    PARAPHRASE = "paraphrase", "A press release's account of the letter"


class LetterDemand(QuotesSourceMixin, models.Model):
    """One ask a letter makes, in the letter's own words where a source has them."""

    Wording = WordingOrigin

    letter = models.ForeignKey(
        Letter, on_delete=models.CASCADE, related_name="letter_demands", help_text="The letter."
    )
    demand = models.ForeignKey(
        Demand,
        on_delete=models.PROTECT,
        related_name="letter_demands",
        help_text="The kind of ask.",
    )
    position = models.PositiveSmallIntegerField(help_text="Order within the letter, from 1.")
    wording = models.TextField(help_text="The ask in the source's words, verbatim.")
    wording_origin = models.CharField(
        max_length=20,
        choices=Wording.choices,
        help_text="Whether the wording is the letter's own text, the letter quoted in a press "
        "release, or a press release's paraphrase.",
    )
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="+", help_text="Where the wording is."
    )

    objects = LetterPartManager()
    natural_key_field = "position"
    quoted_fields = ("wording",)

    class Meta:
        ordering = ["letter", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["letter", "position"], name="letter_demand_position_unique"
            ),
            models.CheckConstraint(
                condition=Q(wording_origin__in=WordingOrigin.values),
                name="letter_demand_wording_valid",
            ),
        ]
        indexes = [
            # Letters list (filter by demand) and demand page.
            models.Index(fields=["demand", "letter"], name="letter_demand_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.demand.name} in {self.letter.title}"

    def natural_key(self) -> tuple[str, int]:
        return (*self.letter.natural_key(), self.position)

    natural_key.dependencies = ["letters.letter", "letters.demand"]  # type: ignore[attr-defined]


class DetaineeMention(QuotesSourceMixin, models.Model):
    """A letter naming a detainee, with the passage that names them."""

    letter = models.ForeignKey(
        Letter, on_delete=models.CASCADE, related_name="mentions", help_text="The letter."
    )
    detainee = models.ForeignKey(
        Detainee,
        on_delete=models.PROTECT,
        related_name="mentions",
        help_text="The person named.",
    )
    printed_name = models.CharField(
        max_length=200, help_text="The name exactly as this source printed it."
    )
    role_given = models.CharField(
        max_length=200,
        blank=True,
        help_text="The role or title this letter gives them (e.g. 'former State Minister').",
    )
    position = models.PositiveSmallIntegerField(help_text="Order of naming in the source.")
    passage = models.TextField(help_text="The passage that names them, verbatim.")
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="+", help_text="Where the passage is."
    )

    objects = LetterPartManager()
    natural_key_field = "detainee__slug"

    class Meta:
        ordering = ["letter", "position"]
        constraints = [
            models.UniqueConstraint(fields=["letter", "detainee"], name="mention_once_per_letter"),
        ]
        indexes = [
            # Detainee trace: letters naming this person.
            models.Index(fields=["detainee", "letter"], name="mention_detainee_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.printed_name} in {self.letter.title}"

    def natural_key(self) -> tuple[str, str]:
        return (*self.letter.natural_key(), self.detainee.slug)

    natural_key.dependencies = ["letters.letter", "people.detainee"]  # type: ignore[attr-defined]

    def get_absolute_url(self) -> str:
        return self.detainee.get_absolute_url()


class Footnote(QuotesSourceMixin, models.Model):
    """A footnote or citation in a letter's text."""

    letter = models.ForeignKey(
        Letter, on_delete=models.CASCADE, related_name="footnotes", help_text="The letter."
    )
    number = models.PositiveSmallIntegerField(help_text="Footnote number, from 1.")
    marker_as_printed = models.CharField(
        max_length=10,
        blank=True,
        help_text="The mark as received, where OCR garbled it (e.g. '!' for 1).",
    )
    text = models.TextField(help_text="The footnote, cleaned of OCR noise for reading.")
    passage = models.TextField(help_text="The footnote as received, verbatim.")
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="+", help_text="Where the footnote is."
    )

    objects = LetterPartManager()
    natural_key_field = "number"

    class Meta:
        ordering = ["letter", "number"]
        constraints = [
            models.UniqueConstraint(fields=["letter", "number"], name="footnote_number_unique"),
        ]

    def __str__(self) -> str:
        return f"[{self.number}] {self.text[:60]}"

    def natural_key(self) -> tuple[str, int]:
        return (*self.letter.natural_key(), self.number)

    natural_key.dependencies = ["letters.letter"]  # type: ignore[attr-defined]


class BillReference(QuotesSourceMixin, models.Model):
    """A bill or resolution a source names in connection with a letter."""

    letter = models.ForeignKey(
        Letter, on_delete=models.CASCADE, related_name="bill_references", help_text="The letter."
    )
    bill = models.ForeignKey(
        Bill, on_delete=models.PROTECT, related_name="references", help_text="The bill."
    )
    passage = models.TextField(help_text="The passage that names the bill, verbatim.")
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="+", help_text="Where the passage is."
    )

    objects = LetterPartManager()
    natural_key_field = "bill__slug"

    class Meta:
        ordering = ["letter", "bill"]
        constraints = [
            models.UniqueConstraint(fields=["letter", "bill"], name="bill_reference_once"),
        ]

    def __str__(self) -> str:
        return f"{self.bill.number} ({self.letter.title})"

    def natural_key(self) -> tuple[str, str]:
        return (*self.letter.natural_key(), self.bill.slug)

    natural_key.dependencies = ["letters.letter", "letters.bill"]  # type: ignore[attr-defined]
