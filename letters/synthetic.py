"""A clearly synthetic archive for load tests and benchmarks, generated fast and reproducibly.

Every generated row is marked: slugs start with `synthetic-`, titles with `[Synthetic] `,
people are called `Synthetic Member 0042` / `Synthetic Detainee 0042` / `Synthetic
Official 07`, and every source says in its first lines that it is generated. The generator
refuses a database holding anything else (the real archive must never be mixed with it).

Rows are written with bulk_create in batches, in one transaction, without full_clean per
row: they satisfy the constraints and the archive's quote rule by construction (every
passage is cut from the synthetic source text it cites). tests/test_synthetic.py runs
full_clean on a sample of every model to prove it.

The skew is meant to look like the real history of such letters: a few legislators sign
most letters (Zipf-like popularity), most letters have a few dozen signers and some a few
hundred, a few detainees are named in many letters and most in one or two, and so on.
"""

from __future__ import annotations

import datetime
import math
import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from django.db import connections, transaction
from django.db.models import Model, Q

from archive.page_cache import new_generation
from letters.models import (
    ArchiveVersion,
    Bill,
    BillReference,
    Demand,
    DetaineeMention,
    Footnote,
    LegislatorTally,
    Letter,
    LetterDemand,
    LetterRecipient,
    LetterTally,
    Recipient,
    Signatory,
    Source,
    refresh_tallies,
)
from people.models import Chamber, Detainee, DetaineeAlias, Legislator, Party

SLUG_PREFIX = "synthetic-"
TITLE_PREFIX = "[Synthetic] "
NOTICE = (
    "This document is generated synthetic data for load testing and benchmarks. It is not "
    "a real letter: every person, office and bill in it is invented."
)
BATCH_SIZE = 5_000
# Letters are written in chunks of this many, each with all its rows (keeps memory flat).
LETTER_CHUNK = 500
# The longest signature list of a generated letter (the real ones top out near 200).
MAX_SIGNERS = 250

Progress = Callable[[str], None]


class SyntheticArchiveError(Exception):
    """The database cannot take a synthetic archive (it holds real or earlier data)."""


@dataclass(frozen=True)
class Size:
    """How big a synthetic archive is. `signatures` is met exactly."""

    letters: int
    legislators: int
    signatures: int
    detainees: int
    demands: int
    recipients: int
    bills: int


SIZES: dict[str, Size] = {
    "small": Size(
        letters=60,
        legislators=60,
        signatures=600,
        detainees=30,
        demands=8,
        recipients=6,
        bills=5,
    ),
    "medium": Size(
        letters=1_000,
        legislators=540,
        signatures=30_000,
        detainees=500,
        demands=30,
        recipients=20,
        bills=40,
    ),
    "large": Size(
        letters=10_000,
        legislators=540,
        signatures=300_000,
        detainees=2_000,
        demands=60,
        recipients=40,
        bills=120,
    ),
}


@dataclass
class GenerationReport:
    size: str
    seed: int
    counts: dict[str, int] = field(default_factory=dict)


# House seats after the 2020 census (435), plus one delegate for DC and each territory:
# synthetic House members are spread over the states in these proportions.
HOUSE_SEATS: dict[str, int] = {
    "AL": 7, "AK": 1, "AZ": 9, "AR": 4, "CA": 52, "CO": 8, "CT": 5, "DE": 1, "FL": 28,
    "GA": 14, "HI": 2, "ID": 2, "IL": 17, "IN": 9, "IA": 4, "KS": 4, "KY": 6, "LA": 6,
    "ME": 2, "MD": 8, "MA": 9, "MI": 13, "MN": 8, "MS": 4, "MO": 8, "MT": 2, "NE": 3,
    "NV": 4, "NH": 2, "NJ": 12, "NM": 3, "NY": 26, "NC": 14, "ND": 1, "OH": 15, "OK": 5,
    "OR": 6, "PA": 17, "RI": 2, "SC": 7, "SD": 1, "TN": 9, "TX": 38, "UT": 4, "VT": 1,
    "VA": 11, "WA": 10, "WV": 2, "WI": 8, "WY": 1,
    "DC": 1, "PR": 1, "GU": 1, "VI": 1, "AS": 1, "MP": 1,
}  # fmt: skip
STATES = [code for code in HOUSE_SEATS if code not in {"DC", "PR", "GU", "VI", "AS", "MP"}]

