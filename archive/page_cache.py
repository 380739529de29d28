"""Rendered public pages, cached in the shared cache and never stale.

Every cached page is stored with the archive's *generation* it was rendered in: a random
token kept in the same shared cache and replaced whenever any record of the archive
changes (admin edit, import, load). A page is served only while its token is the current
one, on every worker and every app server that shares the cache; the token and the page
are read together, in one round trip (`get_many`: one MGET on Redis, one SELECT on the
database cache). Each address has one entry, overwritten when the page is rendered again,
so retired pages do not pile up. Responses carry an ETag, so a browser that already has
the page gets a 304.

The middleware sits innermost, just before the view: the outer middleware still add the
security headers to a cached page, and a page is only ever stored for an anonymous GET
that set no cookie.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import Callable, Iterator
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control

logger = logging.getLogger(__name__)

GENERATION_KEY = "archive:generation"
SKIPPED_PREFIXES = ("/admin/", "/healthz", "/static/")
STORED_HEADERS = ("Content-Type", "Content-Language", "Content-Disposition")


def page_cache() -> Any:
    return caches[settings.ARCHIVE_PAGE_CACHE_ALIAS]


def first_generation() -> str:
    """The token, set now if the cache has none (a new or flushed cache)."""
    cache = page_cache()
    cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    return cache.get(GENERATION_KEY)


def page_key(request: HttpRequest) -> str:
    return "archive:page:" + hashlib.sha256(request.get_full_path().encode()).hexdigest()


def lookup(key: str) -> tuple[str, dict[str, Any] | None]:
    """The current generation, and the page stored under `key` if it was rendered in it."""
    found = page_cache().get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY) or first_generation()
    stored = found.get(key)
    if stored is None or stored.get("generation") != generation:
        return generation, None
    return generation, stored


def new_generation() -> None:
    try:
        page_cache().set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    except Exception:  # a cache outage must not stop an edit; pages expire on their own
        logger.exception("Could not retire cached pages")


def archive_changed(**kwargs: object) -> None:
    """Signal receiver: a record changed. Retire the pages now and again at commit, so no
    worker keeps a page rendered between the change and its commit."""
    new_generation()
    transaction.on_commit(new_generation)


def cacheable_request(request: HttpRequest) -> bool:
    return (
        settings.ARCHIVE_PAGE_CACHE
        and request.method in ("GET", "HEAD")
        and not request.path.startswith(SKIPPED_PREFIXES)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "Authorization" not in request.headers
    )


def cacheable_response(response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Set-Cookie")
    )


def cacheable_stream(response: HttpResponse) -> bool:
    """A streamed export (CSV, JSON) that may be kept once it is complete."""
    return (
        response.status_code == 200
        and response.streaming
        and not getattr(response, "is_async", False)
        and not response.cookies
        and not response.has_header("Set-Cookie")
    )


def store(key: str, generation: str, content: bytes, response: HttpResponse) -> dict[str, Any]:
    stored = {
        "generation": generation,
        "content": content,
        "etag": f'"{hashlib.sha256(content).hexdigest()[:32]}"',
        "headers": [(h, response[h]) for h in STORED_HEADERS if response.has_header(h)],
    }
    try:
        page_cache().set(key, stored, timeout=settings.ARCHIVE_PAGE_CACHE_SECONDS)
    except Exception:
        logger.exception("Page cache unavailable")
    return stored


def storing_when_complete(
    key: str, generation: str, streamed: Iterator[bytes], response: HttpResponse
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
        store(key, generation, b"".join(chunks), response)


class PublicPageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not cacheable_request(request):
            return self.get_response(request)
        try:
            key = page_key(request)
            generation, stored = lookup(key)
        except Exception:  # the cache is down: serve uncached rather than fail
            logger.exception("Page cache unavailable")
            return self.get_response(request)

        if stored is None:
            response = self.get_response(request)
            if cacheable_stream(response):
                # An export streams as it is written; the copy is stored once complete.
                chunks = response.streaming_content
                response.streaming_content = storing_when_complete(
                    key, generation, chunks, response
                )
                response["X-Archive-Cache"] = "miss"
                patch_cache_control(response, no_cache=True)
                return response
            if not cacheable_response(response):
                return response
            stored = store(key, generation, response.content, response)
            state = "miss"
        else:
            response = HttpResponse(stored["content"])
            for header, value in stored["headers"]:
                response[header] = value
            state = "hit"

        if request.headers.get("If-None-Match") == stored["etag"]:
            response = HttpResponseNotModified()
        response["ETag"] = stored["etag"]
        response["X-Archive-Cache"] = state
        # Browsers and proxies may keep the page but must ask again (a 304 when unchanged).
        patch_cache_control(response, no_cache=True)
        return response
