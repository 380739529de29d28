from django.conf import settings
from django.http import HttpRequest

from archive.site import absolute_url


def site(request: HttpRequest) -> dict[str, str]:
    """The site's name and address, and this page's canonical URL (its path without the
    query string), on the configured site URL whatever the request's Host."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.ARCHIVE_SITE_URL,
        "canonical_url": absolute_url(request.path),
    }
