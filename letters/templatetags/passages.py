"""Links to a quoted passage on its source's page (see letters.pages.passages)."""

from __future__ import annotations

from django import template

from letters.pages.passages import passage_anchor as anchor_of

register = template.Library()


@register.filter
def passage_anchor(passage: str) -> str:
    """`{{ source_url }}#{{ passage|passage_anchor }}`: the passage's place on its source."""
    return anchor_of(passage or "")
