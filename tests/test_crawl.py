"""A visitor following every internal link from the home page finds no error and no dead end."""

from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.test import Client

from letters.loading import load_archive

MAX_PAGES = 3000


class LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = {"a": "href", "link": "href", "img": "src", "script": "src", "form": None}
        if wanted.get(tag):
            for name, value in attrs:
                if name == wanted[tag] and value:
                    self.links.append(value)


def internal(url: str) -> str | None:
    url, _ = urldefrag(url)
    parts = urlsplit(url)
    if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
        return None
    if parts.path.startswith("/admin/"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


@pytest.mark.django_db
def test_every_internal_link_from_the_home_page_works(client: Client) -> None:
    load_archive()
    seen = {"/"}
    queue = deque(["/"])
    broken: list[tuple[str, int, str]] = []
    while queue and len(seen) <= MAX_PAGES:
        url = queue.popleft()
        response = client.get(url)
        if response.status_code != 200:
            broken.append((url, response.status_code, ""))
            continue
        if "html" not in response.get("Content-Type", ""):
            continue
        parser = LinkParser()
        parser.feed(response.content.decode())
        for link in parser.links:
            target = internal(urljoin(f"http://testserver{url}", link))
            if target and target not in seen:
                seen.add(target)
                queue.append(target)
    assert not broken, broken[:20]
    assert len(seen) > 60  # the crawl reached letters, people, demands, exports and sources
    assert any(u.endswith(".csv") or ".csv?" in u for u in seen)
