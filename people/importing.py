"""Import legislators from a congress-legislators YAML file (the @unitedstates project's
legislators-current.yaml, or the historical file of the same shape).

Rows are matched by bioguide id and created or updated from each person's latest term; every
term (chamber, state, district, party, start, end) is kept as a `LegislatorTerm`, so names on
a letter can be matched among the members who served on its date.
Legislators entered from the seeds without a bioguide id are first linked to their record by
last name + party + state (given names only to choose between namesakes); an ambiguous
match is reported, never guessed. The archive's own fields -- the name as printed in the
sources, the last name used for matching, and the slug -- are set when a row is created and
never changed by an import. One transaction: any bad record rolls everything back.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.text import slugify

from archive.names import Candidate, MatchStatus, NameMatcher
from archive.states import STATE_NAMES
from people.models import Chamber, Legislator, LegislatorTerm, Party

try:
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # PyYAML built without libyaml: slower, same result.
    from yaml import SafeLoader  # type: ignore[assignment]

PROGRESS_EVERY = 100

CHAMBERS: dict[str, str] = {"rep": Chamber.HOUSE, "sen": Chamber.SENATE}
PARTIES: dict[str, str] = {
    "Democrat": Party.DEMOCRAT,
    "Republican": Party.REPUBLICAN,
    "Independent": Party.INDEPENDENT,
}
DELEGATE_STATES: frozenset[str] = frozenset({"DC", "AS", "GU", "MP", "VI"})

# A generational suffix at the end of an official name: 'Frank Pallone, Jr.'.
_SUFFIX = re.compile(r",?\s+(?:Jr\.|Sr\.|II|III|IV|V)$")

# Fields the reference data owns, refreshed on every import. The archive owns the rest (the
# name as printed in the sources, the last name used for matching, the slug): an import
# sets them when it creates a row and never changes them.
REFERENCE_FIELDS: tuple[str, ...] = (
    "bioguide_id",
    "official_name",
    "chamber",
    "title",
    "party",
    "state",
    "district",
)


class LegislatorImportError(Exception):
    """The file or one of its records cannot be imported; nothing was written."""


@dataclass(frozen=True)
class TermRecord:
    """One term of a person in a congress-legislators file."""

    chamber: str
    state: str
    district: int | None
    party: str
    caucus: str
    start: datetime.date
    end: datetime.date

    def key(self) -> tuple[object, ...]:
        return (
            self.chamber,
            self.state,
            self.district,
            self.party,
            self.caucus,
            self.start,
            self.end,
        )


@dataclass(frozen=True)
class LegislatorRecord:
    """One person of a congress-legislators file, read from their latest term."""

    position: int
    bioguide_id: str
    first_name: str
    last_name: str
    nickname: str
    middle_name: str
    official_name: str
    chamber: str
    title: str
    party: str
    state: str
    district: int | None
    chambers_served: frozenset[str]
    party_note: str = ""
    terms: tuple[TermRecord, ...] = ()

    @property
    def common_name(self) -> str:
        """The name as commonly printed, accents kept: nickname or first name, then last name
        ('Ed Markey', 'Linda Sánchez' for 'Linda T. Sánchez'); the official name where it is
        the first name, more given names and the last name, none of them initials ('Eleanor
        Holmes Norton', 'Ben Ray Luján', 'Pablo José Hernández' for last name 'Hernández
        Rivera'), or where the first name is only an initial ('Scott Franklin' for 'C.')."""
        if self.nickname:
            return f"{self.nickname} {self.last_name}"
        official = _SUFFIX.sub("", self.official_name).split()
        first, last = self.first_name.split(), self.last_name.split()
        if official and '"' not in self.official_name:
            if _is_initial(self.first_name):
                return " ".join(official)
            middle = official[len(first) :]
            ends_with_last = any(
                middle[-size:] == last[:size] and len(middle) >= size
                for size in range(len(last), 0, -1)
            )
            if (
                official[: len(first)] == first
                and ends_with_last
                and not any(_is_initial(word) for word in middle)
            ):
                return " ".join(official)
        return f"{self.first_name} {self.last_name}"

    @property
    def party_state(self) -> str:
        return f"{self.party}-{self.state}"

    def describe(self) -> str:
        return f"record {self.position} ({self.first_name} {self.last_name}, {self.bioguide_id})"

    def values(self) -> dict[str, Any]:
        """The reference-owned fields of a Legislator row, as this record has them."""
        return {name: getattr(self, name) for name in REFERENCE_FIELDS}

    def candidate(self) -> Candidate[LegislatorRecord]:
        return Candidate.build(
            self,
            party=self.party,
            state=self.state,
            last_name=self.last_name,
            names=[
                self.official_name,
                self.common_name,
                self.first_name,
                self.nickname,
                self.middle_name,
            ],
            chambers=self.chambers_served,
        )


@dataclass(frozen=True)
class AmbiguousLink:
    """An archive legislator without a bioguide id whose record could not be told apart."""

    legislator: Legislator
    candidates: tuple[LegislatorRecord, ...]
    reason: str

    def __str__(self) -> str:
        people = "; ".join(
            f"{record.official_name or record.common_name} ({record.party_state}, "
            f"{record.bioguide_id})"
            for record in self.candidates
        )
        return f"{self.legislator.name} ({self.legislator.party_state}): {self.reason}: {people}"


@dataclass
class ImportReport:
    path: Path
    dry_run: bool = False
    records: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    skipped_party: int = 0
    terms_created: int = 0
    terms_removed: int = 0
    linked: list[str] = field(default_factory=list)
    ambiguous: list[AmbiguousLink] = field(default_factory=list)
    not_in_file: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        line = (
            f"{self.records} people: {self.created} created, {self.updated} updated, "
            f"{self.unchanged} unchanged"
        )
        if self.skipped:
            line += f", {self.skipped} skipped (ambiguous)"
        if self.skipped_party:
            line += f", {self.skipped_party} skipped (party not recorded)"
        if self.terms_created or self.terms_removed:
            line += f"; terms: {self.terms_created} added, {self.terms_removed} removed"
        return line


ProgressCallback = Callable[[int, int], None]


def read_legislators_file(path: Path) -> list[LegislatorRecord]:
    """Parse and check every record of a congress-legislators YAML file."""
    try:
        with Path(path).open(encoding="utf-8") as stream:
            data = yaml.load(stream, Loader=SafeLoader)
    except OSError as error:
        raise LegislatorImportError(f"Cannot read {path}: {error.strerror or error}.") from error
    except yaml.YAMLError as error:
        raise LegislatorImportError(f"{path} is not valid YAML: {error}") from error
    except UnicodeDecodeError as error:
        raise LegislatorImportError(f"{path} is not UTF-8 text: {error}") from error
    if not isinstance(data, list):
        raise LegislatorImportError(
            f"{path} is not a congress-legislators file: expected a list of people, "
            f"found {type(data).__name__}."
        )
    records = [parse_record(raw, position) for position, raw in enumerate(data, start=1)]
    seen: dict[str, LegislatorRecord] = {}
    for record in records:
        if record.bioguide_id in seen:
            raise LegislatorImportError(
                f"{record.describe()}: bioguide id {record.bioguide_id} is also "
                f"{seen[record.bioguide_id].describe()}."
            )
        seen[record.bioguide_id] = record
    return records


def parse_record(raw: object, position: int) -> LegislatorRecord:
    """One YAML person -> a checked record; LegislatorImportError naming the person if not."""
    where = f"record {position}"
    try:
        if not isinstance(raw, dict):
            raise ValueError("not a mapping")
        ids, name, terms = raw.get("id") or {}, raw.get("name") or {}, raw.get("terms") or []
        first, last = str(name.get("first") or "").strip(), str(name.get("last") or "").strip()
        bioguide = str(ids.get("bioguide") or "").strip()
        who = ", ".join(part for part in (f"{first} {last}".strip(), bioguide) if part)
        where = f"record {position} ({who})" if who else where
        if not first or not last:
            raise ValueError("name.first and name.last are required")
        if not bioguide or len(bioguide) > 7:
            raise ValueError(f"id.bioguide must be 1 to 7 characters, not {bioguide!r}")
        if not terms or not all(isinstance(term, dict) for term in terms):
            raise ValueError("no terms")
        latest = max(terms, key=lambda term: str(term.get("start") or ""))
        chamber = CHAMBERS.get(latest.get("type"))
        if chamber is None:
            raise ValueError(f"unknown term type {latest.get('type')!r} (expected rep or sen)")
        state = str(latest.get("state") or "")
        if state not in STATE_NAMES:
            raise ValueError(f"unknown state {state!r}")
        party, party_note = _party(latest)
        first, nickname = _first_and_nickname(first, str(name.get("nickname") or "").strip())
        return LegislatorRecord(
            position=position,
            bioguide_id=bioguide,
            first_name=first,
            last_name=last,
            nickname=nickname,
            middle_name=str(name.get("middle") or "").strip(),
            official_name=str(name.get("official_full") or "").strip(),
            chamber=chamber,
            title=_title(chamber, state),
            party=party,
            state=state,
            district=_district(chamber, latest.get("district")),
            chambers_served=frozenset(
                CHAMBERS[term["type"]] for term in terms if term.get("type") in CHAMBERS
            ),
            party_note=party_note,
            terms=tuple(_term(term) for term in terms),
        )
    except (ValueError, TypeError, AttributeError) as error:
        raise LegislatorImportError(f"{where}: {error}.") from error


def _party(term: dict[str, Any]) -> tuple[str, str]:
    """Party code of a term. A party outside D/R/I is mapped to the party the member
    caucuses with, where the term says (and noted). A party the archive does not record
    (Whig, Federalist... in the historical file) gives '' and the person is skipped."""
    printed = term.get("party")
    if printed in PARTIES:
        return PARTIES[printed], ""
    caucus = term.get("caucus")
    if caucus in PARTIES:
        return PARTIES[caucus], f"party {printed!r} recorded as {PARTIES[caucus]} (caucus)"
    if not printed or not isinstance(printed, str):
        raise ValueError(f"party {printed!r} is missing or not a name")
    return "", f"skipped: party {printed!r} is not one the archive records (D, R, I)"


def _term(term: dict[str, Any]) -> TermRecord:
    """One term, checked: a known chamber and state, and dates that end after they start."""
    chamber = CHAMBERS.get(str(term.get("type")))
    if chamber is None:
        raise ValueError(f"unknown term type {term.get('type')!r} (expected rep or sen)")
    state = str(term.get("state") or "")
    if state not in STATE_NAMES:
        raise ValueError(f"unknown state {state!r} in the term starting {term.get('start')}")
    start, end = _day(term.get("start"), "start"), _day(term.get("end"), "end")
    if end < start:
        raise ValueError(f"the term starting {start} ends before it starts ({end})")
    return TermRecord(
        chamber=chamber,
        state=state,
        district=_district(chamber, term.get("district")),
        party=str(term.get("party") or "")[:40],
        caucus=str(term.get("caucus") or "")[:40],
        start=start,
        end=end,
    )


def _day(value: object, name: str) -> datetime.date:
    """A term's date: YAML reads '2025-01-03' as a date; a string is parsed."""
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"term {name} {value!r} is not a date (YYYY-MM-DD)") from None


