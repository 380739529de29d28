"""The benchmark's ceiling page lives in its own URLconf, never in the site's."""

import pytest
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db


def test_the_site_has_no_benchmark_page(client: Client) -> None:
    assert client.get("/bench/ceiling/").status_code == 404


@override_settings(ROOT_URLCONF="bench.urls")
def test_the_benchmark_urls_add_the_ceiling_to_the_site(client: Client) -> None:
    assert client.get("/bench/ceiling/").content == b"ok\n"
    assert client.get("/bench/ceiling/?bytes=5").content == b"xxxxx"
    assert client.get("/about/").status_code == 200
