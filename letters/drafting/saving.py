"""Saving what the editor confirmed: the source, the letter and every item quoting it, in
one transaction."""

from __future__ import annotations

from dataclasses import dataclass, field

import reversion
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from letters.drafting.draft import DraftSigner, LetterDraft
from letters.models import (
    DetaineeMention,
    Letter,
    LetterDemand,
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
    with transaction.atomic(), reversion.create_revision():
        reversion.set_comment("Drafted from pasted text")
        if user is not None:
            reversion.set_user(user)
        source = Source(
            slug=_source_slug(slug, source_kind),
            title=source_title,
            kind=source_kind,
            published_on=draft.published_on,
            full_text=draft.text,
        )
        _save(source)
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
    _save(letter)
    return letter


def _save_items(
    draft: LetterDraft,
    letter: Letter,
    source: Source,
    signers: list[tuple[DraftSigner, Legislator]],
    resolutions: Resolutions,
) -> None:
    """The letter's signers, recipients, demands and mentions, numbered in the text's order."""
    _save_signatories(letter, source, signers, resolutions)
    recipients = [
        item
        for item in draft.recipients
        if resolutions.keeps("recipient", item.position) and item.recipient
    ]
    for position, item in enumerate(recipients, start=1):
        _save(
            LetterRecipient(
                letter=letter,
                recipient=item.recipient,
                printed_title=item.printed_title,
                position=position,
                passage=item.passage,
                source=source,
            )
        )
    demands = [d for d in draft.demands if resolutions.keeps("demand", d.position)]
    for position, demand in enumerate(demands, start=1):
        _save(
            LetterDemand(
                letter=letter,
                demand=demand.demand,
                position=position,
                wording=demand.wording,
                wording_origin=demand.wording_origin,
                source=source,
            )
        )
    mentions = [
        m for m in draft.mentions if resolutions.keeps("mention", m.position) and m.detainee
    ]
    for position, mention in enumerate(mentions, start=1):
        _save(
            DetaineeMention(
                letter=letter,
                detainee=mention.detainee,
                printed_name=mention.printed_name,
                role_given=mention.role_given,
                position=position,
                passage=mention.passage,
                source=source,
            )
        )


def _save_signatories(
    letter: Letter,
    source: Source,
    signers: list[tuple[DraftSigner, Legislator]],
    resolutions: Resolutions,
) -> None:
    for position, (signer, legislator) in enumerate(signers, start=1):
        _save(
            Signatory(
                letter=letter,
                legislator=legislator,
                role=resolutions.roles.get(signer.position, signer.role),
                printed_name=signer.printed_name,
                printed_party_state=signer.printed_party_state,
                position=position,
                source=source,
                passage=signer.passage,
            )
        )


def _save(row: object) -> None:
    row.full_clean()  # type: ignore[attr-defined]
    row.save()  # type: ignore[attr-defined]


def _source_slug(slug: str, source_kind: str) -> str:
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
