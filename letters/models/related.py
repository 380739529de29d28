"""Related letters: the few other letters sharing most signers and detainees with one.

Bounded at any size: candidates are the letters of a letter's least frequent signers
(sharing a rare signer says more than sharing one who signs most letters) and of its
detainees, and shares are counted by index lookups, only for candidates that could rank.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Case, Count, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Least
from django.db.models.lookups import GreaterThan

from letters.models.parts import DetaineeMention, Signatory

if TYPE_CHECKING:
    from letters.models.letter import Letter

RELATED_SIGNERS = 20  # a letter's least frequent signers that find its related letters
RELATED_PROBE = 20  # candidates counted first, to bound the others (see related_many)


def signed_count(signatory: Signatory) -> int:
    """Letters the signatory's legislator signed, from their tally (0 before it exists):
    annotated by with_people(), else read from the tally."""
    annotated: int | None = getattr(signatory, "signer_letters_signed", None)
    if annotated is not None:
        return annotated
    try:
        return signatory.legislator.tally.letters_signed
    except ObjectDoesNotExist:
        return 0


def related_shares(signers: object, detainees: list[int]) -> dict[str, Coalesce]:
    """`shared_signers` and `shared_detainees` of each letter with the given signers (ids,
    or a subquery of them) and detainees, counted from the (letter, legislator or
    detainee) indexes (LetterQuerySet.related_to())."""

    def shared(rows: models.QuerySet[Any], lookup: str, ids: object) -> Coalesce:
        counted = (
            rows.filter(letter=OuterRef("pk"), **{lookup: ids})
            .order_by()
            .values("letter")
            .annotate(n=Count("*"))
            .values("n")
        )
        return Coalesce(Subquery(counted), Value(0))

    return {
        "shared_signers": shared(Signatory.objects.all(), "legislator_id__in", signers),
        "shared_detainees": shared(DetaineeMention.objects.all(), "detainee_id__in", detainees),
    }


class RelatedLettersQuerySet(models.QuerySet["Letter"]):
    """The related-letters half of LetterQuerySet."""

    def related_to(self, letter: Letter, limit: int = 5) -> RelatedLettersQuerySet:
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
    ) -> RelatedLettersQuerySet:
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
    ) -> RelatedLettersQuerySet:
        """related_to() for a letter with more than RELATED_SIGNERS signers (`its_signers`,
        least frequent first). A letter shares at most its own signers (its tally) and this
        letter's detainees; the RELATED_PROBE letters of its rarest signer with most signers
        are counted first, and the `limit`-th most shared of them is a floor: a candidate
        that cannot reach it is not counted (of the 1,240 candidates of the letter with most
        signers, 125 are counted)."""
        rare_signers = its_signers[:RELATED_SIGNERS]

        def signed_by(signers: list[int]) -> Q:
            return Q(pk__in=Signatory.objects.filter(legislator_id__in=signers).values("letter_id"))

        # Its signers as a list of numbers, not a subquery: PostgreSQL matches each
        # candidate's signers against a hashed list, where a subquery is joined again for
        # every candidate counted.
        shares = related_shares(its_signers, its_detainees)
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
