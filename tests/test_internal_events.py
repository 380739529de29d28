"""An event kept internal is seen in the admin only: no public page, export, feed or sitemap
shows it, whichever way a visitor or a crawler comes (that half is read from the whole
site's crawl, tests/test_whole_site.py)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import reversion
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.options import BaseModelAdmin
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from archive.editors_only import EditorsOnlyFieldsAdmin, editors_only_fields
from archive.roles import EDITORS, VIEWERS
from letters.models import Source
from people.models import Detainee
from people.models.events import DetaineeEvent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed_archive")]

INTERNAL = "Internal-only: transfer to Baku prison unconfirmed"
NOTE = "Editors: wait for the consent of the family"
PUBLIC = "Public and reviewed: reported in custody"
PUBLIC_NOTE = "Editors: the family gave consent to publish, not to name the cell"


def add_event(description: str, *, is_public: bool, note: str = "") -> DetaineeEvent:
    source = Source.objects.get(slug="2025-11-21-letter-ocr")
    event = DetaineeEvent(
        detainee=Detainee.objects.get(slug="ruben-vardanyan"),
        kind="transferred" if not is_public else "charged",
        date=datetime.date(2025, 12, 1),
        date_precision="month",
        description=description,
        source=source,
        passage="continues to\ndetain and abuse Armenian prisoners of war",
        is_public=is_public,
        internal_note=note,
    )
    event.full_clean()
    event.save()
    return event


def test_editors_see_and_review_internal_events_in_the_admin(client: Client) -> None:
    event = add_event(INTERNAL, is_public=False, note=NOTE)
    client.force_login(User.objects.create_superuser("editor", "e@example.org", "pw"))
    listing = client.get(reverse("admin:people_detaineeevent_changelist") + "?is_public__exact=0")
    assert "Transferred" in listing.content.decode()
    change = client.get(reverse("admin:people_detaineeevent_change", args=[event.pk]))
    assert NOTE in change.content.decode()


def staff_member(username: str, group: str) -> User:
    user = User.objects.create_user(username, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def admin_pages(event: DetaineeEvent) -> dict[str, str]:
    """Every admin page showing the event or its detainee: change forms (the detainee's
    with its events inline), the list, a search for a word of the note, and the event's
    history with a version read from it."""
    with reversion.create_revision():
        event.save()
    version = Version.objects.get_for_object(event).latest("pk")
    changelist = reverse("admin:people_detaineeevent_changelist")
    return {
        "change": reverse("admin:people_detaineeevent_change", args=[event.pk]),
        "detainee": reverse("admin:people_detainee_change", args=[event.detainee_id]),
        "list": changelist + "?is_public__exact=0",
        "search": changelist + "?q=consent",
        "history": reverse("admin:people_detaineeevent_history", args=[event.pk]),
        "version": reverse("admin:people_detaineeevent_revision", args=[event.pk, version.pk]),
    }


def test_viewers_never_see_an_events_internal_note_in_the_admin(client: Client) -> None:
    event = add_event(INTERNAL, is_public=False, note=NOTE)
    pages = admin_pages(event)
    client.force_login(staff_member("reader", VIEWERS))
    answers = {name: client.get(url) for name, url in pages.items()}
    assert {name: answer.status_code for name, answer in answers.items()} == dict.fromkeys(
        pages, 200
    )
    assert [name for name, answer in answers.items() if NOTE in answer.text] == []
    assert [name for name, answer in answers.items() if "Internal note" in answer.text] == []
    assert INTERNAL in answers["change"].text  # the event itself is theirs to read
    assert "0 detainee events" in answers["search"].text  # its note is not searched
    # Nor can the list be filtered by the note, a word at a time.
    probe = client.get(
        reverse("admin:people_detaineeevent_changelist") + "?internal_note__contains=consent"
    )
    assert probe.status_code == 400


def test_editors_see_the_note_on_every_admin_page_that_shows_it(client: Client) -> None:
    event = add_event(INTERNAL, is_public=False, note=NOTE)
    pages = admin_pages(event)
    client.force_login(staff_member("writer", EDITORS))
    for name in ("change", "detainee", "version"):
        assert NOTE in client.get(pages[name]).text, name
    assert "1 detainee event" in client.get(pages["search"]).text


def test_every_field_documented_for_editors_only_is_hidden_from_viewers() -> None:
    """A field whose help_text says it is for editors only is declared so on its model, and
    every admin page of that model (its ModelAdmin and every inline of it) hides it."""
    documented = {
        (model, field.name)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if "for editors only" in str(getattr(field, "help_text", "")).lower()
    }
    declared = {(model, name) for model in apps.get_models() for name in editors_only_fields(model)}
    assert documented == declared and documented
    admins: list[BaseModelAdmin[Any] | type[BaseModelAdmin[Any]]] = [
        *admin.site._registry.values(),
        *(
            inline
            for model_admin in admin.site._registry.values()
            for inline in model_admin.inlines
        ),
    ]
    for model, _ in declared:
        showing = [a for a in admins if a.model is model]
        assert showing and all(
            issubclass(type(a) if not isinstance(a, type) else a, EditorsOnlyFieldsAdmin)
            for a in showing
        ), showing
