"""The seed archive most modules read (tests/seeded.py) is the loader's own output: written
again from its rows, it is row for row what a load gives, and a load on top of it finds
nothing to change."""

import json
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.core.management import call_command
from django.db import transaction
from reversion.models import Version

from letters.loading import load_archive
from letters.models import ArchiveVersion, Letter
from tests.seeded import TableRows, load_seed_archive, loaded_models

pytestmark = pytest.mark.django_db


@contextmanager
def rolled_back() -> Iterator[None]:
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def every_row() -> dict[str, list[tuple[object, ...]]]:
    return {model._meta.label: TableRows(model).rows for model in loaded_models()}


def test_the_rows_written_again_are_those_a_load_gives() -> None:
    with rolled_back():
        load_seed_archive()  # a real load, if no earlier test in this process made one
        loaded = every_row()
    with rolled_back():
        load_seed_archive()
        written = every_row()
        token = ArchiveVersion.current()
        report = load_archive()
        assert sum(report.created.values()) + sum(report.updated.values()) == 0
        assert every_row() == written
    assert written == loaded
    assert len(loaded["letters.Letter"]) == 5 and len(loaded["reversion.Version"]) > 100
    # A new token, as after a load: nothing a process kept from another module is reused.
    with rolled_back():
        load_seed_archive()
        assert ArchiveVersion.current() != token


def assert_versions_point_at_their_records() -> None:
    letter = Letter.objects.get(slug="2025-04-11-titus-smith-rubio")
    [version] = Version.objects.get_for_object(letter)
    assert version.object_id == str(letter.pk)
    for stored in Version.objects.select_related("content_type"):
        [saved] = json.loads(stored.serialized_data)
        content_type = stored.content_type
        assert saved["model"] == f"{content_type.app_label}.{content_type.model}"


def test_after_a_flush_the_versions_point_at_the_renumbered_content_types() -> None:
    with rolled_back():
        load_seed_archive()
    with rolled_back():
        call_command("flush", interactive=False, verbosity=0)  # content types numbered afresh
        load_seed_archive()
        assert_versions_point_at_their_records()
    # The flush is undone, and the first numbering is back, though not in Django's memory.
    load_seed_archive()
    assert_versions_point_at_their_records()
