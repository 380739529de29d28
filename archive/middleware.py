import logging
from collections.abc import Callable

from django.conf import settings
from django.db import InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.template import loader

logger = logging.getLogger(__name__)


def cross_origin_resource_policy(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Only this site may embed its responses (Django sets COOP, not CORP)."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response

    return middleware


PUBLIC_METHODS = ("GET", "HEAD", "OPTIONS")
ADMIN_METHODS = ("GET", "HEAD", "OPTIONS", "POST")


def allowed_methods(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Public pages are read with GET and HEAD (the admin posts forms too): OPTIONS answers
    the Allow header, any other method (TRACE included) 405, neither rendering a page."""

    def middleware(request: HttpRequest) -> HttpResponse:
        allowed = ADMIN_METHODS if request.path.startswith("/admin/") else PUBLIC_METHODS
        if request.method in allowed and request.method != "OPTIONS":
            return get_response(request)
        response = (
            HttpResponse(status=200)
            if request.method == "OPTIONS"
            else HttpResponseNotAllowed(allowed)
        )
        response["Allow"] = ", ".join(allowed)
        response["Cache-Control"] = "no-store"
        return response

    return middleware


def client_ip_address(request: HttpRequest) -> str:
    """The visitor's address for login throttling.

    Behind `ARCHIVE_PROXY_COUNT` trusted proxies, each appends the address it saw to
    X-Forwarded-For, so the client is that many entries from the right; anything further
    left was sent by the client and can be forged. Without a proxy: REMOTE_ADDR.
    """
    proxies: int = settings.ARCHIVE_PROXY_COUNT
    header: str = request.META.get("HTTP_X_FORWARDED_FOR", "")
    forwarded = [part.strip() for part in header.split(",")]
    forwarded = [part for part in forwarded if part]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return str(request.META.get("REMOTE_ADDR", ""))


class DatabaseUnavailableMiddleware:
    """A database outage answers a styled 503 (with Retry-After) instead of a 500.

    Django opens a new connection on the next request, so the site recovers by itself when
    the database returns; the connect timeout in settings keeps a dead server from hanging
    the worker.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        return database_unavailable(request, exception)


def database_unavailable(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Log the outage, drop the broken connections, answer the styled 503."""
    logger.error("Database unavailable: %s", exception)
    for connection in connections.all(initialized_only=True):
        connection.close_if_unusable_or_obsolete()
    return database_unavailable_response(request)


def database_unavailable_response(request: HttpRequest) -> HttpResponse:
    template = loader.get_template("503.html")
    response = HttpResponse(template.render({"SITE_NAME": settings.SITE_NAME}), status=503)
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response
