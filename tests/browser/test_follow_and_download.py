"""A follower subscribes to one detainee from their page and sees a new letter naming them
in that feed only; a researcher downloads the whole archive from the footer and loads it."""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from frictionless import Package, validate
from frictionless.resources import TableResource

from letters.datapackage.tables import TABLES
from letters.models import Letter
from people.models import Detainee
from tests.browser.accessibility import accessibility_failures
from tests.factories import make_detainee, make_event, make_legislator, make_letter

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ATOM = {"atom": "http://www.w3.org/2005/Atom"}


@pytest.fixture
def archive() -> dict[str, Detainee]:
    titus = make_legislator("Dina Titus", "D", "NV")
    vardanyan = make_detainee("Ruben Vardanyan")
    mnatsakanyan = make_detainee("Levon Mnatsakanyan")
    make_letter("Titus letter", "2025-04-11", signers=[titus], detainees=[vardanyan])
    make_letter("Caucus letter", "2025-05-02", signers=[titus], detainees=[mnatsakanyan])
    make_event(vardanyan, "detained", "2023-09-27")
    return {"vardanyan": vardanyan, "mnatsakanyan": mnatsakanyan}


def entry_titles(page: Any, url: str) -> list[str]:
    response = page.request.get(url)
    assert response.ok and response.headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.body())
    return [entry.findtext("atom:title", "", ATOM) for entry in feed.iterfind("atom:entry", ATOM)]


def test_a_follower_subscribes_to_a_detainee_and_sees_a_new_letter_naming_them(
    page: Any, live_server: Any, archive: dict[str, Detainee]
) -> None:
    vardanyan, mnatsakanyan = archive["vardanyan"], archive["mnatsakanyan"]
    page.goto(live_server.url + vardanyan.get_absolute_url())
    link = page.get_by_role("link", name="Ruben Vardanyan: letters naming them and the events")
    assert link.is_visible()
    feed_url = live_server.url + link.get_attribute("href")
    announced = page.locator("head link[rel=alternate][type='application/atom+xml']").last
    assert live_server.url + announced.get_attribute("href") == feed_url
    assert entry_titles(page, feed_url) == [
        "Titus letter (April 11, 2025)",
        "Detained (September 27, 2023)",
    ]
    page.goto(live_server.url + mnatsakanyan.get_absolute_url())
    other_url = live_server.url + page.get_by_role("link", name="(Atom feed)").get_attribute("href")

    make_letter("Helsinki Commission letter", "2025-07-01", detainees=[vardanyan])

    new = "Helsinki Commission letter (July 1, 2025)"
    assert entry_titles(page, feed_url)[0] == new
    assert new not in entry_titles(page, other_url)


def test_a_researcher_downloads_the_whole_archive_and_loads_it(
    page: Any, live_server: Any, archive: dict[str, Detainee], tmp_path: Path
) -> None:
    page.goto(live_server.url + "/")
    page.get_by_role("contentinfo").get_by_role("link", name="The whole archive").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="The data package (zip)").click()
    download = download_info.value
    assert download.suggested_filename == "archive-data.zip"
    zipfile.ZipFile(download.path()).extractall(tmp_path)
    descriptor = str(tmp_path / "datapackage.json")
    report = validate(descriptor)
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    resources = Package(descriptor).resources
    rows = {r.name: len(r.read_rows()) for r in resources if isinstance(r, TableResource)}
    assert rows == {table.name: table.queryset().count() for table in TABLES}
    assert rows["letters"] == Letter.objects.count() == 2


def test_the_data_page_and_a_followed_list_have_no_axe_violations(
    page: Any, live_server: Any, archive: dict[str, Detainee], axe_source: str
) -> None:
    urls = [reverse("letters:data"), reverse("letters:letter_list") + "?party=D"]
    failures = accessibility_failures(page, live_server.url, urls, axe_source)
    assert failures == [], "\n".join(failures)
