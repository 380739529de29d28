"""Demands: each known kind of ask, with its words as the letter (or a quotation of it)
puts them."""

from __future__ import annotations

from letters.drafting.draft import DraftDemand, LetterDraft
from letters.drafting.layout import Layout, Span, trimmed
from letters.drafting.patterns import (
    ASK_WORDS,
    DEMAND_RULES,
    DEMAND_UNLESS,
    LEADING_NOISE,
    THIRD_PARTY,
)
from letters.models import Demand, WordingOrigin


def read_demands(draft: LetterDraft, demands: list[Demand], layout: Layout) -> None:
    """Each known kind of demand, where the letter (or the press release, quoting or
    paraphrasing it) asks for it. Where the text reproduces the letter in full, only the
    letter is read; statements by the publisher or advocates are never the letter's."""
    text = draft.text
    full_letter = draft.letter_start is not None and not draft.letter_text_is_partial
    area_start = draft.letter_start if full_letter and draft.letter_start is not None else 0
    skipped = _third_party_paragraphs(layout)
    sentences = [
        sentence
        for sentence in layout.sentences
        if sentence.start >= area_start and layout.paragraph_at(sentence.start) not in skipped
    ]
    found: list[tuple[int, DraftDemand]] = []
    for demand in demands:
        rule = DEMAND_RULES.get(demand.slug)
        if rule is None:
            continue
        best: tuple[int, int, int, int, str] | None = None
        for sentence in sentences:
            hit = rule.search(text, sentence.start, sentence.end)
            unless = DEMAND_UNLESS.get(demand.slug)
            if not hit or (unless and unless.search(text, sentence.start, sentence.end)):
                continue
            start, end, origin = _wording_span(draft, layout, sentence, hit.start())
            score = (2 if sentence.is_bullet else 0) + (2 if origin != "paraphrase" else 0)
            score += 1 if ASK_WORDS.search(text, start, end) else 0
            candidate = (-score, start, start, end, origin)
            best = min(best, candidate) if best else candidate
        if best is not None:
            _, _, start, end, origin = best
            found.append((start, DraftDemand(0, demand, text[start:end], origin)))
    found.sort(key=lambda pair: pair[0])
    for position, (_, drafted) in enumerate(found, start=1):
        drafted.position = position
    draft.demands = [drafted for _, drafted in found]


def _third_party_paragraphs(layout: Layout) -> set[Span]:
    """Paragraphs that quote the publisher or advocates (and the quotes continuing them)."""
    skipped: set[Span] = set()
    previous_skipped = False
    for paragraph in layout.paragraphs:
        body = layout.text[paragraph.start : paragraph.end]
        if THIRD_PARTY.search(body) or (previous_skipped and body.startswith("“")):
            skipped.add(paragraph)
            previous_skipped = True
        else:
            previous_skipped = False
    return skipped


def _wording_span(
    draft: LetterDraft, layout: Layout, sentence: Span, position: int
) -> tuple[int, int, str]:
    """The words of an ask: the sentence (or bullet); in a press release, only the quoted
    words where the ask stands inside a quotation of the letter."""
    text = draft.text
    if draft.letter_start is not None and sentence.start >= draft.letter_start:
        start, end = trimmed(text, sentence.start, sentence.end)
        return start, end, WordingOrigin.LETTER_TEXT
    paragraph = layout.paragraph_at(position)
    before = text[paragraph.start : position]
    if before.count("“") > before.count("”"):
        opening = text.rfind("“", paragraph.start, position)
        closing = text.find("”", position, sentence.end)
        start = max(opening + 1, sentence.start)
        end = closing if closing != -1 else sentence.end
        start, end = trimmed(text, start, end)
        return start, end, WordingOrigin.QUOTED
    start, end = trimmed(text, sentence.start, sentence.end)
    noise = LEADING_NOISE.match(text, start, end)
    return (noise.end() if noise else start), end, WordingOrigin.PARAPHRASE
