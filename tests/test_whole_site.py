"""The whole public site, read once the way a visitor or a crawler comes (every internal
link from the home page, the sitemap and the feed, the pages no link leads to, the error
pages), then checked: no dead link, no internal detail anywhere, valid HTML everywhere.

The archive read is the seed archive with a detainee event kept internal beside a public
one, a recorded response, and, for the members pages read last, the current members of
Congress the project carries (read last so that the crawl does not walk every member)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.http import HttpResponse, StreamingHttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse
from pytest_django import DjangoDbBlocker

from archive.middleware import database_unavailable_response
from letters.models import Demand
from letters.pages.views import server_error
from people.importing import import_legislators
from people.models import Detainee
from tests.conftest import kept_for_module
from tests.factories import make_event, make_response
from tests.html_checker import needs_java, validate
from tests.responses import ClientResponse, content_of
from tests.seeded import load_seed_archive
from tests.site_crawl import crawl
from tests.test_internal_events import INTERNAL, NOTE, PUBLIC, PUBLIC_NOTE, add_event

pytestmark = pytest.mark.django_db

CARRIED = Path(settings.BASE_DIR) / "people" / "data" / "congress-legislators"
# Pages no link leads to, each with its own template or status.
UNLINKED_PAGES = {
    "/no-such-page/": 404,
    "/letters/no-such-letter/": 404,
    "/letters/?year=nope": 400,
    "/legislators/?state=XX": 400,
    "/letters/?page=999": 200,
    "/search/?q=": 200,
    "/search/?q=no+such+words+anywhere": 200,
    "/letters/?q=Vardanian+Baku": 200,  # each row's match in context, marked
    "/search/?q=consent": 200,  # a word of the events' internal notes only
}
# With the current members loaded: the members finder and its answers, members' briefs, and
# the pages that show campaigns, responses and events.
MEMBERS_PAGES = [
    "/members/",
    "/members/?name=titus",
    "/members/?state=ZZ",
    "/members/NV/",
    "/members/NV/1/",
    "/members/CA/",
    "/members/DC/",
    "/members/CA/32/",
    "/campaigns/",
    "/campaigns/armenian-caucus-letters-to-rubio-2025/",
    "/demands/global-magnitsky-sanctions/",
    "/letters/2025-04-11-titus-smith-rubio/",
    "/detainees/ruben-vardanyan/",
    "/legislators/mark-amodei/",
    "/legislators/dina-titus/",
    "/legislators/dina-titus/brief/",
    "/legislators/mark-amodei/brief/",
]


@dataclass
class Page:
    url: str
    status: int
    content_type: str
    body: str


def read(url: str, response: ClientResponse | HttpResponse | StreamingHttpResponse) -> Page:
    content = content_of(response)
    return Page(
        url,
        response.status_code,
        response.get("Content-Type", ""),
        content.decode("utf-8", "replace"),
    )


@dataclass
class Site:
    crawled: list[Page]  # every page reached by links from the home page
    by_sitemap_and_feed: list[Page]  # the sitemap, the feed, and what the sitemap lists
    unlinked: list[Page]  # UNLINKED_PAGES and the 500 and 503 pages
    members: list[Page]  # MEMBERS_PAGES, with the current members loaded

    def every_page(self) -> list[Page]:
        return [*self.crawled, *self.by_sitemap_and_feed, *self.unlinked, *self.members]


@pytest.fixture(scope="module")
def site(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[Site]:
    client = Client()
    with kept_for_module(django_db_blocker):
        load_seed_archive()
        add_event(INTERNAL, is_public=False, note=NOTE)
        add_event(PUBLIC, is_public=True, note=PUBLIC_NOTE)
        make_response(Demand.objects.get(slug="global-magnitsky-sanctions"), "2025-06-02")
        make_event(Detainee.objects.get(slug="ruben-vardanyan"), "charged", "2024-01-01")
        crawled = [read(url, response) for url, response in crawl(client)]
        seen = {page.url for page in crawled}
        sitemap = read("/sitemap.xml", client.get("/sitemap.xml"))
        listed = re.findall(r"<loc>http://testserver([^<]+)</loc>", sitemap.body)
        extra = [reverse("letters:letter_feed"), *(url for url in listed if url not in seen)]
        by_sitemap_and_feed = [sitemap, *(read(url, client.get(url)) for url in extra)]
        unlinked = [read(url, client.get(url)) for url in UNLINKED_PAGES]
        request = RequestFactory().get("/")
        unlinked += [
            read("(the 500 page)", server_error(request)),
            read("(the 503 page, database down)", database_unavailable_response(request)),
        ]
        import_legislators(CARRIED / "legislators-current.yaml")
        members = [read(url, client.get(url)) for url in MEMBERS_PAGES]
        yield Site(crawled, by_sitemap_and_feed, unlinked, members)


def test_every_internal_link_from_the_home_page_works(site: Site) -> None:
    broken = [(page.url, page.status) for page in site.crawled if page.status != 200]
    assert not broken, broken[:20]
    urls = [page.url for page in site.crawled]
    assert len(urls) > 60  # the crawl reached letters, people, demands, exports and sources
    assert any(u.endswith(".csv") or ".csv?" in u for u in urls)
    assert all(page.status == 200 for page in site.by_sitemap_and_feed)


def test_no_internal_event_or_note_is_on_a_public_page_export_feed_search_or_sitemap(
    site: Site,
) -> None:
    pages = {page.url: page.body for page in site.every_page()}
    assert any(url.endswith("/events.csv") for url in pages)  # the events export was reached
    assert any(PUBLIC in text for text in pages.values())  # the crawl does see events
    secrets = (INTERNAL, NOTE, PUBLIC_NOTE)  # a public event's internal note included
    leaks = [url for url, text in pages.items() if any(secret in text for secret in secrets)]
    assert leaks == []
    assert "ruben-vardanyan" not in pages["/search/?q=consent"]  # notes are not searched
    # Nor is the internal event's kind or month on the story.
    story = pages[reverse("people:detainee_detail", args=["ruben-vardanyan"])]
    assert "Transferred" not in story and "December 2025" in story  # the public one is


INLINE_STYLE = re.compile(r"<style[\s>]|<[^>]+\sstyle\s*=", re.IGNORECASE)


def test_no_public_page_carries_an_inline_style(site: Site) -> None:
    """The public pages' policy allows style sheets from the site only (no
    'unsafe-inline'), so an inline style would be dropped by the browser."""
    pages = [page for page in site.every_page() if "html" in page.content_type]
    styled = [page.url for page in pages if INLINE_STYLE.search(page.body)]
    assert styled == []
    assert any('class="bar split-bar"' in page.body for page in pages)  # drawn without one
    assert any('class="bar timeline-bar"' in page.body for page in pages)


@needs_java
def test_every_page_is_valid_html(site: Site, tmp_path: Path) -> None:
    statuses = {page.url: page.status for page in site.unlinked + site.members}
    assert {url: statuses[url] for url in UNLINKED_PAGES} == UNLINKED_PAGES
    assert statuses["(the 500 page)"] == 500
    assert statuses["(the 503 page, database down)"] == 503
    assert all(statuses[url] in (200, 400) for url in MEMBERS_PAGES)
    pages: dict[Path, str] = {}
    for page in site.every_page():
        if "text/html" in page.content_type:
            path = tmp_path / f"page{len(pages):04}.html"
            path.write_text(page.body, "utf-8")
            pages[path] = page.url
    assert len(pages) > 60  # letters, people, demands, sources, about, error pages
    members_nv_1 = next(page for page in site.members if page.url == "/members/NV/1/")
    assert "Did not sign" in members_nv_1.body  # the members pages show their content
    static = [*Path(settings.BASE_DIR, "static").rglob("*.css")]
    static += [*Path(settings.BASE_DIR, "static").rglob("*.svg")]
    assert static
    # A broken page beside them proves that the checker reads every file it is given.
    broken = tmp_path / "broken.html"
    broken.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>t</title></head>'
        '<body><p id="a">one</p><p id="a">two<div></p></body></html>'
    )
    pages[broken] = "(a broken page)"

    errors = validate([*pages, *static])

    found = [
        f"{pages.get(Path(m['url'].removeprefix('file:')), m['url'])} line {m.get('lastLine')}: "
        f"{m['message']}"
        for m in errors
    ]
    assert any(line.startswith("(a broken page)") and "Duplicate ID" in line for line in found)
    assert [line for line in found if not line.startswith("(a broken page)")] == []
