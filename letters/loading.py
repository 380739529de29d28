"""Load the archive's fixtures: idempotent (rows are matched by natural key), atomic (one
transaction; any bad record rolls everything back) and validated (choices, constraints,
and every quoted passage against its source)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, transaction

from letters.models import Letter


class ArchiveLoadError(Exception):
    """A fixture record could not be loaded; nothing was written."""


@dataclass
class LoadReport:
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    files: list[Path] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.created.values()) + sum(self.updated.values())


class DryRunRollback(Exception):
    pass


def fixture_paths(directory: Path | None = None) -> list[Path]:
    """The archive's fixture files, in load order (file names start with their rank)."""
    directory = Path(directory or settings.ARCHIVE_FIXTURES_DIR)
    paths = sorted(directory.glob("*.json"))
    if not paths:
        raise ArchiveLoadError(f"No fixture files (*.json) in {directory}.")
    return paths


def describe(obj: object) -> str:
    model = obj._meta.label_lower  # type: ignore[attr-defined]
    try:
        key = obj.natural_key()  # type: ignore[attr-defined]
    except (AttributeError, ObjectDoesNotExist):
        key = None
    return f"{model} {list(key) if key else ''}".strip()


def load_archive(paths: Iterable[Path] | None = None, *, dry_run: bool = False) -> LoadReport:
    """Load fixture files in one transaction and report what was created or updated."""
    report = LoadReport(files=list(paths) if paths is not None else fixture_paths())
    try:
        with transaction.atomic():
            letters: dict[int, Letter] = {}
            for path in report.files:
                _load_file(path, report, letters)
            for letter in letters.values():
                try:
                    letter.check_passages()
                except ValidationError as error:
                    raise ArchiveLoadError(f"{describe(letter)}: {_messages(error)}") from error
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
        try:
            objects = list(
                serializers.deserialize(
                    "json", stream, ignorenonexistent=False, handle_forward_references=False
                )
            )
        except DeserializationError as error:
            raise ArchiveLoadError(f"{path.name}: {error}") from error
    for position, deserialized in enumerate(objects, start=1):
        obj = deserialized.object
        where = f"{path.name}, record {position} ({describe(obj)})"
        try:
            obj.full_clean()
        except ValidationError as error:
            raise ArchiveLoadError(f"{where}: {_messages(error)}") from error
        existed = obj.pk is not None
        try:
            with transaction.atomic():
                deserialized.save()
        except DatabaseError as error:
            raise ArchiveLoadError(f"{where}: the database refused it: {error}") from error
        (report.updated if existed else report.created)[obj._meta.label_lower] += 1
        if isinstance(obj, Letter):
            letters[obj.pk] = obj


def _messages(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "; ".join(
            f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()
        )
    return " ".join(error.messages)
