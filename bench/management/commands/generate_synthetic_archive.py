"""generate_synthetic_archive: the benchmark's data (bench/synthetic/), under bench.settings."""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS

from bench.synthetic import SIZES, SyntheticArchiveError, generate_synthetic_archive


class Command(BaseCommand):
    help = (
        "Generate a clearly synthetic archive (for load tests and benchmarks) into an empty, "
        "separate database, in one transaction. Refuses a database holding real records."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--size",
            choices=list(SIZES),
            default="small",
            help="small (60 letters), medium (1,000) or large (10,000 letters, 540 "
            "legislators, 300,000 signatures, 2,000 detainees, 60 demands, 300 campaigns, "
            "about 600 responses to demands).",
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="Same seed and size, same archive (default 1)."
        )
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            help="Database alias to write into (default: 'default', i.e. DATABASE_URL).",
        )

    def handle(self, *args: object, size: str, seed: int, database: str, **options: Any) -> None:
        verbosity = int(options.get("verbosity", 1))

        def progress(message: str) -> None:
            if verbosity >= 1:
                self.stdout.write(message)
                self.stdout.flush()

        started = time.monotonic()
        progress(f"Generating a {size} synthetic archive (seed {seed}) into '{database}'...")
        try:
            report = generate_synthetic_archive(size, seed=seed, using=database, progress=progress)
        except SyntheticArchiveError as error:
            raise CommandError(f"Nothing was generated. {error}") from error
        if verbosity >= 2:
            for label, count in sorted(report.counts.items()):
                self.stdout.write(f"  {label}: {count:,}")
        if verbosity < 1:
            return
        total = sum(report.counts.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {total:,} synthetic records in {time.monotonic() - started:.0f} s "
                f"({report.counts.get('letters.Letter', 0):,} letters, "
                f"{report.counts.get('letters.Signatory', 0):,} signatures)."
            )
        )
