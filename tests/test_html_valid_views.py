"""The story, follow-through, campaign and members pages are valid HTML with their content
shown: current members with letters, a campaign, a response and events (the seed archive
alone has no member terms or responses)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from letters.loading import load_archive
from letters.models import Demand, Source
from people.importing import import_legislators
from people.models import Detainee
from tests.factories import make_event, make_response
from tests.test_html_valid import pytestmark as needs_the_checker
from tests.test_html_valid import validate

pytestmark = needs_the_checker
CARRIED = Path(__file__).resolve().parent.parent / "people" / "data" / "congress-legislators"

PAGES = [
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
]


@pytest.mark.django_db
def test_the_new_views_are_valid_html_with_their_content(client: Client, tmp_path: Path) -> None:
    load_archive()
    import_legislators(CARRIED / "legislators-current.yaml")
    make_response(Demand.objects.get(slug="global-magnitsky-sanctions"), "2025-06-02")
    make_event(Detainee.objects.get(slug="ruben-vardanyan"), "charged", "2024-01-01")
    assert Source.objects.exists()
    paths = {}
    for url in PAGES:
        response = client.get(url)
        assert response.status_code in (200, 400), url
        path = tmp_path / f"page{len(paths):02}.html"
        path.write_bytes(response.content)
        paths[path] = url
    assert "Did not sign" in (tmp_path / "page04.html").read_text()  # content is shown
    found = [
        f"{paths.get(Path(m['url'].removeprefix('file:')), m['url'])} line {m.get('lastLine')}: "
        f"{m['message']}"
        for m in validate(list(paths))
    ]
    assert found == []
