from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, str]:
    """The site's name and this page's canonical URL (its path without the query string)."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "canonical_url": request.build_absolute_uri(request.path),
    }
