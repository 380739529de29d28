"""Build the data package of the archive's current version ahead of any request (at a
deployment, or from cron), so that no downloader waits for a build."""

import time

from django.core.management.base import BaseCommand

from letters.datapackage.building import build_unless_building, package_root


class Command(BaseCommand):
    help = (
        "Build the data package (/data/) of the archive as it is now, unless it is built; "
        "waits for a build another process is running."
    )

    def handle(self, *args: object, verbosity: int, **options: object) -> None:
        started = time.perf_counter()
        folder = build_unless_building(package_root(), wait=True)
        if verbosity:
            seconds = time.perf_counter() - started
            self.stdout.write(f"The data package is in {folder} ({seconds:.1f} s).")
