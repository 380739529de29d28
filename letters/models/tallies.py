"""Signer counts kept per letter and per legislator, so lists never count signatures."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django.db import models
from django.db.models import Count, Q

from archive.models import key_depends_on
from letters.models.letter import Letter
from letters.models.parts import Signatory, SignatoryRole
from people.models import Legislator, Party

TallyT = TypeVar("TallyT", bound=models.Model)


class TallyManager(models.Manager[TallyT]):
    """Natural key = the slug of the row counted: a backup loaded with natural keys updates
    the tally its signatories' signals made rather than adding a second one."""

    def __init__(self, counted: str) -> None:
        super().__init__()
        self.counted = counted

    def get_by_natural_key(self, slug: str) -> TallyT:
        return self.get(**{f"{self.counted}__slug": slug})


class LetterTally(models.Model):
    """A letter's signer counts, derived from its signatories by refresh_tallies().

    Kept on every save and delete of a signatory, letter or legislator (letters/apps.py),
    so lists read them instead of counting every signature. Never edited by hand.
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
        help_text="The number of signers the sources support (stated, shown in signature "
        "blocks, or named, the largest).",
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

    @key_depends_on("letters.letter")
    def natural_key(self) -> tuple[str]:
        return self.letter.natural_key()


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

    @key_depends_on("people.legislator")
    def natural_key(self) -> tuple[str]:
        return self.legislator.natural_key()


def state_codes(states: Iterable[str]) -> str:
    """'|CA|NV|': every code between bars, so '|CA|' finds California and nothing else."""
    return "|" + "|".join(sorted(states)) + "|" if states else ""


def _given(keys: Iterable[int] | models.QuerySet[Any, Any] | None) -> bool:
    """None means every row; a queryset is taken as given (not run to test it)."""
    return keys is None or isinstance(keys, models.QuerySet) or bool(keys)


def refresh_tallies(
    letters: Iterable[int] | models.QuerySet[Any, Any] | None = (),
    legislators: Iterable[int] | models.QuerySet[Any, Any] | None = (),
    using: str = "default",
) -> None:
    """Recount the tallies of the given letters and legislators by primary key (None:
    all of them). Four queries at most, whatever the number of rows."""
    if _given(letters):
        rows = Letter.objects.using(using)
        if letters is not None:
            rows = rows.filter(pk__in=letters)
        _count_letters(rows, using)
    if _given(legislators):
        people = Legislator.objects.using(using)
        if legislators is not None:
            people = people.filter(pk__in=legislators)
        _count_legislators(people, using)


def _count_letters(rows: models.QuerySet[Letter], using: str) -> None:
    """Write the tallies of these letters (two queries)."""

    def party(code: str) -> Count:
        return Count("signatories", filter=Q(signatories__legislator__party=code))

    states: dict[int, set[str]] = {}
    signed = Signatory.objects.using(using).filter(letter__in=rows.values("pk"))
    for letter_id, state in signed.values_list("letter_id", "legislator__state").distinct():
        states.setdefault(letter_id, set()).add(state)
    # In primary-key order: a batch (archive/changes.py) creates the tallies in the order
    # their letters were created, as recounting each letter in turn does.
    counted = rows.order_by("pk").annotate(
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
                signers_total=max(stated or 0, blocks or 0, n),
                signer_states=state_codes(states.get(pk, ())),
            )
            for pk, stated, blocks, n, d, r, i in counted.values_list(
                "pk", "signers_stated", "signature_blocks", "n", "d", "r", "i"
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


def _count_legislators(people: models.QuerySet[Legislator], using: str) -> None:
    """Write the tallies of these legislators (one query)."""
    counted = people.order_by("pk").annotate(
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
