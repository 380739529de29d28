"""The benchmark's ceiling page lives in its own URLconf, never in the site's."""

import pytest
from django.test import Client, override_settings

from letters.models import ArchiveVersion

pytestmark = pytest.mark.django_db


def test_the_site_has_no_benchmark_page(client: Client) -> None:
    assert client.get("/bench/ceiling/").status_code == 404


@override_settings(ROOT_URLCONF="bench.urls")
def test_the_benchmark_urls_add_the_ceiling_to_the_site(client: Client) -> None:
    assert client.get("/bench/ceiling/").content == b"ok\n"
    # As many bytes as asked, sent as they are through the page cache (which gzips text):
    # the ceiling of a download of that size.
    ArchiveVersion.bump()  # the token a cached page needs (a flushed database has none)
    with override_settings(ARCHIVE_PAGE_CACHE=True):
        for _ in range(2):
            sized = client.get("/bench/ceiling/?bytes=50000", HTTP_ACCEPT_ENCODING="gzip")
            assert len(sized.content) == 50000 and not sized.has_header("Content-Encoding")
        assert sized["X-Archive-Cache"] == "hit"
    assert client.get("/about/").status_code == 200
