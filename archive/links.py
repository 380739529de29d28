"""Links to many records of one kind for one page, from a single reverse().

reverse() resolves its pattern afresh on every call; a letter's page links every signer and
the sources of their passages, a legislator's page every letter they signed: the pages build
those links with slug_urls(), one reverse() for all.
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
