"""Recipients: the officials a letter is addressed to, known to the archive or not."""

from __future__ import annotations

import re

from letters.drafting.draft import DraftRecipient, LetterDraft
from letters.drafting.patterns import HONORABLE, OFFICE_THEN_NAME, RECIPIENT_OFFICE
from letters.models import Recipient
from people.matching import normalise_name


def read_recipients(draft: LetterDraft, recipients: list[Recipient]) -> None:
    """The recipients the archive knows, where the text names them, then officials addressed
    whom it does not know yet; in the text's order."""
    known_spans: list[tuple[int, int]] = []
    found = _known_recipients(draft.text, recipients, known_spans)
    found.extend(_unknown_recipients(draft.text, known_spans))
    found.sort(key=lambda pair: pair[0])
    for position, (_, recipient) in enumerate(found, start=1):
        recipient.position = position
    draft.recipients = [recipient for _, recipient in found]


def _known_recipients(
    text: str, recipients: list[Recipient], known_spans: list[tuple[int, int]]
) -> list[tuple[int, DraftRecipient]]:
    """Each known recipient the text names, with the passage that addresses them best
    ('The Honorable X' over an office before the name over the name alone); the spans of
    every occurrence are added to `known_spans`."""
    found: list[tuple[int, DraftRecipient]] = []
    for recipient in recipients:
        name_pattern = _flexible(recipient.name)
        best: tuple[int, str, str, int] | None = None  # (rank, passage, title, start)
        for occurrence in re.finditer(name_pattern, text):
            known_spans.append(occurrence.span())
            line_end = text.find("\n", occurrence.end())
            line_end = len(text) if line_end == -1 else line_end
            honorable = re.search(r"The Honorable\s+$", text[: occurrence.start()])
            if honorable:
                rest = text[occurrence.end() : line_end].strip()
                if not rest:
                    next_end = text.find("\n", line_end + 1)
                    next_end = len(text) if next_end == -1 else next_end
                    rest = text[line_end:next_end].strip()
                title_end = text.find(rest, occurrence.end()) + len(rest) if rest else 0
                if rest and len(rest) < 80:
                    candidate = (0, text[honorable.start() : title_end], rest, honorable.start())
                    best = min(best, candidate) if best else candidate
                    continue
            office = re.search(
                rf"(?:{RECIPIENT_OFFICE.pattern})[ \t]+$", text[: occurrence.start()]
            )
            if office:
                candidate = (
                    1,
                    text[office.start() : occurrence.end()],
                    office.group().strip(),
                    office.start(),
                )
                best = min(best, candidate) if best else candidate
                continue
            candidate = (2, occurrence.group(), recipient.office, occurrence.start())
            best = min(best, candidate) if best else candidate
        if best is not None:
            first = re.search(name_pattern, text)
            found.append(
                (
                    first.start() if first else best[3],
                    DraftRecipient(0, recipient.name, best[2], best[1], recipient),
                )
            )
    return found


def _unknown_recipients(
    text: str, known_spans: list[tuple[int, int]]
) -> list[tuple[int, DraftRecipient]]:
    """Officials addressed whom the archive does not know yet."""
    unknown: dict[str, tuple[int, DraftRecipient]] = {}
    for pattern in (HONORABLE, OFFICE_THEN_NAME):
        for occurrence in pattern.finditer(text):
            span = occurrence.span("name")
            if any(start < span[1] and span[0] < end for start, end in known_spans):
                continue
            name = occurrence["name"]
            office = occurrence.groupdict().get("office") or ""
            key = normalise_name(name)
            if key not in unknown:
                unknown[key] = (
                    occurrence.start(),
                    DraftRecipient(0, name, office, occurrence.group(), None),
                )
    return list(unknown.values())


def _flexible(name: str) -> str:
    """A pattern for a name as printed: any white space between words, accents optional."""
    return r"\b" + r"\s+".join(re.escape(word) for word in name.split()) + r"\b"
