"""Visitors' pages about letters, demands, recipients, bills and sources.

Every page runs a fixed number of queries whatever the number of rows (pinned in
tests/test_query_counts.py); bad filter values answer 400 with the reason
(see archive/filters.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict, cast

from django import forms
from django.conf import settings
from django.db.models import Count, Exists, Max, Min, OuterRef
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.template import loader

from archive.exports import Column, export_response
from archive.filters import SEARCH_MAX_LENGTH
from archive.links import slug_urls
from archive.lists import CountedPaginator, ListPage
from archive.page_cache import page_parameters
from archive.provenance import passage_in
from archive.site import absolute_url
from archive.text import snippet, words_match
from letters.models import (
    LETTER_LINK_FIELDS,
    Bill,
    BillReference,
    Demand,
    DetaineeMention,
    Footnote,
    LegislatorTally,
    Letter,
    LetterDemand,
    LetterQuerySet,
    LetterRecipient,
    Recipient,
    Signatory,
    Source,
)
from letters.pages.contributions import disagreements, source_contributions
from letters.pages.exports import LETTER_EXPORT_FIELDS, letter_export_columns, letters_for_export
from letters.pages.filters import LetterFilter
from letters.pages.follow_through import attach_responses_since
from letters.pages.passages import lay_out, passage_anchor
from letters.pages.wording import SignerCount
from people.models import Detainee, Legislator

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

LETTERS_PER_PAGE = 25


class DemandCounts(TypedDict):
    wording_count: int
    letter_count: int


def legislators_behind(signatures: Any) -> dict[str, int]:
    """Party split of the distinct legislators on the given signatures (one query)."""
    return Legislator.objects.filter(pk__in=signatures.values("legislator_id")).party_split()


def home(request: HttpRequest) -> HttpResponse:
    """What the archive is, headline figures, latest letters, who is named and who signs."""
    latest = Letter.objects.with_signer_counts().with_recipients().order_by("-date", "title")[:5]
    top_detainees = Detainee.objects.most_named()[:8]
    top_signers = (
        Legislator.objects.with_letter_counts()
        .filter(letters_signed__gt=0)
        .order_by("-letters_signed", "last_name", "name")[:10]
    )
    figures = {
        "letters": Letter.objects.count(),
        "legislators": LegislatorTally.objects.filter(letters_signed__gt=0).count(),
        # An EXISTS per detainee, not a DISTINCT over every mention (13 ms at 27,000).
        "detainees": Detainee.objects.filter(
            Exists(DetaineeMention.objects.filter(detainee=OuterRef("pk")))
        ).count(),
    }
    timeline = list(Letter.objects.per_month())
    most = max((month["letters"] for month in timeline), default=0)
    return render(
        request,
        "letters/home.html",
        {
            "latest": latest,
            "top_detainees": top_detainees,
            "top_signers": top_signers,
            "figures": figures,
            "timeline": timeline,
            "timeline_most": most,
        },
    )


LETTER_LIST = ListPage(
    template="letters/letter_list.html",
    per_page=LETTERS_PER_PAGE,
    export_name="letters",
    export_columns=letter_export_columns,
    page_rows=lambda letters: cast(LetterQuerySet, letters).with_recipients(),
    export_rows=lambda letters: letters_for_export(letters.only(*LETTER_EXPORT_FIELDS)),
    # The words searched, for each row's snippet (letters.models.search.letter_headline()).
    context=lambda filterset: {"text": cast(LetterFilter, filterset).searched},
)


@page_parameters(LetterFilter, "page")
def letter_list(request: HttpRequest, fmt: str | None = None) -> HttpResponseBase:
    """Letters, filtered and sorted, with facet counts; `fmt` 'csv' or 'json' downloads them."""
    filterset = LetterFilter(
        request.GET, queryset=Letter.objects.with_signer_counts().with_signer_total()
    )
    return LETTER_LIST.respond(request, filterset, fmt)


def letter_signers_export(request: HttpRequest, slug: str, fmt: str) -> HttpResponseBase:
    """The signers of one letter, as the source lists them, in CSV or JSON."""
    letter = get_object_or_404(Letter.objects.with_signer_counts(), slug=slug)
    signatories = (
        Signatory.objects.filter(letter=letter)
        .select_related("legislator", "source")
        .order_by("position")
    )
    columns = [
        Column("position", lambda s: s.position),
        Column("name", lambda s: s.legislator.name),
        Column("url", lambda s: absolute_url(s.legislator.get_absolute_url())),
        Column("party", lambda s: s.legislator.get_party_display()),
        Column("state", lambda s: s.legislator.state_name),
        Column("party_state", lambda s: s.legislator.party_state),
        Column("role", lambda s: s.get_role_display()),
        Column("printed_name", lambda s: s.printed_name),
        Column("printed_party_state", lambda s: s.printed_party_state),
        Column("source", lambda s: s.source.title),
    ]
    count = SignerCount.of(letter)
    note = (
        "" if count.named else f"No signer of this letter is named in its sources ({count.phrase})."
    )
    return export_response(fmt, f"{letter.slug}-signers", columns, signatories, note)


def own_passages(letter: Letter, sources: list[Source], source_url: Any) -> dict[str, str]:
    """The link to the passage of each of the letter's own facts (its date, its number of
    signers) on the first of its sources that has it (their texts are prefetched)."""
    links = {}
    own = {
        "date_passage": letter.date_source_id,
        "signers_stated_passage": letter.signers_stated_source_id,
    }
    for field in ("date_passage", "signers_stated_passage", "signature_blocks_passage"):
        passage = getattr(letter, field)
        # The fact's own source where recorded, else the first source that has the passage.
        cited = [s for s in sources if s.pk == own.get(field)] or sources
        source = next((s for s in cited if passage and passage_in(passage, s.full_text)), None)
        if source is not None:
            links[field] = f"{source_url(source.slug)}#{passage_anchor(passage)}"
    return links


def letter_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A letter: who signed (grouped by role), what it asks, whom it names, its text."""
    letter = get_object_or_404(Letter.objects.with_people().with_signer_counts(), slug=slug)
    signatories = list(letter.signatories.all())
    # Each signer with the link to their page, each passage with its source's (up to 250).
    legislator_url = slug_urls("people:legislator_detail")
    source_url = slug_urls("letters:source_detail")
    groups = [
        (label, [(s, legislator_url(s.legislator.slug)) for s in signatories if s.role == role])
        for role, label in (
            (Signatory.Role.LEAD, "Led by"),
            (Signatory.Role.COSIGNER, "Co-signed by"),
            (Signatory.Role.SIGNER, "Signed by (the source does not say who led)"),
        )
    ]
    sources = list(letter.sources.all())
    # The passages that name the signers, each once, in the order the source gives them;
    # then those of roles another source gives.
    by_pk = {source.pk: source for source in sources}
    quoted = [(s.passage, s.source) for s in signatories]
    quoted += [(s.role_passage, by_pk[s.role_source_id]) for s in signatories if s.role_source_id]
    signer_passages: list[tuple[str, Source, str]] = []
    seen: set[tuple[str, int]] = set()
    for passage, source in quoted:
        if (passage, source.pk) not in seen:
            seen.add((passage, source.pk))
            signer_passages.append((passage, source, source_url(source.slug)))
    # Detainees named in the same passage share one quotation.
    mention_groups: list[dict[str, Any]] = []
    for mention in letter.mentions.all():
        last = mention_groups[-1] if mention_groups else None
        if last and (last["passage"], last["source"].pk) == (mention.passage, mention.source_id):
            last["mentions"].append(mention)
        else:
            mention_groups.append(
                {"passage": mention.passage, "source": mention.source, "mentions": [mention]}
            )
    related = list(Letter.objects.only(*LETTER_LINK_FIELDS).related_to(letter))
    attach_responses_since(letter)
    footnotes = list(letter.footnotes.all())
    return render(
        request,
        "letters/letter_detail.html",
        {
            "letter": letter,
            "own_passages": own_passages(letter, sources, source_url),
            "text": lay_out(letter.full_text, (), {n.number: f"fn-{n.number}" for n in footnotes}),
            "footnotes": footnotes,
            "signer_groups": [(label, group) for label, group in groups if group],
            "signer_passages": signer_passages,
            "mention_groups": mention_groups,
            "related": related,
            "sources": sources,
            "contributions": source_contributions(letter, sources),
            "disagreements": disagreements(letter, sources),
        },
    )


