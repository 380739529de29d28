"""Public pages answered early: a stored page is sent before the middleware that only
dynamic pages need (sessions, CSRF, authentication, messages, the login lockout), after one
freshness check (the version, archive/page_cache.py) and a read of this process's memory.

The middleware sits just after the security and static-file middleware. For a public page
it puts the query string in its canonical form, then serves the stored page, or passes the
request on and stores what comes back when it is the same page for everyone. The headers
the inner middleware add to every response (CSP, X-Frame-Options, CORP) are computed once
per process by those same middleware, so an early-served page carries what a fresh one does.

Shared caches. A stored page is marked public for a short while (ARCHIVE_SHARED_CACHE_*:
s-maxage, stale-while-revalidate, stale-if-error) with an ETag, so nginx or a CDN may keep
it and revalidate it with a 304; browsers revalidate every time (max-age=0). Every other
response is marked private: the admin, anything that set a cookie or read the session, a
page with a form carrying a CSRF token, every 4xx and 5xx.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any, cast

from django.conf import settings
from django.core.signals import setting_changed
from django.db import DatabaseError
from django.dispatch import receiver
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseNotModified,
    StreamingHttpResponse,
)
from django.http.response import HttpResponseBase
from django.utils.cache import patch_vary_headers
from django.utils.module_loading import import_string

from archive.middleware import database_unavailable
from archive.page_cache import (
    StoredPage,
    canonical_query,
    current_version,
    declared_parameters,
    in_memory,
    lookup,
    store,
    storing_when_complete,
)

SKIPPED_PREFIXES = ("/admin/", "/healthz", "/static/")
ACCEPTS_GZIP = re.compile(r"\bgzip\b")  # as Django's GZipMiddleware reads Accept-Encoding
NOT_STORED = re.compile(r"\b(no-store|private|no-cache)\b")  # Cache-Control a view set
STATE_HEADER = "X-Archive-Cache"
# The middleware after this one that add a header to every response: an early-served page
# is given what they would add (those of them in MIDDLEWARE).
HEADER_MIDDLEWARE = (
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "archive.middleware.cross_origin_resource_policy",
)


@lru_cache(maxsize=1)
def security_headers() -> tuple[tuple[str, str], ...]:
    """The headers HEADER_MIDDLEWARE add to a public page, as they add them."""
    chain: Callable[[HttpRequest], HttpResponseBase] = lambda request: HttpResponse()  # noqa: E731
    for path in reversed([path for path in settings.MIDDLEWARE if path in HEADER_MIDDLEWARE]):
        chain = import_string(path)(chain)
    request = HttpRequest()
    request.method, request.path, request.path_info = "GET", "/", "/"
    blank = HttpResponse()
    return tuple(
        (name, value) for name, value in chain(request).items() if blank.get(name) != value
    )


@lru_cache(maxsize=1)
def shared_cache_control() -> str:
    """Cache-Control of a stored page: public for ARCHIVE_SHARED_CACHE_SECONDS in shared
    caches, revalidated by browsers each time."""
    seconds = settings.ARCHIVE_SHARED_CACHE_SECONDS
    if not seconds:
        return "no-cache"
    return (
        f"public, max-age=0, s-maxage={seconds}, "
        f"stale-while-revalidate={settings.ARCHIVE_SHARED_CACHE_STALE_SECONDS}, "
        f"stale-if-error={settings.ARCHIVE_SHARED_CACHE_ERROR_SECONDS}"
    )


@receiver(setting_changed)
def forget_derived_settings(**kwargs: Any) -> None:
    """Tests change settings: what was derived from them, and pages kept under them, go."""
    security_headers.cache_clear()
    shared_cache_control.cache_clear()
    declared_parameters.cache_clear()
    in_memory.clear()


# --- which requests, which responses ----------------------------------------------------------


def public_request(request: HttpRequest) -> bool:
    return request.method in ("GET", "HEAD") and not request.path.startswith(SKIPPED_PREFIXES)


def canonicalize(request: HttpRequest) -> bool:
    """Put the request's query string in its view's canonical form (archive/page_cache.py);
    False when no view answers the address."""
    urlconf = getattr(request, "urlconf", None) or settings.ROOT_URLCONF
    declared = declared_parameters(urlconf, request.path_info)
    if declared is None:
        return False
    query = request.META.get("QUERY_STRING", "")
    canonical = canonical_query(query, declared)
    if canonical != query:
        request.META["QUERY_STRING"] = canonical
        request.__dict__.pop("GET", None)  # parsed again from the canonical query
    return True


def storable(request: HttpRequest, response: HttpResponseBase) -> bool:
    """Answered 200 with the same page for everyone: the session not read and no CSRF
    token used (so the page does not depend on who asks), no cookie set (a malformed
    cookie is replaced: that answer is for its sender alone), and not marked by its view as
    for no cache (the data package's previous version, sent while the current one builds)."""
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        and not NOT_STORED.search(response.get("Cache-Control", ""))
        and not getattr(response, "is_async", False)
        and not (session is not None and session.accessed)
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not response.cookies
        and not response.has_header("Set-Cookie")
    )


def kept_private(response: HttpResponseBase) -> HttpResponseBase:
    """No shared cache may keep a response that is not a stored page."""
    if not response.has_header("Cache-Control"):
        response["Cache-Control"] = "private"
    return response


def mark_stored(response: HttpResponseBase, state: str) -> None:
    response["Cache-Control"] = shared_cache_control()
    if settings.ARCHIVE_PAGE_CACHE_STATE_HEADER:
        response[STATE_HEADER] = state


def matches(etag: str, if_none_match: str) -> bool:
    """If-None-Match names this ETag (weak comparison, as RFC 9110 asks for it)."""
    asked = (tag.strip().removeprefix("W/") for tag in if_none_match.split(","))
    return any(tag in (etag, "*") for tag in asked)


def stored_response(stored: StoredPage, request: HttpRequest, state: str) -> HttpResponse:
    """The stored page, gzipped for a client that accepts it, or a 304 when the client
    has this form of it already; with the security headers of a fresh page."""
    gzipped = stored["gzip"]
    send_gzipped = gzipped and ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", ""))
    etag = f'"{stored["etag"]}-gzip"' if send_gzipped else f'"{stored["etag"]}"'
    response: HttpResponse
    if matches(etag, request.META.get("HTTP_IF_NONE_MATCH", "")):
        response = HttpResponseNotModified()
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
    for header, value in security_headers():
        response[header] = value
    mark_stored(response, state)
    return response


class PageServingMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not public_request(request) or not canonicalize(request):
            return kept_private(self.get_response(request))
        if not settings.ARCHIVE_PAGE_CACHE:
            return kept_private(self.get_response(request))
        try:
            version = current_version()
        except DatabaseError as error:
            return database_unavailable(request, error)
        if version is None:
            return kept_private(self.get_response(request))
        address = request.get_full_path()
        stored = lookup(address, version)
        if stored is not None:
            return stored_response(stored, request, "hit")
        response = self.get_response(request)
        if not storable(request, response):
            return kept_private(response)
        if isinstance(response, StreamingHttpResponse):
            # An export streams as it is written; the copy is stored once complete.
            streamed = cast(Iterator[bytes], response.streaming_content)  # never async: storable()
            response.streaming_content = storing_when_complete(address, version, streamed, response)
            mark_stored(response, "miss")
            return response
        if not isinstance(response, HttpResponse):
            return kept_private(response)
        return stored_response(store(address, version, response.content, response), request, "miss")
