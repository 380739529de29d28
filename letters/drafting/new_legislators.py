"""Creating a signer the archive does not have as a new legislator, from what the text prints
(name, party, state, chamber), flagged as entered by hand so it can be checked against the
reference data later."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.text import slugify

from archive.names import MatchStatus, name_tokens
from letters.drafting.draft import DraftSigner
from letters.drafting.saving import save_valid, saving_revision
from people.models import Chamber, Legislator

SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def create_legislator_from_signer(
    signer: DraftSigner, *, chamber: str = "", user: object | None = None
) -> Legislator:
    """A new Legislator from an unmatched signer: the name as printed, the party and state of
    its badge, the chamber it sat in (the signer's, else `chamber`, the letter's); marked
    `entered_by_hand`. The signer is then matched to it.

    Raises ValidationError, saving nothing, where the text does not print a full name, a
    party and a state, or the chamber is unknown."""
    chamber = signer.chamber or chamber
    problems = []
    words = [word for word in signer.printed_name.replace(",", " ").split() if word]
    last_words = [word for word in words if word.rstrip(".").casefold() not in SUFFIXES]
    if len(last_words) < 2:
        problems.append("the text prints only one name: a full name is needed")
    if not signer.party or not signer.state:
        problems.append("the text prints no party and state for this signer")
    if chamber not in Chamber.values:
        problems.append("the chamber is not known: choose House or Senate")
    if problems:
        raise ValidationError(
            f"Cannot create {signer.describe()} as a new legislator: {'; '.join(problems)}."
        )
    legislator = Legislator(
        name=signer.printed_name,
        last_name=last_words[-1],
        slug=_free_slug(signer.printed_name, signer.state),
        chamber=chamber,
        title=Legislator.Title.for_seat(chamber, signer.state),
        party=signer.party,
        state=signer.state,
        district=signer.district if chamber == Chamber.HOUSE else None,
        entered_by_hand=True,
    )
    with saving_revision(f"Entered by hand from a draft: {signer.describe()}", user):
        save_valid(legislator)
    signer.legislator, signer.status, signer.note = legislator, MatchStatus.MATCHED, ""
    signer.candidates = ()
    return legislator


def _free_slug(name: str, state: str) -> str:
    """'jane-doe', else 'jane-doe-wy', else with a number (queries the slugs taken)."""
    base = slugify(" ".join(name_tokens(name))) or "legislator"
    taken = set(Legislator.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    for slug in (base, f"{base}-{state.lower()}"):
        if slug not in taken:
            return slug
    number = 2
    while f"{base}-{state.lower()}-{number}" in taken:
        number += 1
    return f"{base}-{state.lower()}-{number}"