OFFICES = [
    "Secretary of State",
    "National Security Advisor",
    "Secretary of Defense",
    "Secretary of the Treasury",
    "Administrator of USAID",
    "U.S. Ambassador to Azerbaijan",
    "U.S. Ambassador to Armenia",
    "Special Envoy for Hostage Affairs",
    "Ambassador-at-Large for International Religious Freedom",
    "U.S. Representative to the United Nations",
]
ASKS = [
    "secure the immediate release of every Armenian prisoner of war",
    "impose Global Magnitsky sanctions on the officials responsible",
    "suspend security assistance under Section 907 of the FREEDOM Support Act",
    "demand independent access for the International Committee of the Red Cross",
    "raise the detainees' cases at every meeting with the government in Baku",
    "report to Congress on the conditions and treatment of the detainees",
    "press for fair and open trials with international observers present",
    "condition any peace agreement on the return of all captives",
    "support the right of return of the displaced population",
    "protect the cultural and religious heritage left behind",
    "appoint a special envoy for the detained Armenians",
    "restrict visas for those involved in the detentions",
]
THEMES = [
    "urging the release of Armenian prisoners",
    "on the sham trials of Armenian leaders",
    "calling for sanctions over the detentions",
    "on humanitarian access to detainees",
    "on the plight of displaced Armenians",
    "asking for a report to Congress",
    "on the conditions of detention",
    "on the peace process and the captives",
]
FILLER = [
    "We write to express our deep concern about the continued detention of Armenians.",
    "These men and women have been held for far too long without due process.",
    "Their families have waited without news, some of them for years.",
    "Reports from released captives describe mistreatment and denial of medical care.",
    "The United States has long stood for the humane treatment of prisoners of war.",
    "International humanitarian law requires the release of prisoners after hostilities end.",
    "We believe American leadership can make a decisive difference here.",
    "The trials conducted so far have fallen short of basic international standards.",
    "Independent observers and journalists have been denied access to the proceedings.",
    "We urge you to make their release a priority of United States diplomacy.",
    "Our constituents of Armenian descent follow these cases closely.",
    "Silence would be read as acceptance, and we cannot accept what is happening.",
    "Any lasting peace in the South Caucasus must rest on justice for the detained.",
    "We appreciate your attention to this urgent matter and look forward to your reply.",
]
NUMBER_WORDS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
]  # fmt: skip


def code(prefix: str, number: int, width: int) -> str:
    return f"{prefix} {number:0{width}d}"


