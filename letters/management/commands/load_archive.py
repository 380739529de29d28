from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from letters.loading import ArchiveLoadError, LoadReport, load_archive


class Command(BaseCommand):
    help = (
        "Load the archive's fixtures (fixtures/*.json) in one transaction, then the current "
        "members of Congress from the congress-legislators data the project carries (every "
        "member, not only those who signed: 'your members of Congress' needs them). Safe to "
        "run again: records are matched by natural key or bioguide id, never duplicated."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "paths", nargs="*", type=Path, help="Fixture files (default: every fixtures/*.json)."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Validate and roll back; write nothing."
        )
        parser.add_argument(
            "--without-members",
            action="store_true",
            help="Load the fixtures only, not the current members (also when paths are given).",
        )

    def handle(
        self,
        *args: object,
        paths: list[Path],
        dry_run: bool,
        without_members: bool,
        verbosity: int,
        **options: object,
    ) -> None:
        try:
            report = load_archive(paths or None, dry_run=dry_run)
        except ArchiveLoadError as error:
            raise CommandError(f"Nothing was loaded. {error}") from error
        self.report(report, dry_run, verbosity)
        if not (paths or without_members):
            # Matched to the archive's legislators by bioguide id, or last name + party + state.
            call_command(
                "import_legislators", dry_run=dry_run, verbosity=verbosity, stdout=self.stdout
            )

    def report(self, report: LoadReport, dry_run: bool, verbosity: int) -> None:
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
