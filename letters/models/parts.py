"""The parts of a letter, each quoted from a source: signers, recipients, demands,
detainees named, footnotes and bills named."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from archive.models import TimeStampedModel
from archive.provenance import check_quotes
from letters.models.sources import Bill, Demand, Recipient
from people.models import Detainee, Legislator

if TYPE_CHECKING:
    from letters.models.responses import DemandResponse
    from letters.models.sources import Source

    # A mixin of models: the type checker sees the model methods it extends.
    _ModelMixin = models.Model
else:
    _ModelMixin = object


class QuotesSourceMixin(_ModelMixin):
    """A row whose quoted fields must appear verbatim in its `source` (checked by clean())."""

    quoted_fields: tuple[str, ...] = ("passage",)
    source: Source

    def clean(self) -> None:
        super().clean()
        if getattr(self, "source_id", None) is None:
            return
        check_quotes(
            self.source.full_text,
            {field: getattr(self, field) for field in self.quoted_fields},
        )


PartT = TypeVar("PartT", bound="LetterPart")


class LetterPartManager(models.Manager[PartT]):
    """Rows that belong to a letter: natural key = letter slug + a position or slug."""

    def get_by_natural_key(self, letter_slug: str, key: str | int) -> PartT:
        field = cast("type[LetterPart]", self.model).natural_key_field
        return self.get(letter__slug=letter_slug, **{field: key})


class LetterPart(QuotesSourceMixin, models.Model):
    """A part of a letter quoted from one of its sources.

    Each kind says in its Meta how a letter lists them (`default_related_name`) and in
    `natural_key_field` what tells it from the letter's other parts of that kind: its
    natural key is the letter's slug and that value."""

    passage: str  # every kind quotes its source in a field of that name, with its own help

    letter = models.ForeignKey("letters.Letter", on_delete=models.CASCADE, help_text="The letter.")
    position = models.PositiveSmallIntegerField(
        help_text="Order among the letter's parts of this kind, as the source gives them, from 1."
    )
    source = models.ForeignKey(
        "letters.Source",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The document the passage is quoted from.",
    )

    natural_key_field: ClassVar[str]

    objects = LetterPartManager()

    class Meta:
        abstract = True
        ordering = ["letter", "position"]

    def natural_key(self) -> tuple[str, str | int]:
        value: Any = self
        for attribute in self.natural_key_field.split("__"):
            value = getattr(value, attribute)
        return (*self.letter.natural_key(), value)


class SignatoryRole(models.TextChoices):
    LEAD = "lead", "Lead"
    COSIGNER = "cosigner", "Co-signer"
    SIGNER = "signer", "Signer (the source does not say who led)"


class Signatory(LetterPart, TimeStampedModel):
    """A legislator on a letter, as the source printed them."""

    Role = SignatoryRole

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
        max_length=40,
        blank=True,
        help_text="Badge exactly as printed ('D-NV', 'D-Mass.', 'NJ-06', 'D-New Jersey'); "
        "blank where none was printed.",
    )
    passage = models.TextField(help_text="The words that name this signer, verbatim.")
    role_source = models.ForeignKey(
        "letters.Source",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Where another source than the signer's own gives their role (e.g. a "
        "release saying they led the letter): that source; blank where `source` gives it.",
    )
    role_passage = models.TextField(
        blank=True,
        help_text="The words of `role_source` that give the role, verbatim; blank without it.",
    )

    natural_key_field = "legislator__slug"

    class Meta(LetterPart.Meta):
        default_related_name = "signatories"
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
        if (self.role_source is None) != (not self.role_passage):
            errors["role_passage"] = "A role's own source and its passage go together."
        elif self.role_source is not None:
            check_quotes(self.role_source.full_text, {"role_passage": self.role_passage})
        if self.printed_name and self.passage and self.printed_name not in self.passage:
            errors["printed_name"] = "The printed name must appear in the passage."
        if (
            self.printed_party_state
            and self.legislator_id is not None
            and not self.legislator.was_ever(self.printed_party_state)
        ):
            errors["legislator"] = (
                f"The source prints {self.printed_party_state}, but {self.legislator.name} is "
                f"{self.legislator.party_state}: check the match."
            )
        if errors:
            raise ValidationError(errors)

    def __str__(self) -> str:
        return f"{self.printed_name} on {self.letter.title}"

    def get_absolute_url(self) -> str:
        return self.letter.get_absolute_url() + "#signers"


