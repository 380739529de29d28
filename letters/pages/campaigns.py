"""Visitors' pages about campaigns: letters an editor grouped, compared letter by letter."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from archive.page_cache import page_parameters
from letters.campaigns.steps import campaign_letters, campaign_steps
from letters.models import Campaign
from letters.pages.feeds import CAMPAIGN_FEED

# Each letter of a campaign lists who came back, who is new and who did not sign again: at
# a hundred signers a letter, ten letters make a page of a few hundred kilobytes.
LETTERS_PER_PAGE = 10


def campaign_list(request: HttpRequest) -> HttpResponse:
    """Every campaign with its number of letters and its date span (one query)."""
    campaigns = Campaign.objects.latest_first()
    return render(request, "letters/campaign_list.html", {"campaigns": campaigns})


@page_parameters("page")
def campaign_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A campaign letter by letter over time, a page of letters at a time, each compared
    with every letter before it (4 queries: campaign, letters, signers, demands)."""
    campaign = get_object_or_404(Campaign, slug=slug)
    letters = campaign_letters(campaign)
    page = Paginator(letters, LETTERS_PER_PAGE).get_page(request.GET.get("page"))
    # Compared with the letters before them; those after the page are not read.
    steps = campaign_steps(letters[: page.end_index()])[page.start_index() - 1 :]
    return render(
        request,
        "letters/campaign_detail.html",
        {
            "campaign": campaign,
            "page": page,
            "steps": steps,
            "letter_count": len(letters),
            "feed": CAMPAIGN_FEED.announced(campaign),
        },
    )
