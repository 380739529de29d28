"""Atom feeds a visitor follows one person by: a legislator's letters, and a detainee's
letters and the public events of their story (never an internal event or its note)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from archive.feeds import FEED_LENGTH, RecordFeed, start_of, tag_uri
from archive.site import absolute_url
from letters.models import DetaineeMention, Letter, Signatory
from people.models import Detainee, Legislator
from people.models.events import EVENT_FIELDS, DetaineeEvent


class LegislatorFeed(RecordFeed):
    model = Legislator
    url_name = "people:legislator_feed"
    parts, part_field = Signatory, "legislator"
    heading = "Letters signed by {0.name} ({0.party_state})"


class DetaineeFeed(RecordFeed):
    """Letters naming the detainee and the public events of their story, newest first; an
    event's entry links to the story on the detainee's page."""

    model = Detainee
    url_name = "people:detainee_feed"
    parts, part_field = DetaineeMention, "detainee"
    heading = "{0.name}: letters naming them and the events of their story"

    def items(self, obj: Detainee) -> list[Letter | DetaineeEvent]:  # type: ignore[override]  # events among the letters
        letters = list(super().items(obj))
        events = list(
            DetaineeEvent.objects.public()
            .filter(detainee=obj)
            .only(*EVENT_FIELDS)
            .order_by("-date", "-pk")[:FEED_LENGTH]
        )
        for event in events:
            event.detainee = obj  # every event's link is to this page: no query per event
        both: list[Letter | DetaineeEvent] = [*letters, *events]
        newest = sorted(both, key=lambda item: item.date, reverse=True)
        return newest[:FEED_LENGTH]

    def item_guid(self, item: Letter | DetaineeEvent) -> str:
        if isinstance(item, DetaineeEvent):
            return tag_uri("detainee-event", item.pk)
        return self.item_link(item)

    def item_link(self, item: Letter | DetaineeEvent) -> str:
        return absolute_url(item.get_absolute_url())

    def item_title(self, item: Letter | DetaineeEvent) -> str:
        if isinstance(item, DetaineeEvent):
            return f"{item.get_kind_display()} ({item.date_display})"
        return super().item_title(item)

    def item_description(self, item: Letter | DetaineeEvent) -> str:
        if isinstance(item, DetaineeEvent):
            return f"{item.description} The source says: “{item.passage}”"
        return super().item_description(item)

    def item_pubdate(self, item: Letter | DetaineeEvent) -> datetime:
        return start_of(item.date)

    def item_updateddate(self, item: Any) -> datetime:
        if isinstance(item, DetaineeEvent):
            return start_of(item.date)
        return super().item_updateddate(item)


LEGISLATOR_FEED = LegislatorFeed()
DETAINEE_FEED = DetaineeFeed()
