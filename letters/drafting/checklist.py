"""The review page as a checklist: what the editor must act on, in plain words, with what is
unmatched, doubtful or conflicting first, and each passage shown once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from archive.names import MatchStatus
from letters.drafting.draft import LetterDraft
from letters.models import DifferingFact, Letter, SignatoryRole, SourceKind, WordingOrigin

if TYPE_CHECKING:
    from letters.admin.sources import AttachSourceForm

# The order the checklist reads in: what blocks saving first.
LEVELS = ("unmatched", "doubtful", "conflicting", "missing", "note")
STATUS_WORDS = {
    MatchStatus.MATCHED: "matched",
    MatchStatus.AMBIGUOUS: "several legislators fit",
    MatchStatus.NOT_FOUND: "no legislator in the archive",
}


@dataclass
class CheckItem:
    """One thing for the editor to check: its level (see LEVELS), what it is, what to do,
    and the passage it comes from (shown only where the item before did not show it)."""

    level: str
    heading: str
    text: str
    passage: str = ""
    signer_position: int | None = None
    show_passage: bool = True


def draft_checklist(draft: LetterDraft, attaching: AttachSourceForm | None) -> list[CheckItem]:
    items = [*_signer_items(draft), *_other_items(draft)]
    if attaching is not None:
        items += [
            CheckItem(
                "conflicting",
                f"{DifferingFact.Kind(a.fact).label} differs",
                f"This text says {a.says}; the archive records {a.recorded}. Choose below.",
                a.passage,
            )
            for a in attaching.additions
            if a.differs
        ]
    items.sort(key=lambda item: LEVELS.index(item.level))
    shown: set[str] = set()
    for item in items:
        item.show_passage = bool(item.passage) and item.passage not in shown
        shown.add(item.passage)
    return items


def _signer_items(draft: LetterDraft) -> list[CheckItem]:
    items = []
    for signer in draft.signers:
        if signer.status == MatchStatus.NOT_FOUND:
            items.append(
                CheckItem(
                    "unmatched",
                    "Signer not matched" if signer.candidates else "Signer not in the archive",
                    f"{signer.describe()}: {signer.note + '; ' if signer.note else ''}add them "
                    "as a legislator entered by hand, or untick them.",
                    signer.passage,
                    signer.position,
                )
            )
        elif signer.status == MatchStatus.AMBIGUOUS or signer.legislator is None:
            names = ", ".join(str(c) for c in signer.candidates) or "nobody in the archive"
            items.append(
                CheckItem(
                    "doubtful",
                    "Signer to choose",
                    f"{signer.describe()}: {signer.note or 'several legislators fit'} "
                    f"({names}). Choose one below, or untick them.",
                    signer.passage,
                )
            )
        elif signer.note:
            items.append(
                CheckItem(
                    "doubtful",
                    "Signer matched with a doubt",
                    f"{signer.describe()} → {signer.legislator}: {signer.note}. Keep the "
                    "match if the passage confirms it; otherwise choose another below, or "
                    "untick them.",
                    signer.passage,
                )
            )
    return items


def _other_items(draft: LetterDraft) -> list[CheckItem]:
    items = [
        CheckItem(
            "unmatched",
            "Recipient not in the archive",
            f"{r.printed_title} {r.printed_name}: add them as a recipient first, or untick.",
            r.passage,
        )
        for r in draft.recipients
        if r.recipient is None
    ]
    items += [
        CheckItem(
            "doubtful",
            "Detainee to choose",
            f"{m.printed_name} could be {', '.join(str(c) for c in m.candidates)}: untick, "
            "and add the mention by hand once you know who.",
            m.passage,
        )
        for m in draft.mentions
        if m.detainee is None
    ]
    if draft.date is None:
        items.append(CheckItem("missing", "No date", "The text gives no date for the letter."))
    if not draft.chamber:
        items.append(CheckItem("missing", "No chamber", "The text does not say House or Senate."))
    items += [
        CheckItem("missing", "Signers not in the draft", loss.text, loss.passage)
        for loss in draft.losses
    ]
    items += [CheckItem("note", "Note", warning) for warning in draft.warnings]
    items += [
        CheckItem("note", "Also named", f"{name}: named in the text, not taken as a signer.")
        for name in draft.others_named
    ]
    return items


def plain_words(draft: LetterDraft) -> dict[str, str]:
    """The draft's coded values as the review page says them ('Senate', 'exact day')."""
    chamber = Letter.Origin(draft.chamber).label if draft.chamber else ""
    precision = ""
    if draft.date is not None:
        precision = "exact day" if draft.date.precision == "day" else "month only"
    return {
        "chamber": chamber,
        "precision": precision,
        "source_kind": SourceKind(draft.suggested_source_kind).label,
    }


def signer_words(signer: object) -> dict[str, str]:
    """A signer's status and role in words."""
    status = STATUS_WORDS.get(signer.status, str(signer.status))  # type: ignore[attr-defined]  # a draft signer
    role = SignatoryRole(signer.role).label  # type: ignore[attr-defined]  # a draft signer
    return {"status": status, "role": role}


def wording_words(origin: str) -> str:
    return WordingOrigin(origin).label


def numbered_passages(passages: list[str]) -> tuple[list[str], list[int]]:
    """Each distinct passage once, in order, and for each input its number (from 1)."""
    unique: dict[str, int] = {}
    numbers = [unique.setdefault(passage, len(unique) + 1) for passage in passages]
    return list(unique), numbers
