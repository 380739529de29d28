"""Full-text search on PostgreSQL: the search vectors, the query and highlighted matches.

Each vector here is also the expression of a GIN index created on PostgreSQL only by
migration letters 0002 (SQLite has no to_tsvector): change one, change the other, or the
index stops being used. On SQLite the querysets fall back to people/text.py.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchVector
from django.db import connections
from django.db.models import Expression

CONFIG = "english"  # stems the letters' words: 'detained' finds 'detainees'
NAMES_CONFIG = "simple"  # names are not English words: no stemming, no stop words


def connection_vendor(alias: str) -> str:
    return connections[alias].vendor


def letter_search_vector() -> SearchVector:
    """Title weighs most, then the summary, then the letter's text."""
    return (
        SearchVector("title", weight="A", config=CONFIG)
        + SearchVector("summary", weight="B", config=CONFIG)
        + SearchVector("full_text", weight="C", config=CONFIG)
    )


def letter_rank_vector() -> SearchVector:
    """What ranks a match: its title and summary (the full text only finds: recomputing its
    vector for every match would cost a second for a common word)."""
    return SearchVector("title", weight="A", config=CONFIG) + SearchVector(
        "summary", weight="B", config=CONFIG
    )


def name_search_vector(*fields: str) -> SearchVector:
    return SearchVector(*fields, config=NAMES_CONFIG)


def full_text_query(text: str, config: str = CONFIG) -> SearchQuery:
    """Every word must match; quotes, OR and -word work as on web search engines."""
    return SearchQuery(text, config=config, search_type="websearch")


def search_headline(expression: str | Expression, query: SearchQuery) -> SearchHeadline:
    """The best passage with the matched words in <mark> (HTML-escaped in the template)."""
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
