"""Links to many records of one kind for one page, from a single reverse().

reverse() takes about 30 µs; a letter's page links its 250 signers and the sources of their
passages, a legislator's page 100 letters: the pages build those links with slug_urls().
"""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

PLACEHOLDER = "slug-placeholder"


def slug_urls(viewname: str) -> Callable[[str], str]:
    """The URL of `viewname` (a route taking only a `<slug:slug>`) for any slug, as
    reverse(viewname, kwargs={"slug": slug}) gives it."""
    head, _, tail = reverse(viewname, kwargs={"slug": PLACEHOLDER}).rpartition(PLACEHOLDER)
    return lambda slug: f"{head}{slug}{tail}"
