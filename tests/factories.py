"""Small builders for test data: each makes one row with sensible defaults, named by slug.

Passages are written into the builders' source text, so the rows they make also pass the
archive's quote checks.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from django.db.models import Manager, Model, QuerySet
from django.utils.text import slugify

from letters.models import (
    Bill,
    BillReference,
    Campaign,
    Demand,
    DemandResponse,
    DetaineeMention,
    Footnote,
    Letter,
    LetterDemand,
    LetterRecipient,
    Recipient,
    Signatory,
    Source,
)
from people.models import Detainee, DetaineeAlias, Legislator, LegislatorTerm
from people.models.events import DetaineeEvent

RowT = TypeVar("RowT", bound=Model)


def first_row(rows: QuerySet[RowT] | Manager[RowT]) -> RowT:
    """The first of these rows; the test fails where there is none."""
    row = rows.first()
    assert row is not None, f"no {rows.model.__name__} in the archive"
    return row


def make_source(slug: str = "press-release", text: str = "", **fields: object) -> Source:
    source, _ = Source.objects.get_or_create(
        slug=slug,
        defaults={
            "title": f"Press release {slug}",
            "kind": Source.Kind.PRESS_RELEASE,
            "publisher": "ANCA",
            "full_text": text or f"The text of {slug}.",
        }
        | fields,
    )
    return source


def make_legislator(
    name: str, party: str = "D", state: str = "CA", chamber: str = "house", **fields: object
) -> Legislator:
    last_name = name.split()[-1]
    title = "Senator" if chamber == "senate" else "Representative"
    return Legislator.objects.create(
        **{
            "slug": slugify(f"{name}-{state}"),
            "name": name,
            "last_name": last_name,
            "chamber": chamber,
            "title": title,
            "party": party,
            "state": state,
        }
        | fields
    )


def make_detainee(
    name: str, category: str = "political", aliases: Iterable[str] = (), **fields: object
) -> Detainee:
    detainee = Detainee.objects.create(
        **{"slug": slugify(name), "name": name, "category": category} | fields
    )
    for alias in aliases:
        DetaineeAlias.objects.create(detainee=detainee, name=alias)
    return detainee


def make_demand(name: str, **fields: object) -> Demand:
    return Demand.objects.create(
        **{"slug": slugify(name), "name": name, "description": f"Asks for {name.lower()}."} | fields
    )


def make_recipient(name: str = "Marco Rubio", office: str = "Secretary of State") -> Recipient:
    recipient, _ = Recipient.objects.get_or_create(
        slug=slugify(name), defaults={"name": name, "office": office}
    )
    return recipient


def make_bill(number: str, title: str = "") -> Bill:
    return Bill.objects.create(slug=slugify(number), number=number, title=title)


def make_letter(
    title: str,
    date: datetime.date | str = "2025-04-11",
    *,
    signers: Sequence[Legislator | tuple[Legislator, str]] = (),
    recipients: Sequence[Recipient] = (),
    demands: Sequence[tuple[Demand, str]] = (),
    detainees: Sequence[Detainee | tuple[Detainee, str]] = (),
    bills: Sequence[Bill] = (),
    footnotes: Sequence[str] = (),
    source: Source | None = None,
    **fields: object,
) -> Letter:
    """A letter with its signers ((legislator, role) or legislator = co-signer), addressees,
    demands ((demand, wording)), detainees named ((detainee, role given) or detainee)."""
    if isinstance(date, str):
        date = datetime.date.fromisoformat(date)
    letter = Letter.objects.create(
        **{
            "slug": slugify(f"{date.isoformat()}-{title}")[:160],
            "title": title,
            "date": date,
            "date_passage": date.strftime("%B %d, %Y"),
            "chamber": Letter.Origin.HOUSE,
            "summary": f"Summary of {title}.",
        }
        | fields
    )
    source = source or make_source(f"source-{letter.slug}"[:160])
    letter.sources.add(source)
    add_signers(letter, source, signers)
    add_parts(letter, source, recipients, demands, detainees, bills, footnotes)
    return letter


def add_signers(
    letter: Letter, source: Source, signers: Sequence[Legislator | tuple[Legislator, str]]
) -> None:
    """Signatories in order: (legislator, role), or a legislator as co-signer."""
    for position, signer in enumerate(signers, start=1):
        legislator, role = signer if isinstance(signer, tuple) else (signer, "cosigner")
        Signatory.objects.create(
            letter=letter,
            legislator=legislator,
            role=role,
            printed_name=legislator.name,
            printed_party_state=legislator.party_state,
            position=position,
            source=source,
            passage=f"Representatives including {legislator.name} ({legislator.party_state})",
        )


def add_parts(
    letter: Letter,
    source: Source,
    recipients: Sequence[Recipient],
    demands: Sequence[tuple[Demand, str]],
    detainees: Sequence[Detainee | tuple[Detainee, str]],
    bills: Sequence[Bill],
    footnotes: Sequence[str],
) -> None:
    """The letter's addressees, demands, detainees named, bills and footnotes, each
    quoting `source`."""
    for position, recipient in enumerate(recipients, start=1):
        LetterRecipient.objects.create(
            letter=letter,
            recipient=recipient,
            printed_title=recipient.office,
            position=position,
            passage=f"{recipient.office} {recipient.name}",
            source=source,
        )
    for position, (demand, wording) in enumerate(demands, start=1):
        LetterDemand.objects.create(
            letter=letter,
            demand=demand,
            position=position,
            wording=wording,
            wording_origin=LetterDemand.Wording.LETTER_TEXT,
            source=source,
        )
    for position, named in enumerate(detainees, start=1):
        detainee, role_given = named if isinstance(named, tuple) else (named, "")
        DetaineeMention.objects.create(
            letter=letter,
            detainee=detainee,
            printed_name=detainee.name,
            role_given=role_given,
            position=position,
            passage=f"the detention of {detainee.name}",
            source=source,
        )
    for bill in bills:
        BillReference.objects.create(
            letter=letter, bill=bill, passage=f"see {bill.number}", source=source
        )
    for number, text in enumerate(footnotes, start=1):
        Footnote.objects.create(
            letter=letter, number=number, text=text, passage=text, source=source
        )


def make_event(
    detainee: Detainee,
    kind: str = "detained",
    date: datetime.date | str = "2023-09-01",
    **fields: object,
) -> DetaineeEvent:
    """A public event of a detainee's story, quoting a source written for it (validated)."""
    if isinstance(date, str):
        date = datetime.date.fromisoformat(date)
    source = make_source(
        f"report-{detainee.slug}", text=f"Reports say {detainee.name} was detained in Baku."
    )
    event = DetaineeEvent(
        **{
            "detainee": detainee,
            "kind": kind,
            "date": date,
            "date_precision": "day",
            "description": f"{detainee.name} was detained.",
            "source": source,
            "passage": f"{detainee.name} was detained",
            "is_public": True,
        }
        | fields
    )
    event.full_clean()
    event.save()
    return event


