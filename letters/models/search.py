"""Full-text search on PostgreSQL: the search vectors, the query and highlighted matches.

The sources have a stored `search_vector` too (title A, text C; migration letters 0012,
GIN index source_search_idx), searched by Source.objects.search().

The letters' vectors are stored, not computed per query: migration letters 0004 adds two
generated columns to letters_letter on PostgreSQL only (SQLite has no to_tsvector; the
model does not declare them, so they are never loaded with a letter, exported or versioned):

- `search_vector`: title (weight A), summary (B) and text (C), what a search matches, with
  the GIN index letter_search_idx;
- `rank_vector`: title (A) and summary (B) only, what ranks a match (small, so ranking
  thousands of matches of a common word reads no letter's text).

PostgreSQL keeps them up to date on every insert and update. To change the type of `title`,
`summary` or `full_text` (a longer max_length), drop both columns in the migration first and
add them again after (PostgreSQL refuses to alter a column a generated column reads).
On SQLite the querysets fall back to archive/text.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import islice, product
from typing import Any

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchVectorField,
)
from django.db import connections
from django.db.models import Expression

from archive.text import snippet, spelling_variants

CONFIG = "english"  # stems the letters' words: 'detained' finds 'detainees'


def connection_vendor(alias: str) -> str:
    return connections[alias].vendor


class StoredVector(Expression):
    """A stored search vector of letters_letter, read by column name (see the module's
    docstring), under whatever alias the query gives the table (U0 in a subquery)."""

    def __init__(self, column: str, alias: str | None = None) -> None:
        super().__init__(output_field=SearchVectorField())
        self.column, self.alias = column, alias

    def resolve_expression(self, query: Any = None, *args: Any, **kwargs: Any) -> StoredVector:
        return StoredVector(self.column, query.get_initial_alias())

    def relabeled_clone(self, relabels: Mapping[str, str]) -> StoredVector:
        alias = relabels.get(self.alias, self.alias) if self.alias is not None else None
        return StoredVector(self.column, alias)

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:  # type: ignore[override]  # a list, not the stubs' tuple: the compiler adds lists to it
        return ".".join(map(compiler.quote_name_unless_alias, (self.alias, self.column))), []


def letter_search_vector() -> StoredVector:
    """What a search matches: title, summary and text."""
    return StoredVector("search_vector")


def letter_rank_vector() -> StoredVector:
    """What ranks a match: its title (weighs most) and summary."""
    return StoredVector("rank_vector")


def source_search_vector() -> StoredVector:
    """What a search of the sources matches: their title and text (migration 0012)."""
    return StoredVector("search_vector")


def spelled_query(text: str, config: str = CONFIG, most: int = 8) -> SearchQuery:
    """full_text_query() of the words as typed, or of their other spellings
    (archive.text.spelling_variants: 'Vardanian' also finds 'Vardanyan'), at most `most`."""
    words = [spelling_variants(word) for word in text.split()]
    spellings = [" ".join(combo) for combo in islice(product(*words), most)]
    query = full_text_query(text, config)
    for spelling in spellings:
        if spelling != text:
            query |= full_text_query(spelling, config)
    return query


def full_text_query(text: str, config: str = CONFIG) -> SearchQuery:
    """Every word must match; quotes, OR and -word work as on web search engines."""
    return SearchQuery(text, config=config, search_type="websearch")


def letter_headline(letter: Any, text: str) -> str:
    """A searched letter's best passage with the matched words between \x02 and \x03:
    the headline PostgreSQL annotated (LetterQuerySet.search()), or on SQLite, which has
    none, the same marks found in Python (archive.text.snippet). The letters list and the
    search page both show it."""
    headline = getattr(letter, "headline", "")
    if headline or not text:
        return headline or ""
    return snippet(f"{letter.summary} {letter.full_text}", text)


def search_headline(expression: str | Expression, query: SearchQuery) -> SearchHeadline:
    """The best passage with the matched words between the control characters \x02 and
    \x03, which no text holds: the template escapes the passage and marks the words (see
    letters.templatetags.search_marks)."""
    return SearchHeadline(
        expression,
        query,
        config=CONFIG,
        start_sel="\x02",
        stop_sel="\x03",
        max_words=35,
        min_words=15,
        max_fragments=2,
        fragment_delimiter=" … ",
    )
