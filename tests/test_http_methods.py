"""Pages are read, never traced: OPTIONS says which methods a page answers, TRACE and the
other methods are refused, and neither renders the page."""

import pytest
from django.test import Client, override_settings
from pytest_django import DjangoAssertNumQueries

pytestmark = pytest.mark.django_db
LETTER = "/letters/2025-04-11-titus-smith-rubio/"


@pytest.fixture
def archive(seed_archive: None) -> None:
    """The seed archive, loaded once for the module (conftest.seed_archive)."""


def test_options_answers_the_allowed_methods_without_the_page(
    archive: None, client: Client, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    with django_assert_num_queries(0):
        response = client.options(LETTER)
    assert response.status_code == 200
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert response.content == b""
    assert client.options("/admin/login/")["Allow"] == "GET, HEAD, OPTIONS, POST"


@pytest.mark.parametrize("path", [LETTER, "/", "/letters.csv", "/sitemap.xml", "/admin/login/"])
def test_trace_is_refused_without_rendering_anything(
    archive: None, client: Client, path: str, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    with django_assert_num_queries(0):
        response = client.generic("TRACE", path)
    assert response.status_code == 405
    assert "TRACE" not in response["Allow"]
    assert b"<html" not in response.content.lower()


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_public_pages_refuse_writes(archive: None, client: Client, method: str) -> None:
    response = client.generic(method, LETTER)
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"


def test_options_and_trace_leave_the_page_cache_alone(archive: None, client: Client) -> None:
    with override_settings(ARCHIVE_PAGE_CACHE=True):
        client.options(LETTER)
        client.generic("TRACE", LETTER)
        assert client.get(LETTER)["X-Archive-Cache"] == "miss"
