"""Home, demands, search, and what every page has around it: titles, canonical URLs, Open
Graph, feed, sitemap, robots.txt and the error pages."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from tests.factories import (
    make_demand,
    make_detainee,
    make_legislator,
    make_letter,
    make_recipient,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive() -> dict[str, object]:
    titus = make_legislator("Dina Titus", "D", "NV")
    smith = make_legislator("Chris Smith", "R", "NJ")
    sanchez = make_legislator("Linda Sánchez", "D", "CA")
    vardanyan = make_detainee("Ruben Vardanyan", role="former State Minister")
    other = make_detainee("Arayik Harutyunyan")
    magnitsky = make_demand("Magnitsky sanctions", description="Global Magnitsky sanctions.")
    release = make_demand("Release of prisoners")
    older = make_letter(
        "Older letter",
        "2024-04-04",
        signers=[titus, smith],
        detainees=[vardanyan],
        demands=[(magnitsky, "impose Global Magnitsky sanctions now")],
        recipients=[make_recipient("Antony Blinken")],
    )
    newer = make_letter(
        "Newer letter",
        "2025-04-01",
        date_precision="month",
        signers=[(titus, "lead"), sanchez],
        detainees=[vardanyan, other],
        demands=[(magnitsky, "Magnitsky sanctions are a critical tool"), (release, "free them")],
    )
    return locals()


def test_home_says_what_the_archive_is_with_headline_figures(
    client: Client, archive: dict[str, Any]
) -> None:
    html = client.get(reverse("letters:home")).content.decode()
    assert "Letters from Congress on Armenian detainees held by Azerbaijan" in html
    assert "<strong>2</strong> letters" in html
    assert "<strong>3</strong> legislators who signed" in html
    assert "<strong>2</strong> detainees named" in html


def test_home_shows_latest_letters_most_named_detainees_frequent_signers_and_timeline(
    client: Client, archive: dict[str, Any]
) -> None:
    html = client.get(reverse("letters:home")).content.decode()
    latest = html.split("Latest letters")[1].split("Detainees named most often")[0]
    assert latest.index("Newer letter") < latest.index("Older letter")
    detainees = html.split("Detainees named most often")[1].split("Most frequent signers")[0]
    assert detainees.index("Ruben Vardanyan") < detainees.index("Arayik Harutyunyan")
    signers = html.split("Most frequent signers")[1].split("Timeline of letters")[0]
    assert signers.index("Dina Titus") < signers.index("Chris Smith")
    timeline = html.split("Timeline of letters")[1]
    assert timeline.index("April 2024") < timeline.index("April 2025")
    assert "date_from=2025-04-01&amp;date_to=2025-04-30" in timeline


def test_demands_list_each_kind_of_ask_with_letters_and_legislators_behind_it(
    client: Client, archive: dict[str, Any]
) -> None:
    html = client.get(reverse("letters:demand_list")).content.decode()
    row = html.split("Magnitsky sanctions</a>")[1].split("</tr>")[0]
    assert re.findall(r'<td class="num" data-label="[^"]+">(\d+)</td>', row) == ["2", "3"]


def test_demand_page_answers_which_letters_asked_for_magnitsky_sanctions_in_their_words(
    client: Client, archive: dict[str, Any]
) -> None:
    html = client.get(archive["magnitsky"].get_absolute_url()).content.decode()
    assert "<strong>2 letters</strong> make this demand" in html
    assert "3 legislators" in html and "not named in the source" not in html
    trace = html.split("The letters, in their words")[1]
    assert trace.index("Older letter") < trace.index("Newer letter")
    assert "<blockquote><p>impose Global Magnitsky sanctions now</p></blockquote>" in trace
    assert "<blockquote><p>Magnitsky sanctions are a critical tool</p></blockquote>" in trace
    assert "The letter&#x27;s text:" in trace


def searched(client: Client, query: str) -> str:
    """The search page, matched words unmarked."""
    html = client.get(reverse("letters:search"), {"q": query}).content.decode()
    return re.sub(r"</?mark>", "", html)


def test_search_finds_letters_legislators_detainees_and_demands(
    client: Client, archive: dict[str, Any]
) -> None:
    assert "Magnitsky sanctions</a>" in searched(client, "magnitsky")
    assert "Ruben Vardanyan</a>, former State Minister" in searched(client, "vardanyan")
    assert "Linda Sánchez</a>" in searched(client, "Sánchez")
    assert '>Newer letter</a> <span class="muted">(April 2025)' in searched(client, "newer")


def test_search_ignores_accents_and_case_so_sanchez_finds_sanchez(
    client: Client, archive: dict[str, Any]
) -> None:
    for query in ("sanchez", "SÁNCHEZ", "linda sanchez"):
        assert "Linda Sánchez</a>" in searched(client, query), query


@pytest.mark.parametrize("query", ["(", "[a-", "\\", "a.*b", "?", "$^", "{2}", "%_", "'; DROP"])
def test_search_treats_punctuation_as_plain_text(
    client: Client, archive: dict[str, Any], query: str
) -> None:
    response = client.get(reverse("letters:search"), {"q": query})
    assert response.status_code == 200
    assert "No letters match." in response.content.decode()
    assert client.get(reverse("letters:letter_list"), {"q": query}).status_code == 200


def test_search_box_is_on_every_page(client: Client, archive: dict[str, Any]) -> None:
    for url in (reverse("letters:home"), archive["older"].get_absolute_url()):
        assert 'role="search" action="/search/"' in client.get(url).content.decode()


def test_search_with_a_10kb_query_answers_400_saying_why(client: Client) -> None:
    response = client.get(reverse("letters:search"), {"q": "x" * 10_000})
    assert response.status_code == 400
    assert "Ensure this value has at most 200 characters" in response.content.decode()


def test_pages_have_titles_descriptions_canonical_urls_and_open_graph(
    client: Client, archive: dict[str, Any]
) -> None:
    url = archive["older"].get_absolute_url()
    html = client.get(url, {"utm": "x"}).content.decode()
    assert "<title>Older letter (April 4, 2024) · Congressional Letters" in html
    # Its date and signers, worded from the sources, then the editors' summary.
    assert '<meta name="description" content="April 4, 2024, House: ' in html
    assert ' Summary of Older letter.">' in html
    assert f'<link rel="canonical" href="http://testserver{url}">' in html
    assert '<meta property="og:title" content="Older letter">' in html
    assert '<meta property="og:type" content="article">' in html
    assert 'type="application/atom+xml"' in html
    # Own stylesheets only (the site works offline), one of them for paper.
    assert 'href="/static/css/print.css" media="print"' in html
    assert "https://" not in "".join(re.findall(r"<(?:link|script)[^>]*>", html))


def test_every_page_has_a_skip_link_landmarks_and_one_h1(
    client: Client, archive: dict[str, Any]
) -> None:
    urls = [
        reverse("letters:home"),
        reverse("letters:letter_list"),
        archive["older"].get_absolute_url(),
        reverse("people:legislator_list"),
        archive["titus"].get_absolute_url(),
        reverse("people:detainee_list"),
        archive["vardanyan"].get_absolute_url(),
        reverse("letters:demand_list"),
        archive["magnitsky"].get_absolute_url(),
        archive["older"].sources.get().get_absolute_url(),
        reverse("letters:search") + "?q=letter",
        reverse("letters:about"),
    ]
    for url in urls:
        html = client.get(url).content.decode()
        assert '<a class="skip-link" href="#main">' in html, url
        assert '<main id="main"' in html and "<header" in html and "<footer" in html, url
        assert html.count("<h1") == 1, url
        assert '<html lang="en">' in html


def test_about_page_explains_dates_roles_downloads_and_bad_filter_answers(
    client: Client,
) -> None:
    html = client.get(reverse("letters:about")).content.decode()
    assert "“April 2025” means it gives only the month" in html
    assert "Co-signed by" in html and "the source lists signers without saying who led" in html
    assert "the page answers with status 400" in html
    assert 'href="/about/"' in client.get(reverse("letters:home")).content.decode()


def test_atom_feed_lists_the_newest_letters_first(client: Client, archive: dict[str, Any]) -> None:
    response = client.get(reverse("letters:letter_feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    ns = {"atom": "http://www.w3.org/2005/Atom"}
    titles = [
        entry.findtext("atom:title", namespaces=ns) for entry in root.findall("atom:entry", ns)
    ]
    assert titles == ["Newer letter (April 2025)", "Older letter (April 4, 2024)"]


def test_sitemap_lists_every_public_page(client: Client, archive: dict[str, Any]) -> None:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    locations = set(re.findall(r"<loc>http://testserver([^<]+)</loc>", response.content.decode()))
    for obj in ("older", "newer", "titus", "vardanyan", "magnitsky"):
        assert archive[obj].get_absolute_url() in locations
    assert {"/", "/letters/", "/legislators/", "/detainees/", "/demands/", "/about/"} <= locations


def test_robots_txt_allows_crawling_and_points_to_the_sitemap(client: Client) -> None:
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


@override_settings(DEBUG=False)
def test_an_unknown_address_shows_the_styled_404_page(client: Client) -> None:
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "<h1>Page not found</h1>" in html
    assert 'href="/letters/"' in html and "site.css" in html


def test_an_error_in_a_page_shows_the_styled_500_page(monkeypatch: pytest.MonkeyPatch) -> None:
    from letters.models import LetterQuerySet

    def broken(self: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(LetterQuerySet, "per_month", broken)
    response = Client(raise_request_exception=False).get(reverse("letters:home"))
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


def test_a_server_error_shows_the_styled_500_page_without_touching_the_database(
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    from django.test import RequestFactory

    from letters.pages.views import server_error

    with django_assert_num_queries(0):
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong on our side" in html
    assert "Congressional Letters on Armenian Detainees" in html
