"""A visitor following every internal link from the home page finds no error and no dead end."""

import pytest
from django.test import Client

from letters.loading import load_archive
from tests.site_crawl import crawl


@pytest.mark.django_db
def test_every_internal_link_from_the_home_page_works(client: Client) -> None:
    load_archive()
    seen = []
    broken: list[tuple[str, int]] = []
    for url, response in crawl(client):
        seen.append(url)
        if response.status_code != 200:
            broken.append((url, response.status_code))
    assert not broken, broken[:20]
    assert len(seen) > 60  # the crawl reached letters, people, demands, exports and sources
    assert any(u.endswith(".csv") or ".csv?" in u for u in seen)
