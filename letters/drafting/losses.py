"""Signers the draft may have lost, said in plain words with the passage: something like a
party badge the reader could not take as one, and a member's title before a name it did
not read. A draft never holds fewer people than the text names without saying so (the
number the text states is compared in counts.py)."""

from __future__ import annotations

import re

from letters.drafting.draft import DraftLoss, LetterDraft
from letters.drafting.layout import Layout
from letters.drafting.patterns import (
    BADGE_LIKE,
    NOT_NAME_WORDS,
    SIGNING_CUES,
    TITLE_BEFORE_WORD,
)
from letters.drafting.signers import PrintedSigners

# 'the House of Representatives Foreign Affairs Committee': a chamber, not a title.
OF_BEFORE = re.compile(r"\bof[ \t]+$")
NEXT_WORD = re.compile(r"[^\W\d_]+")
# How much of the text after a title the passage shows.
PASSAGE_REACH = 60


def read_losses(draft: LetterDraft, printed: PrintedSigners, layout: Layout) -> None:
    _unread_badges(draft, printed)
    _unread_titles(draft, printed, layout)


def _unread_badges(draft: LetterDraft, printed: PrintedSigners) -> None:
    text = draft.text
    for unread in BADGE_LIKE.finditer(text):
        if unread.end() in printed.read_ends:
            continue
        start = max(0, unread.start() - 40)
        start = text.find(" ", start, unread.start()) + 1 if start else 0
        draft.losses.append(
            DraftLoss(
                f"“{unread.group()}” looks like a party and state the draft could not read: "
                "a signer may be missing. Add them by hand if they signed.",
                text[start : unread.end()],
            )
        )


def _unread_titles(draft: LetterDraft, printed: PrintedSigners, layout: Layout) -> None:
    """A member's title in a sentence about the letter, before a name no signer was read
    from ('Rep. gus bilirakis' in an OCR'd text)."""
    text = draft.text
    cued: dict[int, bool] = {}
    for title in TITLE_BEFORE_WORD.finditer(text):
        word = title["title"]
        name_start = title.end()
        while name_start < len(text) and text[name_start] in " \t\u00a0":
            name_start += 1
        next_word = NEXT_WORD.match(text, name_start)
        if word[0].islower() and not text[name_start : name_start + 1].isupper():
            continue  # 'senators among the signers': a noun, not a title
        if name_start in printed.read_starts or (
            next_word and next_word.group().casefold() in NOT_NAME_WORDS
        ):
            continue  # read, or a noun ('Twelve Representatives have signed')
        if OF_BEFORE.search(text, max(0, title.start() - 10), title.start()):
            continue
        sentence = layout.sentence_at(title.start())
        if sentence.start not in cued:
            cued[sentence.start] = bool(SIGNING_CUES.search(text, sentence.start, sentence.end))
        if not cued[sentence.start]:
            continue
        end = min(sentence.end, name_start + PASSAGE_REACH)
        end = max(text.rfind(" ", name_start, end), name_start + 1) if end < sentence.end else end
        draft.losses.append(
            DraftLoss(
                f"“{word}” is printed before a name the draft did not read as a signer. Add "
                "them by hand if they signed.",
                text[title.start() : end].rstrip(),
            )
        )
