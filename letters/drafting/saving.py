"""Saving what the editor confirmed: the source, the letter and every item quoting it, in
one transaction; and the saving steps attaching a source and adding a legislator share."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import reversion
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.text import slugify

from archive.changes import batched_changes
from letters.drafting.draft import (
    DraftDemand,
    DraftMention,
    DraftRecipient,
    DraftSigner,
    LetterDraft,
)
from letters.models import (
    DetaineeMention,
    Letter,
    LetterDemand,
    LetterPart,
    LetterRecipient,
    Signatory,
    Source,
)
from people.models import Legislator


@dataclass
class Resolutions:
    """The editor's decisions on a draft: a legislator chosen for a signer (by position),
    roles changed, and items left out (by kind and position)."""

    legislators: dict[int, Legislator] = field(default_factory=dict)
    roles: dict[int, str] = field(default_factory=dict)
    excluded: set[tuple[str, int]] = field(default_factory=set)

    def keeps(self, kind: str, position: int) -> bool:
        return (kind, position) not in self.excluded


def save_draft(
    draft: LetterDraft,
    *,
    slug: str,
    title: str,
    summary: str,
    source_title: str,
    source_kind: str,
    resolutions: Resolutions | None = None,
    user: object | None = None,
) -> Letter:
    """Create the source (the text as received), the letter and its signers, recipients,
    demands and mentions, each quoting that source; every row is validated (full_clean,
    which checks the quotes). One transaction: any invalid row saves nothing.

    Raises ValidationError where a kept item is unresolved or a row is invalid."""
    resolutions = resolutions or Resolutions()
    signers = _checked_signers(draft, resolutions)
    with saving_revision("Drafted from pasted text", user):
        source = save_source(
            draft, slug=source_slug(slug, source_kind), title=source_title, kind=source_kind
        )
        letter = _save_letter(
            draft, slug=slug, title=title, summary=summary, signers=len(signers), source=source
        )
        letter.sources.set([source])
        letter.check_passages([source])
        _save_items(draft, letter, source, signers, resolutions)
    return letter


def _checked_signers(
    draft: LetterDraft, resolutions: Resolutions
) -> list[tuple[DraftSigner, Legislator]]:
    """The kept signers with their legislators.

    Raises ValidationError where the draft lacks a date or chamber, or a kept item is
    unresolved."""
    if draft.date is None:
        raise ValidationError({"date": "The draft has no date: the text must give one."})
    if not draft.chamber:
        raise ValidationError({"chamber": "The draft does not say House or Senate."})
    signers: list[tuple[DraftSigner, Legislator]] = []
    problems: list[str] = []
    for signer in draft.signers:
        if not resolutions.keeps("signer", signer.position):
            continue
        legislator = resolutions.legislators.get(signer.position)
        if legislator is None and signer.is_resolved:
            legislator = signer.legislator
        if legislator is None:
            problems.append(f"Choose the legislator for {signer.describe()}, or leave it out.")
            continue
        signers.append((signer, legislator))
    for recipient in draft.recipients:
        if resolutions.keeps("recipient", recipient.position) and recipient.recipient is None:
            problems.append(f"Add {recipient.printed_name} as a recipient first, or leave out.")
    for mention in draft.mentions:
        if resolutions.keeps("mention", mention.position) and mention.detainee is None:
            problems.append(f"{mention.printed_name} is ambiguous: leave it out or add later.")
    if problems:
        raise ValidationError(problems)
    return signers


def _save_letter(
    draft: LetterDraft, *, slug: str, title: str, summary: str, signers: int, source: Source
) -> Letter:
    assert draft.date is not None  # checked by _checked_signers
    letter = Letter(
        slug=slug,
        title=title,
        date=draft.date.date,
        date_precision=draft.date.precision,
        date_passage=draft.date.passage,
        date_note=draft.date.note,
        date_source=source,
        chamber=draft.chamber,
        chamber_note=draft.chamber_note,
        summary=summary,
        full_text=draft.letter_text,
        full_text_is_partial=draft.letter_text_is_partial,
        signers_stated=draft.signers_stated,
        signers_stated_passage=draft.signers_stated_passage if draft.signers_stated else "",
        signers_stated_source=source if draft.signers_stated else None,
        signers_note=_signers_note(draft, signers),
        signature_blocks=draft.signature_blocks,
        signature_blocks_passage=draft.signature_blocks_passage,
    )
    save_valid(letter)
    return letter


def _save_items(
    draft: LetterDraft,
    letter: Letter,
    source: Source,
    signers: list[tuple[DraftSigner, Legislator]],
    resolutions: Resolutions,
) -> None:
    """The letter's signers, recipients, demands and mentions, numbered in the text's order."""
    signatories = [
        letter_part(
            signer,
            legislator=legislator,
            role=resolutions.roles.get(signer.position, signer.role),
        )
        for signer, legislator in signers
    ]
    recipients = [
        letter_part(item)
        for item in draft.recipients
        if resolutions.keeps("recipient", item.position) and item.recipient
    ]
    demands = [
        letter_part(item) for item in draft.demands if resolutions.keeps("demand", item.position)
    ]
    mentions = [
        letter_part(item)
        for item in draft.mentions
        if resolutions.keeps("mention", item.position) and item.detainee
    ]
    for parts in (signatories, recipients, demands, mentions):
        for position, part in enumerate(parts, start=1):
            save_part(part, letter, source, position)


def letter_part(
    item: DraftSigner | DraftRecipient | DraftMention | DraftDemand,
    *,
    legislator: Legislator | None = None,
    role: str = "",
) -> LetterPart:
    """The part of a letter a draft item becomes, as the text prints it; save_part gives it
    its letter, source and position. A signer is `legislator` (default: the one matched) in
    `role` (default: the role read)."""
    if isinstance(item, DraftRecipient):
        return LetterRecipient(
            recipient=item.recipient, printed_title=item.printed_title, passage=item.passage
        )
    if isinstance(item, DraftMention):
        return DetaineeMention(
            detainee=item.detainee,
            printed_name=item.printed_name,
            role_given=item.role_given,
            passage=item.passage,
        )
    if isinstance(item, DraftDemand):
        return LetterDemand(
            demand=item.demand, wording=item.wording, wording_origin=item.wording_origin
        )
    return Signatory(
        legislator=legislator or item.legislator,
        role=role or item.role,
        printed_name=item.printed_name,
        printed_party_state=item.printed_party_state,
        passage=item.passage,
    )


def save_part(part: LetterPart, letter: Letter, source: Source, position: int) -> None:
    """Save a part of `letter` at `position`, quoting `source`."""
    part.letter, part.source, part.position = letter, source, position
    save_valid(part)


@contextmanager
def saving_revision(comment: str, user: object | None) -> Iterator[None]:
    """One transaction, recorded as one revision of the history with `comment` and `user`;
    the tallies are recounted once at its end, not once per signatory saved."""
    with transaction.atomic(), reversion.create_revision(), batched_changes():
        reversion.set_comment(comment)
        if user is not None:
            reversion.set_user(user)
        yield


def save_source(draft: LetterDraft, *, slug: str, title: str, kind: str) -> Source:
    """The draft's text, as received, saved as a source."""
    source = Source(
        slug=slug, title=title, kind=kind, published_on=draft.published_on, full_text=draft.text
    )
    save_valid(source)
    return source


def save_valid(row: models.Model) -> None:
    """Save `row` once it passes its validation (the quote checks among them)."""
    row.full_clean()
    row.save()


def source_slug(slug: str, source_kind: str) -> str:
    """The slug of a letter's source of this kind: 'titus-letter-press-release'."""
    return slugify(f"{slug}-{source_kind.replace('_', '-')}")[:160]


def _signers_note(draft: LetterDraft, recorded: int) -> str:
    if draft.unnamed_signature_blocks:
        return (
            f"The text's {draft.unnamed_signature_blocks} signature blocks carry no names, so "
            "those signers are not recorded."
        )
    if draft.signers_stated and recorded < draft.signers_stated:
        return f"The source names {recorded} of the {draft.signers_stated} signers it states."
    return ""
