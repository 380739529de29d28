"""Search that ignores accents and transliteration: 'Sanchez' finds 'Linda Sánchez',
'Vardanian' finds 'Vardanyan' and 'Harutiunyan' finds 'Harutyunyan'.

Works the same on SQLite and PostgreSQL (no unaccent extension needed): each letter of
the searched word becomes a regular-expression class of its accented forms, in both
cases, matched with the `iregex` lookup. Armenian names are spelled in English with 'y' or
'i' before a vowel ('-yan'/'-ian', '-yun-'/'-iun-'): a 'y' or 'i' between a consonant and
'a' or 'u' matches either. Nothing is stored: the variants are how a search reads a word,
not aliases of anyone.
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


GLIDE = re.compile(r"(?<=[b-df-hj-np-tv-xz])[yi](?=[au])", re.IGNORECASE)


def glide_positions(word: str) -> set[int]:
    """Where `word` has a 'y' or 'i' that readers spell either way ('Vardan|y|an')."""
    return {found.start() for found in GLIDE.finditer(word)}


def spelling_variants(word: str, most: int = 8) -> list[str]:
    """The word as readers spell it: 'Vardanian' -> ['Vardanian', 'Vardanyan'] (accents
    removed; at most `most` variants)."""
    plain = base_letters(word)
    variants = [plain]
    for position in sorted(glide_positions(plain)):
        swapped = [
            v[:position] + ("i" if v[position] in "yY" else "y") + v[position + 1 :]
            for v in variants
        ]
        variants = (variants + swapped)[:most]
    return variants


def accent_pattern(word: str) -> str:
    """A regular expression matching `word` whatever its accents, case and transliteration."""
    parts = []
    plain = base_letters(word)
    glides = glide_positions(plain)
    for position, char in enumerate(plain):
        variants = VARIANTS.get(char.lower())
        if position in glides:
            both = VARIANTS["i"] + VARIANTS["y"]
            parts.append("[" + both + both.upper() + "]")
        elif variants:
            parts.append("[" + variants + variants.upper() + "]")
        elif char.isalnum():
            parts.append(char)
        else:
            parts.append(re.escape(char) if char != " " else " ")
    return "".join(parts)


def word_regexes(text: str) -> list[re.Pattern[str]]:
    """The searched words as Python patterns, the same as the database matches them."""
    return [re.compile(accent_pattern(word), re.IGNORECASE) for word in text.split()]


def marked_parts(text: str, query: str) -> list[tuple[str, bool]]:
    """`text` cut into (piece, is_match) for every searched word found (no HTML: the
    template marks the matches)."""
    spans = sorted(
        (found.start(), found.end())
        for pattern in word_regexes(query)
        for found in pattern.finditer(text)
        if found.end() > found.start()
    )
    parts: list[tuple[str, bool]] = []
    position = 0
    for start, end in spans:
        if start < position:
            continue
        if start > position:
            parts.append((text[position:start], False))
        parts.append((text[start:end], True))
        position = end
    if position < len(text):
        parts.append((text[position:], False))
    return parts


def snippet(text: str, query: str, width: int = 240) -> str:
    """About `width` characters of `text` around the first searched word found, matches
    between \x02 and \x03 (the form of PostgreSQL's headlines: see search_marks)."""
    flat = " ".join(text.split())
    starts = [found.start() for pattern in word_regexes(query) if (found := pattern.search(flat))]
    if not starts:
        return ""
    begin = max(0, min(starts) - width // 3)
    begin = flat.rfind(" ", 0, begin) + 1 if begin else 0
    piece = flat[begin : begin + width]
    if begin + width < len(flat):
        piece = piece[: piece.rfind(" ")] if " " in piece else piece
    return "".join(
        f"\x02{part}\x03" if match else part for part, match in marked_parts(piece, query)
    )


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
