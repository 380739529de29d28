"""An event kept internal is seen in the admin only: no public page, export, feed or sitemap
shows it, whichever way a visitor or a crawler comes."""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from letters.models import Source
from people.events import DetaineeEvent
from people.models import Detainee
from tests.site_crawl import crawl

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed_archive")]

INTERNAL = "Internal-only: transfer to Baku prison unconfirmed"
NOTE = "Editors: wait for the consent of the family"
PUBLIC = "Public and reviewed: reported in custody"


def body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


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


def test_an_internal_event_is_on_no_public_page_export_feed_or_sitemap(client: Client) -> None:
    add_event(INTERNAL, is_public=False, note=NOTE)
    add_event(PUBLIC, is_public=True)
    pages = {url: body(response) for url, response in crawl(client)}
    for url in ("/sitemap.xml", reverse("letters:letter_feed")):
        pages[url] = body(client.get(url))
    for url in re.findall(r"<loc>http://testserver([^<]+)</loc>", pages["/sitemap.xml"]):
        pages.setdefault(url, body(client.get(url)))
    assert any(url.endswith("/events.csv") for url in pages)  # the events export was reached
    assert any(PUBLIC in text for text in pages.values())  # the crawl does see events
    leaks = [url for url, text in pages.items() if INTERNAL in text or NOTE in text]
    assert leaks == []
    # Nor is the internal event's kind or month on the story.
    story = pages[reverse("people:detainee_detail", args=["ruben-vardanyan"])]
    assert "Transferred" not in story and "December 2025" in story  # the public one is


def test_editors_see_and_review_internal_events_in_the_admin(client: Client) -> None:
    event = add_event(INTERNAL, is_public=False, note=NOTE)
    client.force_login(User.objects.create_superuser("editor", "e@example.org", "pw"))
    listing = client.get(reverse("admin:people_detaineeevent_changelist") + "?is_public__exact=0")
    assert "Transferred" in listing.content.decode()
    change = client.get(reverse("admin:people_detaineeevent_change", args=[event.pk]))
    assert NOTE in change.content.decode()
