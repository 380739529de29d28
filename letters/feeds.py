"""Atom feed of the newest letters."""

from __future__ import annotations

from datetime import UTC, datetime, time

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from archive.site import absolute_url
from letters.models import Letter

FEED_LENGTH = 50


class LatestLettersFeed(Feed):
    feed_type = Atom1Feed
    title = f"{settings.SITE_NAME}: newest letters"
    subtitle = (
        "Letters from members of Congress about Armenian prisoners of war and political "
        "prisoners held by Azerbaijan."
    )

    # Absolute on the configured site URL, not on the request's Host (archive/site.py).
    def link(self) -> str:
        return absolute_url(reverse("letters:letter_list"))

    def feed_url(self) -> str:
        return absolute_url(reverse("letters:letter_feed"))

    def item_link(self, item: Letter) -> str:
        return absolute_url(item.get_absolute_url())

    def items(self) -> QuerySet[Letter]:
        return Letter.objects.order_by("-date", "title")[:FEED_LENGTH]

    def item_title(self, item: Letter) -> str:
        return f"{item.title} ({item.date_display})"

    def item_description(self, item: Letter) -> str:
        return item.summary

    def item_pubdate(self, item: Letter) -> datetime:
        return datetime.combine(item.date, time.min, tzinfo=UTC)

    def item_updateddate(self, item: Letter) -> datetime:
        return item.modified
