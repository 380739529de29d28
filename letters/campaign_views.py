"""Visitors' pages about campaigns: letters an editor grouped, compared letter by letter."""

from __future__ import annotations

from django.db.models import Count, Max, Min
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from letters.campaign_steps import campaign_letters, campaign_steps
from letters.models import Campaign


def campaign_list(request: HttpRequest) -> HttpResponse:
    """Every campaign with its number of letters and its date span (one query)."""
    campaigns = Campaign.objects.annotate(
        letter_count=Count("letters"), first=Min("letters__date"), last=Max("letters__date")
    ).order_by("-last", "title")
    return render(request, "letters/campaign_list.html", {"campaigns": campaigns})


def campaign_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A campaign letter by letter over time (4 queries: campaign, letters, signers,
    demands)."""
    campaign = get_object_or_404(Campaign, slug=slug)
    letters = campaign_letters(campaign)
    return render(
        request,
        "letters/campaign_detail.html",
        {"campaign": campaign, "steps": campaign_steps(letters)},
    )
