"""Where the sources of a letter disagree: what another source says, kept beside the fact
the archive records, never dropped and never silently replacing it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from archive.dates import DateAtPrecision
from letters.models.parts import LetterPart, SignatoryRole


class DifferingFactKind(models.TextChoices):
    COUNT = "count", "Number of signers"
    DATE = "date", "Date"
    PARTY = "party", "A signer's party and state"
    ROLE = "role", "A signer's role"


class DifferingFact(LetterPart):
    """A fact one source gives about a letter that differs from the one the archive records
    from another source: the number of signers, the date, a signer's printed party and
    state, or whether a signer led. The letter page shows both, each with its source."""

    Kind = DifferingFactKind

    fact = models.CharField(
        max_length=10, choices=Kind.choices, help_text="Which fact the sources disagree on."
    )
    value = models.CharField(
        max_length=20,
        help_text="What this source says, in a plain form: a number ('37'), a date at the "
        "source's precision ('2025-11-20' or '2025-11'), a party-state as printed ('R-NH'), "
        "or a role ('lead').",
    )
    signatory = models.ForeignKey(
        "letters.Signatory",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="differing_facts",
        help_text="For a party or role: the signer it is about; blank otherwise.",
    )
    passage = models.TextField(help_text="The words of this source that say it, verbatim.")
    note = models.TextField(
        blank=True, help_text="How the value was read from the passage, where not obvious."
    )

    natural_key_field = "position"

    class Meta(LetterPart.Meta):
        default_related_name = "differing_facts"
        constraints = [
            models.UniqueConstraint(
                fields=["letter", "position"], name="differing_fact_position_unique"
            ),
            models.CheckConstraint(
                condition=Q(fact__in=DifferingFactKind.values), name="differing_fact_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_fact_display()}: {self.value_display}"

    def clean(self) -> None:
        super().clean()
        try:
            self.date_value()
            if self.fact == self.Kind.COUNT:
                int(self.value)
        except ValueError as error:
            raise ValidationError({"value": f"Not a {self.get_fact_display()}: {error}"}) from error

    def date_value(self) -> DateAtPrecision | None:
        """For a date: the date at the source's precision; None for other facts."""
        if self.fact != self.Kind.DATE:
            return None
        return DateAtPrecision.from_iso(self.value)

    @property
    def value_display(self) -> str:
        """'37 signers', 'April 2025', 'R-NH', 'Lead'."""
        dated = self.date_value()
        if dated is not None:
            return dated.shown()
        if self.fact == self.Kind.COUNT:
            return f"{self.value} signers"
        return SignatoryRole(self.value).label if self.fact == self.Kind.ROLE else self.value
