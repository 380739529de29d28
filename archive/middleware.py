from collections.abc import Callable

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
