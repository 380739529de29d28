"""Syncing the records of a congress-legislators file into the archive: rows matched by
bioguide id are updated, new people created, each person's terms made the file's, and
legislators the seeds entered without a bioguide id linked to their record."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.text import slugify

from archive.changes import batched_changes, records_changed_in_bulk
from archive.names import MatchStatus, NameMatcher
from people.importing.reading import read_legislators_file
from people.importing.records import (
    LegislatorImportError,
    LegislatorRecord,
    TermRecord,
    term_contact,
    term_key,
)
from people.models import CONTACT_FIELDS, Legislator, LegislatorTerm

PROGRESS_EVERY = 100


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
    contacts_updated: int = 0
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
        if self.contacts_updated:
            line += f"; office contact details updated in {self.contacts_updated} terms"
        return line


ProgressCallback = Callable[[int, int], None]


def import_legislators(
    path: Path,
    *,
    dry_run: bool = False,
    progress: ProgressCallback | None = None,
    imported_on: datetime.date | None = None,
) -> ImportReport:
    """Create or update Legislator rows from a congress-legislators YAML file.

    `progress(done, total)` is called every PROGRESS_EVERY people and at the end. With
    `dry_run`, everything is checked and done, then rolled back. Contact details the import
    writes are dated `imported_on` (today by default): the pages say "as of" that day."""
    records = read_legislators_file(path)
    report = ImportReport(path=Path(path), dry_run=dry_run, records=len(records))
    with transaction.atomic():
        with batched_changes():
            _Importer(records, report, imported_on or timezone.localdate()).run(progress)
        if dry_run:
            transaction.set_rollback(True)
    return report


class _Importer:
    def __init__(
        self, records: list[LegislatorRecord], report: ImportReport, imported_on: datetime.date
    ) -> None:
        self.records = records
        self.report = report
        self.imported_on = imported_on
        self.existing = list(Legislator.objects.order_by("pk"))
        self.by_bioguide = {row.bioguide_id: row for row in self.existing if row.bioguide_id}
        self.taken_slugs = {row.slug for row in self.existing}
        self.signed = set(
            Legislator.objects.filter(signatures__isnull=False).values_list("pk", flat=True)
        )
        self.terms: dict[int, dict[tuple[object, ...], LegislatorTerm]] = {}
        for term in LegislatorTerm.objects.order_by():
            self.terms.setdefault(term.legislator_id, {})[term_key(term)] = term
        self.new_terms: list[LegislatorTerm] = []
        self.recontacted: list[LegislatorTerm] = []

    def run(self, progress: ProgressCallback | None) -> None:
        links, held = self._link_seed_legislators()
        total = len(self.records)
        for done, record in enumerate(self.records, start=1):
            if record.party_note:
                self.report.notes.append(f"{record.describe()}: {record.party_note}")
            self.report.notes.extend(f"{record.describe()}: {n}" for n in record.contact_notes)
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
            LegislatorTerm.objects.bulk_update(
                self.recontacted, [*CONTACT_FIELDS, "contact_as_of"], batch_size=500
            )
        except DatabaseError as error:
            raise LegislatorImportError(f"Cannot save the terms read: {error}") from error
        if self.new_terms or self.recontacted or self.report.terms_removed:
            # Written in bulk: no post_save tells the cached pages that the archive changed.
            records_changed_in_bulk.send(sender=LegislatorTerm, using="default")

    def _sync_terms(self, row: Legislator, record: LegislatorRecord) -> None:
        """Make the row's terms the record's (counted apart from the rows: a row whose terms
        change is otherwise unchanged). New terms are written together at the end."""
        held = self.terms.get(row.pk, {})
        wanted = {term_key(term): term for term in record.terms}
        stale = [term.pk for key, term in held.items() if key not in wanted]
        if stale:
            LegislatorTerm.objects.filter(pk__in=stale).delete()
        added = [term for key, term in wanted.items() if key not in held]
        self.new_terms.extend(
            LegislatorTerm(legislator=row, **term.values(), contact_as_of=self._as_of(term))
            for term in added
        )
        for key, kept in held.items():
            if key in wanted and term_contact(kept) != term_contact(wanted[key]):
                for name in CONTACT_FIELDS:
                    setattr(kept, name, getattr(wanted[key], name))
                kept.contact_as_of = self._as_of(wanted[key])
                self.recontacted.append(kept)
        self.report.terms_created += len(added)
        self.report.terms_removed += len(stale)
        self.report.contacts_updated = len(self.recontacted)

    def _as_of(self, term: TermRecord) -> datetime.date | None:
        """Contact details are dated by the import that wrote them; a term without any has
        no date. Details an import finds unchanged keep the date they were first read."""
        return self.imported_on if any(term_contact(term)) else None

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
