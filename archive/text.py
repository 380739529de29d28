"""Search that ignores accents: 'Sanchez' finds 'Linda Sánchez', 'sánchez' finds 'Sanchez'.

Works the same on SQLite and PostgreSQL (no unaccent extension needed): each letter of
the searched word becomes a regular-expression class of its accented forms, in both
cases, matched with the `iregex` lookup.
"""

from __future__ import annotations

import re
import unicodedata

from django.db.models import Q

VARIANTS: dict[str, str] = {
    "a": "aàáâãäåāăą",
    "c": "cçćčĉ",
    "d": "dď",
    "e": "eèéêëēėęě",
    "g": "gğ",
    "i": "iìíîïīį",
    "l": "lł",
    "n": "nñńň",
    "o": "oòóôõöøō",
    "r": "rř",
    "s": "sśšş",
    "t": "tť",
    "u": "uùúûüūů",
    "y": "yýÿ",
    "z": "zźżž",
}


def base_letters(text: str) -> str:
    """The text without its accents: 'Sánchez' -> 'Sanchez'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def accent_pattern(word: str) -> str:
    """A regular expression matching `word` whatever its accents and case."""
    parts = []
    for char in base_letters(word):
        variants = VARIANTS.get(char.lower())
        if variants:
            parts.append("[" + variants + variants.upper() + "]")
        elif char.isalnum():
            parts.append(char)
        else:
            parts.append(re.escape(char) if char != " " else " ")
    return "".join(parts)


def words_match(fields: tuple[str, ...], text: str) -> Q:
    """Rows where every word of `text` is in one of `fields`, ignoring accents and case."""
    condition = Q()
    for word in text.split():
        pattern = accent_pattern(word)
        either = Q()
        for field in fields:
            either |= Q(**{f"{field}__iregex": pattern})
        condition &= either
    return condition
