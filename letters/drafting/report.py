"""A draft as data (`draft_letter --json`) and as one line (a batch of texts)."""

from __future__ import annotations

from typing import Any

from letters.drafting import LetterDraft
from letters.models import Letter


def draft_as_json(draft: LetterDraft, existing: Letter | None) -> dict[str, Any]:
    """The draft as JSON-ready data: what was read, what it matched, what is left to do."""
    return {
        "date": (
            {"value": draft.date.date.isoformat(), "precision": draft.date.precision}
            if draft.date
            else None
        ),
        "chamber": draft.chamber or None,
        "signers_stated": draft.signers_stated,
        "signers": [
            {
                "printed_name": signer.printed_name,
                "printed_party_state": signer.printed_party_state,
                "role": signer.role,
                "status": str(signer.status),
                "legislator": (
                    {
                        "slug": signer.legislator.slug,
                        "name": signer.legislator.name,
                        "party": signer.legislator.party,
                        "state": signer.legislator.state,
                    }
                    if signer.legislator
                    else None
                ),
            }
            for signer in draft.signers
        ],
        "recipients": [
            {
                "printed_name": f"{item.printed_title} {item.printed_name}".strip(),
                "recipient": {"slug": item.recipient.slug} if item.recipient else None,
            }
            for item in draft.recipients
        ],
        "detainees": [
            {
                "printed_name": mention.printed_name,
                "detainee": {"slug": mention.detainee.slug} if mention.detainee else None,
            }
            for mention in draft.mentions
        ],
        "existing": {"slug": existing.slug} if existing else None,
        "warnings": list(draft.warnings),
        "losses": [{"text": loss.text, "passage": loss.passage} for loss in draft.losses],
        "unresolved": list(draft.unresolved),
    }


def draft_line(draft: LetterDraft, existing: Letter | None) -> str:
    """'House, April 11, 2025: 36 signers (36 matched, 2 leads), 1 recipient, ...'."""
    matched = sum(1 for signer in draft.signers if signer.is_resolved)
    parts = [
        f"{len(draft.signers)} signer{'s' * (len(draft.signers) != 1)} "
        f"({matched} matched, {len(draft.leads)} lead{'s' * (len(draft.leads) != 1)})",
        f"{len(draft.recipients)} recipient{'s' * (len(draft.recipients) != 1)}",
        f"{len(draft.mentions)} detainee{'s' * (len(draft.mentions) != 1)}",
    ]
    if draft.signers_stated:
        parts.append(f"{draft.signers_stated} stated")
    chamber = dict(Letter.Origin.choices).get(draft.chamber, "chamber not found")
    date = draft.date.display if draft.date else "no date"
    line = f"{chamber}, {date}: {', '.join(parts)}"
    if existing is not None:
        line += f"; already in the archive as {existing.slug}"
    unresolved = len(draft.unresolved)
    return line + (f"; {unresolved} to resolve" if unresolved else "; nothing to resolve")
