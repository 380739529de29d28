"""The site's own address, from settings: absolute URLs never come from the request.

A sitemap, a feed, an export or a canonical link built from the request's Host and
X-Forwarded-* headers would carry whatever a client sent, and a cached copy of it would
be served to every later visitor. ARCHIVE_SITE_URL says where the site is.
"""

from urllib.parse import urlsplit

from django.conf import settings


def absolute_url(path: str) -> str:
    """`path` (from reverse() or get_absolute_url()) on the configured site."""
    return settings.ARCHIVE_SITE_URL + path


def site_scheme() -> str:
    return urlsplit(settings.ARCHIVE_SITE_URL).scheme


def site_domain() -> str:
    """Host and port, as a sitemap or a feed wants its domain."""
    return urlsplit(settings.ARCHIVE_SITE_URL).netloc
