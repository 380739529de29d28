"""Public pages are served from the shared cache, answer 304 when unchanged, and are never
stale: an edit is visible on the next request, also from another process."""

from __future__ import annotations

import datetime
import gzip
from collections.abc import Generator, Iterator
from typing import cast
from unittest import mock

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from archive.page_cache import page_cache, page_key, storing_when_complete
from letters.models import ArchiveVersion, Letter
from tests.admin_forms import admin_form_data
from tests.factories import make_legislator, make_term
from tests.responses import content_of

pytestmark = pytest.mark.django_db
LETTER = "/letters/2025-04-11-titus-smith-rubio/"


@pytest.fixture
def cached(seed_archive: None) -> Iterator[None]:
    """The seed archive (loaded once for the module) served through the page cache; the
    cache is a database table here, so each test's pages are rolled back with it."""
    with override_settings(ARCHIVE_PAGE_CACHE=True):
        yield


def test_a_second_visit_is_served_from_the_cache(cached: None, client: Client) -> None:
    first = client.get(LETTER)
    second = client.get(LETTER)
    assert (first["X-Archive-Cache"], second["X-Archive-Cache"]) == ("miss", "hit")
    assert first.content == second.content
    # The security headers come with a cached page too.
    assert "script-src 'self'" in second["Content-Security-Policy"]
    assert not second.cookies