class SyntheticArchive:
    """Builds one synthetic archive; `run()` writes it into the database `using`."""

    def __init__(self, size: Size, seed: int, using: str, progress: Progress) -> None:
        self.size = size
        self.rng = random.Random(seed)
        self.using = using
        self.progress = progress
        self.counts: dict[str, int] = {}

    # --- helpers -------------------------------------------------------------------------

    def bulk(self, model: type[Model], rows: Sequence[Model]) -> list[Model]:
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
        return self.bulk(Legislator, rows)  # type: ignore[return-value]

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
        detainees: list[Detainee] = self.bulk(Detainee, rows)  # type: ignore[assignment]
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
        return self.bulk(Demand, rows)  # type: ignore[return-value]

    def make_recipients(self) -> list[Recipient]:
        rows = [
            Recipient(
                slug=f"{SLUG_PREFIX}official-{number:02d}",
                name=code("Synthetic Official", number, 2),
                office=OFFICES[(number - 1) % len(OFFICES)],
            )
            for number in range(1, self.size.recipients + 1)
        ]
        return self.bulk(Recipient, rows)  # type: ignore[return-value]

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
        return self.bulk(Bill, rows)  # type: ignore[return-value]

    # --- the letters' shape ----------------------------------------------------------------

    def letter_plans(
        self, legislators: list[Legislator], detainees: list[Detainee]
    ) -> list[LetterPlan]:
        """Decide every letter's date, chamber, signers and detainees (no rows yet)."""
        size = self.size
        house = [i for i, leg in enumerate(legislators) if leg.chamber == Chamber.HOUSE]
        senate = [i for i, leg in enumerate(legislators) if leg.chamber == Chamber.SENATE]
        pools = {
            Letter.Origin.HOUSE: house,
            Letter.Origin.SENATE: senate or house,
            Letter.Origin.BICAMERAL: house + senate,
        }
        popularity = self.zipf_weights(len(legislators), exponent=1.5, offset=3.0)

        start = datetime.date(2020, 11, 1).toordinal()
        span = datetime.date(2026, 10, 31).toordinal() - start
        plans: list[LetterPlan] = []
        for number in range(1, size.letters + 1):
            # More letters in recent years: the archive grows over time.
            date = datetime.date.fromordinal(start + int(span * self.rng.random() ** 0.7))
            precision = Letter.DatePrecision.DAY
            if self.rng.random() < 0.04:
                date, precision = date.replace(day=1), Letter.DatePrecision.MONTH
            chamber = self.rng.choices(
                [Letter.Origin.HOUSE, Letter.Origin.SENATE, Letter.Origin.BICAMERAL],
                weights=[0.75, 0.15, 0.10],
            )[0]
            plans.append(LetterPlan(number, date, precision, chamber))

        # Signers per letter: log-normal (a few dozen usually, a few hundred sometimes),
        # scaled so that the total is exactly size.signatures.
        caps = [min(MAX_SIGNERS, len(pools[plan.chamber])) for plan in plans]
        raw = [self.rng.lognormvariate(0, 0.8) for _ in plans]
        scale = size.signatures / sum(raw)
        counts = [max(1, min(cap, round(r * scale))) for r, cap in zip(raw, caps, strict=True)]
        if not len(plans) <= size.signatures <= sum(caps):
            raise SyntheticArchiveError("The size asks for more signatures than can fit.")
        diff = size.signatures - sum(counts)
        while diff:
            i = self.rng.randrange(len(plans))
            step = 1 if diff > 0 else -1
            if 1 <= counts[i] + step <= caps[i]:
                counts[i] += step
                diff -= step

        signed = [0] * len(legislators)
        for plan, k in zip(plans, counts, strict=True):
            pool = pools[plan.chamber]
            signers = self.weighted_sample(pool, popularity, k)
            plan.signers = signers
            for i in signers:
                signed[i] += 1
        # Everyone in the archive signed at least once: swap the unsigned in for the last
        # signer of a letter whose last signer signed elsewhere too (totals unchanged).
        for i, n in enumerate(signed):
            attempts = 0
            while not n:
                attempts += 1
                if attempts > 100 * len(plans):
                    raise SyntheticArchiveError("Too few letters for every legislator to sign.")
                plan = plans[self.rng.randrange(len(plans))]
                signers = plan.signers
                last = signers[-1]
                if (
                    i in pools[plan.chamber]
                    and i not in signers
                    and signed[last] > 1
                    and len(signers) > 1
                ):
                    signers[-1] = i
                    signed[last] -= 1
                    signed[i] = n = 1

        # Detainees named: most letters name a few, some name dozens; a few detainees are
        # named in hundreds of letters, most in a handful. Each is named at least once.
        mention_weights = self.cumulative(self.zipf_weights(len(detainees), 1.05, offset=2.0))
        for plan in plans:
            k = 0 if self.rng.random() < 0.2 else min(40, int(self.rng.paretovariate(1.2)))
            plan.detainees = self.weighted_choices(len(detainees), mention_weights, k)
        for i in range(len(detainees)):
            plan = plans[self.rng.randrange(len(plans))]
            if i not in plan.detainees:
                plan.detainees.append(i)
        return plans

    # --- letters and everything on them ----------------------------------------------------

    def write_letters(
        self,
        plans: list[LetterPlan],
        legislators: list[Legislator],
        detainees: list[Detainee],
        demands: list[Demand],
        recipients: list[Recipient],
        bills: list[Bill],
    ) -> None:
        demand_weights = self.cumulative(self.zipf_weights(len(demands), 1.0, offset=1.0))
        recipient_weights = self.cumulative(self.zipf_weights(len(recipients), 1.3, offset=1.0))
        bill_weights = self.cumulative(self.zipf_weights(len(bills), 1.0, offset=2.0))
        done = 0
        for start in range(0, len(plans), LETTER_CHUNK):
            chunk = plans[start : start + LETTER_CHUNK]
            drafts = [
                self.draft(
                    plan,
                    legislators,
                    detainees,
                    demands,
                    recipients,
                    bills,
                    demand_weights,
                    recipient_weights,
                    bill_weights,
                )
                for plan in chunk
            ]
            sources = self.bulk(Source, [d.source for d in drafts])
            letters = self.bulk(Letter, [d.letter for d in drafts])
            through = Letter.sources.through
            self.bulk(
                through,
                [
                    through(letter_id=letter.pk, source_id=source.pk)
                    for letter, source in zip(letters, sources, strict=True)
                ],
            )
            for draft, letter, source in zip(drafts, letters, sources, strict=True):
                for row in draft.parts():
                    row.letter_id = letter.pk  # type: ignore[attr-defined]
                    row.source_id = source.pk  # type: ignore[attr-defined]
            for model in (Signatory, LetterRecipient, LetterDemand, DetaineeMention, Footnote):
                self.bulk(model, [row for d in drafts for row in d.rows[model]])
            self.bulk(BillReference, [row for d in drafts for row in d.rows[BillReference]])
            done += len(chunk)
            self.progress(
                f"  letters {done:,}/{len(plans):,}, "
                f"signatures {self.counts.get('letters.Signatory', 0):,}"
            )

    def draft(
        self,
        plan: LetterPlan,
        legislators: list[Legislator],
        detainees: list[Detainee],
        demands: list[Demand],
        recipients: list[Recipient],
        bills: list[Bill],
        demand_weights: list[float],
        recipient_weights: list[float],
        bill_weights: list[float],
    ) -> LetterDraft:
        rng = self.rng
        number, date = plan.number, plan.date
        month_only = plan.precision == Letter.DatePrecision.MONTH
        date_passage = (
            date.strftime("%B %Y") if month_only else f"{date:%B} {date.day}, {date.year}"
        )
        theme = rng.choice(THEMES)
        draft = LetterDraft()
        text: list[str] = [
            f"{TITLE_PREFIX}Text of synthetic letter {number:05d}",
            NOTICE,
            "",
            date_passage,
            "",
        ]
        body: list[str] = []

        n_recipients = rng.choices([1, 2, 3], weights=[0.7, 0.2, 0.1])[0]
        for position, i in enumerate(
            self.weighted_choices(len(recipients), recipient_weights, n_recipients), 1
        ):
            recipient = recipients[i]
            passage = f"The Honorable {recipient.name}, {recipient.office}"
            text.append(passage)
            draft.add(
                LetterRecipient(
                    recipient=recipient,
                    printed_title=recipient.office,
                    position=position,
                    passage=passage,
                )
            )
        text.append("")

        body.append(rng.choice(FILLER))
        for position, i in enumerate(plan.detainees, 1):
            detainee = detainees[i]
            printed = detainee.name
            if detainee.pk in self.alias_of and rng.random() < 0.3:
                printed = self.alias_of[detainee.pk]
            role = f", {detainee.role}," if detainee.role else ""
            passage = f"We ask about {printed}{role} who remains in detention in Baku."
            body.append(passage)
            draft.add(
                DetaineeMention(
                    detainee=detainee,
                    printed_name=printed,
                    role_given=detainee.role,
                    position=position,
                    passage=passage,
                )
            )
        body.extend(rng.sample(FILLER, k=rng.randint(3, 8)))

        n_demands = min(len(demands), rng.choices([1, 2, 3, 4, 6], [0.3, 0.3, 0.2, 0.15, 0.05])[0])
        for position, i in enumerate(
            self.weighted_choices(len(demands), demand_weights, n_demands), 1
        ):
            ask = ASKS[i % len(ASKS)]
            wording = f"We urge you to {ask} (synthetic demand {i + 1:02d})."
            body.append(wording)
            draft.add(
                LetterDemand(
                    demand=demands[i],
                    position=position,
                    wording=wording,
                    wording_origin=LetterDemand.Wording.LETTER_TEXT,
                )
            )
        if bills and rng.random() < 0.15:
            for i in self.weighted_choices(len(bills), bill_weights, rng.choice([1, 1, 2])):
                passage = f"We also call your attention to {bills[i].number}."
                body.append(passage)
                draft.add(BillReference(bill=bills[i], passage=passage))
        body.append(rng.choice(FILLER))
        text.extend(body)
        text.append("")

        signers = plan.signers
        stated = len(signers) if rng.random() < 0.5 else None
        stated_passage = ""
        if stated is not None:
            spelled = NUMBER_WORDS[stated].capitalize() if stated < len(NUMBER_WORDS) else stated
            stated_passage = f"{spelled} Members of Congress signed this letter."
            text.append(stated_passage)
        text.append("Sincerely,")
        undistinguished = rng.random() < 0.15
        leads = rng.choices([1, 2, 3, 4], weights=[0.5, 0.35, 0.1, 0.05])[0]
        with_party = rng.random() < 0.9
        for position, i in enumerate(signers, 1):
            legislator = legislators[i]
            party_state = legislator.party_state if with_party else ""
            passage = f"{legislator.name} ({party_state})" if party_state else legislator.name
            text.append(passage)
            role = (
                Signatory.Role.SIGNER
                if undistinguished
                else Signatory.Role.LEAD
                if position <= leads
                else Signatory.Role.COSIGNER
            )
            draft.add(
                Signatory(
                    legislator=legislator,
                    role=role,
                    printed_name=legislator.name,
                    printed_party_state=party_state,
                    position=position,
                    passage=passage,
                )
            )

        if rng.random() < 0.4:
            text.append("")
            for footnote in range(1, min(12, int(rng.paretovariate(1.0))) + 1):
                note = f"Synthetic citation {footnote} of letter {number:05d}, not a real source."
                passage = f"[{footnote}] {note}"
                text.append(passage)
                draft.add(Footnote(number=footnote, text=note, passage=passage))

        full_text = "\n".join(text)
        title = f"{TITLE_PREFIX}Letter {number:05d} {theme}"
        slug = f"{SLUG_PREFIX}{date.isoformat()}-letter-{number:05d}"
        draft.source = Source(
            slug=f"{SLUG_PREFIX}source-{number:05d}",
            title=f"{TITLE_PREFIX}Text of letter {number:05d}",
            kind=Source.Kind.LETTER_TEXT,
            publisher="Synthetic data generator",
            published_on=date,
            full_text=full_text,
        )
        n_signers = len(signers)
        draft.letter = Letter(
            slug=slug,
            title=title,
            date=date,
            date_precision=plan.precision,
            date_passage=date_passage,
            date_note="Generated date (synthetic)." if month_only else "",
            chamber=plan.chamber,
            summary=(
                f"{TITLE_PREFIX}A generated letter from {n_signers} synthetic members, "
                f"{theme}, naming {len(plan.detainees)} synthetic detainees."
            ),
            full_text="\n".join(body),
            signers_stated=stated,
            signers_stated_passage=stated_passage,
        )
        return draft

    # --- entry point -------------------------------------------------------------------

    def run(self) -> dict[str, int]:
        self.progress("  people, demands, recipients, bills")
        legislators = self.make_legislators()
        detainees = self.make_detainees()
        demands = self.make_demands()
        recipients = self.make_recipients()
        bills = self.make_bills()
        self.progress("  planning letters")
        plans = self.letter_plans(legislators, detainees)
        self.write_letters(plans, legislators, detainees, demands, recipients, bills)
        return self.counts


