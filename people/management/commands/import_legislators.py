from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from people.importing import LegislatorImportError, import_legislators


class Command(BaseCommand):
    help = (
        "Create or update legislators from a congress-legislators YAML file, by bioguide id, "
        "in one transaction; link archive legislators that have no bioguide id by last name, "
        "party and state. Safe to run again: a second run changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "path",
            nargs="?",
            type=Path,
            help="congress-legislators YAML file (default: settings.CONGRESS_LEGISLATORS_FILE).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Import and roll back; write nothing."
        )

    def handle(self, *args: object, path: Path | None, dry_run: bool, **options: Any) -> None:
        self.verbosity = int(options.get("verbosity", 1))
        path = Path(path or settings.CONGRESS_LEGISLATORS_FILE)
        if not path.is_file():
            raise CommandError(f"No congress-legislators file at {path}.")
        try:
            report = import_legislators(path, dry_run=dry_run, progress=self._progress)
        except LegislatorImportError as error:
            raise CommandError(f"Nothing was imported. {error}") from error
        for line in report.linked:
            self.stdout.write(f"  linked: {line}")
        for note in report.notes:
            self.stdout.write(f"  note: {note}")
        if report.not_in_file:
            self.stdout.write(
                f"  not in this file ({len(report.not_in_file)}): {', '.join(report.not_in_file)}"
            )
        for ambiguous in report.ambiguous:
            self.stdout.write(self.style.WARNING(f"  ambiguous, not linked: {ambiguous}"))
        verb = "Checked (dry run, nothing written)" if dry_run else "Imported"
        self.stdout.write(self.style.SUCCESS(f"{verb} {path.name}: {report.summary()}."))

    def _progress(self, done: int, total: int) -> None:
        if self.verbosity >= 1:
            self.stdout.write(f"  {done}/{total} people")
