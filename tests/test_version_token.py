"""One token in the database says "the archive changed": every change replaces it in its
own transaction, once, through one receiver; a rolled-back change leaves it as it was."""

from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.test.utils import CaptureQueriesContext

from archive.changes import batched_changes, records_changed_in_bulk
from letters.models import (
    ArchiveVersion,
    Demand,
    Letter,
    LetterTally,
    Signatory,
    Source,
    refresh_tallies,
)
from letters.signals import archive_changed
from people.importing import import_legislators
from tests.factories import first_row
from tests.legislator_records import reference_people, term, write_yaml

pytestmark = pytest.mark.django_db


def token_updates(queries: CaptureQueriesContext) -> int:
    table = ArchiveVersion._meta.db_table
    return sum(1 for q in queries.captured_queries if q["sql"].startswith(f'UPDATE "{table}"'))


def test_saving_a_signatory_costs_a_few_queries(seed_archive: None) -> None:
    """Saving a signatory reads its letter and legislator, saves, bumps the one version
    token and recounts the two tallies: nothing written to the cache."""
    signatory = first_row(Signatory.objects)
    before = ArchiveVersion.current()
    with CaptureQueriesContext(connection) as queries:
        signatory.save()
    assert len(queries) <= 8
    assert token_updates(queries) == 1
    assert ArchiveVersion.current() != before


def test_a_changed_link_between_records_replaces_the_token_once(seed_archive: None) -> None:
    letter = first_row(Letter.objects)
    source = first_row(Source.objects.exclude(letters=letter))
    with CaptureQueriesContext(connection) as queries:
        letter.sources.add(source)
    assert token_updates(queries) == 1


def test_a_rolled_back_change_leaves_the_token_as_it_was(seed_archive: None) -> None:
    before = ArchiveVersion.current()
    with pytest.raises(RuntimeError), transaction.atomic():
        first_row(Demand.objects).save()
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


def test_changes_in_a_batch_replace_the_token_and_recount_once_at_its_end(
    seed_archive: None,
) -> None:
    """Loading the fixtures or importing legislators: one token update and one recount for
    the whole batch, and the tallies come out as saving the rows one by one makes them."""
    from letters.models import LetterTally

    signatories = list(Signatory.objects.order_by("pk")[:2])
    moved = signatories[0]
    letter = first_row(Letter.objects.exclude(pk=moved.letter_id))
    before = LetterTally.objects.get(letter=letter).signers
    with CaptureQueriesContext(connection) as queries, batched_changes():
        moved.letter, moved.position = letter, 999
        moved.save()
        signatories[1].save()
        assert token_updates(queries) == 0
        assert LetterTally.objects.get(letter=letter).signers == before  # not yet
    assert token_updates(queries) == 1
    assert LetterTally.objects.get(letter=letter).signers == before + 1
    recounted = {tally.letter_id: tally.signers for tally in LetterTally.objects.all()}
    refresh_tallies(letters=None)
    assert recounted == {tally.letter_id: tally.signers for tally in LetterTally.objects.all()}


def test_a_batch_cut_short_by_an_error_does_nothing_at_its_end(seed_archive: None) -> None:
    before = ArchiveVersion.current()
    with pytest.raises(ValueError), transaction.atomic(), batched_changes():
        first_row(Signatory.objects).save()
        raise ValueError("a bad record")
    assert ArchiveVersion.current() == before


def test_an_import_that_only_adds_terms_replaces_the_token(tmp_path: Path) -> None:
    """Terms are written with bulk_create, which sends no signal: a member's new term
    (their rows otherwise unchanged) must still retire every page built on the old ones."""
    people = reference_people()
    import_legislators(write_yaml(tmp_path, people))
    before = ArchiveVersion.current()
    markey = next(p for p in people if p["id"]["bioguide"] == "M000133")
    markey["terms"].insert(0, term("rep", "MA", district=7, start="1976-01-04"))
    dry = import_legislators(write_yaml(tmp_path, people), dry_run=True)
    assert dry.terms_created == 1 and ArchiveVersion.current() == before  # rolled back
    report = import_legislators(write_yaml(tmp_path, people))
    assert (report.updated, report.terms_created) == (0, 1)
    assert ArchiveVersion.current() != before


def test_records_written_in_bulk_replace_the_token_and_recount_every_tally(
    seed_archive: None,
) -> None:
    """Any write without a signal per row says so (records_changed_in_bulk): one token
    update, and the tallies of a model that counts in them recounted whole."""
    letter = first_row(Letter.objects)
    LetterTally.objects.filter(letter=letter).update(signers=999)
    before = ArchiveVersion.current()
    with transaction.atomic(), batched_changes():
        for _ in range(3):
            records_changed_in_bulk.send(sender=Signatory, using="default")
    assert ArchiveVersion.current() != before
    assert LetterTally.objects.get(letter=letter).signers == letter.signatories.count()


def test_loading_a_backup_with_loaddata_replaces_the_token(
    seed_archive: None, tmp_path: Path
) -> None:
    """loaddata saves raw rows (docs/deploying.md: Backups); each still replaces it."""
    backup = tmp_path / "campaigns.json"
    call_command("dumpdata", "letters.campaign", "--natural-foreign", "-o", str(backup))
    before = ArchiveVersion.current()
    call_command("loaddata", str(backup), verbosity=0)
    assert ArchiveVersion.current() != before