def _first_and_nickname(first: str, nickname: str) -> tuple[str, str]:
    """'James (Jim)' -> ('James', 'Jim'): a nickname written into the first name."""
    if "(" in first and first.endswith(")"):
        given, _, inner = first[:-1].partition("(")
        return given.strip(), nickname or inner.strip()
    return first, nickname


def _is_initial(word: str) -> bool:
    return len(word.rstrip(".")) <= 1


def _title(chamber: str, state: str) -> str:
    if chamber == Chamber.SENATE:
        return Legislator.Title.SENATOR
    if state == "PR":
        return Legislator.Title.RESIDENT_COMMISSIONER
    if state in DELEGATE_STATES:
        return Legislator.Title.DELEGATE
    return Legislator.Title.REPRESENTATIVE


def _district(chamber: str, value: object) -> int | None:
    if chamber == Chamber.SENATE or value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"district {value!r} is not a number")
    return value if value >= 0 else None  # -1: unknown, in the historical file


def import_legislators(
    path: Path, *, dry_run: bool = False, progress: ProgressCallback | None = None
) -> ImportReport:
    """Create or update Legislator rows from a congress-legislators YAML file.

    `progress(done, total)` is called every PROGRESS_EVERY people and at the end. With
    `dry_run`, everything is checked and done, then rolled back."""
    records = read_legislators_file(path)
    report = ImportReport(path=Path(path), dry_run=dry_run, records=len(records))
    with transaction.atomic():
        _Importer(records, report).run(progress)
        if dry_run:
            transaction.set_rollback(True)
    return report


