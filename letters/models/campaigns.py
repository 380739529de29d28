"""Letters that belong together: a campaign, grouped by an editor."""

from __future__ import annotations

from django.db import models
from django.db.models import Count, Max, Min, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from archive.models import PageBySlug, SlugManager, TimeStampedModel
from letters.models.parts import SignatoryRole


class CampaignQuerySet(models.QuerySet["Campaign"]):
    def with_letters_in_it(self) -> CampaignQuerySet:
        """Add `letters_in_it`, the number of the campaign's letters, counted in a subquery
        so that it holds whatever the rest of the query joins (a letter's prefetch of its
        campaigns, a legislator's letters)."""
        in_it = (
            Campaign.letters.through.objects.filter(campaign=OuterRef("pk"))
            .order_by()
            .values("campaign")
            .annotate(n=Count("*"))
            .values("n")  # type: ignore[misc]  # django-stubs does not see `n`, annotated above
        )
        return self.annotate(letters_in_it=Coalesce(Subquery(in_it), 0))

    def latest_first(self) -> CampaignQuerySet:
        """Each campaign with its `letter_count` and the dates of its `first` and `last`
        letters, the latest first (campaigns list)."""
        return self.annotate(
            letter_count=Count("letters"), first=Min("letters__date"), last=Max("letters__date")
        ).order_by("-last", "title")

    def joined_by(self, legislator_id: int) -> CampaignQuerySet:
        """The campaigns a legislator is named on a letter of, each with `letters_in_it`,
        `letters_signed` and `letters_led` by them (one query: legislator page)."""
        theirs = Q(letters__signatories__legislator_id=legislator_id)
        led = theirs & Q(letters__signatories__role=SignatoryRole.LEAD)
        return (
            self.filter(theirs)
            .annotate(
                letters_signed=Count("letters", filter=theirs, distinct=True),
                letters_led=Count("letters", filter=led, distinct=True),
            )
            .with_letters_in_it()
            .order_by("title")
        )


class Campaign(PageBySlug, TimeStampedModel):
    """Letters an editor grouped because they belong together (the same recipient or office,
    the same cause, a series over months). A grouping, not a fact of the sources: its
    description says why the letters go together."""

    slug = models.SlugField(max_length=160, unique=True, help_text="Permanent URL name.")
    title = models.CharField(max_length=300, help_text="Name of the campaign.")
    description = models.TextField(
        help_text="What ties these letters together, and on what the grouping rests (e.g. "
        "both press releases call it the Congressional Armenian Caucus letter)."
    )
    letters = models.ManyToManyField(
        "letters.Letter",
        related_name="campaigns",
        help_text="The campaign's letters (shown in date order).",
    )

    page_url_name = "letters:campaign_detail"
    objects = SlugManager.from_queryset(CampaignQuerySet)()

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title
