"""Every public page of the seed archive says what its sources say, and no more.

A visitor reads a page of every kind and every record's page (the seed archive loaded
from fixtures/) and finds no number of signers, role or title that the five seed documents do
not support, and none of the archive's internal details.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoDbBlocker

from letters.models import Bill, Demand, Letter, Recipient, Source
from people.models import Detainee, Legislator
from tests.conftest import kept_for_module
from tests.seeded import load_seed_archive

pytestmark = pytest.mark.django_db


class TextParser(HTMLParser):
    """The text a reader sees (no script or style; attributes left out)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "textarea"):
            self.hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "textarea"):
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = TextParser()
    parser.feed(html)
    return re.sub(r"\s+", " ", " ".join(parser.parts))


def public_pages() -> list[str]:
    """Every public page kind of the seed archive, each record's page once (following every
    link, filter combinations included, would read thousands of pages saying the same)."""
    urls = [
        reverse(name)
        for name in (
            "letters:home",
            "letters:letter_list",
            "letters:demand_list",
            "letters:about",
            "people:legislator_list",
            "people:detainee_list",
        )
    ]
    urls.append(reverse("letters:search") + "?q=Vardanyan")
    for model in (Letter, Legislator, Detainee, Demand, Source, Recipient, Bill):
        urls += [record.get_absolute_url() for record in model.objects.all()]
    return urls


@pytest.fixture(scope="module")
def pages(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[dict[str, str]]:
    """Every public page of the seed archive, as the text a reader sees, by URL (read once
    for the module)."""
    client = Client()
    with kept_for_module(django_db_blocker):
        load_seed_archive()
        found = {}
        for url in public_pages():
            response = client.get(url)
            assert response.status_code == 200, url
            found[url] = visible_text(response.content.decode())
        yield found


# What the archive once said and the sources do not support, and internal details.
UNSUPPORTED = [
    re.compile(
        r"\bfour senators\b", re.I
    ),  # the November 2025 source names no one, states no number
    re.compile(r"\b4 signers stated by the source\b", re.I),
    re.compile(r"\b0 as (lead|co-signer)\b"),  # Cassidy and Tillis: the source says no role
    re.compile(r"Not every signer is named"),  # no seed letter names some but not all
    re.compile(r"Received as"),
    re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt\b"),  # seed file names
    re.compile(r"no headline|OCR of a PDF;"),  # editors' notes in link texts
    re.compile(r"Date: “"),
]

# The number of signers each seed letter's sources support, as its page words it.
SIGNER_COUNTS = {
    "/letters/2025-04-11-titus-smith-rubio/": "36 signers",  # "Thirty-six U.S. Representatives"
    "/letters/2025-04-armenian-caucus-rubio-waltz/": "25 signers",  # "by 25 members"
    "/letters/2024-04-04-markey-cassidy-peters-tillis-blinken/": "4 signers",  # 4 named blocks
    "/letters/2025-02-06-armenian-caucus-rubio/": "At least 4 signers",  # four leads named
    "/letters/2025-11-21-senators-rubio/": "At least 4 signers",  # 4 blocks without names
}


def test_no_page_says_what_the_sources_do_not(pages: dict[str, str]) -> None:
    for url, text in pages.items():
        for pattern in UNSUPPORTED:
            assert not pattern.search(text), (url, pattern.pattern)


def test_every_signer_count_is_one_the_sources_support(pages: dict[str, str]) -> None:
    exact = {"36", "25", "4"}  # stated (36, 25) or every signature block named (4)
    for url, text in pages.items():
        for at_least, number in re.findall(r"(at least )?\b(\d+) signers?\b", text, re.I):
            if at_least:
                assert number == "4", (url, number)
            else:
                assert number in exact, (url, number)


def test_each_letter_page_words_its_signers_as_far_as_its_sources_go(
    pages: dict[str, str],
) -> None:
    for url, phrase in SIGNER_COUNTS.items():
        text = pages[url]
        assert phrase in text, (url, phrase)
        if not phrase.startswith("At least"):
            assert f"At least {phrase}" not in text, url
    unnamed = pages["/letters/2025-11-21-senators-rubio/"]
    assert "No signer is named in the source." in unnamed
    assert "4 signature blocks without names" in unnamed
    assert "Senate letter to Secretary of State Rubio" in unnamed
    caucus = pages["/letters/2025-02-06-armenian-caucus-rubio/"]
    assert "The source does not say how many signed." in caucus


def test_roles_are_given_only_where_the_source_gives_them(pages: dict[str, str]) -> None:
    for slug in ("bill-cassidy", "thom-tillis"):
        assert "1 letter (the source does not say who led)" in pages[f"/legislators/{slug}/"]
    assert "2 letters (2 as lead)" in pages["/legislators/frank-pallone/"]


def test_counts_of_legislators_say_when_signers_are_unnamed(pages: dict[str, str]) -> None:
    # Vardanyan is named by the November 2025 letter, whose signers are not named.
    text = pages["/detainees/ruben-vardanyan/"]
    assert re.search(r"\d+ named legislators, and signers not named in the source on", text)
