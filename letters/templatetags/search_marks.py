"""Highlighted search matches, without building HTML in Python.

letters.models.search.search_headline() marks each match with \\x02 ... \\x03; this filter splits
the text into (text, is_match) parts, and the template wraps matches in <mark> (every
part escaped by the template as usual).
"""

from __future__ import annotations

from typing import Any

from django import template

from archive.text import marked_parts
from letters.models import search

register = template.Library()


@register.filter
def headline_parts(headline: str | None) -> list[tuple[str, bool]]:
    parts: list[tuple[str, bool]] = []
    for chunk in (headline or "").split("\x02"):
        match, _, rest = chunk.rpartition("\x03")
        if match:
            parts.append((match, True))
        if rest:
            parts.append((rest, False))
    return parts


@register.filter
def marked(text: str, query: str) -> list[tuple[str, bool]]:
    """`{% for part, match in name|marked:query %}`: the searched words found in `text`,
    as readers spell them (archive.text.marked_parts)."""
    return marked_parts(text or "", query or "")


@register.simple_tag
def letter_headline(letter: Any, query: str | None) -> str:
    """`{% letter_headline letter text as headline %}`, `text` the words searched if any
    (a tag, not a filter: a filter's argument may not be missing, and the home page's rows
    have none): see letters.models.search.letter_headline()."""
    return search.letter_headline(letter, query or "")
