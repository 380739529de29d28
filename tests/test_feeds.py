"""Anything a visitor can follow has its feed: a legislator, a detainee, a demand, a campaign
and any filtered letters list. Each is valid Atom, links absolute on the configured site,
keeps its entries' ids through an edit, and never shows an internal event."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from letters.models import Letter
from people.models.events import DetaineeEvent
from tests.factories import (
    make_campaign,
    make_demand,
    make_detainee,
    make_event,
    make_legislator,
    make_letter,
)

pytestmark = pytest.mark.django_db
ATOM = {"atom": "http://www.w3.org/2005/Atom"}
INTERNAL_NOTE = "Editors only: the family asked us to wait"


@pytest.fixture
def archive() -> dict[str, Any]:
    titus = make_legislator("Dina Titus", party="D", state="NV")
    valadao = make_legislator("David Valadao", party="R", state="CA")
    vardanyan = make_detainee("Ruben Vardanyan")
    mnatsakanyan = make_detainee("Levon Mnatsakanyan")
    sanctions = make_demand("Magnitsky sanctions")
    april = make_letter(
        "Titus letter",
        "2025-04-11",
        signers=[titus],
        detainees=[vardanyan],
        demands=[(sanctions, "impose sanctions")],
    )
    june = make_letter("Valadao letter", "2025-06-02", signers=[valadao], detainees=[mnatsakanyan])
    make_event(vardanyan, "detained", "2023-09-27")
    make_event(
        vardanyan,
        "transferred",
        "2024-02-01",
        description="Transferred, unconfirmed.",
        is_public=False,
        internal_note=INTERNAL_NOTE,
    )
    campaign = make_campaign("Caucus letters", [april])
    return {
        "titus": titus,
        "valadao": valadao,
        "vardanyan": vardanyan,
        "mnatsakanyan": mnatsakanyan,
        "sanctions": sanctions,
        "april": april,
        "june": june,
        "campaign": campaign,
    }


def parse(client: Client, url: str) -> ET.Element:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def check_atom(feed: ET.Element) -> None:
    """What RFC 4287 requires of a feed and of each entry, every link absolute."""
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    for required in ("atom:id", "atom:title", "atom:updated", "atom:author/atom:name"):
        assert feed.findtext(required, namespaces=ATOM), required
    assert feed.find("atom:link[@rel='self']", ATOM) is not None
    for entry in feed.findall("atom:entry", ATOM):
        for required in ("atom:id", "atom:title", "atom:updated"):
            assert entry.findtext(required, namespaces=ATOM), required
        assert entry.find("atom:link[@rel='alternate']", ATOM) is not None
    for link in feed.iter("{http://www.w3.org/2005/Atom}link"):
        assert link.get("href", "").startswith("http://testserver/")


def titles(feed: ET.Element) -> list[str]:
    return [entry.findtext("atom:title", "", ATOM) for entry in feed.findall("atom:entry", ATOM)]


def link(feed: ET.Element, rel: str) -> str:
    """The address of the feed's link of this relation; the test fails where there is none."""
    element = feed.find(f"atom:link[@rel='{rel}']", ATOM)
    assert element is not None, rel
    return element.get("href", "")


def ids(feed: ET.Element) -> dict[str, str]:
    return {
        entry.findtext("atom:title", "", ATOM): entry.findtext("atom:id", "", ATOM)
        for entry in feed.findall("atom:entry", ATOM)
    }


def feed_urls(archive: dict[str, Any]) -> dict[str, str]:
    return {
        "legislator": reverse("people:legislator_feed", args=[archive["titus"].slug]),
        "detainee": reverse("people:detainee_feed", args=[archive["vardanyan"].slug]),
        "demand": reverse("letters:demand_feed", args=[archive["sanctions"].slug]),
        "campaign": reverse("letters:campaign_feed", args=[archive["campaign"].slug]),
        "filtered": reverse("letters:letter_feed") + "?party=D&state=NV",
        "all letters": reverse("letters:letter_feed"),
    }


def test_every_feed_is_valid_atom_with_absolute_links(
    client: Client, archive: dict[str, Any]
) -> None:
    for url in feed_urls(archive).values():
        check_atom(parse(client, url))


def test_each_feed_holds_the_letters_of_what_it_follows(
    client: Client, archive: dict[str, Any]
) -> None:
    urls = feed_urls(archive)
    april, june = "Titus letter (April 11, 2025)", "Valadao letter (June 2, 2025)"
    assert titles(parse(client, urls["legislator"])) == [april]
    assert titles(parse(client, urls["demand"])) == [april]
    assert titles(parse(client, urls["campaign"])) == [april]
    assert titles(parse(client, urls["filtered"])) == [april]
    assert titles(parse(client, urls["all letters"])) == [june, april]
    assert titles(parse(client, reverse("letters:letter_feed") + "?party=R")) == [june]


