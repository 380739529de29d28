"""Following the site's internal links the way a visitor (or a crawler) would."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

from django.test import Client

from tests.responses import ClientResponse

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


def is_download(url: str) -> bool:
    return urlsplit(url).path.endswith((".csv", ".json"))


def crawl(client: Client, start: str = "/") -> Iterator[tuple[str, ClientResponse]]:
    """Every page reachable from `start` by internal links (the admin left out), each once,
    with its response; links are followed only from HTML pages answered with 200.

    Filters are followed one deep: every filtered page a page without a query string links
    to is read, and from a filtered page its downloads and the links to pages without a
    query string (otherwise the combinations of states, parties and sorts make thousands)."""
    seen = {start}
    queue = deque([start])
    while queue and len(seen) <= MAX_PAGES:
        url = queue.popleft()
        response = client.get(url)
        yield url, response
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        parser = LinkParser()
        parser.feed(response.content.decode())
        for link in parser.links:
            target = internal(urljoin(f"http://testserver{url}", link))
            if target and "?" in url and "?" in target and not is_download(target):
                continue
            if target and target not in seen:
                seen.add(target)
                queue.append(target)
