"""What a visitor sends cannot change what the next visitor is served, nor fill the cache:
forged Host and X-Forwarded-* headers, junk parameters and cookies, parameters out of
order, more addresses than the cache has room for."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection
from django.test import Client, override_settings

from archive.page_cache import page_cache, page_key
from letters.models import Letter
from tests.responses import ClientResponse, content_of

pytestmark = pytest.mark.django_db
LETTER = "/letters/2025-04-11-titus-smith-rubio/"
# Every response that carries absolute URLs.
WITH_ABSOLUTE_URLS = [
    "/sitemap.xml",
    "/letters/feed/",
    "/letters.csv",
    "/letters.json",
    "/legislators.csv",
    "/detainees.json",
    "/demands.csv",
    f"{LETTER[:-1]}.csv",
    LETTER,
    "/robots.txt",
]
FORGED: dict[str, Any] = {
    "HTTP_HOST": "127.0.0.1:1337",  # an allowed host, another port: Django lets it through
    "HTTP_X_FORWARDED_HOST": "evil.example",
    "HTTP_X_FORWARDED_PROTO": "https",
    "HTTP_X_FORWARDED_PORT": "1337",
}


@pytest.fixture
def cached(seed_archive: None) -> Iterator[None]:
    """The seed archive (loaded once for the module) served through the page cache; the
    cache is a database table here, so each test's pages are rolled back with it."""
    with override_settings(ARCHIVE_PAGE_CACHE=True, ALLOWED_HOSTS=["testserver", "127.0.0.1"]):
        yield


def text(response: ClientResponse) -> str:
    return content_of(response).decode()


def stored_keys(prefix: str = "archive:page:") -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT cache_key FROM {page_cache()._table} WHERE cache_key LIKE %s",
            [f"%{prefix}%"],
        )
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.parametrize("proxy", [False, True], ids=["direct", "behind-tls-proxy"])
def test_forged_host_and_forwarded_headers_do_not_reach_the_next_visitor(
    cached: None, proxy: bool
) -> None:
    proxy_settings = (
        {"SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https")} if proxy else {}
    )
    with override_settings(**proxy_settings):
        attacker = Client(**FORGED)
        # Well-formed and unknown: a malformed one is replaced, and that answer not stored.
        attacker.cookies["sessionid"] = "0123456789abcdefghijklmnopqrstuv"
        attacker.cookies["csrftoken"] = "A" * 32
        for url in WITH_ABSOLUTE_URLS:
            answered = text(attacker.get(url))
            assert "1337" not in answered and "evil.example" not in answered, url

        visitor = Client()
        for url in WITH_ABSOLUTE_URLS:
            response = visitor.get(url)
            assert response.status_code == 200, url
            assert response["X-Archive-Cache"] == "hit", url  # the attacker's copy, harmless
            served = text(response)
            assert "1337" not in served and "evil.example" not in served, url
            assert "https://" not in served, url
            assert "http://testserver/" in served, url


def test_canonical_link_and_feed_links_use_the_configured_site_url(
    seed_archive: None, client: Client
) -> None:
    with override_settings(ARCHIVE_SITE_URL="https://letters.example.org"):
        page = client.get(LETTER, HTTP_HOST="127.0.0.1:1337").text
        feed = client.get("/letters/feed/").text
    assert f'<link rel="canonical" href="https://letters.example.org{LETTER}">' in page
    assert "https://letters.example.org/letters/feed/" in feed
    assert f"https://letters.example.org{LETTER}" in feed


def test_made_up_parameters_are_served_the_stored_page(cached: None, client: Client) -> None:
    """A made-up parameter cannot make the archive render a page or an export afresh."""
    assert client.get("/letters/")["X-Archive-Cache"] == "miss"
    for n in range(30):
        response = client.get(f"/letters/?x={n}")
        assert response.status_code == 200 and response["X-Archive-Cache"] == "hit"
    export = content_of(client.get("/letters.csv"))
    made_up = client.get("/letters.csv?x=1")
    assert made_up["X-Archive-Cache"] == "hit" and made_up.content == export
    assert sorted(stored_keys()) == sorted(
        page_cache().make_key(page_key(url)) for url in ("/letters/", "/letters.csv")
    )


