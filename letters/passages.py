"""A document's text laid out for reading, with the passages the archive quotes marked.

Every fact links to its passage as `<source page>#<passage_anchor(passage)>`; the source
page lays its text out in paragraphs, marks every passage it is quoted for and gives each
its anchor, and links footnote markers ("[1]") to their notes. The anchor depends on the
passage's words only, so a page linking to it needs neither the source's text nor a query.

The layout is data (paragraphs of segments); the template writes the HTML.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from archive.provenance import normalise_space

FOOTNOTE_MARKER = re.compile(r"\[(\d{1,3})\]")
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


def lay_out(
    text: str, passages: Iterable[str] = (), notes: dict[int, str] | None = None
) -> list[Paragraph]:
    """The text in paragraphs, each passage found in it marked and anchored (its first
    occurrence; a passage not in the text is left out), each marker "[n]" of a note in
    `notes` (number: anchor) linked, except where it opens the note itself."""
    spans: list[tuple[int, int, str]] = []
    for passage in dict.fromkeys(passages):
        pattern = passage_pattern(passage)
        found = pattern.search(text) if pattern else None
        if found:
            spans.append((found.start(), found.end(), passage_anchor(passage)))
    note_starts = {start for start, _, anchor in spans if anchor in (notes or {}).values()}
    markers = [
        (found.start(), found.end(), (notes or {})[int(found.group(1))])
        for found in FOOTNOTE_MARKER.finditer(text)
        if int(found.group(1)) in (notes or {}) and found.start() not in note_starts
    ]
    placed: set[str] = set()
    paragraphs = []
    for start, end in paragraph_ranges(text):
        cuts = {start, end}
        for a, b, _ in spans + markers:
            cuts.update(point for point in (a, b) if start < point < end)
        points = sorted(cuts)
        segments = []
        for a, b in itertools.pairwise(points):
            covering = [anchor for s, e, anchor in spans if s < b and e > a]
            starting = [anchor for anchor in covering if anchor not in placed]
            placed.update(starting)
            note = next((anchor for s, e, anchor in markers if s == a and e == b), "")
            segments.append(Segment(text[a:b], bool(covering), starting, note))
        paragraphs.append(Paragraph(segments))
    return paragraphs
