"""A document's text laid out for reading, with the passages the archive quotes marked.

Every fact links to its passage as `<source page>#<passage_anchor(passage)>`; the source
page lays its text out in paragraphs, marks every passage it is quoted for and gives each
its anchor, and links footnote marks to their notes: "[1]", a superscript "¹", or the glyph
an OCR made of a superscript (printed_marks()). The anchor depends on the passage's words
only, so a page linking to it needs neither the source's text nor a query.

The layout is data (paragraphs of segments); the template writes the HTML.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from archive.provenance import normalise_space

FOOTNOTE_MARKER = re.compile(r"\[(\d{1,3})\]|([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})")
SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
# What an OCR prints for a superscript digit: a quote, star or sign glued to the end of a
# word (after its comma or full stop, if any) and followed by a space ("custody,' while",
# "Red Cross* —"). A glyph, never a digit: no year or count can be taken for a mark.
OCR_MARK = re.compile(r"(?<=[^\W\d_])[.,;:]?(['\u2019*!%$\"\u201d\u00b0\u2020\u2021])(?=\s|$)")
BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")


def passage_anchor(passage: str) -> str:
    """The id of a quoted passage on its source's page ('q-' and 10 hex digits)."""
    digest = hashlib.sha1(normalise_space(passage).encode("utf-8"), usedforsecurity=False)
    return "q-" + digest.hexdigest()[:10]


def passage_pattern(passage: str) -> re.Pattern[str] | None:
    """A pattern finding the passage in the text as received: any run of white space
    between its words, and a hyphen at a line break ('Nagorno-\\nKarabakh')."""
    words = normalise_space(passage).split(" ")
    if not words or words == [""]:
        return None
    pieces = [re.escape(word).replace(r"\-", r"-\s*") for word in words]
    return re.compile(r"\s+".join(pieces))


@dataclass
class Segment:
    """A run of text within a paragraph: marked where a quoted passage covers it;
    `anchors` are the passages starting here, `note` the anchor of the footnote a marker
    links to."""

    text: str
    marked: bool = False
    anchors: list[str] = field(default_factory=list)
    note: str = ""
    note_number: int = 0

    @property
    def mark_hides_number(self) -> bool:
        """A footnote mark that does not show its number (an OCR's glyph): the page says it."""
        return bool(self.note) and str(self.note_number) not in self.text


@dataclass
class Paragraph:
    segments: list[Segment]


def paragraph_ranges(text: str) -> list[tuple[int, int]]:
    """Where the paragraphs are: separated by blank lines; a text without blank lines has
    one paragraph per line (a press release pasted line by line)."""
    separator = BLANK_LINE if BLANK_LINE.search(text) else re.compile(r"\n\s*")
    ranges, start = [], 0
    for found in separator.finditer(text):
        ranges.append((start, found.start()))
        start = found.end()
    ranges.append((start, len(text)))
    return [(a, b) for a, b in ranges if text[a:b].strip()]


Marker = tuple[int, int, str, int]  # start, end, the note's anchor, the note's number
Span = tuple[int, int]


def numbered_marks(text: str, notes: dict[int, str], note_spans: dict[str, Span]) -> list[Marker]:
    """Each mark "[n]" or superscript "ⁿ" of a note in `notes`, but where it opens the
    note itself."""
    note_starts = {start for start, _ in note_spans.values()}
    markers = []
    for found in FOOTNOTE_MARKER.finditer(text):
        number = int(found.group(1) or found.group(2).translate(SUPERSCRIPT_DIGITS))
        if number in notes and found.start() not in note_starts:
            markers.append((found.start(), found.end(), notes[number], number))
    return markers


def printed_marks(
    text: str, notes: dict[int, str], note_spans: dict[str, Span], linked: set[int]
) -> list[Marker]:
    """The glyphs an OCR printed for the marks of the notes not `linked` otherwise, where
    they are unambiguous: as many glyphs outside the notes (OCR_MARK) as such notes found
    in the text, the nth glyph before the nth note. Otherwise none: a closing quote or a
    possessive taken for a mark would link a note that is not there."""
    pending = [n for n in sorted(notes) if n not in linked and notes[n] in note_spans]
    glyphs = [
        found
        for found in OCR_MARK.finditer(text)
        if not any(start <= found.start(1) < end for start, end in note_spans.values())
    ]
    if not pending or len(glyphs) != len(pending):
        return []
    pairs = list(zip(glyphs, pending, strict=True))
    if any(glyph.start(1) >= note_spans[notes[number]][0] for glyph, number in pairs):
        return []
    return [(glyph.start(1), glyph.end(1), notes[number], number) for glyph, number in pairs]


def lay_out(
    text: str, passages: Iterable[str] = (), notes: dict[int, str] | None = None
) -> list[Paragraph]:
    """The text in paragraphs, each passage found in it marked and anchored (its first
    occurrence; a passage not in the text is left out), each mark of a note in `notes`
    (number: anchor) linked (numbered_marks(), printed_marks())."""
    notes = notes or {}
    spans: list[tuple[int, int, str]] = []
    for passage in dict.fromkeys(passages):
        pattern = passage_pattern(passage)
        found = pattern.search(text) if pattern else None
        if found:
            spans.append((found.start(), found.end(), passage_anchor(passage)))
    note_spans = {anchor: (s, e) for s, e, anchor in spans if anchor in notes.values()}
    markers = numbered_marks(text, notes, note_spans)
    markers += printed_marks(text, notes, note_spans, {number for *_, number in markers})
    placed: set[str] = set()
    paragraphs = []
    for start, end in paragraph_ranges(text):
        cuts = {start, end}
        for a, b, *_ in spans + markers:
            cuts.update(point for point in (a, b) if start < point < end)
        points = sorted(cuts)
        segments = []
        for a, b in itertools.pairwise(points):
            covering = [anchor for s, e, anchor in spans if s < b and e > a]
            starting = [anchor for anchor in covering if anchor not in placed]
            placed.update(starting)
            note, number = next(((n, k) for s, e, n, k in markers if (s, e) == (a, b)), ("", 0))
            segments.append(Segment(text[a:b], bool(covering), starting, note, number))
        paragraphs.append(Paragraph(segments))
    return paragraphs