def test_each_page_has_one_address_whatever_the_order_repetition_or_encoding(
    cached: None, client: Client
) -> None:
    canonical = {
        "party=D&chamber=house": "chamber=house&party=D",  # the filter form's order
        "party=D&party=R": "party=R",  # the last value, as the view reads it
        "q=Titus%20Smith": "q=Titus+Smith",  # as urlencode writes a space
        "page=1&party=D&utm_source=x": "party=D&page=1",
    }
    for asked, address in canonical.items():
        assert client.get(f"/letters/?{address}")["X-Archive-Cache"] == "miss"
        served = client.get(f"/letters/?{asked}")
        assert served["X-Archive-Cache"] == "hit", asked
    assert len(stored_keys()) == len(canonical)


def test_a_made_up_parameter_never_reaches_a_page_or_its_links(
    cached: None, client: Client
) -> None:
    """Rendered for the first visitor who adds it, a parameter would otherwise be kept in
    the page's links (pagination, downloads) and served to everyone."""
    page = client.get("/letters/?party=D&tracking=evil").text
    assert "evil" not in page and "tracking" not in page
    assert client.get("/letters/?party=D")["X-Archive-Cache"] == "hit"


def test_a_page_without_parameters_has_only_its_bare_address(cached: None, client: Client) -> None:
    assert client.get(f"{LETTER}?utm_source=x")["X-Archive-Cache"] == "miss"
    assert client.get(LETTER)["X-Archive-Cache"] == "hit"
    assert stored_keys() == [page_cache().make_key(page_key(LETTER))]


def test_the_cache_never_holds_more_pages_than_its_slots(cached: None, client: Client) -> None:
    with override_settings(ARCHIVE_PAGE_CACHE_SLOTS=4):
        for year in range(2000, 2030):
            client.get(f"/letters/?year={year}")
        for letter in Letter.objects.all():
            client.get(letter.get_absolute_url())
        assert 0 < len(stored_keys()) <= 4


def test_large_responses_take_the_few_large_slots(cached: None, client: Client) -> None:
    with override_settings(ARCHIVE_PAGE_CACHE_PAGE_BYTES=1024, ARCHIVE_PAGE_CACHE_LARGE_SLOTS=2):
        for url in ("/letters.csv", "/letters.json", "/legislators.csv", "/sitemap.xml"):
            first = text(client.get(url))
            second = client.get(url)
            assert second.content.decode() == first
        assert len(stored_keys("archive:large:")) <= 2
        assert client.get("/sitemap.xml")["X-Archive-Cache"] == "hit"


@pytest.mark.parametrize("cookie", ["sessionid", "csrftoken"])
def test_a_malformed_cookie_is_replaced_in_an_answer_no_shared_cache_keeps(
    cached: None, client: Client, cookie: str
) -> None:
    client.cookies[cookie] = "junk"
    replaced = client.get(LETTER)
    assert replaced.cookies[cookie].value != "junk"
    assert replaced["Cache-Control"] == "private" and "X-Archive-Cache" not in replaced
    assert Client().get(LETTER)["X-Archive-Cache"] == "miss"
    client.cookies[cookie] = "junk"
    stored = client.get(LETTER)  # the stored page comes first, whatever the cookies
    assert stored["X-Archive-Cache"] == "hit" and not stored.cookies


def test_a_junk_session_cookie_does_not_keep_a_visitor_from_the_cache(
    cached: None, client: Client
) -> None:
    client.cookies["sessionid"] = "not-a-session"
    assert client.get(LETTER)["X-Archive-Cache"] == "miss"
    response = client.get(LETTER)
    assert response["X-Archive-Cache"] == "hit"
    assert not response.cookies


def test_junk_addresses_do_not_push_the_archive_out_of_the_database_cache(
    cached: None, client: Client
) -> None:
    """Django culls a third of a full database cache, in key order, past MAX_ENTRIES: junk
    addresses are never stored, so they cannot make it cull (and the archive's version
    token is in the database, not in the cache)."""
    with override_settings(
        CACHES={
            "default": {
                "BACKEND": "django.core.cache.backends.db.DatabaseCache",
                "LOCATION": "archive_cache",
                "OPTIONS": {"MAX_ENTRIES": 20},
            }
        }
    ):
        assert client.get(LETTER)["X-Archive-Cache"] == "miss"
        for n in range(60):
            client.get(f"/?x={n}")
        assert client.get(LETTER)["X-Archive-Cache"] == "hit"
        Letter.objects.get(slug="2025-04-11-titus-smith-rubio").save()
        assert client.get(LETTER)["X-Archive-Cache"] == "miss"
