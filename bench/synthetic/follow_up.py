"""The synthetic archive's rows about letters already written: campaigns grouping them and
the responses recorded to their demands, each quoting a generated statement."""

from __future__ import annotations

import datetime
from collections import defaultdict

from archive.dates import DatePrecision
from bench.synthetic.people import ReferenceRows
from bench.synthetic.words import LAST_DAY, NOTICE, SLUG_PREFIX, THEMES, TITLE_PREFIX
from letters.models import Campaign, DemandResponse, Letter, LetterDemand, Source

RESPONSE_KINDS = {  # kind: (weight, what the statement says was done)
    DemandResponse.Kind.OFFICIAL_REPLY: (0.4, "replied on"),
    DemandResponse.Kind.STATEMENT: (0.4, "made a statement on"),
    DemandResponse.Kind.ACTION: (0.2, "acted on"),
}


class FollowUpRows(ReferenceRows):
    """Campaigns and demand responses, drawn from the letters in the database `using`."""

    def make_campaigns(self) -> None:
        """Campaigns of letters from one chamber over a stretch of time: the biggest has
        `campaign_letters` letters, the others fewer (long-tailed), down to 2."""
        by_chamber: dict[str, list[int]] = defaultdict(list)
        letters = Letter.objects.using(self.using).order_by("date", "pk")
        for pk, chamber in letters.values_list("pk", "chamber"):
            by_chamber[chamber].append(pk)
        chambers = list(by_chamber)
        weights = [len(by_chamber[chamber]) for chamber in chambers]
        campaigns, chosen = [], []
        for number in range(1, self.size.campaigns + 1):
            size = max(2, round(self.size.campaign_letters / number**0.8))
            chamber = self.rng.choices(chambers, weights)[0]
            pool = by_chamber[chamber]
            # A series over months: letters drawn from a stretch a few times its size.
            window = min(len(pool), 4 * size)
            start = self.rng.randrange(len(pool) - window + 1)
            chosen.append(self.rng.sample(pool[start : start + window], min(size, window)))
            campaigns.append(
                Campaign(
                    slug=f"{SLUG_PREFIX}campaign-{number:03d}",
                    title=f"{TITLE_PREFIX}Campaign {number:03d} {self.rng.choice(THEMES)}",
                    description=f"{TITLE_PREFIX}A generated grouping of letters, not a real "
                    "campaign.",
                )
            )
        campaigns = self.bulk(Campaign, campaigns)
        through = Campaign.letters.through
        self.bulk(
            through,
            [
                through(campaign_id=campaign.pk, letter_id=letter_id)
                for campaign, letter_ids in zip(campaigns, chosen, strict=True)
                for letter_id in letter_ids
            ],
        )

    def make_responses(self) -> None:
        """`responses` responses spread over the demands by how many letters make them;
        a reply answers one of those letters weeks later. Each quotes a statement of its
        own."""
        letters_of: dict[int, list[tuple[int, datetime.date]]] = defaultdict(list)
        wordings = LetterDemand.objects.using(self.using).order_by("demand_id", "letter_id")
        for demand_id, letter_id, date in wordings.values_list(
            "demand_id", "letter_id", "letter__date"
        ):
            letters_of[demand_id].append((letter_id, date))
        total = sum(len(letters) for letters in letters_of.values())
        demand_number = {demand.pk: number for number, demand in enumerate(self.demands, 1)}
        drafts: list[tuple[DemandResponse, Source]] = []
        for demand in self.demands:
            letters = letters_of[demand.pk]
            for _ in range(round(self.size.responses * len(letters) / total)):
                number = len(drafts) + 1
                response = self.response(letters, self.rng.choice(self.recipients).office)
                response.demand = demand
                drafts.append(self.statement(response, number, demand_number[demand.pk]))
        sources = self.bulk(Source, [source for _, source in drafts])
        for (response, _), source in zip(drafts, sources, strict=True):
            response.source = source
        self.bulk(DemandResponse, [response for response, _ in drafts])

    def response(self, letters: list[tuple[int, datetime.date]], office: str) -> DemandResponse:
        kinds = list(RESPONSE_KINDS)
        kind = self.rng.choices(kinds, [RESPONSE_KINDS[k][0] for k in kinds])[0]
        letter_id, date = self.rng.choice(letters)
        date = min(LAST_DAY, date + datetime.timedelta(days=self.rng.randint(7, 150)))
        precision = DatePrecision.DAY
        if self.rng.random() < 0.1:
            date, precision = date.replace(day=1), DatePrecision.MONTH
        return DemandResponse(
            letter_id=letter_id if kind == DemandResponse.Kind.OFFICIAL_REPLY else None,
            kind=kind,
            responder=f"Synthetic Office of the {office}",
            date=date,
            date_precision=precision,
        )

    def statement(
        self, response: DemandResponse, number: int, demand_number: int
    ) -> tuple[DemandResponse, Source]:
        """The response's summary and passage, and the generated statement it quotes."""
        done = RESPONSE_KINDS[DemandResponse.Kind(response.kind)][1]
        response.passage = (
            f"{response.responder} {done} synthetic demand {demand_number:02d} "
            f"({response.date_display})."
        )
        response.summary = f"{TITLE_PREFIX}A generated response, not a real one."
        title = f"{TITLE_PREFIX}Statement {number:04d} on synthetic demand {demand_number:02d}"
        source = Source(
            slug=f"{SLUG_PREFIX}statement-{number:04d}",
            title=title,
            kind=Source.Kind.PRESS_RELEASE,
            publisher="Synthetic data generator",
            published_on=response.date,
            full_text="\n".join([title, NOTICE, "", response.passage]),
        )
        return response, source
