from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from letters.models import Bill, Demand, Letter, Recipient, Source


def home(request: HttpRequest) -> HttpResponse:
    letters = Letter.objects.with_signer_counts().order_by("-date")
    return render(request, "letters/home.html", {"letters": letters})


def letter_list(request: HttpRequest) -> HttpResponse:
    letters = Letter.objects.with_signer_counts().order_by("-date")
    return render(request, "letters/letter_list.html", {"letters": letters})


def letter_detail(request: HttpRequest, slug: str) -> HttpResponse:
    letter = get_object_or_404(Letter.objects.with_people(), slug=slug)
    return render(request, "letters/letter_detail.html", {"letter": letter})


def recipient_letters(request: HttpRequest, slug: str) -> HttpResponse:
    recipient = get_object_or_404(Recipient, slug=slug)
    letters = Letter.objects.filter(addressees__recipient=recipient).with_signer_counts()
    return render(
        request, "letters/letter_list.html", {"letters": letters, "heading_object": recipient}
    )


def bill_letters(request: HttpRequest, slug: str) -> HttpResponse:
    bill = get_object_or_404(Bill, slug=slug)
    letters = Letter.objects.filter(bill_references__bill=bill).with_signer_counts()
    return render(request, "letters/letter_list.html", {"letters": letters, "heading_object": bill})


def demand_list(request: HttpRequest) -> HttpResponse:
    return render(request, "letters/demand_list.html", {"demands": Demand.objects.all()})


def demand_detail(request: HttpRequest, slug: str) -> HttpResponse:
    demand = get_object_or_404(Demand, slug=slug)
    wordings = demand.letter_demands.select_related("letter").order_by("letter__date", "position")
    return render(request, "letters/demand_detail.html", {"demand": demand, "wordings": wordings})


def source_detail(request: HttpRequest, slug: str) -> HttpResponse:
    source = get_object_or_404(Source, slug=slug)
    return render(
        request,
        "letters/source_detail.html",
        {"source": source, "letters": source.letters.order_by("-date")},
    )
