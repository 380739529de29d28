"""No edit is ever lost: admin changes are versioned, revertible, and deletions recoverable."""

import pytest
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from letters.loading import load_archive
from letters.models import Letter, Signatory
from tests.admin_forms import admin_form_data

pytestmark = pytest.mark.django_db

SLUG = "2025-04-11-titus-smith-rubio"


@pytest.fixture
def editor(seed_archive: None, client: Client) -> Client:
    client.force_login(User.objects.create_superuser("editor", "e@example.org", "long-passphrase"))
    return client


def test_loading_gives_every_record_a_first_version() -> None:
    load_archive()
    letter = Letter.objects.get(slug=SLUG)
    [version] = Version.objects.get_for_object(letter)
    assert version.revision.comment.startswith("Loaded from fixtures")
    assert Version.objects.get_for_model(Signatory).count() == 69


def test_reverting_an_edit_in_the_admin_restores_the_earlier_state(editor: Client) -> None:
    letter = Letter.objects.get(slug=SLUG)
    original_title = letter.title
    first = Version.objects.get_for_object(letter).get()

    change_url = reverse("admin:letters_letter_change", args=[letter.pk])
    data = admin_form_data(editor.get(change_url))
    data["title"] = "Vandalised"
    data["signatories-0-DELETE"] = "on"
    assert editor.post(change_url, data).status_code == 302
    letter.refresh_from_db()
    assert (letter.title, letter.signatories.count()) == ("Vandalised", 35)

    history = editor.get(reverse("admin:letters_letter_history", args=[letter.pk]))
    assert history.status_code == 200 and "Loaded from fixtures" in history.text
    assert Version.objects.get_for_object(letter).count() == 2

    # Post the revision page's form as it shows the earlier state.
    revision_url = reverse("admin:letters_letter_revision", args=[letter.pk, first.pk])
    response = editor.post(revision_url, admin_form_data(editor.get(revision_url)))
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.title == original_title
    assert letter.signatories.count() == 36
    assert letter.signatories.get(position=1).printed_name == "Dina Titus"


def test_a_deleted_letter_is_recovered_with_its_signatories(editor: Client) -> None:
    letter = Letter.objects.get(slug=SLUG)
    pk = letter.pk
    response = editor.post(reverse("admin:letters_letter_delete", args=[pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Letter.objects.filter(pk=pk).exists()
    assert not Signatory.objects.filter(letter_id=pk).exists()

    recover_list = editor.get(reverse("admin:letters_letter_recoverlist"))
    assert "Titus-Smith letter" in recover_list.text
    version = Version.objects.get_deleted(Letter).get(object_id=str(pk))
    recover_url = reverse("admin:letters_letter_recover", args=[version.pk])
    response = editor.post(recover_url, admin_form_data(editor.get(recover_url)))
    assert response.status_code == 302
    restored = Letter.objects.get(slug=SLUG)
    assert restored.signatories.count() == 36
    assert restored.signatories.get(position=1).printed_name == "Dina Titus"


def test_a_bulk_delete_is_logged_with_who_and_when_and_recoverable(editor: Client) -> None:
    letters = Letter.objects.filter(chamber="senate").order_by("pk")
    pks = list(letters.values_list("pk", flat=True))
    assert len(pks) == 2
    changelist = reverse("admin:letters_letter_changelist")
    response = editor.post(
        changelist,
        {"action": "delete_selected", "_selected_action": [str(pk) for pk in pks], "post": "yes"},
    )
    assert response.status_code == 302
    assert not Letter.objects.filter(pk__in=pks).exists()

    log = LogEntry.objects.filter(action_flag=DELETION, object_id__in=[str(pk) for pk in pks])
    assert log.count() == 2
    assert {entry.user.username for entry in log} == {"editor"}
    edit_log = editor.get(reverse("admin:admin_logentry_changelist"))
    assert edit_log.status_code == 200 and "Markey-Cassidy-Peters-Tillis" in edit_log.text

    for pk in pks:
        version = Version.objects.get_deleted(Letter).get(object_id=str(pk))
        recover_url = reverse("admin:letters_letter_recover", args=[version.pk])
        assert editor.post(recover_url, admin_form_data(editor.get(recover_url))).status_code == 302
    assert Letter.objects.filter(pk__in=pks).count() == 2
    assert Signatory.objects.filter(letter_id__in=pks).count() == 4
