"""Atom feed of the newest letters."""

from __future__ import annotations

from datetime import UTC, datetime, time
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import CharField, Count, Max, OuterRef, QuerySet, Subquery
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from reversion.models import Version

from archive.site import absolute_url
from letters.models import Letter

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    from letters.models.letter import LastChange

FEED_LENGTH = 50


class TextSummaryAtomFeed(Atom1Feed):
    """Atom with each entry's summary as plain text (`type="text"`): the letters' summaries
    are text, and sent as `type="html"` a reader would take an editor's '<' or '&' for
    markup."""

    def add_item_elements(self, handler: Any, item: dict[str, Any]) -> None:
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


def with_last_change(letters: QuerySet[Letter]) -> QuerySet[Letter]:
    """Add `revisions` (versions in the admin's history) and `last_revised` (the latest),
    one subquery each: a letter with more than its first version has changed since."""
    versions = (
        Version.objects.get_for_model(Letter)
        .filter(object_id=Cast(OuterRef("pk"), CharField()))
        .order_by()
        .values("object_id")
    )
    return letters.annotate(
        revisions=Subquery(versions.annotate(n=Count("pk")).values("n")),
        last_revised=Subquery(versions.annotate(at=Max("revision__date_created")).values("at")),
    )


class LatestLettersFeed(Feed[Letter, None]):
    feed_type = TextSummaryAtomFeed
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
        return with_last_change(Letter.objects.order_by("-date", "title"))[:FEED_LENGTH]

    def item_title(self, item: Letter) -> str:
        return f"{item.title} ({item.date_display})"

    def item_description(self, item: Letter) -> str:
        return item.summary

    def item_pubdate(self, item: Letter) -> datetime:
        return datetime.combine(item.date, time.min, tzinfo=UTC)

    def item_updateddate(self, item: WithAnnotations[Letter, LastChange]) -> datetime:
        """When the letter last changed after it entered the archive (an editor's change,
        or a changed fixture loaded again); a letter unchanged since is dated by itself,
        not by when the archive was loaded."""
        published = self.item_pubdate(item)
        if (item.revisions or 0) > 1 and item.last_revised:
            return max(item.last_revised, published)
        return published
