"""Load the archive's fixtures: idempotent (rows are matched by natural key), atomic (one
transaction; any bad record rolls everything back) and validated (choices, constraints,
and every quoted passage against its source)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import reversion
from django.conf import settings
from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.serializers.base import DeserializationError, DeserializedObject
from django.db import DatabaseError, transaction
from django.db.models import Model

from archive.changes import batched_changes
from letters.models import Letter
from people.models import DetaineeAlias


class ArchiveLoadError(Exception):
    """A fixture record could not be loaded; nothing was written."""


@dataclass
class LoadReport:
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)
    written: list[Model] = field(default_factory=list, repr=False)
    files: list[Path] = field(default_factory=list)

    @property
    def total(self) -> int:
        return (
            sum(self.created.values()) + sum(self.updated.values()) + sum(self.unchanged.values())
        )


class DryRunRollback(Exception):
    pass


def fixture_paths(directory: Path | None = None) -> list[Path]:
    """The archive's fixture files, in load order (file names start with their rank)."""
    directory = Path(directory or settings.ARCHIVE_FIXTURES_DIR)
    paths = sorted(directory.glob("*.json"))
    if not paths:
        raise ArchiveLoadError(f"No fixture files (*.json) in {directory}.")
    return paths


def describe(obj: Model) -> str:
    model = obj._meta.label_lower
    try:
        key = getattr(obj, "natural_key", lambda: None)()
    except (AttributeError, ObjectDoesNotExist):
        key = None
    return f"{model} {list(key) if key else ''}".strip()


def load_archive(paths: Iterable[Path] | None = None, *, dry_run: bool = False) -> LoadReport:
    """Load fixture files in one transaction and report what was created or updated."""
    report = LoadReport(files=list(paths) if paths is not None else fixture_paths())
    try:
        with transaction.atomic(), batched_changes():
            letters: dict[int, Letter] = {}
            for path in report.files:
                _load_file(path, report, letters)
            for letter in letters.values():
                try:
                    letter.check_passages()
                except ValidationError as error:
                    raise ArchiveLoadError(f"{describe(letter)}: {_messages(error)}") from error
            _record_versions(report)
            if dry_run:
                raise DryRunRollback
    except DryRunRollback:
        pass
    return report


def _load_file(path: Path, report: LoadReport, letters: dict[int, Letter]) -> None:
    try:
        stream = path.open(encoding="utf-8")
    except OSError as error:
        raise ArchiveLoadError(f"{path}: cannot read: {error}") from error
    with stream:
        objects = _deserialized(path, stream)
        for position, deserialized in enumerate(objects, start=1):
            _load_object(deserialized, f"{path.name}, record {position}", report, letters)


def _deserialized(path: Path, stream: TextIO) -> Iterator[DeserializedObject]:
    """Deserialize lazily (records refer to earlier ones), turning errors into load errors."""
    position = 0
    try:
        for position, deserialized in enumerate(  # noqa: B007 (position is read on error)
            serializers.deserialize("json", stream, ignorenonexistent=False), start=1
        ):
            yield deserialized
    except DeserializationError as error:
        cause = error.__cause__ or error
        where = f"record {position + 1}" if position else "not valid fixture JSON"
        raise ArchiveLoadError(f"{path.name}, {where}: {str(error) or str(cause)}") from error


def _load_object(
    deserialized: DeserializedObject, where: str, report: LoadReport, letters: dict[int, Letter]
) -> None:
    obj = deserialized.object
    where = f"{where} ({describe(obj)})"
    # The deserializer found the row with this natural key: validate it as an update.
    obj._state.adding = obj.pk is None
    try:
        obj.full_clean()
    except ValidationError as error:
        raise ArchiveLoadError(f"{where}: {_messages(error)}") from error
    try:
        with transaction.atomic():
            outcome, saved = _upsert(obj, deserialized.m2m_data or {})
    except DatabaseError as error:
        raise ArchiveLoadError(f"{where}: the database refused it: {error}") from error
    getattr(report, outcome)[obj._meta.label_lower] += 1
    if outcome != "unchanged":
        report.written.append(saved)
    if isinstance(saved, Letter):
        letters[saved.pk] = saved


def _record_versions(report: LoadReport) -> None:
    """Give every record written a version in the admin's history, one revision per letter
    (with its signatories, demands, mentions...) and per other record, so that reverting
    or recovering one letter never touches another."""
    comment = "Loaded from fixtures: " + ", ".join(path.name for path in report.files)
    letter_ids: set[int] = set()
    records: list[Model] = []
    for obj in report.written:
        if isinstance(obj, Letter):
            letter_ids.add(obj.pk)
        elif (letter_id := getattr(obj, "letter_id", None)) is not None:
            letter_ids.add(letter_id)
        elif isinstance(obj, DetaineeAlias):
            records.append(obj.detainee)
        else:
            records.append(obj)
    records.extend(Letter.objects.filter(pk__in=letter_ids).order_by("pk"))
    for record in records:
        with reversion.create_revision():
            reversion.set_comment(comment)
            reversion.add_to_revision(record)


TIMESTAMPS = {"created", "modified"}


def _upsert(obj: Model, m2m_data: Mapping[str, Sequence[Any]]) -> tuple[str, Model]:
    """Insert a new row, or update only what differs in the row with the same natural key.

    Rows that match the fixture are not written at all, so a second load changes nothing
    (not even `modified`)."""
    model = type(obj)
    if obj.pk is None:
        obj.save()
        for name, values in m2m_data.items():
            getattr(obj, name).set(values)
        return "created", obj
    current = model._default_manager.get(pk=obj.pk)
    changed = [
        field.attname
        for field in model._meta.concrete_fields
        if not field.primary_key
        and field.name not in TIMESTAMPS
        and getattr(current, field.attname) != getattr(obj, field.attname)
    ]
    for name in changed:
        setattr(current, name, getattr(obj, name))
    if changed:
        if any(field.name == "modified" for field in model._meta.concrete_fields):
            changed.append("modified")
        current.save(update_fields=changed)
    m2m_changed = False
    for name, values in m2m_data.items():
        manager = getattr(current, name)
        wanted = {int(value) if str(value).isdigit() else value for value in values}
        if set(manager.values_list("pk", flat=True)) != wanted:
            manager.set(values)
            m2m_changed = True
    return ("updated" if changed or m2m_changed else "unchanged"), current


def _messages(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "; ".join(
            f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()
        )
    return " ".join(error.messages)
