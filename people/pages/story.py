"""A detainee's story: their dated events interleaved with the letters that named them."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page
from django.db.models import QuerySet

from letters.models import DetaineeMention
from people.models import Detainee
from people.models.events import EVENT_FIELDS, DetaineeEvent, EventKind

# Kinds whose absence the story states: what no source in the archive records.
SILENCES = (
    (EventKind.DETAINED, "when they were detained"),
    (EventKind.CHARGED, "any charge against them"),
    (EventKind.TRIAL_OPENED, "when their trial opened"),
    (EventKind.SENTENCED, "any sentence"),
    (EventKind.RELEASED, "any release"),
)


@dataclass(frozen=True)
class StoryEntry:
    """One line of the story: an event, or a letter naming them (its mention)."""

    date: datetime.date
    event: DetaineeEvent | None = None
    mention: DetaineeMention | None = None
    letter_url: str = ""
    source_url: str = ""


def events_on_page(
    events: Sequence[DetaineeEvent],
    first_letter_date: datetime.date | None,
    next_page_date: datetime.date | None,
) -> list[DetaineeEvent]:
    """The events dated within a page of letters: from its first letter's date (from the
    start on the first page, `first_letter_date` None) to before the next page's first
    letter (to the end on the last page, `next_page_date` None), so each event is on
    exactly one page."""
    return [
        event
        for event in events
        if (first_letter_date is None or event.date >= first_letter_date)
        and (next_page_date is None or event.date < next_page_date)
    ]


def interleave(
    events: Sequence[DetaineeEvent],
    mentions: Sequence[DetaineeMention],
    letter_url: Callable[[str], str],
    source_url: Callable[[str], str],
) -> list[StoryEntry]:
    """Events and letters in date order; on the same date the letter comes first (an event
    reported 'as of' a letter's date comes from that letter or a later one)."""
    entries = [
        (
            mention.letter.date,
            0,
            StoryEntry(
                date=mention.letter.date,
                mention=mention,
                letter_url=letter_url(mention.letter.slug),
                source_url=source_url(mention.source.slug),
            ),
        )
        for mention in mentions
    ]
    entries += [
        (event.date, 1, StoryEntry(event.date, event, source_url=source_url(event.source.slug)))
        for event in events
    ]
    return [entry for _, _, entry in sorted(entries, key=lambda item: (item[0], item[1]))]


def silences(events: Sequence[DetaineeEvent]) -> list[str]:
    """What no public event records, in the story's words ('when they were detained')."""
    recorded = {event.kind for event in events}
    return [words for kind, words in SILENCES if kind not in recorded]


def story_page(
    detainee: Detainee,
    page: Page[Any],
    mentions: QuerySet[DetaineeMention],
    letter_url: Callable[[str], str],
    source_url: Callable[[str], str],
) -> dict[str, object]:
    """The story's entries on one page of letters, the number of events recorded and the
    silences (2 queries: the page's letters with the next page's first, and the public
    events). Sets the page's object_list to the letters read."""
    start, end = page.start_index(), page.end_index()
    rows = list(mentions[start - 1 : end + 1]) if end else []
    page.object_list = rows[: end - start + 1] if end else []
    events = list(
        detainee.events.public()
        .in_story_order()
        .select_related("source")
        .only(*EVENT_FIELDS, "detainee", "source__slug", "source__title")
    )
    shown = events_on_page(
        events,
        rows[0].letter.date if page.has_previous() else None,
        rows[-1].letter.date if page.has_next() else None,
    )
    return {
        "story": interleave(shown, page.object_list, letter_url, source_url),
        "events_recorded": len(events),
        "silences": silences(events),
    }
