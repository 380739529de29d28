"""Visitors' pages about the legislators who signed and the detainees the letters name."""

from __future__ import annotations

from typing import Any, cast

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django_stubs_ext import WithAnnotations

from archive.exports import Column, export_response
from archive.links import slug_urls
from archive.lists import CountedPaginator, ListPage
from archive.page_cache import page_parameters
from archive.site import absolute_url
from letters.models import LETTER_LINK_FIELDS, Campaign, DetaineeMention, Letter, Signatory
from people.models import Detainee, Legislator
from people.models.detainees import MentionSpan
from people.models.events import EVENT_FIELDS, DetaineeEvent
from people.models.legislators import LetterCounts
from people.pages import story, tilemap
from people.pages.feeds import DETAINEE_FEED, LEGISLATOR_FEED
from people.pages.filters import DetaineeFilter, LegislatorFilter
from people.pages.members import current_term, seat_members_url

LEGISLATORS_PER_PAGE = 100
DETAINEES_PER_PAGE = 50
LETTERS_PER_PAGE = 100  # on a legislator's page and a detainee's trace
CO_SIGNING_LETTERS = 1000  # "signs most often with" counts over their latest letters
BADGE_FIELDS = ("slug", "name", "party", "state")  # a legislator's link and party badge


def legislator_columns() -> list[Column]:
    return [
        Column("name", lambda p: p.name),
        Column("url", lambda p: absolute_url(p.get_absolute_url())),
        Column("party", lambda p: p.get_party_display()),
        Column("state", lambda p: p.state_name),
        Column("party_state", lambda p: p.party_state),
        Column("chamber", lambda p: p.get_chamber_display()),
        Column("title", lambda p: p.title),
        Column("district", lambda p: p.district),
        Column("bioguide_id", lambda p: p.bioguide_id),
        Column("letters_signed", lambda p: p.letters_signed),
        Column("letters_led", lambda p: p.letters_led),
        Column("letters_cosigned", lambda p: p.letters_cosigned),
    ]


def state_map(filterset: LegislatorFilter) -> dict[str, Any]:
    """The tile map of the legislators per state the filters leave."""
    return {
        "tiles": tilemap.tiles(filterset.state_counts),
        "map_width": tilemap.WIDTH,
        "map_height": tilemap.HEIGHT,
        "tile_size": tilemap.TILE,
        "selected_state": filterset.form.cleaned_data.get("state"),
    }


LEGISLATOR_LIST = ListPage(
    template="people/legislator_list.html",
    per_page=LEGISLATORS_PER_PAGE,
    export_name="legislators",
    export_columns=legislator_columns,
    context=state_map,
)


@page_parameters(LegislatorFilter, "page")
def legislator_list(request: HttpRequest, fmt: str | None = None) -> HttpResponseBase:
    """Signatories by party, state and chamber, with a state map; CSV/JSON with `fmt`."""
    filterset = LegislatorFilter(
        request.GET, queryset=Legislator.objects.signers().with_letter_counts()
    )
    return LEGISLATOR_LIST.respond(request, filterset, fmt)


@page_parameters("page")
def legislator_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """The letters a legislator signed, in date order, a page at a time, whom they sign with
    most, their campaigns, and for a current member their members page (5 queries: the page
    is counted from the legislator's tally)."""
    legislator = cast(
        "WithAnnotations[Legislator, LetterCounts]",
        get_object_or_404(Legislator.objects.with_letter_counts(), slug=slug),
    )
    signatures = (
        legislator.signatures.select_related("letter")
        .only("role", "legislator", *(f"letter__{field}" for field in LETTER_LINK_FIELDS))
        .order_by("letter__date", "letter__title")
    )
    page = CountedPaginator(signatures, LETTERS_PER_PAGE, legislator.letters_signed).get_page(
        request.GET.get("page")
    )
    letter_url = slug_urls("letters:letter_detail")
    co_signers = Legislator.objects.only(*BADGE_FIELDS).signed_with(
        legislator, latest=CO_SIGNING_LETTERS
    )
    term = current_term(legislator)
    return render(
        request,
        "people/legislator_detail.html",
        {
            "term": term,
            "legislator": legislator,
            "page": page,
            "signed": [(s, letter_url(s.letter.slug)) for s in page.object_list],
            "co_signers": list(co_signers[:10]),
            "co_signing_letters": CO_SIGNING_LETTERS,
            "campaigns": list(Campaign.objects.joined_by(legislator.pk)),
            "members_page_url": seat_members_url(term) if term else "",
            "feed": LEGISLATOR_FEED.announced(legislator),
        },
    )