def make_response(demand: Demand, date: datetime.date | str, **fields: object) -> DemandResponse:
    """A statement answering a kind of demand, quoting a source written for it (validated)."""
    if isinstance(date, str):
        date = datetime.date.fromisoformat(date)
    text = f"The Department addressed {demand.name}."
    source = make_source(f"statement-{demand.slug}", text=text)
    response = DemandResponse(
        **{
            "demand": demand,
            "kind": DemandResponse.Kind.STATEMENT,
            "responder": "U.S. Department of State",
            "summary": f"A statement on {demand.name}.",
            "date": date,
            "source": source,
            "passage": f"addressed {demand.name}",
        }
        | fields
    )
    response.full_clean()
    response.save()
    return response


def make_campaign(title: str, letters: Iterable[Letter], **fields: object) -> Campaign:
    campaign = Campaign.objects.create(
        **{"slug": slugify(title), "title": title, "description": f"About {title}."} | fields
    )
    campaign.letters.set(letters)
    return campaign


def make_archive(letters: int = 2, signers_per_letter: int = 3) -> list[Letter]:
    """`letters` letters, each signed by `signers_per_letter` of a shared pool of
    legislators (both parties, several states), naming detainees and making demands."""
    states = ["CA", "NY", "NV", "NJ", "TX", "FL", "IL", "MA"]
    pool = [
        make_legislator(
            f"Member{index} Person{index}",
            party="DR"[index % 2],
            state=states[index % len(states)],
            chamber="senate" if index % 5 == 0 else "house",
        )
        for index in range(max(signers_per_letter * 2, 4))
    ]
    detainees = [
        make_detainee(f"Detainee{index} Name", aliases=[f"Alias{index}"]) for index in range(4)
    ]
    demands = [make_demand(f"Demand {index}") for index in range(3)]
    recipients = [make_recipient(), make_recipient("Michael Waltz", "National Security Advisor")]
    made = []
    for index in range(letters):
        chosen = [pool[(index + offset) % len(pool)] for offset in range(signers_per_letter)]
        made.append(
            make_letter(
                f"Letter number {index}",
                datetime.date(2024 + index % 2, 1 + index % 12, 1 + index % 28),
                signers=[(chosen[0], "lead"), *chosen[1:]],
                recipients=recipients[: 1 + index % 2],
                demands=[
                    (demands[index % 3], f"We ask for demand {index % 3}."),
                    (demands[(index + 1) % 3], f"And for demand {(index + 1) % 3}."),
                ],
                detainees=[(detainees[index % 4], "former minister"), detainees[(index + 1) % 4]],
                footnotes=[f"Footnote of letter {index}."],
            )
        )
    return made


