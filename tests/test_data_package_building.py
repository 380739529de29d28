"""The data package is never on a downloader's critical path: after a change of the archive
a request is sent the latest built version at once (uncached) while the new one is built
apart, and the new one once built; a failed build leaves the previous version served and
is logged; a folder being built is never served; the build reads a batch of rows at a time;
`manage.py build_data_package` builds ahead of any request."""

from __future__ import annotations

import csv
import io
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db.models import QuerySet
from django.test import Client, override_settings
from django.urls import reverse

from archive.exports import in_batches
from letters.datapackage import building
from letters.datapackage.tables import TABLES
from letters.models import ArchiveVersion, Letter
from tests.factories import first_row
from tests.responses import content_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed_archive")]

Work = Callable[[], object]


@pytest.fixture
def package_dir(tmp_path: Path) -> Iterator[Path]:
    """A folder of its own, where no version of the package was built yet."""
    with override_settings(ARCHIVE_DATA_PACKAGE_DIR=tmp_path / "data"):
        yield tmp_path / "data"


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch, package_dir: Path) -> Iterator[list[Work]]:
    """Builds started in the background, held until the test runs them (in its own thread:
    another thread's connection would not see the test's uncommitted data)."""
    pending: list[Work] = []
    monkeypatch.setattr(building, "in_a_thread", pending.append)
    with override_settings(ARCHIVE_DATA_PACKAGE_IN_BACKGROUND=True):
        yield pending


def get(client: Client, name: str = "letters.csv") -> tuple[str, str]:
    """The file's text and the response's Cache-Control."""
    response = client.get(reverse("letters:data_file", args=[name]))
    assert response.status_code == 200, name
    return content_of(response).decode(), response.get("Cache-Control", "")


def rows(text: str) -> int:
    return len(list(csv.reader(io.StringIO(text)))) - 1  # the header


def retitle(title: str) -> None:
    letter = first_row(Letter.objects.order_by("date"))
    letter.title = title
    letter.save()


def test_after_a_change_the_previous_version_is_sent_until_the_new_one_is_built(
    client: Client, started: list[Work]
) -> None:
    previous, _ = get(client)  # none was built: this request waited for the first
    assert started == []
    retitle("A title changed after the first build")
    for _ in range(2):
        text, cache_control = get(client)
        assert text == previous and "no-store" in cache_control
    assert started  # built apart from the request
    started[0]()
    text, cache_control = get(client)
    assert "A title changed after the first build" in text
    assert "no-store" not in cache_control


def test_a_failed_build_is_logged_and_leaves_the_previous_version_served(
    client: Client,
    started: list[Work],
    package_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    previous, _ = get(client)
    retitle("A title whose build fails")
    get(client)

    def fails(folder: Path) -> None:
        (folder / "letters.csv").write_text("id,slug\n1,half-wri")
        raise OSError("No space left on device")

    monkeypatch.setattr(building, "write_package", fails)
    with caplog.at_level(logging.ERROR, logger=building.__name__):
        started[0]()
    assert "could not be built" in caplog.text and "No space left" in caplog.text
    assert [p.name for p in package_dir.iterdir() if p.name.startswith(".building")] == []
    building_count = len(started)
    text, cache_control = get(client)
    assert text == previous and "no-store" in cache_control
    assert len(started) == building_count  # no build per download while the fault lasts
    long_ago = time.time() - building.RETRY_FAILED_SECONDS - 1
    os.utime(package_dir / building.FAILED, (long_ago, long_ago))
    get(client)
    assert len(started) == building_count + 1  # tried again a while later


def test_a_folder_being_built_is_never_served(
    client: Client, started: list[Work], monkeypatch: pytest.MonkeyPatch
) -> None:
    previous, _ = get(client)
    retitle("A title being built")
    get(client)
    during: list[tuple[str, str]] = []
    write_package = building.write_package

    def written_then_asked(folder: Path) -> None:
        write_package(folder)  # every file written, the folder not yet renamed
        during.append(get(client))

    monkeypatch.setattr(building, "write_package", written_then_asked)
    building_count = len(started)
    started[0]()
    assert during == [(previous, "no-store")]
    assert len(started) == building_count  # no second build while one runs
    assert "A title being built" in get(client)[0]


def test_the_first_build_is_waited_for_and_a_stale_half_built_folder_never_served(
    client: Client, package_dir: Path
) -> None:
    stale = package_dir / ".building-left-by-a-stopped-worker"
    stale.mkdir(parents=True)
    (stale / "letters.csv").write_text("id,slug\n1,half-wri")
    text, cache_control = get(client)
    assert rows(text) == Letter.objects.count() and "no-store" not in cache_control
    assert not stale.exists()


def test_when_no_version_could_be_built_the_download_is_a_503_to_retry(
    client: Client,
    package_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    builds: list[Path] = []

    def fails(folder: Path) -> None:
        builds.append(folder)
        raise OSError("No space left on device")

    monkeypatch.setattr(building, "write_package", fails)
    with caplog.at_level(logging.ERROR, logger=building.__name__):
        for _ in range(2):
            response = client.get(reverse("letters:data_file", args=["archive-data.zip"]))
            assert response.status_code == 503
            assert int(response["Retry-After"]) > 0 and "no-store" in response["Cache-Control"]
            assert "being prepared" in response.content.decode()
    assert "No space left" in caplog.text
    assert len(builds) == 1  # the second download did not wait for another failed build


def test_the_build_reads_each_table_a_batch_of_rows_at_a_time(
    client: Client, package_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    batch_size = 3
    largest: dict[str, int] = {}

    def small_batches(queryset: QuerySet[Any], *args: Any) -> Iterator[list[Any]]:
        assert queryset._result_cache is None  # never the whole table in memory
        name = queryset.model._meta.db_table
        largest[name] = 0
        for batch in in_batches(queryset, batch_size, batch_size):
            largest[name] = max(largest[name], len(batch))
            yield batch

    monkeypatch.setattr(building, "in_batches", small_batches)
    text, _ = get(client)
    assert len(largest) == len(TABLES)
    assert max(largest.values()) == batch_size
    assert rows(text) == Letter.objects.count() > batch_size  # every row written


def test_the_command_builds_the_current_version_before_any_request(
    client: Client, package_dir: Path
) -> None:
    call_command("build_data_package", verbosity=0)
    assert (package_dir / str(ArchiveVersion.current()) / "archive-data.zip").is_file()
    with override_settings(ARCHIVE_DATA_PACKAGE_IN_BACKGROUND=True):
        assert "no-store" not in get(client)[1]


def test_a_background_build_runs_in_a_thread_of_its_own() -> None:
    ran = threading.Event()
    names: list[str] = []

    def work() -> None:
        names.append(threading.current_thread().name)
        ran.set()

    building.in_a_thread(work)
    assert ran.wait(timeout=60)
    assert names == ["data-package-build"] != [threading.current_thread().name]


def test_where_the_download_builds_itself_a_failed_build_still_sends_the_previous_version(
    client: Client,
    package_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    previous, _ = get(client)
    retitle("A title whose build fails in the request")

    def fails(folder: Path) -> None:
        raise OSError("No space left on device")

    monkeypatch.setattr(building, "write_package", fails)
    with (
        override_settings(ARCHIVE_DATA_PACKAGE_IN_BACKGROUND=False),
        caplog.at_level(logging.ERROR, logger=building.__name__),
    ):
        text, cache_control = get(client)
    assert text == previous and "no-store" in cache_control
    assert "No space left" in caplog.text