def detainee_columns() -> list[Column]:
    return [
        Column("name", lambda d: d.name),
        Column("url", lambda d: absolute_url(d.get_absolute_url())),
        Column("category", lambda d: d.get_category_display()),
        Column("role", lambda d: d.role),
        Column("status", lambda d: d.status),
        Column("letters_naming", lambda d: d.letters_naming),
        Column("first_named", lambda d: d.first_named.isoformat() if d.first_named else ""),
        Column("last_named", lambda d: d.last_named.isoformat() if d.last_named else ""),
        Column("aliases", lambda d: "; ".join(a.name for a in d.aliases.all())),
    ]


def with_aliases(detainees: QuerySet[Detainee]) -> QuerySet[Detainee]:
    return detainees.prefetch_related("aliases")


DETAINEE_LIST = ListPage(
    template="people/detainee_list.html",
    per_page=DETAINEES_PER_PAGE,
    export_name="detainees",
    export_columns=detainee_columns,
    page_rows=with_aliases,
    export_rows=with_aliases,
)


@page_parameters(DetaineeFilter, "page")
def detainee_list(request: HttpRequest, fmt: str | None = None) -> HttpResponseBase:
    """Everyone the letters name, most named first; CSV/JSON with `fmt`."""
    filterset = DetaineeFilter(
        request.GET, queryset=Detainee.objects.with_mention_counts().with_mention_dates()
    )
    return DETAINEE_LIST.respond(request, filterset, fmt)


@page_parameters("page")
def detainee_detail(request: HttpRequest, slug: str, fmt: str | None = None) -> HttpResponseBase:
    """A detainee's trace: every letter naming them, in date order, with what it said."""
    detainee = cast(
        "WithAnnotations[Detainee, MentionSpan]",
        get_object_or_404(
            Detainee.objects.with_mention_counts().with_mention_dates().prefetch_related("aliases"),
            slug=slug,
        ),
    )
    mentions = (
        DetaineeMention.objects.filter(detainee=detainee)
        .select_related("letter", "source")
        .only(
            *("printed_name", "role_given", "passage", "source__slug", "source__title"),
            *(f"letter__{field}" for field in LETTER_LINK_FIELDS),
        )
        .order_by("letter__date", "letter__title")
    )
    if fmt:
        columns = [
            Column("date", lambda m: m.letter.date_iso),
            Column("letter", lambda m: m.letter.title),
            Column("url", lambda m: absolute_url(m.letter.get_absolute_url())),
            Column("printed_name", lambda m: m.printed_name),
            Column("role_given", lambda m: m.role_given),
            Column("passage", lambda m: m.passage),
            Column("source", lambda m: m.source.title),
            Column("source_url", lambda m: absolute_url(m.source.get_absolute_url())),
        ]
        return export_response(fmt, f"{detainee.slug}-letters", columns, mentions)
    page = CountedPaginator(mentions, LETTERS_PER_PAGE, detainee.letters_naming).get_page(
        request.GET.get("page")
    )
    # The first and the latest letter naming them, whatever the page (one query).
    ends = list(
        mentions.filter(letter__date__in=[detainee.first_named, detainee.last_named])
        if detainee.letters_naming
        else []
    )
    naming = Signatory.objects.filter(letter__mentions__detainee=detainee)
    behind = Legislator.objects.signing(naming).party_split()
    behind["letters_with_unnamed"] = (
        Letter.objects.filter(mentions__detainee=detainee).not_all_named().count()
    )
    letter_url, source_url = slug_urls("letters:letter_detail"), slug_urls("letters:source_detail")
    return render(
        request,
        "people/detainee_detail.html",
        {
            "detainee": detainee,
            "page": page,
            **story.story_page(detainee, page, mentions, letter_url, source_url),
            "first": ends[0] if ends else None,
            "latest": ends[-1] if ends else None,
            "behind": behind,
            "feed": DETAINEE_FEED.announced(detainee),
        },
    )


def detainee_events_export(request: HttpRequest, slug: str, fmt: str) -> HttpResponseBase:
    """A detainee's public events, dated and sourced, in CSV or JSON (never internal ones)."""
    detainee = get_object_or_404(Detainee, slug=slug)
    events = (
        DetaineeEvent.objects.public()
        .filter(detainee=detainee)
        .in_story_order()
        .select_related("source")
        .only(*EVENT_FIELDS, "source__slug", "source__title")
    )
    columns = [
        Column("date", lambda e: e.date_iso),
        Column("date_end", lambda e: e.date_end_iso),
        Column("date_shown", lambda e: e.date_display),
        Column("date_precision", lambda e: e.get_date_precision_display()),
        Column("date_note", lambda e: e.date_note),
        Column("event", lambda e: e.get_kind_display()),
        Column("description", lambda e: e.description),
        Column("passage", lambda e: e.passage),
        Column("source", lambda e: e.source.title),
        Column("source_url", lambda e: absolute_url(e.source.get_absolute_url())),
    ]
    return export_response(fmt, f"{detainee.slug}-events", columns, events)
