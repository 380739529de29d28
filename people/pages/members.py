"""'My members of Congress': a state's or a district's current senators and representative,
and where each stands on every letter of their chamber sent while they served."""

from __future__ import annotations

import datetime

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from archive.exports import Column, export_response
from archive.page_cache import page_parameters
from archive.site import absolute_url
from archive.states import STATE_CHOICES, STATE_NAMES
from people.models import Chamber, Legislator, LegislatorTerm
from people.pages.member_records import Answer, MemberRecord, current_terms, member_records

NAME_MAX_LENGTH = 200
FOUND_MAX = 20


class MemberFinder(forms.Form):
    state = forms.ChoiceField(
        label="State or territory", choices=[("", "Choose…"), *STATE_CHOICES], required=False
    )
    district = forms.IntegerField(
        label="House district (optional)", min_value=0, max_value=99, required=False
    )
    name = forms.CharField(
        label="Or find a member by name", max_length=NAME_MAX_LENGTH, required=False
    )


def today() -> datetime.date:
    return timezone.localdate()


@page_parameters(MemberFinder)
def members_index(request: HttpRequest) -> HttpResponse:
    """Pick a state (and a district), or find a current member by name."""
    form = MemberFinder(request.GET or None)
    found: list[LegislatorTerm] = []
    if form.is_bound and form.is_valid():
        state, district = form.cleaned_data["state"], form.cleaned_data["district"]
        if state:
            return redirect(members_url(state, district))
        name = form.cleaned_data["name"].strip()
        if name:
            named = Legislator.objects.search(name).values("pk")
            found = current_terms("", None, today(), legislators=named)
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "people/members_index.html",
        {
            "form": form,
            "found": found[:FOUND_MAX],
            "more_found": len(found) > FOUND_MAX,
            "states": STATE_CHOICES,
        },
        status=status,
    )


def members_url(state: str, district: int | None = None) -> str:
    if district is None:
        return reverse("people:members_state", args=[state])
    return reverse("people:members_district", args=[state, district])


def current_term(legislator: Legislator) -> LegislatorTerm | None:
    """The term a member serves today, with their office's contact details; None for a
    former member (one query)."""
    return next(iter(current_terms("", None, today(), legislators=[legislator.pk])), None)


def seat_members_url(term: LegislatorTerm) -> str:
    """The members page a current term stands on: its district's, or its state's for a
    senator or a district the reference data does not know."""
    district = term.district if term.chamber == Chamber.HOUSE else None
    return members_url(term.state, district)


def checked_state(state: str) -> str:
    if state not in STATE_NAMES:
        raise Http404("No such state or territory.")
    return state


def members_state(request: HttpRequest, state: str, fmt: str | None = None) -> HttpResponseBase:
    """A state's senators, and its House delegation to choose a district from (the CSV has
    every current member of the state)."""
    state = checked_state(state)
    current = current_terms(state, None, today())
    if fmt:
        return members_export(request, fmt, state, member_records(current, every_letter=True))
    senators = [term for term in current if term.chamber == Chamber.SENATE]
    house = [term for term in current if term.chamber == Chamber.HOUSE]
    # A state with one seat (at large, or a delegate) shows its member at once.
    shown = senators + house if len(house) == 1 else senators
    return render(
        request,
        "people/members.html",
        {
            "state": state,
            "state_name": STATE_NAMES[state],
            "district": None,
            "records": member_records(shown),
            "house": house if len(house) > 1 else [],
            "csv_url": reverse("people:members_state_csv", args=[state]),
        },
    )


def members_district(
    request: HttpRequest, state: str, district: int, fmt: str | None = None
) -> HttpResponseBase:
    """A district's representative and its state's senators."""
    state = checked_state(state)
    if not LegislatorTerm.objects.filter(state=state, district=district).exists():
        raise Http404("No such district in the reference data.")
    records = member_records(current_terms(state, district, today()), every_letter=bool(fmt))
    if fmt:
        return members_export(request, fmt, f"{state}-{district:02d}", records)
    return render(
        request,
        "people/members.html",
        {
            "state": state,
            "state_name": STATE_NAMES[state],
            "district": district,
            "records": records,
            "has_representative": any(r.term.chamber == Chamber.HOUSE for r in records),
            "house": [],
            "csv_url": reverse("people:members_district_csv", args=[state, district]),
        },
    )


def members_export(
    request: HttpRequest, fmt: str, name: str, records: list[MemberRecord]
) -> HttpResponseBase:
    """Every letter of each member's chamber sent while they served, with their answer."""
    rows = [(record, row) for record in records for row in record.letters]
    pattern = absolute_url(reverse("letters:letter_detail", args=["SLUG"]))
    columns = [
        Column("member", lambda r: r[0].legislator.name),
        Column("party_state", lambda r: r[0].legislator.party_state),
        Column("chamber", lambda r: r[0].term.get_chamber_display()),
        Column("district", lambda r: r[0].term.district),
        Column("letter_date", lambda r: r[1].letter.date_iso),
        Column("letter", lambda r: r[1].letter.title),
        Column("letter_url", lambda r: pattern.replace("SLUG", r[1].letter.slug)),
        Column("signed", lambda r: Answer.LABELS[r[1].answer]),
    ]
    return export_response(fmt, f"members-{name}", columns, rows)
