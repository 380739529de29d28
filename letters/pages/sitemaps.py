"""sitemap.xml: every public page with a permanent URL."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.sitemaps import Sitemap
from django.db.models import Model, QuerySet
from django.urls import reverse
from django.utils import timezone

from archive.site import site_domain, site_scheme
from archive.states import STATE_CHOICES
from letters.models import Bill, Campaign, Demand, Letter, Recipient, Source
from people.models import Detainee, Legislator, LegislatorTerm


class SiteSitemap(Sitemap[Any]):
    """Locations on the configured site URL, whatever the request's Host and scheme."""

    def get_protocol(self, protocol: str | None = None) -> str:
        return site_scheme()

    def get_domain(self, site: object = None) -> str:
        return site_domain()


class ListPagesSitemap(SiteSitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self) -> list[str]:
        return [
            "letters:home",
            "letters:letter_list",
            "people:legislator_list",
            "people:detainee_list",
            "letters:demand_list",
            "letters:campaign_list",
            "people:members_index",
            "letters:about",
            "letters:data",
        ]

    def location(self, item: str) -> str:
        return reverse(item)


class MembersSitemap(SiteSitemap):
    """Each state's and territory's current members of Congress (a district's page is linked
    from its state's)."""

    changefreq = "weekly"
    priority = 0.5

    def items(self) -> list[str]:
        return [code for code, _ in STATE_CHOICES]

    def location(self, item: str) -> str:
        return reverse("people:members_state", args=[item])


class BriefsSitemap(SiteSitemap):
    """The one-page brief of each member of Congress serving today."""

    changefreq = "weekly"
    priority = 0.4

    def items(self) -> QuerySet[Legislator, str]:
        serving = LegislatorTerm.objects.covering(timezone.localdate()).values("legislator_id")
        return (
            Legislator.objects.filter(pk__in=serving)
            .order_by("slug")
            .values_list("slug", flat=True)
        )

    def location(self, item: str) -> str:
        return reverse("people:member_brief", args=[item])


class ModelSitemap(SiteSitemap):
    """Every row of a model, at its get_absolute_url()."""

    model: type[Model]
    priority: float | None = None

    def items(self) -> QuerySet[Model]:
        return self.model._default_manager.order_by("slug")

    def lastmod(self, item: Model) -> datetime | None:
        return getattr(item, "modified", None)


def model_sitemap(model_class: type[Model], priority: float) -> ModelSitemap:
    sitemap = ModelSitemap()
    sitemap.model = model_class
    sitemap.priority = priority
    return sitemap


SITEMAPS: dict[str, Sitemap[Any]] = {
    "pages": ListPagesSitemap(),
    "letters": model_sitemap(Letter, 0.9),
    "legislators": model_sitemap(Legislator, 0.6),
    "detainees": model_sitemap(Detainee, 0.8),
    "demands": model_sitemap(Demand, 0.6),
    "recipients": model_sitemap(Recipient, 0.4),
    "bills": model_sitemap(Bill, 0.4),
    "sources": model_sitemap(Source, 0.5),
    "campaigns": model_sitemap(Campaign, 0.6),
    "members": MembersSitemap(),
    "briefs": BriefsSitemap(),
}
