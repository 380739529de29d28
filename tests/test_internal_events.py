"""An event kept internal is seen in the admin only: no public page, export, feed or sitemap
shows it, whichever way a visitor or a crawler comes (that half is read from the whole
site's crawl, tests/test_whole_site.py)."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from letters.models import Source
from people.models import Detainee
from people.models.events import DetaineeEvent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed_archive")]

INTERNAL = "Internal-only: transfer to Baku prison unconfirmed"
NOTE = "Editors: wait for the consent of the family"
PUBLIC = "Public and reviewed: reported in custody"


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
