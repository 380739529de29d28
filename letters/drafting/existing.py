"""Recognising a letter already in the archive from a draft of a text about it."""

from __future__ import annotations

from django.db.models import Q

from letters.drafting.draft import LetterDraft
from letters.models import Letter


def find_existing_letter(draft: LetterDraft) -> Letter | None:
    """The archive's letter this draft describes, if any: the same title (of the letter or
    of one of its sources), or the same date at the draft's precision with the same
    recipients and at least one signer in common (any signer, where the draft names none).

    Queries letters by title and by date, then their recipients and signers."""
    titles = {title for title in (draft.title, draft.headline) if title}
    if titles:
        by_title = Q()
        for title in titles:
            by_title |= Q(title__iexact=title) | Q(sources__title__iexact=title)
        same_title = Letter.objects.filter(by_title).distinct().first()
        if same_title is not None:
            return same_title
    if draft.date is None:
        return None
    day = draft.date.date
    same_month = Q(date__year=day.year, date__month=day.month)
    if draft.date.precision == Letter.DatePrecision.DAY:
        same_date = Q(date=day) | (same_month & Q(date_precision=Letter.DatePrecision.MONTH))
    else:
        same_date = same_month
    recipients = {item.recipient.pk for item in draft.recipients if item.recipient}
    signers = {signer.legislator.pk for signer in draft.signers if signer.legislator}
    best: tuple[int, Letter] | None = None
    for letter in Letter.objects.filter(same_date).prefetch_related("addressees", "signatories"):
        if {item.recipient_id for item in letter.addressees.all()} != recipients:
            continue
        shared = len(signers & {item.legislator_id for item in letter.signatories.all()})
        if signers and not shared:
            continue
        if best is None or shared > best[0]:
            best = (shared, letter)
    return best[1] if best else None
