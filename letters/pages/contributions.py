"""What each source of a letter gave it, and where its sources disagree, for the letter page
(read from the letter's prefetched parts: no query of its own)."""

from __future__ import annotations

from dataclasses import dataclass, field

from letters.models import DifferingFact, Letter, Source


@dataclass
class SourceContribution:
    """One source of a letter and the facts it gave, in words ('the date', '4 signers')."""

    source: Source
    gave: list[str] = field(default_factory=list)


@dataclass
class Disagreement:
    """A fact on which a source differs from the one recorded: both values, both sources."""

    label: str
    recorded: str
    recorded_source: Source | None
    other: DifferingFact


def _count(number: int, noun: str, plural: str = "") -> str:
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def source_contributions(letter: Letter, sources: list[Source]) -> list[SourceContribution]:
    """Each of the letter's sources with what it gave (from the letter's prefetch, see
    LetterQuerySet.with_people())."""
    by_source = {source.pk: SourceContribution(source) for source in sources}

    def gave(source_id: int | None, what: str) -> None:
        if source_id in by_source:
            by_source[source_id].gave.append(what)

    gave(letter.date_source_id, "the date")
    if letter.signers_stated is not None:
        gave(letter.signers_stated_source_id, "the number of signers")
    leads: dict[int, int] = {}
    roles: dict[int, int] = {}
    for signatory in letter.signatories.all():
        if signatory.role_source_id is not None:
            roles[signatory.role_source_id] = roles.get(signatory.role_source_id, 0) + 1
        elif signatory.role == signatory.Role.LEAD:
            leads[signatory.source_id] = leads.get(signatory.source_id, 0) + 1
    for source_id, number in roles.items():
        gave(source_id, f"the role of {_count(number, 'signer')}")
    parts = (
        ("signer", "signers", letter.signatories.all()),
        ("recipient", "recipients", letter.addressees.all()),
        ("demand in its words", "demands in its words", letter.letter_demands.all()),
        ("detainee named", "detainees named", letter.mentions.all()),
        ("footnote", "footnotes", letter.footnotes.all()),
        ("bill named", "bills named", letter.bill_references.all()),
    )
    for noun, plural, rows in parts:
        counted: dict[int, int] = {}
        for row in rows:
            counted[row.source_id] = counted.get(row.source_id, 0) + 1
        for source_id, number in counted.items():
            led = leads.get(source_id, 0) if noun == "signer" else 0
            gave(
                source_id,
                _count(number, noun, plural) + (f" ({_count(led, 'lead')})" if led else ""),
            )
    for fact in letter.differing_facts.all():
        gave(fact.source_id, f"a different {fact.get_fact_display().lower()}")
    return list(by_source.values())


def disagreements(letter: Letter, sources: list[Source]) -> list[Disagreement]:
    """Each differing fact beside the value the letter records and that value's source."""
    by_pk = {source.pk: source for source in sources}
    found = []
    for fact in letter.differing_facts.all():
        recorded, source_id = _recorded(letter, fact)
        found.append(
            Disagreement(fact.get_fact_display(), recorded, by_pk.get(source_id or 0), fact)
        )
    return found


def _recorded(letter: Letter, fact: DifferingFact) -> tuple[str, int | None]:
    if fact.fact == DifferingFact.Kind.COUNT:
        stated = letter.signers_stated
        return (f"{stated} signers" if stated else "not stated"), letter.signers_stated_source_id
    if fact.fact == DifferingFact.Kind.DATE:
        return letter.date_display, letter.date_source_id
    signatory = fact.signatory
    if signatory is None:
        return "", None
    if fact.fact == DifferingFact.Kind.PARTY:
        return f"{signatory.printed_name} ({signatory.printed_party_state})", signatory.source_id
    role_source_id = signatory.role_source_id or signatory.source_id
    return f"{signatory.printed_name}: {signatory.get_role_display()}", role_source_id
