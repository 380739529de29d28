"""The draft as plain lines, for the `draft_letter` management command."""

from __future__ import annotations

from collections.abc import Iterable

from archive.provenance import normalise_space
from letters.drafting.draft import LetterDraft
from letters.models import Letter


def draft_summary_lines(draft: LetterDraft, existing: Letter | None) -> Iterable[str]:
    """The draft as plain lines, for the management command."""
    yield f"Title: {draft.title or '(none given)'}"
    yield f"Date: {draft.date.display if draft.date else '(not found)'}" + (
        f"  [{draft.date.passage!r}]" if draft.date else ""
    )
    if draft.date and draft.date.note:
        yield f"  {draft.date.note}"
    yield f"Chamber: {draft.chamber or '(not found)'}" + (
        f"  ({draft.chamber_note})" if draft.chamber_note else ""
    )
    stated = f"{draft.signers_stated} [{draft.signers_stated_passage!r}]"
    yield f"Signers stated: {stated if draft.signers_stated else '(not stated)'}"
    yield f"Signers ({len(draft.signers)}; leads: {len(draft.leads)}):"
    for signer in draft.signers:
        if signer.legislator is not None:
            outcome = f"-> {signer.legislator} [{signer.legislator.slug}]"
        elif signer.candidates:
            outcome = "AMBIGUOUS: " + ", ".join(f"{c} [{c.slug}]" for c in signer.candidates)
        else:
            outcome = "UNMATCHED"
        yield f"  {signer.position:>2}. {signer.describe():<40} {signer.role:<9} {outcome}"
    if draft.unnamed_signature_blocks:
        yield f"  + {draft.unnamed_signature_blocks} unnamed signature blocks"
    yield "Recipients:"
    for recipient in draft.recipients:
        outcome = f"-> {recipient.recipient.slug}" if recipient.recipient else "UNMATCHED"
        yield f"  {recipient.printed_title} {recipient.printed_name} {outcome}"
    yield "Detainees:"
    for mention in draft.mentions:
        outcome = f"-> {mention.detainee.slug}" if mention.detainee else "AMBIGUOUS"
        role = f" ({mention.role_given})" if mention.role_given else ""
        yield f"  {mention.printed_name}{role} {outcome}"
    yield "Demands:"
    for demand in draft.demands:
        yield f"  {demand.demand.slug} [{demand.wording_origin}]: {normalise_space(demand.wording)}"
    for name in draft.others_named:
        yield f"Also named, not taken as a signer: {name}"
    for loss in draft.losses:
        yield f"Signers not in the draft: {loss.text}  [{loss.passage!r}]"
    for warning in draft.warnings:
        yield f"Warning: {warning}"
    if existing is not None:
        yield f"Already in the archive: {existing.title} ({existing.slug})"
    unresolved = draft.unresolved
    yield f"To resolve ({len(unresolved)}):" if unresolved else "Nothing to resolve."
    for problem in unresolved:
        yield f"  - {problem}"
