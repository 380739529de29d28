"""Rendered public pages, kept in the shared cache, never stale and never poisoned.

Freshness. Each stored page carries the archive's version token it was rendered under: the
token in the database (letters.models.ArchiveVersion) that every change to a record
replaces in the same transaction. A request reads the token (one query) and the page (one
cache read), and the page is served only while the two agree. The cache holds no token of
its own, so an edit saved while the cache is down, a rolled-back edit, a cache restarted
from an older snapshot or an evicted entry can never bring back an old page.

Bounded. Only a canonical request is stored: a GET of a public page whose query string has
only the parameters its view declares (`page_parameters`), each once, in the declared
order and encoding, answered 200 without reading the session. Anything else is rendered
and not stored. A page is stored in one of ARCHIVE_PAGE_CACHE_SLOTS entries chosen by a
hash of its address (another page with the same slot replaces it), at most
ARCHIVE_PAGE_CACHE_PAGE_BYTES each; a larger response (an export, the sitemap) goes to one
of ARCHIVE_PAGE_CACHE_LARGE_SLOTS entries of at most ARCHIVE_PAGE_CACHE_MAX_BYTES, its
page slot keeping only a pointer. So the cache never holds more than
SLOTS x PAGE_BYTES + LARGE_SLOTS x MAX_BYTES of pages, however many addresses are asked.

Compressed. A stored page of text is kept gzipped: a browser that accepts gzip (every
browser does) gets it as stored, any other client gets it decompressed; each form has its
own ETag, and the response says it varies with Accept-Encoding. Only stored pages are
compressed: they are the same for everyone and carry no secret, so compression tells an
attacker nothing (BREACH); the admin's pages are never compressed.

Unpoisonable. What a stored page holds depends on its address alone: absolute URLs come
from ARCHIVE_SITE_URL (archive/site.py), never from the request's headers.

Degrading. The cache client gives up after a short timeout (settings: CACHES); after a
failure this process renders pages directly, without the cache, for
ARCHIVE_PAGE_CACHE_RETRY_SECONDS, so an unreachable or hung cache costs a request at most
one timeout. Responses carry an ETag, so a browser that already has the page gets a 304.

The middleware sits innermost, just before the view: the outer middleware still add the
security headers to a cached page.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import re
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any, TypeVar, cast
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseNotModified,
    StreamingHttpResponse,
)
from django.utils.cache import patch_cache_control, patch_vary_headers

logger = logging.getLogger(__name__)

SKIPPED_PREFIXES = ("/admin/", "/healthz", "/static/")
STORED_HEADERS = ("Content-Type", "Content-Language", "Content-Disposition")
COMPRESSED_TYPES = ("text/", "application/json", "application/xml", "application/atom+xml")
ACCEPTS_GZIP = re.compile(r"\bgzip\b")  # as Django's GZipMiddleware reads Accept-Encoding
PAGE_PREFIX = "archive:page:"
LARGE_PREFIX = "archive:large:"

ViewT = TypeVar("ViewT", bound=Callable[..., Any])


def page_cache() -> Any:
    return caches[settings.ARCHIVE_PAGE_CACHE_ALIAS]


# --- which requests are canonical ---------------------------------------------------------


def page_parameters(*declared: str | type) -> Callable[[ViewT], ViewT]:
    """Declare the query parameters a view reads, in their canonical order: names, or the
    FilterSet or Form classes whose fields they are. Only a query string made of these,
    each at most once and in this order, is stored in the page cache; a view without the
    declaration is stored only for its address without a query string."""
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


def canonical_query(query_string: str, declared: tuple[str, ...]) -> bool:
    """The query string names declared parameters only, each once, in the declared order,
    encoded as urlencode() writes it (so one page has one address in the cache)."""
    if not query_string:
        return True
    pairs = parse_qsl(query_string, keep_blank_values=True)
    names = [name for name, _ in pairs]
    order = {name: n for n, name in enumerate(declared)}
    if any(name not in order for name in names):
        return False
    positions = [order[name] for name in names]
    return positions == sorted(set(positions)) and urlencode(pairs) == query_string


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


# --- keys, the token, stored pages -----------------------------------------------------------


def slot(address: str, slots: int) -> int:
    return int.from_bytes(hashlib.sha256(address.encode()).digest()[:8], "big") % slots


def page_key(address: str) -> str:
    return f"{PAGE_PREFIX}{slot(address, settings.ARCHIVE_PAGE_CACHE_SLOTS)}"


def large_key(address: str) -> str:
    return f"{LARGE_PREFIX}{slot(address, settings.ARCHIVE_PAGE_CACHE_LARGE_SLOTS)}"


def current_token() -> str | None:
    """The archive's version token, from the database (None: no token row, nothing can be
    checked against it)."""
    from letters.models import ArchiveVersion

    token = ArchiveVersion.current()
    return str(token) if token else None


def lookup(address: str, token: str) -> dict[str, Any] | None:
    """The page stored for `address` under `token`, or None."""
    _, stored = cache_call(lambda: page_cache().get(page_key(address)))
    if not stored or stored.get("address") != address or stored.get("token") != token:
        return None
    if "large" in stored:  # a large response: its content is in a large slot
        _, stored = cache_call(lambda: page_cache().get(stored["large"]))
        if not stored or stored.get("address") != address or stored.get("token") != token:
            return None
    return cast("dict[str, Any]", stored)


def store(address: str, token: str, content: bytes, response: HttpResponse) -> dict[str, Any]:
    """Keep the page (gzipped if it is text) in its slot, or in a large slot with a
    pointer in its slot; return what is kept."""
    compressed = response.get("Content-Type", "").startswith(COMPRESSED_TYPES)
    kept = gzip.compress(content, compresslevel=6, mtime=0) if compressed else content
    stored: dict[str, Any] = {
        "address": address,
        "token": token,
        "content": kept,
        "gzip": compressed,
        "etag": hashlib.sha256(content).hexdigest()[:32],
        "headers": [(h, response[h]) for h in STORED_HEADERS if response.has_header(h)],
    }
    seconds = settings.ARCHIVE_PAGE_CACHE_SECONDS
    size = len(kept)
    if size <= settings.ARCHIVE_PAGE_CACHE_PAGE_BYTES:
        cache_call(lambda: page_cache().set(page_key(address), stored, timeout=seconds))
    elif size <= settings.ARCHIVE_PAGE_CACHE_MAX_BYTES:
        large = large_key(address)
        pointer = {"address": address, "token": token, "large": large}
        cache_call(
            lambda: page_cache().set_many(
                {large: stored, page_key(address): pointer}, timeout=seconds
            )
        )
    return stored


def storing_when_complete(
    address: str, token: str, streamed: Iterator[bytes], response: HttpResponse
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
        store(address, token, b"".join(chunks), response)


# --- the middleware --------------------------------------------------------------------------


def cacheable_request(request: HttpRequest) -> bool:
    return (
        settings.ARCHIVE_PAGE_CACHE
        and request.method in ("GET", "HEAD")
        and not request.path.startswith(SKIPPED_PREFIXES)
    )


def storable(request: HttpRequest, response: HttpResponse) -> bool:
    """A canonical request answered 200 with the same page for everyone: no cookie set,
    the session not read (so the page does not depend on who asks), nothing the view said
    no cache may keep (`Cache-Control: no-store`)."""
    session = getattr(request, "session", None)
    return (
        getattr(request, "canonical_for_cache", False)
        and response.status_code == 200
        and not getattr(response, "is_async", False)
        and not response.cookies
        and not response.has_header("Set-Cookie")
        and not (session is not None and session.accessed)
        and "no-store" not in response.get("Cache-Control", "")
    )


def cached_response(stored: dict[str, Any], request: HttpRequest, state: str) -> HttpResponse:
    """The stored page, gzipped for a client that accepts it, or a 304 when the client
    has this form of it already."""
    gzipped = stored.get("gzip", False)
    send_gzipped = gzipped and ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", ""))
    digest = stored["etag"].strip('"')  # a page stored before compression kept it quoted
    etag = f'"{digest}-gzip"' if send_gzipped else f'"{digest}"'
    if request.headers.get("If-None-Match") == etag:
        response: HttpResponse = HttpResponseNotModified()
    else:
        content = stored["content"]
        if gzipped and not send_gzipped:
            content = gzip.decompress(content)
        response = HttpResponse(content)
        for header, value in stored["headers"]:
            response[header] = value
        if send_gzipped:
            response["Content-Encoding"] = "gzip"
    if gzipped:
        patch_vary_headers(response, ["Accept-Encoding"])
    response["ETag"] = etag
    response["X-Archive-Cache"] = state
    # Browsers and proxies may keep the page but must ask again (a 304 when unchanged).
    patch_cache_control(response, no_cache=True)
    return response


class PublicPageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not cacheable_request(request):
            return self.get_response(request)
        try:
            token = current_token()
        except DatabaseError as error:
            from archive.middleware import database_unavailable

            return database_unavailable(request, error)
        if token is None or not breaker.available():
            return self.get_response(request)
        address = request.get_full_path()
        stored = lookup(address, token)
        if stored is not None:
            return cached_response(stored, request, "hit")

        response = self.get_response(request)
        if not storable(request, response):
            return response
        if isinstance(response, StreamingHttpResponse):
            # An export streams as it is written; the copy is stored once complete.
            response.streaming_content = storing_when_complete(
                address, token, response.streaming_content, response
            )
            response["X-Archive-Cache"] = "miss"
            patch_cache_control(response, no_cache=True)
            return response
        stored = store(address, token, response.content, response)
        return cached_response(stored, request, "miss")

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        declared = getattr(view, "page_parameters", ())
        # Read back in process_response, which the view's declaration does not reach.
        request.canonical_for_cache = canonical_query(  # type: ignore[attr-defined]  # an attribute of our own
            request.META.get("QUERY_STRING", ""), declared
        )
        return None
