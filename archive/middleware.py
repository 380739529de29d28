from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


def cross_origin_resource_policy(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Only this site may embed its responses (Django sets COOP, not CORP)."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response

    return middleware


def client_ip_address(request: HttpRequest) -> str:
    """The visitor's address for login throttling.

    Behind `ARCHIVE_PROXY_COUNT` trusted proxies, each appends the address it saw to
    X-Forwarded-For, so the client is that many entries from the right; anything further
    left was sent by the client and can be forged. Without a proxy: REMOTE_ADDR.
    """
    proxies = settings.ARCHIVE_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
