"""Building the data package once per version of the archive, and finding it.

The files are built under the archive's version token (letters.models.ArchiveVersion) in a
folder of ARCHIVE_DATA_PACKAGE_DIR, read in one transaction (a snapshot on PostgreSQL) so that
every table is of the same version, a batch of rows at a time so that memory stays flat
whatever the size. A folder is complete or absent: it is built under another name and
renamed. One builder at a time (a lock file). A request that finds the current version not
yet built is sent the latest built one, which no cache may keep, while a thread of its
process builds the current one; only when none was ever built does the request wait for
the build. Folders of older versions are removed once a newer one is built.
"""

from __future__ import annotations

import csv
import datetime
import fcntl
import hashlib
import json
import logging
import shutil
import sqlite3
import tempfile
import threading
import time
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, connections, transaction
from django.urls import reverse

from archive.exports import in_batches
from archive.site import absolute_url
from letters.datapackage.descriptor import FileFacts, descriptor
from letters.datapackage.tables import TABLES, Column, Table
from letters.models import ArchiveVersion

DESCRIPTOR = "datapackage.json"
SQLITE = "archive.sqlite3"
ZIP = "archive-data.zip"
# Deflate's fastest level: a third of the default's time for a zip about a third larger;
# the build runs at every change of the archive, on the cores that serve the pages.
ZIP_LEVEL = 1
FAILED = ".failed"  # touched by a failed build, removed by the next complete one
# After a failed build, downloads start no other for this long: a lasting fault (a full
# disk) would otherwise cost a build per download.
RETRY_FAILED_SECONDS = 300
SQLITE_TYPES = {"integer": "INTEGER", "boolean": "INTEGER"}  # any other: TEXT

logger = logging.getLogger(__name__)


def homepage() -> str:
    return absolute_url(reverse("letters:data"))


def with_iso_dates(rows: list[tuple[Any, ...]], dates: list[int]) -> list[Any]:
    """The rows with the dates of columns `dates` in ISO 8601, as SQLite keeps them (the CSV
    writer writes them so, None as an empty cell and booleans as Table Schema reads them)."""
    if not dates:
        return rows
    changed = []
    for row in rows:
        cells = list(row)
        for index in dates:
            if cells[index] is not None:
                cells[index] = cells[index].isoformat()
        changed.append(cells)
    return changed


def create_statement(table: Table, columns: list[Column]) -> str:
    lines = [
        f'"{c.name}" {SQLITE_TYPES.get(c.type, "TEXT")}'
        + (" PRIMARY KEY" if c.name == "id" else "")
        + (" NOT NULL" if c.required and c.name != "id" else "")
        + (f' REFERENCES "{c.refers_to}" ("id")' if c.refers_to else "")
        for c in columns
    ]
    return f'CREATE TABLE "{table.name}" (\n  ' + ",\n  ".join(lines) + "\n)"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_table(table: Table, folder: Path, database: sqlite3.Connection) -> FileFacts:
    """The table's rows into its CSV file and its SQLite table, a batch at a time."""
    columns = table.columns()
    database.execute(create_statement(table, columns))
    insert = f'INSERT INTO "{table.name}" VALUES ({", ".join("?" for _ in columns)})'
    path = folder / f"{table.name}.csv"
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow([c.name for c in columns])
        rows = table.queryset().values_list(*(c.name for c in columns))
        dates = [index for index, c in enumerate(columns) if c.type == "date"]
        for batch in in_batches(rows):
            written = with_iso_dates(batch, dates)
            writer.writerows(written)
            database.executemany(insert, written)
    return FileFacts(path.stat().st_size, sha256_of(path))


def write_about(database: sqlite3.Connection, described: dict[str, Any]) -> None:
    """The SQLite file describes itself: a data dictionary and the package's facts."""
    database.execute(
        "CREATE TABLE data_dictionary (table_name TEXT, field TEXT, type TEXT, description TEXT)"
    )
    database.executemany(
        "INSERT INTO data_dictionary VALUES (?, ?, ?, ?)",
        ((table.name, c.name, c.type, c.description) for table in TABLES for c in table.columns()),
    )
    database.execute("CREATE TABLE about_this_file (fact TEXT PRIMARY KEY, value TEXT)")
    facts = {
        "title": described["title"],
        "homepage": described["homepage"],
        "created": described["created"],
        "licence": described["licenses"][0]["name"],
        "licence of legislators and terms": "CC0-1.0 (congress-legislators)",
        "citation": described["citation"],
    }
    database.executemany("INSERT INTO about_this_file VALUES (?, ?)", facts.items())


