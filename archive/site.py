"""The site's own address, from settings: absolute URLs never come from the request.

A sitemap, a feed, an export or a canonical link built from the request's Host and
X-Forwarded-* headers would carry whatever a client sent, and a cached copy of it would
be served to every later visitor. ARCHIVE_SITE_URL says where the site is.
"""

from urllib.parse import urlsplit

from django.conf import settings


def site_url() -> str:
    """ARCHIVE_SITE_URL, read when asked (tests override it)."""
    url: str = settings.ARCHIVE_SITE_URL
    return url


def absolute_url(path: str) -> str:
    """`path` (from reverse() or get_absolute_url()) on the configured site."""
    return site_url() + path


def site_scheme() -> str:
    return urlsplit(site_url()).scheme


def site_domain() -> str:
    """Host and port, as a sitemap or a feed wants its domain."""
    return urlsplit(site_url()).netloc
