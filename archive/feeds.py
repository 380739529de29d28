"""What every Atom feed of the archive shares: the newest letters, a filtered letters list,
a legislator's, a detainee's, a demand's or a campaign's letters.

Every link and id is absolute on ARCHIVE_SITE_URL (archive/site.py), never on the request's
Host: a feed is stored in the page cache like a page. An entry's id does not change when its
record is edited: a letter's is its permanent address, another record's a tag: URI made from
its primary key (RFC 4151).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import CharField, Count, Max, Model, OuterRef, QuerySet, Subquery
from django.db.models.functions import Cast
from django.http import HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.xmlutils import SimplerXMLGenerator
from reversion.models import Version

from archive.site import absolute_url
from letters.models import Letter

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    from letters.models.letter import LastChange

FEED_LENGTH = 50
# The date in the tag: URIs of entries (RFC 4151): a day the site's domain was the archive's.
TAG_DATE = "2025"


@dataclass(frozen=True)
class FeedLink:
    """A page's own feed: announced in the page's head (templates/base.html) and linked on
    it (templates/includes/_feed_link.html)."""

    title: str
    url: str


def tag_uri(kind: str, pk: int) -> str:
    """The permanent id of an entry for a record without a page of its own."""
    host = urlsplit(settings.ARCHIVE_SITE_URL).hostname
    return f"tag:{host},{TAG_DATE}:{kind}:{pk}"


def start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


# Characters XML 1.0 cannot hold: a visitor's search words or an OCR'd source may carry them.
NOT_XML = re.compile(r"[\x00-\x08\x0B\x0C\x0E-\x1F]")


class XmlTextGenerator(SimplerXMLGenerator):
    """Writes text without the characters XML cannot hold, instead of failing the feed."""

    def characters(self, content: str) -> None:
        super().characters(NOT_XML.sub("", content) if content else content)


class TextSummaryAtomFeed(Atom1Feed):
    """Atom with each entry's summary as plain text (`type="text"`): the summaries are text,
    and sent as `type="html"` a reader would take an editor's '<' or '&' for markup."""

    def write(self, outfile: Any, encoding: str) -> None:
        # Atom1Feed.write, with a generator that drops what XML cannot hold.
        handler: Any = XmlTextGenerator(outfile, encoding, short_empty_elements=True)
        handler.startDocument()
        handler.startElement("feed", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        handler.endElement("feed")

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


class LettersFeed(Feed[Letter, Any]):
    """A feed of letters, newest first: subclasses say which (`letters`), under what title,
    and the page (`link`) and feed (`feed_url`) it belongs to."""

    feed_type = TextSummaryAtomFeed
    author_name = settings.SITE_NAME

    def letters(self, obj: Any) -> QuerySet[Letter]:
        raise NotImplementedError

    def items(self, obj: Any) -> QuerySet[Letter]:
        return with_last_change(self.letters(obj).order_by("-date", "title"))[:FEED_LENGTH]

    def item_link(self, item: Letter) -> str:
        return absolute_url(item.get_absolute_url())

    def item_title(self, item: Letter) -> str:
        return f"{item.title} ({item.date_display})"

    def item_description(self, item: Letter) -> str:
        return item.summary

    def item_pubdate(self, item: Letter) -> datetime:
        return start_of(item.date)

    def item_updateddate(self, item: WithAnnotations[Letter, LastChange]) -> datetime:
        """When the letter last changed after it entered the archive (an editor's change,
        or a changed fixture loaded again); a letter unchanged since is dated by itself,
        not by when the archive was loaded."""
        published = start_of(item.date)
        if (item.revisions or 0) > 1 and item.last_revised:
            return max(item.last_revised, published)
        return published


class RecordFeed(LettersFeed):
    """The letters of one record (a legislator, a detainee, a demand, a campaign), found by
    its slug (an unknown slug is a 404: Django's Feed turns DoesNotExist into it): those
    with a row of `parts` (signatures, mentions...) whose `part_field` is the record."""

    model: type[Model]
    url_name: str  # the feed's URL name, which takes the record's slug
    parts: type[Model]  # a model with a `letter` foreign key
    part_field: str
    heading: str  # the feed's title, formatted with the record

    def get_object(self, request: HttpRequest, slug: str) -> Any:
        return self.model._default_manager.get(slug=slug)

    def letters(self, obj: Any) -> QuerySet[Letter]:
        having = self.parts._default_manager.filter(**{self.part_field: obj})
        return Letter.objects.filter(pk__in=having.values("letter_id"))

    def title(self, obj: Any) -> str:
        return self.heading.format(obj)

    def link(self, obj: Any) -> str:
        return absolute_url(obj.get_absolute_url())

    def feed_url(self, obj: Any) -> str:
        return absolute_url(self.path(obj))

    def path(self, obj: Any) -> str:
        return reverse(self.url_name, kwargs={"slug": obj.slug})

    def announced(self, obj: Any) -> FeedLink:
        """The feed as the record's page announces it (no query)."""
        return FeedLink(self.title(obj), self.path(obj))