def _letter_group(
    request: HttpRequest, heading_object: Recipient | Bill, letters: Any, filter_query: str
) -> HttpResponse:
    letters = letters.with_signer_counts().with_recipients().order_by("-date", "title")
    return render(
        request,
        "letters/letter_group.html",
        {"heading_object": heading_object, "letters": letters, "filter_query": filter_query},
    )


def recipient_letters(request: HttpRequest, slug: str) -> HttpResponse:
    """Every letter addressed to one official."""
    recipient = get_object_or_404(Recipient, slug=slug)
    letters = Letter.objects.filter(
        pk__in=LetterRecipient.objects.filter(recipient=recipient).values("letter_id")
    )
    return _letter_group(request, recipient, letters, f"recipient={recipient.slug}")


def bill_letters(request: HttpRequest, slug: str) -> HttpResponse:
    """Every letter a source names beside a bill or resolution."""
    bill = get_object_or_404(Bill, slug=slug)
    letters = Letter.objects.filter(bill_references__bill=bill)
    return _letter_group(request, bill, letters, f"bill={bill.slug}")


def demands_with_counts() -> Any:
    """Each kind of demand with its letters, legislators behind it and its date span."""
    return Demand.objects.annotate(
        letters=Count("letter_demands__letter", distinct=True),
        legislators=Count("letter_demands__letter__signatories__legislator", distinct=True),
        first_asked=Min("letter_demands__letter__date"),
        last_asked=Max("letter_demands__letter__date"),
    ).order_by("-letters", "name")