def test_an_unchanged_page_answers_304(cached: None, client: Client) -> None:
    etag = client.get(LETTER)["ETag"]
    response = client.get(LETTER, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert response["Cache-Control"].startswith("public, max-age=0, s-maxage=")


def test_an_edit_in_the_admin_is_visible_on_the_next_request(cached: None, client: Client) -> None:
    etag = client.get(LETTER)["ETag"]
    editor = Client()
    editor.force_login(User.objects.create_superuser("e", "e@example.org", "pass-phrase-1"))
    letter = Letter.objects.get(slug="2025-04-11-titus-smith-rubio")
    page = editor.get(reverse("admin:letters_letter_change", args=[letter.pk]))
    data = {k: v for k, v in admin_form_data(page).items()}
    data["title"] = "Titus-Smith letter (corrected title)"
    assert (
        editor.post(reverse("admin:letters_letter_change", args=[letter.pk]), data).status_code
        == 302
    )

    response = client.get(LETTER, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert "corrected title" in response.text
    assert client.get("/letters/").text.count("corrected title") == 1


def test_a_page_is_served_only_under_the_version_token_it_was_rendered_under(
    cached: None, client: Client
) -> None:
    client.get(LETTER)
    [key] = cached_page_keys()
    stored = page_cache().get(key)
    ArchiveVersion.bump()  # as any edit does, in its transaction
    assert page_cache().get(key) == stored  # still stored, but retired
    assert client.get(LETTER)["X-Archive-Cache"] == "miss"
    # Rendered again, it replaces the retired copy: one entry per address, not per edit.
    assert cached_page_keys() == [key] == [page_key(LETTER)]
    assert page_cache().get(key)["token"] != stored["token"]
    assert client.get(LETTER)["X-Archive-Cache"] == "hit"


def cached_page_keys() -> list[str]:
    """Keys of the pages stored in the tests' cache (the database cache table)."""
    table = page_cache()._table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT cache_key FROM {table} WHERE cache_key LIKE %s", ["%archive:page:%"]
        )
        return sorted(row[0].split(":", 2)[-1] for row in cursor.fetchall())


def test_bad_filter_answers_are_not_cached(cached: None, client: Client) -> None:
    client.get("/letters/?year=abc")
    assert "X-Archive-Cache" not in client.get("/letters/?year=abc")


def test_staff_are_served_the_same_public_page_as_everyone(cached: None, client: Client) -> None:
    """Public pages do not depend on who asks (a page that reads the session is never
    stored: see test_page_cache_attacks)."""
    client.force_login(User.objects.create_superuser("s", "s@example.org", "pass-phrase-2"))
    first = client.get(LETTER)
    assert (first["X-Archive-Cache"], client.get(LETTER)["X-Archive-Cache"]) == ("miss", "hit")
    assert first.content == Client().get(LETTER).content


def test_an_export_is_kept_once_sent_whole_and_retired_by_an_edit(
    cached: None, client: Client
) -> None:
    first = client.get("/letters.csv")
    assert first.streaming and first["X-Archive-Cache"] == "miss"
    sent = content_of(first)

    second = client.get("/letters.csv")
    assert second["X-Archive-Cache"] == "hit"
    assert second.content == sent
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Content-Disposition"] == first["Content-Disposition"]
    assert client.get("/letters.csv", HTTP_IF_NONE_MATCH=second["ETag"]).status_code == 304

    Letter.objects.filter(slug="2025-04-11-titus-smith-rubio").update(title="Retitled")
    Letter.objects.get(slug="2025-04-11-titus-smith-rubio").save()  # as the admin saves
    third = client.get("/letters.csv")
    assert third["X-Archive-Cache"] == "miss"
    assert b"Retitled" in content_of(third)


def test_an_export_cut_short_or_too_large_is_not_kept(cached: None, client: Client) -> None:
    response = HttpResponse(content_type="text/csv")
    streamed = cast(
        Generator[bytes, None, None],
        storing_when_complete("/test.csv", "t1", iter([b"a,b\n", b"1,2\n"]), response),
    )
    assert next(streamed) == b"a,b\n"
    streamed.close()  # the client went away: the server closes the iterator
    assert page_cache().get(page_key("/test.csv")) is None

    with override_settings(ARCHIVE_PAGE_CACHE_MAX_BYTES=100):
        content_of(client.get("/letters.csv"))
        assert client.get("/letters.csv")["X-Archive-Cache"] == "miss"


def test_a_browser_accepting_gzip_gets_the_stored_page_compressed(
    cached: None, client: Client
) -> None:
    plain = client.get(LETTER)
    zipped = client.get(LETTER, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert zipped["X-Archive-Cache"] == "hit" and zipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.content) == plain.content
    assert len(zipped.content) < len(plain.content) / 3
    assert not plain.has_header("Content-Encoding")
    for response in (plain, zipped):
        assert "Accept-Encoding" in response["Vary"]
    # Each form of the page has its own ETag, and each answers 304 to its own.
    assert zipped["ETag"] != plain["ETag"]
    again = client.get(LETTER, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=zipped["ETag"])
    assert again.status_code == 304
    assert client.get(LETTER, HTTP_IF_NONE_MATCH=zipped["ETag"]).status_code == 200


def test_an_export_is_kept_compressed_and_sent_whole_either_way(
    cached: None, client: Client
) -> None:
    sent = content_of(client.get("/letters.csv"))
    zipped = client.get("/letters.csv", HTTP_ACCEPT_ENCODING="gzip")
    assert zipped["X-Archive-Cache"] == "hit"
    assert gzip.decompress(zipped.content) == sent
    assert client.get("/letters.csv").content == sent
    assert zipped["Content-Disposition"] == client.get("/letters.csv")["Content-Disposition"]


def test_pages_that_may_hold_a_secret_are_never_compressed(cached: None, client: Client) -> None:
    """Compressing a page that holds a secret beside what a visitor typed leaks the secret
    (BREACH): the admin's pages (CSRF token) and pages not stored are sent as they are."""
    login = client.get("/admin/login/", HTTP_ACCEPT_ENCODING="gzip")
    assert b"csrfmiddlewaretoken" in login.content and not login.has_header("Content-Encoding")
    refused = client.get("/letters/?year=abc", HTTP_ACCEPT_ENCODING="gzip")
    assert refused.status_code == 400 and not refused.has_header("Content-Encoding")


def test_no_answer_tells_a_visitor_whether_someone_else_asked_the_same(
    cached: None, client: Client
) -> None:
    """A search or a district asked for since the last edit is answered from the store:
    with production's settings nothing in the answer says so."""
    with override_settings(ARCHIVE_PAGE_CACHE_STATE_HEADER=False):
        for address in ("/search/?q=Titus", "/members/NV/1/"):
            first, second = client.get(address), Client().get(address)
            assert dict(first.headers) == dict(second.headers), address
            assert first.content == second.content


def test_an_early_served_page_has_the_security_headers_of_a_fresh_one(
    cached: None, client: Client
) -> None:
    with override_settings(ARCHIVE_PAGE_CACHE=False):
        fresh = client.get(LETTER, secure=True)
    client.get(LETTER, secure=True)
    stored = client.get(LETTER, secure=True)
    assert stored["X-Archive-Cache"] == "hit"
    security = {
        "Content-Security-Policy",
        "Strict-Transport-Security",
        "X-Frame-Options",
        "Cross-Origin-Resource-Policy",
        "Cross-Origin-Opener-Policy",
        "Referrer-Policy",
        "X-Content-Type-Options",
    }
    assert security <= set(fresh.headers)
    not_security = {"Cache-Control", "Vary", "ETag", "X-Archive-Cache", "Content-Length"}
    assert {h: v for h, v in stored.headers.items() if h not in not_security} == {
        h: v for h, v in fresh.headers.items() if h not in not_security
    }
    with override_settings(CONTENT_SECURITY_POLICY={"DIRECTIVES": {"default-src": ["'none'"]}}):
        assert client.get(LETTER)["Content-Security-Policy"] == "default-src 'none'"


def test_a_page_of_who_serves_today_is_rendered_again_when_the_day_changes(
    cached: None, client: Client
) -> None:
    senator = make_legislator("Last Day Senator", "D", "WY", chamber="senate")
    make_term(senator, "2021-01-03", "2027-01-03")

    def on(moment: str) -> mock._patch[mock.MagicMock]:
        when = datetime.datetime.fromisoformat(moment).replace(tzinfo=datetime.UTC)
        return mock.patch("django.utils.timezone.now", return_value=when)

    with on("2027-01-03T23:59"):
        assert "Last Day Senator" in client.get("/members/WY/").text
        assert client.get("/members/WY/")["X-Archive-Cache"] == "hit"
    with on("2027-01-04T00:01"):
        after = client.get("/members/WY/")
    assert after["X-Archive-Cache"] == "miss"
    assert "Last Day Senator" not in after.text


def test_public_pages_may_be_kept_by_shared_caches_and_nothing_personal_is(
    cached: None, client: Client
) -> None:
    with override_settings(
        ARCHIVE_SHARED_CACHE_SECONDS=30,
        ARCHIVE_SHARED_CACHE_STALE_SECONDS=10,
        ARCHIVE_SHARED_CACHE_ERROR_SECONDS=600,
    ):
        public = "public, max-age=0, s-maxage=30, stale-while-revalidate=10, stale-if-error=600"
        for address in (LETTER, "/letters/?party=D", "/letters/feed/", "/sitemap.xml"):
            assert client.get(address)["Cache-Control"] == public, address
            assert client.get(address)["Cache-Control"] == public, address
        assert client.get("/letters.csv")["Cache-Control"] == public

        assert client.get("/letters/?year=abc")["Cache-Control"] == "private"  # a 400
        assert client.get("/no-such-page/")["Cache-Control"] == "private"
        assert "public" not in client.get("/admin/login/")["Cache-Control"]
        client.force_login(User.objects.create_superuser("p", "p@example.org", "pass-phrase-3"))
        admin = client.get("/admin/")
        assert "private" in admin["Cache-Control"] and "public" not in admin["Cache-Control"]
    with override_settings(ARCHIVE_SHARED_CACHE_SECONDS=0):
        assert client.get(LETTER)["Cache-Control"] == "no-cache"


def test_a_stored_page_costs_one_query_and_no_read_of_the_shared_cache(
    cached: None, client: Client, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    """The version token, then this process's memory: the database cache (a table here) is
    read only for a page the process has not served since the last edit."""
    client.get(LETTER)
    with django_assert_num_queries(1):
        assert client.get(LETTER)["X-Archive-Cache"] == "hit"