def test_a_detainees_feed_has_their_letters_and_public_events_never_an_internal_one(
    client: Client, archive: dict[str, Any]
) -> None:
    feed = parse(client, feed_urls(archive)["detainee"])
    assert titles(feed) == ["Titus letter (April 11, 2025)", "Detained (September 27, 2023)"]
    text = ET.tostring(feed, encoding="unicode")
    assert "Transferred" not in text and INTERNAL_NOTE not in text
    other = parse(client, reverse("people:detainee_feed", args=[archive["mnatsakanyan"].slug]))
    assert titles(other) == ["Valadao letter (June 2, 2025)"]


def test_entry_ids_stay_the_same_when_the_records_are_edited(
    client: Client, archive: dict[str, Any]
) -> None:
    urls = feed_urls(archive)
    every_before = {url: sorted(ids(parse(client, url)).values()) for url in urls.values()}
    url = urls["detainee"]
    before = list(ids(parse(client, url)).values())
    letter: Letter = archive["april"]
    letter.title = "Titus letter, corrected"
    letter.save()
    event = DetaineeEvent.objects.get(kind="detained")
    event.kind = "charged"
    event.description = "Charged, as the report says."
    event.save()
    after = ids(parse(client, url))
    assert list(after) == [
        "Titus letter, corrected (April 11, 2025)",
        "Charged (September 27, 2023)",
    ]
    assert list(after.values()) == before
    assert before[0] == "http://testserver" + letter.get_absolute_url()
    assert before[1] == f"tag:testserver,2025:detainee-event:{event.pk}"
    assert {url: sorted(ids(parse(client, url)).values()) for url in urls.values()} == every_before


def test_each_page_announces_its_feed_in_the_head_and_links_it(
    client: Client, archive: dict[str, Any]
) -> None:
    pages = {
        "legislator": archive["titus"].get_absolute_url(),
        "detainee": archive["vardanyan"].get_absolute_url(),
        "demand": archive["sanctions"].get_absolute_url(),
        "campaign": archive["campaign"].get_absolute_url(),
        "filtered": reverse("letters:letter_list") + "?sort=date&party=D&state=NV&page=1",
    }
    feeds = feed_urls(archive)
    for kind, page in pages.items():
        html = client.get(page).content.decode()
        feed = feeds[kind].replace("&", "&amp;")
        assert '<link rel="alternate" type="application/atom+xml" title=' in html
        assert f'href="{feed}">' in html, kind  # in the head
        assert f'<a href="{feed}" type="application/atom+xml">' in html, kind  # on the page


def test_a_bad_filter_value_answers_400_like_the_list(
    client: Client, archive: dict[str, Any]
) -> None:
    response = client.get(reverse("letters:letter_feed") + "?party=Q&year=nope")
    assert response.status_code == 400
    text = response.content.decode()
    assert text.startswith("No feed: some filter values are not valid.")
    assert "Year: Enter a whole number." in text
    assert client.get(reverse("letters:letter_list") + "?party=Q").status_code == 400


def test_search_words_xml_cannot_hold_still_give_a_valid_feed(
    client: Client, archive: dict[str, Any]
) -> None:
    """A control character in the words searched (a visitor's, echoed in the feed's title)
    is left out of the feed, which XML 1.0 could not otherwise hold."""
    feed = parse(client, reverse("letters:letter_feed") + "?q=Titus%1B")
    check_atom(feed)
    assert feed.findtext("atom:title", "", ATOM).endswith("Titus)")


def test_an_unknown_record_has_no_feed(client: Client, archive: dict[str, Any]) -> None:
    for name in ("people:legislator_feed", "people:detainee_feed", "letters:demand_feed"):
        assert client.get(reverse(name, args=["nobody"])).status_code == 404


def test_a_filtered_feed_is_titled_and_linked_by_its_filters(
    client: Client, archive: dict[str, Any]
) -> None:
    feed = parse(client, feeds := feed_urls(archive)["filtered"])
    title = feed.findtext("atom:title", "", ATOM)
    assert title.endswith("letters (Signer's party: Democrat; Signer's state: Nevada)")
    assert link(feed, "alternate") == "http://testserver/letters/?party=D&state=NV"
    assert link(feed, "self") == "http://testserver" + feeds


def test_feeds_are_kept_in_the_page_cache_filters_included_and_renewed_by_an_edit(
    client: Client, archive: dict[str, Any]
) -> None:
    urls = feed_urls(archive)
    with override_settings(ARCHIVE_PAGE_CACHE=True):
        for url in (urls["detainee"], urls["filtered"]):
            states = [client.get(url)["X-Archive-Cache"] for _ in range(2)]
            assert states == ["miss", "hit"], url
        make_letter("New letter", "2025-07-01", detainees=[archive["vardanyan"]])
        renewed = client.get(urls["detainee"])
        assert renewed["X-Archive-Cache"] == "miss"
        assert "New letter (July 1, 2025)" in titles(ET.fromstring(renewed.content))
