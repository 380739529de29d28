"""The synthetic archive's letters: first each letter's shape (date, chamber, signers,
detainees), then its source text and every row cut from it, written in chunks."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from archive.dates import DateAtPrecision
from bench.synthetic.events import EventRows
from bench.synthetic.follow_up import FollowUpRows
from bench.synthetic.words import (
    ASKS,
    FILLER,
    FIRST_DAY,
    LAST_DAY,
    LETTER_CHUNK,
    MAX_SIGNERS,
    NOTICE,
    NUMBER_WORDS,
    SLUG_PREFIX,
    THEMES,
    TITLE_PREFIX,
)
from letters.models import (
    BillReference,
    DetaineeMention,
    Footnote,
    Letter,
    LetterDemand,
    LetterPart,
    LetterRecipient,
    Signatory,
    Source,
)
from people.models import Chamber, Detainee, Legislator


class SyntheticArchiveError(Exception):
    """The database cannot take a synthetic archive (it holds real or earlier data)."""


PART_MODELS: tuple[type[LetterPart], ...] = (
    Signatory,
    LetterRecipient,
    LetterDemand,
    DetaineeMention,
    Footnote,
    BillReference,
)


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
    """One letter's rows before they are written (letter and source ids filled in later):
    the text read top to bottom, the body among it, and the rows quoting it."""

    text: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    letter: Letter | None = None
    source: Source | None = None
    rows: dict[type[LetterPart], list[LetterPart]] = field(
        default_factory=lambda: {model: [] for model in PART_MODELS}
    )

    def add(self, row: LetterPart) -> None:
        self.rows[type(row)].append(row)

    def parts(self) -> Iterator[LetterPart]:
        for rows in self.rows.values():
            yield from rows

    def made(self) -> tuple[Letter, Source]:
        """The letter and its source, as draft() made them."""
        assert self.letter is not None and self.source is not None
        return self.letter, self.source


class SyntheticArchive(FollowUpRows, EventRows):
    """Builds one synthetic archive; `run()` writes it into the database `using`."""

    def run(self) -> dict[str, int]:
        self.progress("  people, demands, recipients, bills")
        self.legislators = self.make_legislators()
        self.detainees = self.make_detainees()
        self.demands = self.make_demands()
        self.recipients = self.make_recipients()
        self.bills = self.make_bills()
        self.progress("  planning letters")
        plans = self.letter_plans(self.legislators, self.detainees)
        self.write_letters(plans)
        self.progress("  campaigns, responses to demands, detainee events")
        self.make_campaigns()
        self.make_responses()
        self.make_events(Counter(i for plan in plans for i in plan.detainees))
        return self.counts

    # --- the letters' shape ----------------------------------------------------------------

    def letter_plans(
        self, legislators: list[Legislator], detainees: list[Detainee]
    ) -> list[LetterPlan]:
        """Decide every letter's date, chamber, signers and detainees (no rows yet)."""
        house = [i for i, leg in enumerate(legislators) if leg.chamber == Chamber.HOUSE]
        senate = [i for i, leg in enumerate(legislators) if leg.chamber == Chamber.SENATE]
        pools: dict[str, list[int]] = {
            Letter.Origin.HOUSE: house,
            Letter.Origin.SENATE: senate or house,
            Letter.Origin.BICAMERAL: house + senate,
        }
        popularity = self.zipf_weights(len(legislators), exponent=1.5, offset=3.0)
        plans = self.dated_plans()
        counts = self.signer_counts(plans, pools)
        signed = [0] * len(legislators)
        for plan, k in zip(plans, counts, strict=True):
            plan.signers = self.weighted_sample(pools[plan.chamber], popularity, k)
            for i in plan.signers:
                signed[i] += 1
        self.everyone_signs(plans, pools, signed)
        self.name_detainees(plans, len(detainees))
        return plans

    def dated_plans(self) -> list[LetterPlan]:
        start = FIRST_DAY.toordinal()
        span = LAST_DAY.toordinal() - start
        plans: list[LetterPlan] = []
        for number in range(1, self.size.letters + 1):
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
        return plans

    def signer_counts(self, plans: list[LetterPlan], pools: dict[str, list[int]]) -> list[int]:
        """Signers per letter: log-normal (a few dozen usually, a few hundred sometimes),
        scaled so that the total is exactly the size's signatures."""
        signatures = self.size.signatures
        caps = [min(MAX_SIGNERS, len(pools[plan.chamber])) for plan in plans]
        raw = [self.rng.lognormvariate(0, 0.8) for _ in plans]
        scale = signatures / sum(raw)
        counts = [max(1, min(cap, round(r * scale))) for r, cap in zip(raw, caps, strict=True)]
        if not len(plans) <= signatures <= sum(caps):
            raise SyntheticArchiveError("The size asks for more signatures than can fit.")
        diff = signatures - sum(counts)
        while diff:
            i = self.rng.randrange(len(plans))
            step = 1 if diff > 0 else -1
            if 1 <= counts[i] + step <= caps[i]:
                counts[i] += step
                diff -= step
        return counts

    def everyone_signs(
        self, plans: list[LetterPlan], pools: dict[str, list[int]], signed: list[int]
    ) -> None:
        """Everyone in the archive signed at least once: swap the unsigned in for the last
        signer of a letter whose last signer signed elsewhere too (totals unchanged)."""
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

    def name_detainees(self, plans: list[LetterPlan], detainees: int) -> None:
        """Most letters name a few, some name dozens; a few detainees are named in hundreds
        of letters, most in a handful. Each is named at least once."""
        mention_weights = self.cumulative(self.zipf_weights(detainees, 1.05, offset=2.0))
        for plan in plans:
            k = 0 if self.rng.random() < 0.2 else min(40, int(self.rng.paretovariate(1.2)))
            plan.detainees = self.weighted_choices(detainees, mention_weights, k)
        for i in range(detainees):
            plan = plans[self.rng.randrange(len(plans))]
            if i not in plan.detainees:
                plan.detainees.append(i)

    # --- letters and everything on them ----------------------------------------------------

    def write_letters(self, plans: list[LetterPlan]) -> None:
        self.demand_weights = self.cumulative(self.zipf_weights(len(self.demands), 1.0, 1.0))
        self.recipient_weights = self.cumulative(self.zipf_weights(len(self.recipients), 1.3, 1.0))
        self.bill_weights = self.cumulative(self.zipf_weights(len(self.bills), 1.0, 2.0))
        done = 0
        for start in range(0, len(plans), LETTER_CHUNK):
            chunk = plans[start : start + LETTER_CHUNK]
            self.write_chunk([self.draft(plan) for plan in chunk])
            done += len(chunk)
            self.progress(
                f"  letters {done:,}/{len(plans):,}, "
                f"signatures {self.counts.get('letters.Signatory', 0):,}"
            )

    def write_chunk(self, drafts: list[LetterDraft]) -> None:
        made = [draft.made() for draft in drafts]
        letters = self.bulk(Letter, [letter for letter, _ in made])
        sources = self.bulk(Source, [source for _, source in made])
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
                row.letter_id = letter.pk
                row.source_id = source.pk
        for model in PART_MODELS:
            self.bulk(model, [row for d in drafts for row in d.rows[model]])

    def draft(self, plan: LetterPlan) -> LetterDraft:
        """The letter's text, from its date to its footnotes, and the rows quoting it."""
        date = plan.date
        month_only = plan.precision == Letter.DatePrecision.MONTH
        date_passage = DateAtPrecision(date, plan.precision).shown()
        theme = self.rng.choice(THEMES)
        draft = LetterDraft()
        draft.text = [
            f"{TITLE_PREFIX}Text of synthetic letter {plan.number:05d}",
            NOTICE,
            "",
            date_passage,
            "",
        ]
        self.address(draft)
        self.write_body(plan, draft)
        stated, stated_passage = self.sign(plan, draft)
        self.add_footnotes(plan, draft)
        draft.source = Source(
            slug=f"{SLUG_PREFIX}source-{plan.number:05d}",
            title=f"{TITLE_PREFIX}Text of letter {plan.number:05d}",
            kind=Source.Kind.LETTER_TEXT,
            publisher="Synthetic data generator",
            published_on=date,
            full_text="\n".join(draft.text),
        )
        draft.letter = Letter(
            slug=f"{SLUG_PREFIX}{date.isoformat()}-letter-{plan.number:05d}",
            title=f"{TITLE_PREFIX}Letter {plan.number:05d} {theme}",
            date=date,
            date_precision=plan.precision,
            date_passage=date_passage,
            date_note="Generated date (synthetic)." if month_only else "",
            chamber=plan.chamber,
            summary=(
                f"{TITLE_PREFIX}A generated letter from {len(plan.signers)} synthetic members, "
                f"{theme}, naming {len(plan.detainees)} synthetic detainees."
            ),
            full_text="\n".join(draft.body),
            signers_stated=stated,
            signers_stated_passage=stated_passage,
        )
        return draft

    def address(self, draft: LetterDraft) -> None:
        n_recipients = self.rng.choices([1, 2, 3], weights=[0.7, 0.2, 0.1])[0]
        chosen = self.weighted_choices(len(self.recipients), self.recipient_weights, n_recipients)
        for position, i in enumerate(chosen, 1):
            recipient = self.recipients[i]
            passage = f"The Honorable {recipient.name}, {recipient.office}"
            draft.text.append(passage)
            draft.add(
                LetterRecipient(
                    recipient=recipient,
                    printed_title=recipient.office,
                    position=position,
                    passage=passage,
                )
            )
        draft.text.append("")

    def write_body(self, plan: LetterPlan, draft: LetterDraft) -> None:
        """The paragraphs: detainees named, filler, demands and now and then bills."""
        rng, body = self.rng, draft.body
        body.append(rng.choice(FILLER))
        for position, i in enumerate(plan.detainees, 1):
            detainee = self.detainees[i]
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
        demands = self.demands
        n_demands = min(len(demands), rng.choices([1, 2, 3, 4, 6], [0.3, 0.3, 0.2, 0.15, 0.05])[0])
        chosen = self.weighted_choices(len(demands), self.demand_weights, n_demands)
        for position, i in enumerate(chosen, 1):
            wording = f"We urge you to {ASKS[i % len(ASKS)]} (synthetic demand {i + 1:02d})."
            body.append(wording)
            draft.add(
                LetterDemand(
                    demand=demands[i],
                    position=position,
                    wording=wording,
                    wording_origin=LetterDemand.Wording.LETTER_TEXT,
                )
            )
        bills = self.bills
        if bills and rng.random() < 0.15:
            for i in self.weighted_choices(len(bills), self.bill_weights, rng.choice([1, 1, 2])):
                passage = f"We also call your attention to {bills[i].number}."
                body.append(passage)
                draft.add(BillReference(bill=bills[i], passage=passage))
        body.append(rng.choice(FILLER))
        draft.text.extend(body)
        draft.text.append("")

    def sign(self, plan: LetterPlan, draft: LetterDraft) -> tuple[int | None, str]:
        """The signature lists (leads first, with or without party badges) and, on half
        the letters, a sentence stating how many signed. Returns that count and sentence."""
        rng, text = self.rng, draft.text
        stated = len(plan.signers) if rng.random() < 0.5 else None
        stated_passage = ""
        if stated is not None:
            spelled = NUMBER_WORDS[stated].capitalize() if stated < len(NUMBER_WORDS) else stated
            stated_passage = f"{spelled} Members of Congress signed this letter."
            text.append(stated_passage)
        text.append("Sincerely,")
        undistinguished = rng.random() < 0.15
        leads = rng.choices([1, 2, 3, 4], weights=[0.5, 0.35, 0.1, 0.05])[0]
        with_party = rng.random() < 0.9
        for position, i in enumerate(plan.signers, 1):
            legislator = self.legislators[i]
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
        return stated, stated_passage

    def add_footnotes(self, plan: LetterPlan, draft: LetterDraft) -> None:
        if self.rng.random() >= 0.4:
            return
        draft.text.append("")
        for footnote in range(1, min(12, int(self.rng.paretovariate(1.0))) + 1):
            note = f"Synthetic citation {footnote} of letter {plan.number:05d}, not a real source."
            passage = f"[{footnote}] {note}"
            draft.text.append(passage)
            draft.add(Footnote(number=footnote, text=note, passage=passage))
