"""Search as a reader types it: other spellings of a name, every kind of record counted,
the matched words marked in a snippet, and the query kept in the header's box."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from people.models import DetaineeAlias
from tests.factories import make_letter
from tests.seeded import load_seed_archive

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive() -> None:
    load_seed_archive()


def search(client: Client, query: str) -> str:
    response = client.get(reverse("letters:search"), {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def section(html: str, kind: str) -> str:
    return html.split(f'id="r-{kind}"')[1].split("</section>")[0]


@pytest.mark.parametrize(
    ("typed", "found"),
    [("Vardanian", "Ruben Vardanyan"), ("Harutiunyan", "Arayik Harutyunyan")],
)
def test_a_name_spelled_another_common_way_finds_the_detainee_and_the_letters(
    client: Client, archive: None, typed: str, found: str
) -> None:
    aliases_before = DetaineeAlias.objects.count()
    html = search(client, typed)
    detainees = section(html, "detainees")
    assert re.sub(r"</?mark>", "", detainees).count(found) == 1
    last = found.split()[-1]
    assert f"<mark>{last}</mark>" in detainees
    letters = section(html, "letters")
    assert "No letters match" not in letters
    assert f"<mark>{last}</mark>" in letters  # the snippet around the match, marked
    assert DetaineeAlias.objects.count() == aliases_before  # no alias is invented


def test_results_are_counted_by_kind_and_sources_are_searched(
    client: Client, archive: None
) -> None:
    html = search(client, "Vardanyan")
    counts = dict(re.findall(r'<a href="#r-(\w+)">\w+ \((\d+)\)</a>', html))
    assert counts["detainees"] == "1"
    assert counts["letters"] == "3"  # April 2024, April 2025 and November 2025
    assert int(counts["sources"]) >= 3
    total = sum(int(n) for n in counts.values())
    assert f"{total} results for “Vardanyan”" in html
    assert "<mark>Vardanyan</mark>" in section(html, "sources")


def test_the_query_stays_in_the_header_search_box(client: Client, archive: None) -> None:
    html = search(client, "Magnitsky sanctions")
    header = html.split('class="site-header"')[1].split("</header>")[0]
    assert 'value="Magnitsky sanctions"' in header
    home = client.get("/").content.decode().split("</header>")[0]
    assert 'id="site-search-q" type="search" name="q" maxlength="200" autocomplete="off">' in home


@pytest.mark.parametrize("typed", ["Baku", "Vardanian"])
def test_the_letters_list_marks_the_match_in_context_as_the_search_page_does(
    client: Client, typed: str
) -> None:
    make_letter(
        "Letter to Rubio",
        summary="About the prisoners.",
        full_text="We ask for the release of Ruben Vardanyan and the others held in Baku.",
    )
    listed = client.get(reverse("letters:letter_list"), {"q": typed}).content.decode()
    headlines = re.findall(r'<p class="headline">(.*?)</p>', listed)
    assert len(headlines) == 1
    assert re.search(r"<mark>(Baku|Vardanyan)</mark>", headlines[0])
    assert headlines == re.findall(r'<p class="headline">(.*?)</p>', search(client, typed))
