"""Every quoted passage must stand in the source it cites: the archive's traceability rule."""

from __future__ import annotations

import functools
import re

from django.core.exceptions import ValidationError

HYPHEN_BREAK = re.compile(r"(\w)-\s+(\w)")


def normalise_space(text: str) -> str:
    """Collapse white space and hyphenated line breaks ('Nagorno-\\nKarabakh'), so a passage
    may be quoted across the source's line breaks."""
    return HYPHEN_BREAK.sub(r"\1-\2", " ".join(text.split()))


# Saving a draft checks every part's passage against the same source text: it is normalised
# once, not once per part.
_normalised_source = functools.lru_cache(maxsize=8)(normalise_space)


def passage_in(passage: str, full_text: str) -> bool:
    return normalise_space(passage) in _normalised_source(full_text)


def check_quotes(source_text: str, quotes: dict[str, str]) -> None:
    """Raise a ValidationError naming each field whose quote is not in the source text."""
    errors = {
        field: f"Not found in the cited source: “{quote[:80]}”. Quote the source verbatim."
        for field, quote in quotes.items()
        if quote and not passage_in(quote, source_text)
    }
    if errors:
        raise ValidationError(errors)