def demand_list(request: HttpRequest, fmt: str | None = None) -> HttpResponseBase:
    """Every kind of ask the letters make, most frequent first."""
    demands = demands_with_counts()
    if fmt:
        columns = [
            Column("demand", lambda d: d.name),
            Column("url", lambda d: absolute_url(d.get_absolute_url())),
            Column("description", lambda d: d.description),
            Column("letters", lambda d: d.letters),
            Column("legislators", lambda d: d.legislators),
            Column("first_asked", lambda d: d.first_asked.isoformat() if d.first_asked else ""),
            Column("last_asked", lambda d: d.last_asked.isoformat() if d.last_asked else ""),
        ]
        return export_response(fmt, "demands", columns, demands)
    return render(request, "letters/demand_list.html", {"demands": demands})


@page_parameters("page")
def demand_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """One kind of ask: the letters making it over time, in their words, a page at a time,
    who is behind it and what answered it (5 queries: the page is counted with the demand)."""
    demand: WithAnnotations[Demand, DemandCounts] = get_object_or_404(
        Demand.objects.annotate(
            wording_count=Count("letter_demands"),
            letter_count=Count("letter_demands__letter", distinct=True),
        ),
        slug=slug,
    )
    wordings = demand.letter_demands.select_related("letter", "source").order_by(
        "letter__date", "letter__title", "position"
    )
    page = CountedPaginator(wordings, LETTERS_PER_PAGE, demand.wording_count).get_page(
        request.GET.get("page")
    )
    behind = legislators_behind(Signatory.objects.filter(letter__letter_demands__demand=demand))
    behind["letters_with_unnamed"] = (
        Letter.objects.filter(pk__in=demand.letter_demands.values("letter_id"))
        .not_all_named()
        .count()
    )
    responses = demand.responses.in_date_order().select_related("source", "letter")
    return render(
        request,
        "letters/demand_detail.html",
        {"demand": demand, "page": page, "behind": behind, "responses": list(responses)},
    )


def quoted_from(source: Source) -> list[str]:
    """Every passage the archive quotes from `source` but its footnotes (6 queries,
    whatever the number)."""
    parts = (
        (Signatory, "passage"),
        (LetterRecipient, "passage"),
        (LetterDemand, "wording"),
        (DetaineeMention, "passage"),
        (BillReference, "passage"),
    )
    passages: list[str] = []
    for model, field in parts:
        passages += model.objects.filter(source=source).values_list(field, flat=True).distinct()
    own = ("date_passage", "signers_stated_passage", "signature_blocks_passage")
    for row in source.letters.values_list(*own):
        passages += [passage for passage in row if passage]
    return passages


def source_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A source document laid out as received, each passage the archive quotes from it
    marked and anchored, and the letters whose facts it gives."""
    source = get_object_or_404(Source, slug=slug)
    letters = list(source.letters.order_by("-date", "title"))
    footnotes = list(Footnote.objects.filter(source=source).values_list("number", "passage"))
    notes = {number: passage_anchor(passage) for number, passage in footnotes}
    quoted = quoted_from(source) + [passage for _, passage in footnotes]
    return render(
        request,
        "letters/source_detail.html",
        {
            "source": source,
            "letters": letters,
            "paragraphs": lay_out(source.full_text, quoted, notes),
        },
    )


class SearchForm(forms.Form):
    q = forms.CharField(label="Search the archive", max_length=SEARCH_MAX_LENGTH, required=False)


SEARCH_LIMIT = 20


@page_parameters(SearchForm)
def search(request: HttpRequest) -> HttpResponse:
    """Letters, legislators, detainees, demands and sources matching the words, each kind
    counted, letters and sources with the passage that matched (10 queries)."""
    form = SearchForm(request.GET)
    results: dict[str, dict[str, Any]] = {}
    text = ""
    if form.is_valid():
        text = form.cleaned_data["q"].strip()
    if text:
        kinds = {
            "letters": Letter.objects.search(text).order_by("-rank", "-date", "title"),
            "legislators": Legislator.objects.search(text),
            "detainees": Detainee.objects.search(text),
            "demands": Demand.objects.filter(words_match(("name", "description"), text)),
            "sources": Source.objects.search(text).order_by("title"),
        }
        for kind, rows in kinds.items():
            found = list(rows[:SEARCH_LIMIT])
            count = len(found) if len(found) < SEARCH_LIMIT else rows.count()
            results[kind] = {"rows": found, "count": count}
        for source in results["sources"]["rows"]:
            source.headline = snippet(source.full_text, text)
    status = 400 if form.errors else 200
    return render(
        request,
        "letters/search.html",
        {
            "form": form,
            "text": text,
            "results": results,
            "total": sum(kind["count"] for kind in results.values()),
            "limit": SEARCH_LIMIT,
            "errors": [f"Search: {e}" for e in form.errors.get("q", [])],
        },
        status=status,
    )


def about(request: HttpRequest) -> HttpResponse:
    """How to read the archive: dates, roles, signer counts, quotations, downloads."""
    return render(request, "letters/about.html")


def robots_txt(request: HttpRequest) -> HttpResponse:
    return render(request, "robots.txt", content_type="text/plain; charset=utf-8")


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page, rendered without the database or context processors."""
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"SITE_NAME": settings.SITE_NAME}))