class LetterRecipient(LetterPart):
    """An official a letter is addressed to, with the title the letter gives them."""

    recipient = models.ForeignKey(
        Recipient, on_delete=models.PROTECT, related_name="addressed", help_text="The official."
    )
    printed_title = models.CharField(
        max_length=200,
        help_text="Title as the letter or press release prints it (e.g. 'U.S. Secretary of "
        "State').",
    )
    passage = models.TextField(help_text="The words that address this official, verbatim.")

    natural_key_field = "recipient__slug"

    class Meta(LetterPart.Meta):
        default_related_name = "addressees"
        constraints = [
            models.UniqueConstraint(fields=["letter", "recipient"], name="letter_recipient_once"),
        ]
        indexes = [
            # Letters list: filter by recipient.
            models.Index(fields=["recipient", "letter"], name="letter_recipient_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.printed_title} {self.recipient.name}"


class WordingOrigin(models.TextChoices):
    LETTER_TEXT = "letter_text", "The letter's text"
    QUOTED = "quoted", "The letter, as quoted in a press release"
    PARAPHRASE = "paraphrase", "A press release's account of the letter"


class LetterDemand(LetterPart):
    """One ask a letter makes, in the letter's own words where a source has them."""

    Wording = WordingOrigin

    demand = models.ForeignKey(
        Demand,
        on_delete=models.PROTECT,
        related_name="letter_demands",
        help_text="The kind of ask.",
    )
    wording = models.TextField(help_text="The ask in the source's words, verbatim.")
    wording_origin = models.CharField(
        max_length=20,
        choices=Wording.choices,
        help_text="Whether the wording is the letter's own text, the letter quoted in a press "
        "release, or a press release's paraphrase.",
    )

    natural_key_field = "position"
    quoted_fields = ("wording",)

    # Set by letters.pages.follow_through.attach_responses_since() on the letter page.
    responses_since: list[DemandResponse]

    class Meta(LetterPart.Meta):
        default_related_name = "letter_demands"
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


class DetaineeMention(LetterPart):
    """A letter naming a detainee, with the passage that names them."""

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
    passage = models.TextField(help_text="The passage that names them, verbatim.")

    natural_key_field = "detainee__slug"

    class Meta(LetterPart.Meta):
        default_related_name = "mentions"
        constraints = [
            models.UniqueConstraint(fields=["letter", "detainee"], name="mention_once_per_letter"),
        ]
        indexes = [
            # Detainee trace: letters naming this person.
            models.Index(fields=["detainee", "letter"], name="mention_detainee_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.printed_name} in {self.letter.title}"

    def get_absolute_url(self) -> str:
        return self.detainee.get_absolute_url()


class Footnote(LetterPart):
    """A footnote or citation in a letter's text."""

    number = models.PositiveSmallIntegerField(help_text="Footnote number, from 1.")
    marker_as_printed = models.CharField(
        max_length=10,
        blank=True,
        help_text="The mark as received, where OCR garbled it (e.g. '!' for 1).",
    )
    text = models.TextField(help_text="The footnote, cleaned of OCR noise for reading.")
    passage = models.TextField(help_text="The footnote as received, verbatim.")

    position = None  # type: ignore[assignment]  # footnotes are numbered instead
    natural_key_field = "number"

    class Meta(LetterPart.Meta):
        default_related_name = "footnotes"
        ordering = ["letter", "number"]
        constraints = [
            models.UniqueConstraint(fields=["letter", "number"], name="footnote_number_unique"),
        ]

    def __str__(self) -> str:
        return f"[{self.number}] {self.text[:60]}"


class BillReference(LetterPart):
    """A bill or resolution a source names in connection with a letter."""

    bill = models.ForeignKey(
        Bill, on_delete=models.PROTECT, related_name="references", help_text="The bill."
    )
    passage = models.TextField(help_text="The passage that names the bill, verbatim.")

    position = None  # type: ignore[assignment]  # listed by bill
    natural_key_field = "bill__slug"

    class Meta(LetterPart.Meta):
        default_related_name = "bill_references"
        ordering = ["letter", "bill"]
        constraints = [
            models.UniqueConstraint(fields=["letter", "bill"], name="bill_reference_once"),
        ]

    def __str__(self) -> str:
        return f"{self.bill.number} ({self.letter.title})"
