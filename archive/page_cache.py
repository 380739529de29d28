"""Rendered public pages, kept in the shared cache, never stale and never poisoned.

Freshness. Each stored page carries the version it was rendered under: the archive's
version token in the database (letters.models.ArchiveVersion), which every change to a
record replaces in the same transaction, and the day (pages say who serves today). A
request reads the token (one query) and the page, and the page is served only while the
two agree. The cache holds no token of its own, so an edit saved while the cache is down, a
rolled-back edit, a cache restarted from an older snapshot or an evicted entry can never
bring back an old page.

In memory first. Each process keeps the pages it served last, of the current version only,
in ARCHIVE_PAGE_CACHE_MEMORY_BYTES; the shared cache is read only when the page is not there.

One address per page. A view declares the query parameters it reads (`page_parameters`);
every other parameter is dropped, the declared ones put in the declared order (the last
value of a repeated one, as the view would read it) and written as urlencode() writes them,
before the page is looked up or rendered: a made-up parameter is served the stored page.

Bounded. A page is stored in one of ARCHIVE_PAGE_CACHE_SLOTS entries chosen by a hash of its
address (another page with the same slot replaces it), at most ARCHIVE_PAGE_CACHE_PAGE_BYTES
each; a larger response (an export, the sitemap) goes to one of ARCHIVE_PAGE_CACHE_LARGE_SLOTS
entries of at most ARCHIVE_PAGE_CACHE_MAX_BYTES, its page slot keeping only a pointer. So the
shared cache never holds more than SLOTS x PAGE_BYTES + LARGE_SLOTS x MAX_BYTES of pages,
however many addresses are asked.

Compressed. A stored page of text is kept gzipped, with an ETag per form (gzipped or not).
Only stored pages are compressed: they are the same for everyone and carry no secret, so
compression tells an attacker nothing (BREACH); the admin's pages are never compressed.

Unpoisonable. What a stored page holds depends on its address alone: absolute URLs come
from ARCHIVE_SITE_URL (archive/site.py), never from the request's headers.

Degrading. The cache client gives up after a short timeout (settings: CACHES); after a
failure this process renders pages directly, without the shared cache, for
ARCHIVE_PAGE_CACHE_RETRY_SECONDS, so an unreachable or hung cache costs a request at most
one timeout.

How pages are answered (early, before the middleware only dynamic pages need) and which
headers they carry: archive/page_serving.py.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any, TypeVar, cast
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connections
from django.http import HttpResponseBase
from django.urls import Resolver404, get_resolver
from django.utils import timezone

logger = logging.getLogger(__name__)

STORED_HEADERS = ("Content-Type", "Content-Language", "Content-Disposition", "X-Robots-Tag")
COMPRESSED_TYPES = ("text/", "application/json", "application/xml", "application/atom+xml")
PAGE_PREFIX = "archive:page:"
LARGE_PREFIX = "archive:large:"

ViewT = TypeVar("ViewT", bound=Callable[..., Any])
StoredPage = dict[str, Any]


def page_cache() -> Any:
    return caches[settings.ARCHIVE_PAGE_CACHE_ALIAS]


# --- one address per page -------------------------------------------------------------------


def page_parameters(*declared: str | type) -> Callable[[ViewT], ViewT]:
    """Declare the query parameters a view reads, in their canonical order: names, or the
    FilterSet or Form classes whose fields they are. Any other parameter is dropped before
    the view sees the request; a view without the declaration reads none."""
    names: list[str] = []
    for item in declared:
        if isinstance(item, str):
            names.append(item)
        else:
            fields = getattr(item, "base_filters", None) or getattr(item, "base_fields", {})
            names.extend(fields)

    def declare(view: ViewT) -> ViewT:
        view.page_parameters = tuple(names)  # type: ignore[attr-defined]  # read by process_view
        return view

    return declare


@lru_cache(maxsize=1024)
def declared_parameters(urlconf: str, path: str) -> tuple[str, ...] | None:
    """The parameters the view at `path` declares, or None when no view answers it (kept
    per process: resolving an address walks the URL patterns)."""
    try:
        match = get_resolver(urlconf).resolve(path)
    except Resolver404:
        return None
    return getattr(match.func, "page_parameters", ())


def canonical_query(query_string: str, declared: tuple[str, ...]) -> str:
    """The query string as the view reads it: declared parameters only, each once (its last
    value, as QueryDict.get reads it), in the declared order, encoded as urlencode() writes
    them."""
    if not query_string:
        return ""
    values = dict(parse_qsl(query_string, keep_blank_values=True))
    return urlencode([(name, values[name]) for name in declared if name in values])


# --- the circuit breaker --------------------------------------------------------------------


class CacheBreaker:
    """After a cache failure, this process leaves the cache alone for a while."""

    def __init__(self) -> None:
        self.closed_until = 0.0
        self.lock = threading.Lock()

    def available(self) -> bool:
        return time.monotonic() >= self.closed_until

    def failed(self, error: Exception) -> None:
        with self.lock:
            if self.available():
                logger.warning(
                    "Page cache unavailable (%s); rendering pages directly for %s s",
                    error,
                    settings.ARCHIVE_PAGE_CACHE_RETRY_SECONDS,
                )
            self.closed_until = time.monotonic() + settings.ARCHIVE_PAGE_CACHE_RETRY_SECONDS

    def reset(self) -> None:
        self.closed_until = 0.0


breaker = CacheBreaker()


def cache_call(operation: Callable[[], Any]) -> tuple[bool, Any]:
    """(True, result) of a cache operation, or (False, None) when the cache failed or the
    breaker says to leave it alone."""
    if not breaker.available():
        return False, None
    try:
        return True, operation()
    except Exception as error:  # any client error: the page is rendered without the cache
        breaker.failed(error)
        return False, None


# --- the version a page is fresh under -------------------------------------------------------


def current_version() -> str | None:
    """The archive's version token from the database, with today's date: a page is fresh
    only under both (None: no token row, nothing can be checked against it).

    The token's query is the request's first, and it tells by itself whether a kept
    connection still works: Django's health check before it would be a second round trip
    to the database for every stored page. A broken connection is replaced once."""
    from letters.models import ArchiveVersion

    connection = connections[DEFAULT_DB_ALIAS]
    kept = connection.connection is not None and not connection.in_atomic_block
    if kept:
        connection.health_check_done = True  # type: ignore[attr-defined]
    try:
        token = ArchiveVersion.current()
    except (InterfaceError, OperationalError):
        if not kept:
            raise
        connection.close()
        token = ArchiveVersion.current()
    return f"{token}/{timezone.localdate().isoformat()}" if token else None


# --- the pages this process served last -----------------------------------------------------


class PagesInMemory:
    """The pages this process served last, all of one version (a new version empties it),
    the least recently served dropped first past ARCHIVE_PAGE_CACHE_MEMORY_BYTES."""

    def __init__(self) -> None:
        self.version: str | None = None
        self.pages: OrderedDict[str, StoredPage] = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()

    def get(self, address: str, version: str) -> StoredPage | None:
        with self.lock:
            if version != self.version:
                self._empty(version)
                return None
            stored = self.pages.get(address)
            if stored is not None:
                self.pages.move_to_end(address)
            return stored

    def put(self, address: str, version: str, stored: StoredPage) -> None:
        budget = settings.ARCHIVE_PAGE_CACHE_MEMORY_BYTES
        size = len(stored["content"])
        if size > budget:
            return
        with self.lock:
            if version != self.version:
                self._empty(version)
            replaced = self.pages.pop(address, None)
            if replaced is not None:
                self.size -= len(replaced["content"])
            self.pages[address] = stored
            self.size += size
            while self.size > budget:
                self.size -= len(self.pages.popitem(last=False)[1]["content"])

    def clear(self) -> None:
        with self.lock:
            self._empty(None)

    def _empty(self, version: str | None) -> None:
        self.version, self.pages, self.size = version, OrderedDict(), 0


in_memory = PagesInMemory()


# --- keys, stored pages ------------------------------------------------------------------------


def slot(address: str, slots: int) -> int:
    return int.from_bytes(hashlib.sha256(address.encode()).digest()[:8], "big") % slots


def page_key(address: str) -> str:
    return f"{PAGE_PREFIX}{slot(address, settings.ARCHIVE_PAGE_CACHE_SLOTS)}"


def large_key(address: str) -> str:
    return f"{LARGE_PREFIX}{slot(address, settings.ARCHIVE_PAGE_CACHE_LARGE_SLOTS)}"


def lookup(address: str, version: str) -> StoredPage | None:
    """The page stored for `address` under `version`: from this process's memory, else from
    the shared cache (then kept in memory too), or None."""
    stored = in_memory.get(address, version)
    if stored is not None:
        return stored
    stored = shared_lookup(address, version)
    if stored is not None:
        in_memory.put(address, version, stored)
    return stored


def shared_lookup(address: str, version: str) -> StoredPage | None:
    _, stored = cache_call(lambda: page_cache().get(page_key(address)))
    if not stored or stored.get("address") != address or stored.get("token") != version:
        return None
    if "large" in stored:  # a large response: its content is in a large slot
        _, stored = cache_call(lambda: page_cache().get(stored["large"]))
        if not stored or stored.get("address") != address or stored.get("token") != version:
            return None
    return cast("dict[str, Any]", stored)


def store(address: str, version: str, content: bytes, response: HttpResponseBase) -> StoredPage:
    """Keep the page (gzipped if it is text) in memory and in its slot, or in a large slot
    with a pointer in its slot; return what is kept."""
    compressed = response.get("Content-Type", "").startswith(COMPRESSED_TYPES)
    kept = gzip.compress(content, compresslevel=6, mtime=0) if compressed else content
    stored: StoredPage = {
        "address": address,
        "token": version,
        "content": kept,
        "gzip": compressed,
        "etag": hashlib.sha256(content).hexdigest()[:32],
        "headers": [(h, response[h]) for h in STORED_HEADERS if response.has_header(h)],
    }
    in_memory.put(address, version, stored)
    seconds = settings.ARCHIVE_PAGE_CACHE_SECONDS
    size = len(kept)
    if size <= settings.ARCHIVE_PAGE_CACHE_PAGE_BYTES:
        cache_call(lambda: page_cache().set(page_key(address), stored, timeout=seconds))
    elif size <= settings.ARCHIVE_PAGE_CACHE_MAX_BYTES:
        large = large_key(address)
        pointer = {"address": address, "token": version, "large": large}
        cache_call(
            lambda: page_cache().set_many(
                {large: stored, page_key(address): pointer}, timeout=seconds
            )
        )
    return stored


def storing_when_complete(
    address: str, version: str, streamed: Iterator[bytes], response: HttpResponseBase
) -> Iterator[bytes]:
    """The response's chunks as they come, keeping a copy stored when the last one is sent
    (an export cut short by the client, or larger than ARCHIVE_PAGE_CACHE_MAX_BYTES, is
    not stored)."""
    chunks: list[bytes] | None = []
    size = 0
    for chunk in streamed:
        if chunks is not None:
            size += len(chunk)
            if size > settings.ARCHIVE_PAGE_CACHE_MAX_BYTES:
                chunks = None
            else:
                chunks.append(chunk)
        yield chunk
    if chunks is not None:
        store(address, version, b"".join(chunks), response)
