"""No edit is ever lost: admin changes are versioned, revertible, and deletions recoverable."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from letters.loading import load_archive
from letters.models import Letter, Signatory

pytestmark = pytest.mark.django_db

SLUG = "2025-04-11-titus-smith-rubio"


@pytest.fixture
def editor(client: Client) -> Client:
    load_archive()
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
    Letter.objects.filter(pk=letter.pk).update(title="Vandalised")

    history = editor.get(reverse("admin:letters_letter_history", args=[letter.pk]))
    assert history.status_code == 200 and "Loaded from fixtures" in history.text

    revision_url = reverse("admin:letters_letter_revision", args=[letter.pk, first.pk])
    form = editor.get(revision_url)
    assert form.status_code == 200
    data = {
        key: value
        for key, value in form.context["adminform"].form.initial.items()
        if value is not None
    }
    # Post the form exactly as the revision page shows it (the earlier state).
    response = editor.post(revision_url, _form_data(form))
    assert response.status_code == 302, data
    letter.refresh_from_db()
    assert letter.title == original_title
    assert letter.signatories.count() == 36


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
    response = editor.post(recover_url, _form_data(editor.get(recover_url)))
    assert response.status_code == 302
    restored = Letter.objects.get(slug=SLUG)
    assert restored.signatories.count() == 36
    assert restored.signatories.get(position=1).printed_name == "Dina Titus"


def _form_data(response) -> dict[str, object]:
    """The POST data a browser would send for the admin form in `response`."""
    data: dict[str, object] = {}
    adminform = response.context["adminform"].form
    for name in adminform.fields:
        value = adminform[name].value()
        if value is None:
            continue
        data[name] = [str(v) for v in value] if isinstance(value, list | tuple) else value
    for formset in response.context["inline_admin_formsets"]:
        fs = formset.formset
        management = fs.management_form
        for name in management.fields:
            data[f"{fs.prefix}-{name}"] = management[name].value()
        for form in fs.forms:
            for name in form.fields:
                value = form[name].value()
                if value is not None and value is not False:
                    data[form.add_prefix(name)] = value
    return data
