"""A campaign letter by letter: who came back, who is new, who signed before and not this
time, the party balance, and the demands repeated, added or dropped.

What cannot be known is said, never guessed: a signer is 'new' only where every earlier
letter names all its signers, and 'not this time' only where this letter names all its
signers; demands are 'dropped' only where the sources reproduce this letter whole.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

from archive.links import slug_urls
from letters.models import (
    LETTER_LINK_FIELDS,
    Campaign,
    Demand,
    Letter,
    LetterDemand,
    LetterOrigin,
    Signatory,
)
from people.models import Legislator

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    from letters.models.letter import SignersAllNamed

BADGE_FIELDS = ("slug", "name", "party", "state", "chamber")


@dataclass
class CampaignStep:
    """One letter of a campaign, compared with the letters before it."""

    letter: WithAnnotations[Letter, SignersAllNamed]  # with_signers_all_named()
    signers: list[Legislator]
    leads: list[Legislator]
    returning: list[Legislator] = field(default_factory=list)
    # None where it cannot be known; the letter that makes it unknowable is named.
    new: list[Legislator] | None = None
    new_unknown_because: Letter | None = None
    not_this_time: list[Legislator] | None = None
    demands: list[Demand] = field(default_factory=list)
    demands_repeated: list[Demand] = field(default_factory=list)
    demands_added: list[Demand] = field(default_factory=list)
    demands_dropped: list[Demand] | None = None

    @property
    def text_whole(self) -> bool:
        return bool(self.letter.full_text) and not self.letter.full_text_is_partial


def campaign_letters(campaign: Campaign) -> list[WithAnnotations[Letter, SignersAllNamed]]:
    """The campaign's letters in date order with their signer counts (one query)."""
    letters = list(
        campaign.letters.with_signer_counts()
        .only(
            *LETTER_LINK_FIELDS,
            "chamber",
            "signers_stated",
            "signers_note",
            "full_text_is_partial",
            "full_text",
        )
        .order_by("date", "title")
    )
    return cast("list[WithAnnotations[Letter, SignersAllNamed]]", letters)


def campaign_steps(letters: list[WithAnnotations[Letter, SignersAllNamed]]) -> list[CampaignStep]:
    """Each letter compared with those before it (2 queries: signers and demands)."""
    ids = [letter.pk for letter in letters]
    signatories = (
        Signatory.objects.filter(letter_id__in=ids)
        .select_related("legislator")
        .only("letter_id", "role", "position", *(f"legislator__{f}" for f in BADGE_FIELDS))
        .order_by("letter_id", "position")
    )
    named: dict[int, list[Signatory]] = {pk: [] for pk in ids}
    # A page of ten letters links its signers a thousand times: one reverse() for all.
    legislator_url = slug_urls("people:legislator_detail")
    for signatory in signatories:
        signatory.legislator.page_url = legislator_url(signatory.legislator.slug)
        named[signatory.letter_id].append(signatory)
    asked: dict[int, list[Demand]] = {pk: [] for pk in ids}
    for wording in LetterDemand.objects.filter(letter_id__in=ids).select_related("demand"):
        if wording.demand not in asked[wording.letter_id]:
            asked[wording.letter_id].append(wording.demand)
    steps: list[CampaignStep] = []
    for letter in letters:
        signers = [s.legislator for s in named[letter.pk]]
        leads = [s.legislator for s in named[letter.pk] if s.role == Signatory.Role.LEAD]
        step = CampaignStep(letter, signers, leads, demands=asked[letter.pk])
        if steps:
            compare(step, steps)
        steps.append(step)
    return steps


def compare(step: CampaignStep, earlier: list[CampaignStep]) -> None:
    """Fill in what `step` shares with, adds to and leaves out of the letters before it."""
    seen: dict[int, Legislator] = {}
    for before in earlier:
        seen.update((legislator.pk, legislator) for legislator in before.signers)
    here = {legislator.pk for legislator in step.signers}
    step.returning = [legislator for legislator in step.signers if legislator.pk in seen]
    incomplete = next((b.letter for b in earlier if not b.letter.signers_all_named), None)
    if incomplete is None:
        step.new = [legislator for legislator in step.signers if legislator.pk not in seen]
    step.new_unknown_because = incomplete
    if step.letter.signers_all_named:
        step.not_this_time = [
            legislator
            for pk, legislator in seen.items()
            if pk not in here and could_sign(legislator, step.letter)
        ]
    previous = earlier[-1].demands
    step.demands_repeated = [d for d in step.demands if d in previous]
    step.demands_added = [d for d in step.demands if d not in previous]
    if step.text_whole:
        step.demands_dropped = [d for d in previous if d not in step.demands]


def could_sign(legislator: Legislator, letter: Letter) -> bool:
    """A member of the letter's chamber (both, for a letter of both chambers)."""
    return letter.chamber in (LetterOrigin.BICAMERAL, legislator.chamber)
