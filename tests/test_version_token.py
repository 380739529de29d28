"""One token in the database says "the archive changed": every change replaces it in its
own transaction, once, through one receiver; a rolled-back change leaves it as it was."""

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.test.utils import CaptureQueriesContext

from letters.models import ArchiveVersion, Demand, Letter, Signatory, Source
from letters.signals import archive_changed

pytestmark = pytest.mark.django_db


def token_updates(queries: CaptureQueriesContext) -> int:
    table = ArchiveVersion._meta.db_table
    return sum(1 for q in queries.captured_queries if q["sql"].startswith(f'UPDATE "{table}"'))


def test_saving_a_signatory_costs_a_few_queries(seed_archive: None) -> None:
    """The old receivers wrote two tokens, one of them in the cache: 12 queries per
    signatory on the database cache. Now: read its letter and legislator before, save,
    one token update, recount the two tallies."""
    signatory = Signatory.objects.first()
    before = ArchiveVersion.current()
    with CaptureQueriesContext(connection) as queries:
        signatory.save()
    assert len(queries) <= 8
    assert token_updates(queries) == 1
    assert ArchiveVersion.current() != before


def test_a_changed_link_between_records_replaces_the_token_once(seed_archive: None) -> None:
    letter = Letter.objects.first()
    source = Source.objects.exclude(letters=letter).first()
    with CaptureQueriesContext(connection) as queries:
        letter.sources.add(source)
    assert token_updates(queries) == 1


def test_a_rolled_back_change_leaves_the_token_as_it_was(seed_archive: None) -> None:
    before = ArchiveVersion.current()
    with pytest.raises(RuntimeError), transaction.atomic():
        Demand.objects.first().save()
        assert ArchiveVersion.current() != before  # in the transaction, at once
        raise RuntimeError("the edit fails after the save")
    assert ArchiveVersion.current() == before


def test_every_record_of_the_archive_is_watched_by_the_one_receiver() -> None:
    for label in ("letters", "people"):
        for model in apps.get_app_config(label).get_models():
            for signal in (post_save, post_delete):
                receivers = signal._live_receivers(model)[0]
                assert archive_changed in receivers, (model, signal)
    assert archive_changed in m2m_changed._live_receivers(Letter.sources.through)[0]
