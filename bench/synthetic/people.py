"""The synthetic archive's reference rows: legislators, detainees, demands, recipients and
bills, with the weighted draws that give the archive its skew."""

from __future__ import annotations

import datetime
import math
import random
from collections.abc import Callable, Sequence
from typing import TypeVar

from django.db.models import Model

from bench.synthetic.words import (
    ASKS,
    BATCH_SIZE,
    HOUSE_SEATS,
    OFFICES,
    SLUG_PREFIX,
    STATES,
    TITLE_PREFIX,
    Size,
    code,
)
from letters.models import Bill, Demand, Recipient
from people.models import Chamber, Detainee, DetaineeAlias, Legislator, LegislatorTerm, Party

TERMS_END = 2029  # the year the synthetic members' last terms end

Progress = Callable[[str], None]
RowT = TypeVar("RowT", bound=Model)


class ReferenceRows:
    """Writes the people, demands, recipients and bills of a synthetic archive into the
    database `using`, and draws from its seeded random generator (shared with the letters
    built on them, see `bench.synthetic.letters`)."""

    # Made by the letters' rows (bench.synthetic.letters) before they draw on them.
    legislators: list[Legislator]
    detainees: list[Detainee]
    demands: list[Demand]
    recipients: list[Recipient]

    def __init__(self, size: Size, seed: int, using: str, progress: Progress) -> None:
        self.size = size
        self.rng = random.Random(seed)
        self.using = using
        self.progress = progress
        self.counts: dict[str, int] = {}

    # --- helpers -------------------------------------------------------------------------

    def bulk(self, model: type[RowT], rows: Sequence[RowT]) -> list[RowT]:
        created = model._default_manager.using(self.using).bulk_create(rows, batch_size=BATCH_SIZE)
        label = model._meta.label
        self.counts[label] = self.counts.get(label, 0) + len(created)
        return created

    def zipf_weights(self, n: int, exponent: float, offset: float = 1.0) -> list[float]:
        """Weights 1/(rank+offset)^exponent over a random ranking of n items."""
        ranks = list(range(n))
        self.rng.shuffle(ranks)
        return [1.0 / (rank + offset) ** exponent for rank in ranks]

    def weighted_sample(self, pool: Sequence[int], weights: Sequence[float], k: int) -> list[int]:
        """k distinct items of `pool`, heavier first more likely (Efraimidis-Spirakis)."""
        random_ = self.rng.random
        keyed = [(-math.log(1.0 - random_()) / weights[item], item) for item in pool]
        keyed.sort()
        return [item for _, item in keyed[:k]]

    def weighted_choices(self, n: int, cum_weights: Sequence[float], k: int) -> list[int]:
        """k distinct indices in range(n) drawn by weight (k is small relative to n)."""
        chosen: list[int] = []
        seen: set[int] = set()
        k = min(k, n)
        while len(chosen) < k:
            for item in self.rng.choices(range(n), cum_weights=cum_weights, k=k - len(chosen)):
                if item not in seen:
                    seen.add(item)
                    chosen.append(item)
        return chosen

    @staticmethod
    def cumulative(weights: Sequence[float]) -> list[float]:
        total, out = 0.0, []
        for weight in weights:
            total += weight
            out.append(total)
        return out

    # --- reference rows ------------------------------------------------------------------

    def make_legislators(self) -> list[Legislator]:
        n = self.size.legislators
        n_senate = min(max(1, round(n * 100 / 540)), 100)
        n_house = n - n_senate
        seats = self.apportion(n_house)
        senate_states = [state for state in STATES for _ in range(2)]
        self.rng.shuffle(senate_states)
        rows: list[Legislator] = []
        number = 0
        for state, count in seats:
            for district in range(1, count + 1):
                number += 1
                territory = state in {"DC", "PR", "GU", "VI", "AS", "MP"}
                at_large = territory or HOUSE_SEATS[state] == 1
                title = (
                    Legislator.Title.RESIDENT_COMMISSIONER
                    if state == "PR"
                    else Legislator.Title.DELEGATE
                    if territory
                    else Legislator.Title.REPRESENTATIVE
                )
                rows.append(
                    self.legislator(
                        number, Chamber.HOUSE, title, state, 0 if at_large else district
                    )
                )
        for state in senate_states[:n_senate]:
            number += 1
            rows.append(
                self.legislator(number, Chamber.SENATE, Legislator.Title.SENATOR, state, None)
            )
        legislators: list[Legislator] = self.bulk(Legislator, rows)
        self.make_terms(legislators)
        return legislators

    def make_terms(self, legislators: list[Legislator]) -> None:
        """Every member serves unbroken from before the first letter to January 2029, in
        two-year House terms or six-year Senate terms (the three classes staggered), so
        the members pages find them all current."""
        rows = []
        for index, legislator in enumerate(legislators):
            if legislator.chamber == Chamber.HOUSE:
                years = range(2019, TERMS_END, 2)
            else:
                years = range(2017 + 2 * (index % 3), TERMS_END, 6)
            length = 6 if legislator.chamber == Chamber.SENATE else 2
            rows += [
                LegislatorTerm(
                    legislator=legislator,
                    chamber=legislator.chamber,
                    state=legislator.state,
                    district=legislator.district,
                    party=Party(legislator.party).label,
                    start=datetime.date(year, 1, 3),
                    end=datetime.date(year + length, 1, 3),
                )
                for year in years
            ]
        self.bulk(LegislatorTerm, rows)

    def apportion(self, n_house: int) -> list[tuple[str, int]]:
        """Split n_house seats over the states by their real share (largest remainder)."""
        total = sum(HOUSE_SEATS.values())
        quotas = {state: seats * n_house / total for state, seats in HOUSE_SEATS.items()}
        whole = {state: int(quota) for state, quota in quotas.items()}
        left = n_house - sum(whole.values())
        by_remainder = sorted(quotas, key=lambda state: (whole[state] - quotas[state], state))
        for state in by_remainder[:left]:
            whole[state] += 1
        return [(state, count) for state, count in whole.items() if count]

    def legislator(
        self, number: int, chamber: str, title: str, state: str, district: int | None
    ) -> Legislator:
        name = code("Synthetic Member", number, 4)
        roll = self.rng.random()
        party = (
            Party.DEMOCRAT
            if roll < 0.5
            else Party.REPUBLICAN
            if roll < 0.98 or chamber == Chamber.HOUSE
            else Party.INDEPENDENT
        )
        return Legislator(
            slug=f"{SLUG_PREFIX}member-{number:04d}",
            name=name,
            official_name=name,
            last_name=f"Member {number:04d}",
            chamber=chamber,
            title=title,
            party=party,
            state=state,
            district=district,
            bioguide_id="",
        )

    def make_detainees(self) -> list[Detainee]:
        categories = [
            (Detainee.Category.PRISONER_OF_WAR, 0.6),
            (Detainee.Category.POLITICAL_PRISONER, 0.3),
            (Detainee.Category.HOSTAGE, 0.1),
        ]
        roles = ["", "", "", "soldier", "civilian", "former official", "community leader"]
        rows = []
        for number in range(1, self.size.detainees + 1):
            category = self.rng.choices(
                [c for c, _ in categories], weights=[w for _, w in categories]
            )[0]
            rows.append(
                Detainee(
                    slug=f"{SLUG_PREFIX}detainee-{number:04d}",
                    name=code("Synthetic Detainee", number, 4),
                    role=self.rng.choice(roles),
                    category=category,
                    summary=f"{TITLE_PREFIX}A generated person, not a real detainee.",
                )
            )
        detainees: list[Detainee] = self.bulk(Detainee, rows)
        aliases = [
            DetaineeAlias(
                detainee=detainee,
                name=f"{detainee.name}-A",
                kind=DetaineeAlias.Kind.TRANSLITERATION,
            )
            for detainee in detainees
            if self.rng.random() < 0.2
        ]
        self.bulk(DetaineeAlias, aliases)
        self.alias_of = {alias.detainee_id: alias.name for alias in aliases}
        return detainees

    def make_demands(self) -> list[Demand]:
        rows = []
        for number in range(1, self.size.demands + 1):
            ask = ASKS[(number - 1) % len(ASKS)]
            rows.append(
                Demand(
                    slug=f"{SLUG_PREFIX}demand-{number:02d}",
                    name=f"Synthetic demand {number:02d}: {ask.split(' ', 1)[1][:120]}",
                    description=f"{TITLE_PREFIX}A generated kind of demand: {ask}.",
                )
            )
        return self.bulk(Demand, rows)

    def make_recipients(self) -> list[Recipient]:
        rows = [
            Recipient(
                slug=f"{SLUG_PREFIX}official-{number:02d}",
                name=code("Synthetic Official", number, 2),
                office=OFFICES[(number - 1) % len(OFFICES)],
            )
            for number in range(1, self.size.recipients + 1)
        ]
        return self.bulk(Recipient, rows)

    def make_bills(self) -> list[Bill]:
        rows = []
        for number in range(1, self.size.bills + 1):
            kind = "H.Res." if number % 3 else "S.Res."
            rows.append(
                Bill(
                    slug=f"{SLUG_PREFIX}bill-{number:03d}",
                    number=f"Synthetic {kind}{900 + number}",
                    title=f"{TITLE_PREFIX}A generated resolution on Armenian detainees",
                )
            )
        return self.bulk(Bill, rows)
