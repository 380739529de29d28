"""Atom feeds of letters: the letters list, whole or filtered (the list's own filters, a 400
for a bad value as on the list), a demand's and a campaign's letters."""

from __future__ import annotations

from typing import Any, cast
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.urls import reverse

from archive.exports import bad_filters_response
from archive.feeds import FeedLink, LettersFeed, RecordFeed
from archive.filters import error_messages
from archive.page_cache import page_parameters
from archive.site import absolute_url
from letters.models import Campaign, Demand, Letter, LetterDemand
from letters.pages.filters import LetterFilter

# Left out of a feed's address: a feed is always newest first, one page long.
NOT_FOLLOWED = ("sort", "page")


class BadFilters(Exception):
    def __init__(self, messages: list[str]) -> None:
        super().__init__(*messages)
        self.messages = messages


def followed_query(filterset: LetterFilter) -> str:
    """The filters in use, in their declared order (the page cache's canonical one)."""
    data = cast(QueryDict, filterset.data)
    pairs = [
        (name, value)
        for name in filterset.filters
        if name not in NOT_FOLLOWED
        for value in data.getlist(name)
        if value
    ]
    return urlencode(pairs)


def letter_list_feed(filterset: LetterFilter) -> FeedLink:
    """The feed of the letters a valid filtered list shows, as the list announces it."""
    query = followed_query(filterset)
    url = reverse("letters:letter_feed") + (f"?{query}" if query else "")
    return FeedLink(LetterListFeed.heading(filterset), url)


@page_parameters(LetterFilter)
class LetterListFeed(LettersFeed):
    """The newest letters, or those the letters list's filters keep."""

    subtitle = (
        "Letters from members of Congress about Armenian prisoners of war and political "
        "prisoners held by Azerbaijan."
    )

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return super().__call__(request, *args, **kwargs)
        except BadFilters as bad:
            return bad_filters_response("text", bad.messages, "No feed")

    def get_object(self, request: HttpRequest) -> LetterFilter:
        filterset = LetterFilter(request.GET, queryset=Letter.objects.with_signer_total())
        if not filterset.is_valid():
            raise BadFilters(error_messages(filterset))
        return filterset

    @staticmethod
    def heading(filterset: LetterFilter) -> str:
        chosen = "; ".join(f"{f['label']}: {f['value']}" for f in filterset.active_filters())
        return f"{settings.SITE_NAME}: " + (f"letters ({chosen})" if chosen else "newest letters")

    def title(self, obj: LetterFilter) -> str:
        return self.heading(obj)

    def link(self, obj: LetterFilter) -> str:
        query = followed_query(obj)
        return absolute_url(reverse("letters:letter_list") + (f"?{query}" if query else ""))

    def feed_url(self, obj: LetterFilter) -> str:
        return absolute_url(letter_list_feed(obj).url)

    def letters(self, obj: LetterFilter) -> QuerySet[Letter]:
        return obj.qs


class DemandFeed(RecordFeed):
    model = Demand
    url_name = "letters:demand_feed"
    parts, part_field = LetterDemand, "demand"
    heading = "Letters asking for: {0.name}"


class CampaignFeed(RecordFeed):
    model = Campaign
    url_name = "letters:campaign_feed"
    parts, part_field = Campaign.letters.through, "campaign"
    heading = "Letters of the campaign: {0.title}"


LETTER_LIST_FEED = LetterListFeed()
DEMAND_FEED = DemandFeed()
CAMPAIGN_FEED = CampaignFeed()
