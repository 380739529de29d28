from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from letters.models import DetaineeMention, Signatory
from people.models import Detainee, Legislator


def legislator_list(request: HttpRequest) -> HttpResponse:
    legislators = Legislator.objects.with_letter_counts().order_by("-letters_signed", "last_name")
    return render(request, "people/legislator_list.html", {"legislators": legislators})


def legislator_detail(request: HttpRequest, slug: str) -> HttpResponse:
    legislator = get_object_or_404(Legislator, slug=slug)
    signatures = (
        Signatory.objects.filter(legislator=legislator)
        .select_related("letter")
        .order_by("letter__date")
    )
    return render(
        request,
        "people/legislator_detail.html",
        {"legislator": legislator, "signatures": signatures},
    )


def detainee_list(request: HttpRequest) -> HttpResponse:
    detainees = Detainee.objects.with_mention_counts().order_by("-letters_naming", "name")
    return render(request, "people/detainee_list.html", {"detainees": detainees})


def detainee_detail(request: HttpRequest, slug: str) -> HttpResponse:
    detainee = get_object_or_404(Detainee.objects.prefetch_related("aliases"), slug=slug)
    mentions = (
        DetaineeMention.objects.filter(detainee=detainee)
        .select_related("letter", "source")
        .order_by("letter__date")
    )
    return render(
        request, "people/detainee_detail.html", {"detainee": detainee, "mentions": mentions}
    )
