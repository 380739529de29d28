"""The number of signers the text states, with its passage.

A number of members is the total ('27 Senators', 'Thirty-six U.S. Representatives'); a
number of others is added to the signers the same sentence names before it ('X and 25
colleagues' is 26; 'X led 37 of his colleagues' is 38; 'X and Y were joined by 21 additional
members' is 23). An approximate number ('more than 40') states no total.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from letters.drafting.draft import DraftLoss, LetterDraft
from letters.drafting.layout import Layout
from letters.drafting.patterns import NUMBER_WORDS

_NUMBER = "(?:" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r"|\d{1,3})"
STATED = re.compile(
    rf"\b(?P<number>{_NUMBER})[ \t]+(?P<extra>(?:additional|other|more|fellow)[ \t]+)?"
    r"(?:(?:U\.S\.|bipartisan|Democratic|Republican|House|Senate|of[ \t]+(?:his|her|their)"
    r"|fellow|other|congressional)[ \t]+)*"
    r"(?P<noun>Representatives|Senators|Members(?:[ \t]+of[ \t]+Congress)?|lawmakers"
    r"|legislators|colleagues|others)\b",
    re.IGNORECASE,
)
ADDED_TO = re.compile(
    r"(?:joined[ \t]+by|\band|\bwith|along[ \t]+with|\bplus|\bled|\bjoining)[ \t]+$",
    re.IGNORECASE,
)
APPROXIMATE = re.compile(
    r"(?:over|more[ \t]+than|nearly|almost|about|approximately|some|at[ \t]+least|up[ \t]+to)"
    r"[ \t]+$",
    re.IGNORECASE,
)


# The nouns a number of members ends with, found first: they are rare, so the long list of
# number words is tried only just before them, not at every word of the text.
MEMBER_NOUNS = re.compile(
    r"\b(?:Representatives|Senators|Members|lawmakers|legislators|colleagues|others|Democrats"
    r"|Republicans)\b",
    re.IGNORECASE,
)
# How far before its noun a number of members may start ('twenty-seven bipartisan U.S.').
NUMBER_REACH = 80


def numbers_of_members(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """The matches of `pattern` (a number, then a group 'noun' of MEMBER_NOUNS), in order."""
    after = 0
    for noun in MEMBER_NOUNS.finditer(text):
        start = max(after, noun.start() - NUMBER_REACH)
        while start > after and start < noun.start() and not text[start - 1].isspace():
            start += 1  # a word cut by the window is not a number ('…nty-seven')
        for found in pattern.finditer(text, start, min(len(text), noun.end() + 20)):
            if found.start("noun") == noun.start():
                after = found.end()
                yield found
                break


def read_signers_stated(draft: LetterDraft, layout: Layout) -> None:
    text = draft.text
    total: tuple[int, str] | None = None
    added: tuple[int, str] | None = None
    for found in numbers_of_members(STATED, text):
        before = text[max(0, found.start() - 25) : found.start()]
        if APPROXIMATE.search(before):
            continue
        word = found["number"].casefold()
        number = int(word) if word.isdigit() else NUMBER_WORDS[word]
        others = (
            bool(found["extra"])
            or found["noun"].casefold() in ("colleagues", "others")
            or bool(ADDED_TO.search(before))
        )
        if not others:
            total = total or (number, found.group())
            continue
        if added is None:
            added = _added_to_named(draft, layout, found, number)
    chosen = total or added
    if chosen:
        draft.signers_stated, draft.signers_stated_passage = chosen
    elif draft.unnamed_signature_blocks:
        draft.signature_blocks = len(draft.signature_titles)
        draft.signature_blocks_passage = draft.unnamed_signature_passage
    recorded = len(draft.signers)
    if draft.signers_stated and recorded < draft.signers_stated:
        named = f"names {recorded}" if recorded else "names none of them"
        draft.losses.append(
            DraftLoss(
                f"The text states {draft.signers_stated} signers but {named}: the others are "
                "not in the draft. Add them by hand where another source names them; the "
                "letter keeps the stated number.",
                draft.signers_stated_passage,
            )
        )


def _added_to_named(
    draft: LetterDraft, layout: Layout, found: re.Match[str], number: int
) -> tuple[int, str] | None:
    """The number plus the signers its sentence names before it; None where it names
    none (the total is then not stated)."""
    sentence = layout.sentence_at(found.start())
    named = [
        (start, key)
        for start, _, key in draft.signer_spans
        if sentence.start <= start < found.start()
    ]
    if not named:
        return None
    first = min(start for start, _ in named)
    return number + len({key for _, key in named}), draft.text[first : found.end()]