def make_term(
    legislator: Legislator,
    start: str,
    end: str,
    chamber: str = "",
    state: str = "",
    party: str = "",
    district: int | None = None,
) -> LegislatorTerm:
    """One term served, as congress-legislators records it (party named in full)."""
    names = {"D": "Democrat", "R": "Republican", "I": "Independent"}
    return LegislatorTerm.objects.create(
        legislator=legislator,
        chamber=chamber or legislator.chamber,
        state=state or legislator.state,
        party=names[party or legislator.party],
        district=district,
        start=datetime.date.fromisoformat(start),
        end=datetime.date.fromisoformat(end),
    )


@dataclass(frozen=True)
class ThreeLetters:
    """The small archive the visitor's scenarios run on, and the records they open."""

    april: Letter
    caucus: Letter
    senate: Letter
    vardanyan: Detainee
    magnitsky: Demand
    titus: Legislator


def make_three_letters() -> ThreeLetters:
    """An April 11, 2025 House letter led by Titus and Smith (36 signers stated, three named)
    naming Vardanyan and asking for Magnitsky sanctions, a month-only House caucus letter of
    April 2025, and a Senate letter of 2024 to Blinken."""
    titus = make_legislator("Dina Titus", "D", "NV", bioguide_id="T000468")
    smith = make_legislator("Chris Smith", "R", "NJ")
    sanchez = make_legislator("Linda Sánchez", "D", "CA")
    valadao = make_legislator("David Valadao", "R", "CA")
    markey = make_legislator("Ed Markey", "D", "MA", chamber="senate")
    vardanyan = make_detainee("Ruben Vardanyan", aliases=["Ruben Vardanian"])
    magnitsky = make_demand("Magnitsky sanctions")
    release = make_demand("Release of prisoners")
    rubio = make_recipient()
    blinken = make_recipient("Antony Blinken")
    april = make_letter(
        "Titus-Smith letter to Rubio",
        "2025-04-11",
        signers=[(titus, "lead"), (smith, "lead"), sanchez],
        recipients=[rubio],
        demands=[(magnitsky, "impose sanctions under the Global Magnitsky Act")],
        detainees=[(vardanyan, "former State Minister")],
        signers_stated=36,
        signers_note="The press release names only some of the 36 signers.",
        full_text="Dear Secretary Rubio,\n\nWe write about Armenian prisoners.",
        footnotes=["See the report of 2024."],
    )
    caucus = make_letter(
        "Caucus letter to Rubio",
        "2025-04-01",
        date_precision="month",
        signers=[(valadao, "lead"), sanchez],
        recipients=[rubio],
        demands=[(release, "release the Armenian prisoners")],
        detainees=[vardanyan],
    )
    senate = make_letter(
        "Senators to Blinken",
        "2024-04-04",
        chamber="senate",
        signers=[(markey, "signer")],
        recipients=[blinken],
        demands=[(release, "secure the release of prisoners")],
    )
    return ThreeLetters(april, caucus, senate, vardanyan, magnitsky, titus)
