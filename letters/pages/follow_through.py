"""What is recorded since a letter, for each of its demands: the responses the archive holds."""

from __future__ import annotations

from collections import defaultdict

from letters.models import DemandResponse, Letter

RESPONSE_FIELDS = ("demand_id", "letter_id", "kind", "responder", "summary", "date")


def attach_responses_since(letter: Letter) -> None:
    """Give each of the letter's demands (its prefetched `letter_demands`) the list
    `responses_since`: responses to that kind of demand dated on or after the letter
    (one query)."""
    wordings = list(letter.letter_demands.all())
    found: dict[int, list[DemandResponse]] = defaultdict(list)
    if wordings:
        responses = (
            DemandResponse.objects.to_demands({w.demand_id for w in wordings})
            .since(letter.date)
            .select_related("source")
            .only(*RESPONSE_FIELDS, "date_precision", "passage", "source__slug", "source__title")
            .in_date_order()
        )
        for response in responses:
            found[response.demand_id].append(response)
    for wording in wordings:
        wording.responses_since = found.get(wording.demand_id, [])