class _Importer:
    def __init__(self, records: list[LegislatorRecord], report: ImportReport) -> None:
        self.records = records
        self.report = report
        self.existing = list(Legislator.objects.order_by("pk"))
        self.by_bioguide = {row.bioguide_id: row for row in self.existing if row.bioguide_id}
        self.taken_slugs = {row.slug for row in self.existing}
        self.signed = set(
            Legislator.objects.filter(signatures__isnull=False).values_list("pk", flat=True)
        )
        self.terms: dict[int, dict[tuple[object, ...], int]] = {}
        for term in LegislatorTerm.objects.order_by():
            self.terms.setdefault(term.legislator_id, {})[_term_key(term)] = term.pk
        self.new_terms: list[LegislatorTerm] = []

    def run(self, progress: ProgressCallback | None) -> None:
        links, held = self._link_seed_legislators()
        total = len(self.records)
        for done, record in enumerate(self.records, start=1):
            if record.party_note:
                self.report.notes.append(f"{record.describe()}: {record.party_note}")
            if not record.party:
                self.report.skipped_party += 1
                continue
            row = self.by_bioguide.get(record.bioguide_id) or links.get(record.bioguide_id)
            try:
                if row is not None:
                    self._update(row, record)
                elif record.bioguide_id in held:
                    self.report.skipped += 1
                else:
                    self._create(record)
            except (ValidationError, DatabaseError) as error:
                raise LegislatorImportError(f"{record.describe()}: {error}") from error
            if progress and (done % PROGRESS_EVERY == 0 or done == total):
                progress(done, total)
        try:
            LegislatorTerm.objects.bulk_create(self.new_terms, batch_size=1000)
        except DatabaseError as error:
            raise LegislatorImportError(f"Cannot save the terms read: {error}") from error

    def _sync_terms(self, row: Legislator, record: LegislatorRecord) -> None:
        """Make the row's terms the record's (counted apart from the rows: a row whose terms
        change is otherwise unchanged). New terms are written together at the end."""
        held = self.terms.get(row.pk, {})
        wanted = {term.key(): term for term in record.terms}
        stale = [pk for key, pk in held.items() if key not in wanted]
        if stale:
            LegislatorTerm.objects.filter(pk__in=stale).delete()
        added = [term for key, term in wanted.items() if key not in held]
        self.new_terms.extend(
            LegislatorTerm(
                legislator=row,
                chamber=term.chamber,
                state=term.state,
                district=term.district,
                party=term.party,
                caucus=term.caucus,
                start=term.start,
                end=term.end,
            )
            for term in added
        )
        self.report.terms_created += len(added)
        self.report.terms_removed += len(stale)

    def _link_seed_legislators(self) -> tuple[dict[str, Legislator], set[str]]:
        """Link rows without a bioguide id to the record with their last name, party and
        state. Returns the links (bioguide -> row) and the records held back because
        a link to them is uncertain (creating them would duplicate an archive row)."""
        unlinked = [row for row in self.existing if not row.bioguide_id]
        if not unlinked:
            return {}, set()
        matcher = NameMatcher(
            record.candidate()
            for record in self.records
            if record.bioguide_id not in self.by_bioguide
        )
        claims: dict[str, list[Legislator]] = {}
        records: dict[str, LegislatorRecord] = {}
        held: set[str] = set()
        for row in unlinked:
            result = matcher.match(
                row.name, row.party, row.state, last_name=row.last_name, chamber=row.chamber
            )
            if result.status == MatchStatus.NOT_FOUND:
                self.report.not_in_file.append(f"{row.name} ({row.party_state})")
            elif result.is_certain:
                record = result.candidates[0]
                claims.setdefault(record.bioguide_id, []).append(row)
                records[record.bioguide_id] = record
            else:
                reason = (
                    "several people share this last name, party and state"
                    if result.status == MatchStatus.AMBIGUOUS
                    else "the only person with this last name, party and state has another "
                    "first name"
                )
                self._ambiguous(row, result.candidates, reason)
                held.update(record.bioguide_id for record in result.candidates)
        links: dict[str, Legislator] = {}
        for bioguide_id, rows in claims.items():
            if len(rows) == 1:
                links[bioguide_id] = rows[0]
                continue
            held.add(bioguide_id)
            for row in rows:
                self._ambiguous(
                    row,
                    (records[bioguide_id],),
                    f"{len(rows)} archive legislators match the same person",
                )
        return links, held - set(links)

    def _ambiguous(
        self, row: Legislator, candidates: Iterable[LegislatorRecord], reason: str
    ) -> None:
        self.report.ambiguous.append(AmbiguousLink(row, tuple(candidates), reason))

    def _update(self, row: Legislator, record: LegislatorRecord) -> None:
        values = record.values()
        if row.pk in self.signed and (row.party, row.state) != (record.party, record.state):
            # Signatures were checked against the party-state printed on the letter.
            self.report.notes.append(
                f"{row.name}: kept {row.party_state}, the party-state the archive's letters "
                f"print; the reference data now has {record.party_state}."
            )
            values["party"], values["state"] = row.party, row.state
        changed = [name for name, value in values.items() if getattr(row, name) != value]
        self._sync_terms(row, record)
        if not changed:
            self.report.unchanged += 1
            return
        linking = not row.bioguide_id
        for name in changed:
            setattr(row, name, values[name])
        unchecked = [field.name for field in row._meta.fields if field.name not in changed]
        row.full_clean(exclude=unchecked, validate_unique=False, validate_constraints=False)
        row.save(update_fields=[*changed, "modified"])
        self.report.updated += 1
        if linking:
            self.by_bioguide[record.bioguide_id] = row
            self.report.linked.append(
                f"{row.name} ({row.party_state}) -> {record.official_name or record.common_name} "
                f"({record.bioguide_id})"
            )

    def _create(self, record: LegislatorRecord) -> None:
        row = Legislator(
            name=record.common_name,
            last_name=record.last_name,
            slug=self._new_slug(record),
            **record.values(),
        )
        row.full_clean(validate_unique=False, validate_constraints=False)
        row.save()
        self._sync_terms(row, record)
        self.by_bioguide[record.bioguide_id] = row
        self.report.created += 1

    def _new_slug(self, record: LegislatorRecord) -> str:
        """'dina-titus'; the state added only where another legislator has that slug
        ('john-smith-nj'), then the bioguide id."""
        base = slugify(record.common_name) or record.bioguide_id.lower()
        for slug in (
            base,
            f"{base}-{record.state.lower()}",
            f"{base}-{record.state.lower()}-{record.bioguide_id.lower()}",
        ):
            if slug not in self.taken_slugs:
                self.taken_slugs.add(slug)
                return slug
        raise ValidationError(f"no free slug for {record.common_name}")


def _term_key(term: LegislatorTerm) -> tuple[object, ...]:
    return (
        term.chamber,
        term.state,
        term.district,
        term.party,
        term.caucus,
        term.start,
        term.end,
    )
