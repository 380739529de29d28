"""Letters that may belong together, suggested to editors (never published as fact): letters
to the same official with the same lead, or to the same official asking the same things."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from letters.models import Campaign, Letter, LetterDemand, LetterRecipient, Signatory

SUGGESTIONS = 20  # groups shown to editors
LETTERS_SHOWN = 12  # letters listed per group (the latest)
MIN_SHARED_DEMANDS = 2


@dataclass
class Suggestion:
    reason: str
    letters: list[Letter]
    total: int


def suggest_campaigns(limit: int = SUGGESTIONS) -> list[Suggestion]:
    """Groups of two or more letters sharing a recipient and a lead, or a recipient and at
    least MIN_SHARED_DEMANDS kinds of demand, not already grouped in one campaign; largest
    first (6 queries whatever the number of letters)."""
    recipients = _pairs(LetterRecipient.objects.values_list("letter_id", "recipient_id"))
    leads = _pairs(
        Signatory.objects.filter(role=Signatory.Role.LEAD).values_list("letter_id", "legislator_id")
    )
    demands = _pairs(LetterDemand.objects.values_list("letter_id", "demand_id"))
    grouped = _pairs(Campaign.letters.through.objects.values_list("letter_id", "campaign_id"))
    groups: dict[tuple[str, object], set[int]] = defaultdict(set)
    for letter_id, their_recipients in recipients.items():
        asked = frozenset(demands.get(letter_id, ()))
        for recipient in their_recipients:
            for lead in leads.get(letter_id, ()):
                groups[("lead", (recipient, lead))].add(letter_id)
            if len(asked) >= MIN_SHARED_DEMANDS:
                groups[("demands", (recipient, asked))].add(letter_id)
    candidates = {
        frozenset(ids)
        for ids in groups.values()
        if len(ids) > 1 and not _in_one_campaign(ids, grouped)
    }
    reasons = {frozenset(ids): kind for (kind, _), ids in groups.items()}
    best = sorted(candidates, key=lambda ids: (-len(ids), min(ids)))[:limit]
    wanted = {pk for ids in best for pk in sorted(ids)[-LETTERS_SHOWN:]}
    letters = Letter.objects.only("slug", "title", "date", "date_precision").in_bulk(wanted)
    return [
        Suggestion(
            reason=REASONS[reasons[ids]],
            letters=sorted(
                (letters[pk] for pk in sorted(ids)[-LETTERS_SHOWN:]), key=lambda x: x.date
            ),
            total=len(ids),
        )
        for ids in best
    ]


REASONS = {
    "lead": "to the same official, led by the same legislator",
    "demands": "to the same official, asking the same things",
}


def _pairs(rows: Iterable[tuple[int, int]]) -> dict[int, set[int]]:
    found: dict[int, set[int]] = defaultdict(set)
    for key, value in rows:
        found[key].add(value)
    return found


def _in_one_campaign(ids: set[int], grouped: dict[int, set[int]]) -> bool:
    shared = set.intersection(*(grouped.get(pk, set()) for pk in ids))
    return bool(shared)
