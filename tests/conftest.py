"""Fixtures shared by the test modules.

Data that many tests of a module read is built once per module, inside a transaction that
is rolled back after the module's last test; each test runs in a savepoint within it (as
Django's `setUpTestData` does), so a test's own changes never reach the next one.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import transaction
from pytest_django import DjangoDbBlocker

from tests.legislator_records import reference_people, write_yaml
from tests.prepared_archive import PreparedArchive, prepared_archive
from tests.seeded import load_seed_archive


@contextmanager
def kept_for_module(django_db_blocker: DjangoDbBlocker) -> Iterator[None]:
    """Database access for a module-scoped fixture, undone when the fixture ends."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def seed_archive(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[None]:
    """The archive loaded from fixtures/, once for the module. Only for modules whose tests
    all use it or all expect it (the data stays until the module's last test)."""
    with kept_for_module(django_db_blocker):
        load_seed_archive()
        yield


@pytest.fixture
def reference_file(tmp_path: Path) -> Path:
    """A small congress-legislators file (tests/legislator_records.py) to import."""
    return write_yaml(tmp_path, reference_people())


@pytest.fixture(scope="session")
def prepared_sqlite_archive(tmp_path_factory: pytest.TempPathFactory) -> PreparedArchive:
    """The archive set up once for the whole run, for tests that start servers
    (tests/prepared_archive.py)."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # the folder all the run's test processes share
    return prepared_archive(shared)
