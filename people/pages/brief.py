"""A current member's one-page brief: their office, and where they stand on the archive's
letters of their chamber sent while they served (signed, did not sign, cannot be known),
each letter with its signers, demands and the detainees it names. What a constituent
brings to a meeting with the office; it prints on one A4 or Letter page."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from letters.models import LETTER_LINK_FIELDS, DetaineeMention, Letter, LetterDemand
from people.models import Legislator
from people.pages.member_records import MemberLetter, current_terms, member_records
from people.pages.members import seat_members_url, today

LETTERS_PER_KIND = 5  # the latest of each kind: the brief stays on one page


@dataclass
class BriefSection:
    """The letters of one kind (signed, did not sign, cannot be known), the latest first."""

    kind: str
    heading: str
    explanation: str
    total: int
    letters: list[Letter]


def brief_letters(rows: list[MemberLetter]) -> dict[int, Letter]:
    """The letters of `rows` with their signer counts, demands and detainees named (3
    queries whatever their number)."""
    demands = LetterDemand.objects.select_related("demand").only(
        "letter_id", "position", "demand__name", "demand__slug"
    )
    mentions = DetaineeMention.objects.select_related("detainee").only(
        "letter_id", "position", "detainee__name", "detainee__slug"
    )
    return (
        Letter.objects.with_signer_counts()
        .only(*LETTER_LINK_FIELDS, "signers_stated", "signature_blocks", "signers_note")
        .prefetch_related(
            Prefetch("letter_demands", queryset=demands), Prefetch("mentions", queryset=mentions)
        )
        .in_bulk([row.letter.pk for row in rows])
    )


def member_brief(request: HttpRequest, slug: str) -> HttpResponse:
    """A current member's brief (8 queries: their term, their record, its letters)."""
    named = Legislator.objects.filter(slug=slug).values("pk")
    terms = current_terms("", None, today(), legislators=named)
    if not terms:
        raise Http404("No member of Congress serving today has this address.")
    record = member_records(terms[:1], per_kind=LETTERS_PER_KIND)[0]
    letters = brief_letters(record.letters)
    sections = [
        BriefSection(
            kind,
            heading,
            explanation,
            total,
            [letters[row.letter.pk] for row in record.letters if row.kind == kind],
        )
        for kind, heading, explanation, total in (
            (
                "not_signed",
                "Did not sign",
                "The sources name every signer of these letters, and not this member.",
                record.not_signed,
            ),
            (
                "unknown",
                "Cannot be known",
                "The sources do not name every signer of these letters: ask the office.",
                record.unknown,
            ),
            ("signed", "Signed", "", record.signed),
        )
        if total
    ]
    return render(
        request,
        "people/member_brief.html",
        {
            "record": record,
            "legislator": record.legislator,
            "term": record.term,
            "sections": sections,
            "per_kind": LETTERS_PER_KIND,
            "members_page_url": seat_members_url(record.term),
        },
    )