@dataclass
class LetterPlan:
    """One letter's shape, decided before any row is built: signers and detainees are
    indices into the generated legislators and detainees."""

    number: int
    date: datetime.date
    precision: str
    chamber: str
    signers: list[int] = field(default_factory=list)
    detainees: list[int] = field(default_factory=list)


@dataclass
class LetterDraft:
    """One letter's rows before they are written (letter and source ids filled in later)."""

    letter: Letter | None = None
    source: Source | None = None
    rows: dict[type[Model], list[Model]] = field(
        default_factory=lambda: {
            model: []
            for model in (
                Signatory,
                LetterRecipient,
                LetterDemand,
                DetaineeMention,
                Footnote,
                BillReference,
            )
        }
    )

    def add(self, row: Model) -> None:
        self.rows[type(row)].append(row)

    def parts(self) -> Iterator[Model]:
        for rows in self.rows.values():
            yield from rows


# Models whose rows carry a slug; a synthetic archive holds only slugs starting SLUG_PREFIX.
SLUGGED: tuple[type[Model], ...] = (Letter, Source, Legislator, Detainee, Demand, Recipient, Bill)


def check_database(using: str) -> None:
    """Refuse a database that holds anything but an empty archive."""
    for model in SLUGGED:
        real = model._default_manager.using(using).exclude(slug__startswith=SLUG_PREFIX)
        if real.exists():
            raise SyntheticArchiveError(
                f"The database '{using}' holds real archive records ({real.count()} "
                f"{model._meta.verbose_name_plural} not generated by this command). A synthetic "
                "archive must never be mixed with the real one: point DATABASE_URL at a "
                "separate, empty database (see README: Synthetic data)."
            )
    synthetic = Letter.objects.using(using).filter(Q(slug__startswith=SLUG_PREFIX))
    if synthetic.exists() or Legislator.objects.using(using).exists():
        raise SyntheticArchiveError(
            f"The database '{using}' already holds a synthetic archive "
            f"({synthetic.count()} letters). Drop and recreate it to generate another."
        )


