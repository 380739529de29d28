from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from letters.loading import ArchiveLoadError, load_archive


class Command(BaseCommand):
    help = (
        "Load the archive's fixtures (fixtures/*.json) in one transaction. Safe to run again: "
        "records are matched by natural key and updated, never duplicated."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "paths", nargs="*", type=Path, help="Fixture files (default: every fixtures/*.json)."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Validate and roll back; write nothing."
        )

    def handle(self, *args: object, paths: list[Path], dry_run: bool, **options: object) -> None:
        try:
            report = load_archive(paths or None, dry_run=dry_run)
        except ArchiveLoadError as error:
            raise CommandError(f"Nothing was loaded. {error}") from error
        verbosity = int(options.get("verbosity", 1))  # type: ignore[arg-type]
        if verbosity < 1:
            return
        labels = set(report.created) | set(report.updated) | set(report.unchanged)
        for label in sorted(labels) if verbosity > 1 else []:
            self.stdout.write(
                f"  {label}: {report.created[label]} created, {report.updated[label]} updated, "
                f"{report.unchanged[label]} unchanged"
            )
        created, updated = sum(report.created.values()), sum(report.updated.values())
        self.stdout.write(
            f"  {created} created, {updated} updated, {report.total - created - updated} unchanged"
        )
        verb = "Checked (dry run, nothing written)" if dry_run else "Loaded"
        self.stdout.write(
            self.style.SUCCESS(f"{verb} {report.total} records from {len(report.files)} files.")
        )