def write_package(folder: Path) -> None:
    """Every table as CSV and in one SQLite file, datapackage.json, and a zip of the CSV
    files with their descriptor."""
    created = datetime.datetime.now(datetime.UTC).replace(microsecond=0).isoformat()
    database = sqlite3.connect(folder / SQLITE)
    # No journal and no sync: a build that fails is thrown away with its folder.
    database.execute("PRAGMA journal_mode = OFF")
    database.execute("PRAGMA synchronous = OFF")
    try:
        files = {table.name: write_table(table, folder, database) for table in TABLES}
        described = descriptor(homepage(), files, created)
        write_about(database, described)
        database.commit()
    finally:
        database.close()
    (folder / DESCRIPTOR).write_text(json.dumps(described, indent=2, ensure_ascii=False))
    with zipfile.ZipFile(
        folder / ZIP, "w", zipfile.ZIP_DEFLATED, compresslevel=ZIP_LEVEL
    ) as archive:
        archive.write(folder / DESCRIPTOR, DESCRIPTOR)
        for table in TABLES:
            archive.write(folder / f"{table.name}.csv", f"{table.name}.csv")


def folder_name(token: uuid.UUID | None) -> str:
    """The token's folder; without a token (a flushed database) nothing tells one state of
    the archive from another, so no folder is ever the current one."""
    return str(token) if token else f"unversioned-{uuid.uuid4()}"


def build(root: Path) -> Path:
    """The package of the archive as it is now, built unless it already is."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            # Every table from one snapshot: a change committed meanwhile waits for the next.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        folder = root / folder_name(ArchiveVersion.current())
        if folder.exists():
            return folder
        work = Path(tempfile.mkdtemp(prefix=".building-", dir=root))
        try:
            write_package(work)
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            raise
    work.rename(folder)
    (root / FAILED).unlink(missing_ok=True)
    for other in root.iterdir():
        if other != folder and other.is_dir():
            shutil.rmtree(other, ignore_errors=True)
    return folder


class PackageUnavailable(Exception):
    """No version of the package was ever built, and building the first one failed."""


@dataclass(frozen=True)
class Built:
    folder: Path
    current: bool  # False: the previous version, sent while the current one is being built


def package_root() -> Path:
    root = Path(settings.ARCHIVE_DATA_PACKAGE_DIR)
    root.mkdir(parents=True, exist_ok=True)
    return root


def latest_built(root: Path) -> Path | None:
    """The newest complete folder (one being built is hidden until it is renamed)."""
    folders = [p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")]
    return max(folders, key=lambda folder: folder.stat().st_mtime, default=None)


def failed_lately(root: Path) -> bool:
    try:
        failed_at = (root / FAILED).stat().st_mtime
    except FileNotFoundError:
        return False
    return time.time() - failed_at < RETRY_FAILED_SECONDS


def build_unless_building(root: Path, wait: bool) -> Path | None:
    """The current version built holding the one-builder lock (released with the file);
    None, without waiting, if another builder holds it."""
    with (root / ".lock").open("a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            return None
        try:
            return build(root)
        except Exception:
            (root / FAILED).touch()
            raise


def someone_is_building(root: Path) -> bool:
    with (root / ".lock").open("a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        return False


def build_logged(root: Path) -> Path | None:
    """A build apart from the download: a failure is logged, the previous version stays
    served."""
    try:
        return build_unless_building(root, wait=False)
    except Exception:
        logger.exception("The data package could not be built; the previous one is served.")
        return None


def in_a_thread(work: Callable[[], object]) -> None:
    def run() -> None:
        try:
            work()
        finally:
            connections.close_all()  # the thread's own connections, which nothing else closes

    threading.Thread(target=run, name="data-package-build", daemon=True).start()


def start_building(root: Path) -> Path | None:
    """The current version built apart from the request, which need not wait for it; or,
    where builds are not in the background, built by the request (its folder returned)."""
    if settings.ARCHIVE_DATA_PACKAGE_IN_BACKGROUND:
        in_a_thread(lambda: build_logged(root))
        return None
    return build_logged(root)


def first_build(root: Path) -> Path:
    if failed_lately(root):
        raise PackageUnavailable
    try:
        built = build_unless_building(root, wait=True)
    except Exception as failure:
        logger.exception("The first version of the data package could not be built.")
        raise PackageUnavailable from failure
    assert built is not None  # waited for the lock
    return built


def current_package() -> Built:
    """The package of the archive's current version if it is built; else the latest built
    one while the current one is built apart; where none was ever built, the current one
    once built (raises PackageUnavailable if that fails)."""
    root = package_root()
    token = ArchiveVersion.current()
    folder = root / folder_name(token)
    if token and folder.exists():
        return Built(folder, current=True)
    previous = latest_built(root)
    if previous is None:
        return Built(first_build(root), current=True)
    if failed_lately(root) or someone_is_building(root):
        return Built(previous, current=False)
    if built := start_building(root):
        return Built(built, current=True)
    return Built(previous, current=False)