def generate_synthetic_archive(
    size: str = "small",
    *,
    seed: int = 1,
    using: str = "default",
    progress: Progress = lambda message: None,
) -> GenerationReport:
    """Write a synthetic archive of the named size into the (empty) database `using`, in
    one transaction. Same size and seed, same archive (slugs, people, every link)."""
    if size not in SIZES:
        raise SyntheticArchiveError(f"Unknown size {size!r}: choose one of {', '.join(SIZES)}.")
    with transaction.atomic(using=using):
        check_database(using)
        counts = SyntheticArchive(SIZES[size], seed, using, progress).run()
        # bulk_create sends no signals: count the signers into the tallies here.
        progress("  counting signers")
        refresh_tallies(letters=None, legislators=None, using=using)
        ArchiveVersion.bump(using=using)  # nor does it replace the token (letters/facets.py)
        connection = connections[using]
        if connection.vendor == "postgresql":
            # Fresh statistics, so the planner sees the skew before the first request.
            progress("  analyzing tables")
            with connection.cursor() as cursor:
                for model in (*SLUGGED, Signatory, LetterRecipient, LetterDemand):
                    cursor.execute(f"ANALYZE {model._meta.db_table}")
                for model in (DetaineeMention, Footnote, BillReference, DetaineeAlias):
                    cursor.execute(f"ANALYZE {model._meta.db_table}")
                cursor.execute(f"ANALYZE {Letter.sources.through._meta.db_table}")
                for model in (LetterTally, LegislatorTally):
                    cursor.execute(f"ANALYZE {model._meta.db_table}")
    # bulk_create sends no signals: retire the cached pages here.
    new_generation()
    return GenerationReport(size=size, seed=seed, counts=counts)
