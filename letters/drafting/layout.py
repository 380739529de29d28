"""The text's paragraphs, sentences and clauses, found once per draft."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from letters.drafting.patterns import ABBREVIATIONS, BULLET, SENTENCE_END

WORD_BEFORE_STOP = re.compile(r"([\w.]+)\.$")
WORD_REACH = max(len(word) for word in ABBREVIATIONS) + 2


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    is_bullet: bool = False


class Layout:
    """The text's paragraphs and sentences, found once per draft.

    A paragraph ends at a blank line or at a line break, except where an OCR'd letter wraps
    a line mid-sentence (a line of typical page width without closing punctuation). A
    bullet of a list of asks is a paragraph and a sentence of its own. Sentences end at
    . ! or ? before a capital, except after an abbreviation ('Rep.', 'Jr.', 'U.S.') or an
    initial ('Edward J. Markey')."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.paragraphs = self._paragraphs()
        self.sentences = [s for p in self.paragraphs for s in self._sentences(p)]
        self._sentence_starts = [sentence.start for sentence in self.sentences]
        self._paragraph_starts = [paragraph.start for paragraph in self.paragraphs]

    def sentence_at(self, position: int) -> Span:
        index = bisect_right(self._sentence_starts, position) - 1
        return self.sentences[max(index, 0)] if self.sentences else Span(0, len(self.text))

    def paragraph_at(self, position: int) -> Span:
        index = bisect_right(self._paragraph_starts, position) - 1
        return self.paragraphs[max(index, 0)] if self.paragraphs else Span(0, len(self.text))

    def _paragraphs(self) -> list[Span]:
        paragraphs: list[Span] = []
        start: int | None = None
        end = 0
        is_bullet = False
        joins = False
        offset = 0
        for line in self.text.split("\n"):
            line_start, line_end = offset, offset + len(line)
            offset = line_end + 1
            bullet = BULLET.match(line)
            if start is not None and (not line.strip() or bullet or not joins):
                paragraphs.append(Span(start, end, is_bullet))
                start = None
            if not line.strip():
                continue
            if start is None:
                start = line_start + (bullet.end() if bullet else len(line) - len(line.lstrip()))
                is_bullet = bool(bullet)
            end = line_start + len(line.rstrip())
            stripped = line.rstrip()
            joins = 50 <= len(stripped.strip()) <= 120 and stripped[-1] not in '.!?:;,”"\u2019'
        if start is not None:
            paragraphs.append(Span(start, end, is_bullet))
        return paragraphs

    def _sentences(self, paragraph: Span) -> Iterator[Span]:
        if paragraph.is_bullet:
            yield paragraph
            return
        start = paragraph.start
        for stop in SENTENCE_END.finditer(self.text, paragraph.start, paragraph.end):
            # The word before the stop, looked for only as far back as the longest
            # abbreviation: a longer word is neither one nor an initial, cut or not.
            word = WORD_BEFORE_STOP.search(
                self.text, max(start, stop.start() - WORD_REACH), stop.start() + 1
            )
            if word and (word.group(1).casefold() in ABBREVIATIONS or len(word.group(1)) == 1):
                continue
            yield Span(start, stop.end())
            start = stop.end()
            while start < paragraph.end and self.text[start].isspace():
                start += 1
        if start < paragraph.end:
            yield Span(start, paragraph.end)


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in ' \t\n\u2014\u2013-•·*¢;:,“”"':
        start += 1
    while end > start and text[end - 1] in ' \t\n;:,“”"':
        end -= 1
    trailing_and = re.search(r"[;,]\s*(?:and|or)$", text[start:end])
    if trailing_and:
        end = start + trailing_and.start()
    return start, end


def clause(layout: Layout, position: int) -> tuple[int, int]:
    """The sentence around `position`, narrowed to its clause between semicolons."""
    sentence = layout.sentence_at(position)
    start, end = sentence.start, sentence.end
    semicolon = layout.text.rfind(";", start, position)
    if semicolon != -1:
        start = semicolon + 1
    after = layout.text.find(";", position, end)
    if after != -1:
        end = after
    return trimmed(layout.text, start, end)
