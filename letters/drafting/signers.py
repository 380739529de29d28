"""Reading signers: every name the text prints as signing the letter, as printed, with its
badge, the chamber its title gives, and whether the text says it led the letter.

Names are found with a badge ('Dina Titus (D-NV)', 'Ed Markey, D-Mass.', '(NJ-06)'), after a
title, a party word or a caucus office ('Rep. Frank Pallone', 'Representatives Lawler,
Pallone, Bilirakis and Amo', 'Republican Gus Bilirakis', 'Caucus co-chairs Frank Pallone'),
and in signature blocks ('Gary C. Peters / United States Senator'). A list is kept as signers only
where its sentence is about the letter (signing, leading, joining, urging); other names go
to `others_named`. One pass over the text: every pattern is bounded, so the time is linear
in the text's length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from archive.badges import STATE_FORMS, Badge, badge_from_match
from archive.names import name_tokens, normalise_party, strip_honorifics
from letters.drafting.layout import Layout
from letters.drafting.patterns import (
    JOINED_LEAD_AFTER,
    JOINED_LEAD_BEFORE,
    LEAD_AFTER,
    LEAD_BEFORE,
    LIST_GAP,
    LIST_SEPARATOR,
    MEMBER_TITLE,
    NAMED_BADGE,
    NOT_NAME_WORDS,
    PASSAGE_TITLES,
    SIGNATURE_NAME,
    SIGNATURE_TITLE,
    SIGNING_CUES,
    TITLE_WORDS,
    TITLED_NAME,
)
from people.models import Chamber

# The chamber a title printed before a name gives.
TITLE_CHAMBERS: dict[str, str] = {
    "rep": Chamber.HOUSE,
    "reps": Chamber.HOUSE,
    "representative": Chamber.HOUSE,
    "representatives": Chamber.HOUSE,
    "congressman": Chamber.HOUSE,
    "congressmen": Chamber.HOUSE,
    "congresswoman": Chamber.HOUSE,
    "congresswomen": Chamber.HOUSE,
    "congressmember": Chamber.HOUSE,
    "congressmembers": Chamber.HOUSE,
    "delegate": Chamber.HOUSE,
    "delegates": Chamber.HOUSE,
    "del": Chamber.HOUSE,
    "sen": Chamber.SENATE,
    "sens": Chamber.SENATE,
    "senator": Chamber.SENATE,
    "senators": Chamber.SENATE,
}
# Months that are also given names: the first of several capitalised words after a title.
GIVEN_NAME_MONTHS = frozenset({"april", "may", "june", "august"})
# How far before and after a list the reader looks for 'led by' / 'led the letter'.
LEAD_REACH = 150
POSSESSIVE = re.compile(r"[\u2019']s$")


def title_chamber(title: str) -> str:
    words = re.sub(r"[.\s]+", " ", title).strip().casefold().split()
    return TITLE_CHAMBERS.get(words[0], "") if words else ""


@dataclass
class PrintedSigner:
    """One name as the text prints it, before matching."""

    name: str
    badge: Badge | None
    chamber: str  # from the title printed before the name; '' where none
    start: int  # start of the name
    end: int  # end of the badge, or of the name where there is none
    passage_start: int  # start of the name, or of the title kept with it ('Rep. ...')
    list_start: int  # start of the match, title words included (to join lists)
    is_lead: bool = False
    block_title: str = ""  # 'United States Senator' for a signature block
    party: str = ""  # party code a party word before the name gives ('Republican Gus ...')
    state: str = ""  # state code a delegation before the title gives ('California ...')

    @property
    def printed_party_state(self) -> str:
        return self.badge.printed if self.badge else ""

    @property
    def words(self) -> list[str]:
        return strip_honorifics(name_tokens(self.name))


@dataclass
class PrintedSigners:
    """What the reader found: signers in the text's order, names that are not signers,
    badges it could not read, and signature blocks."""

    signers: list[PrintedSigner] = field(default_factory=list)
    others_named: list[str] = field(default_factory=list)
    # Where every name the reader took (a signer or not) starts, and where it ends.
    read_starts: set[int] = field(default_factory=set)
    read_ends: set[int] = field(default_factory=set)
    block_titles: list[str] = field(default_factory=list)
    unnamed_blocks: list[tuple[int, int, str]] = field(default_factory=list)


def read_printed_signers(text: str, layout: Layout) -> PrintedSigners:
    found = PrintedSigners()
    by_start = {item.start: item for item in _badged_names(text)}
    for item in _titled_names(text, set(by_start)):
        by_start.setdefault(item.start, item)
    mentions = [by_start[start] for start in sorted(by_start)]
    found.read_starts = {item.start for item in mentions}
    found.read_ends = {item.end for item in mentions}
    cues: dict[int, bool] = {}
    for chain in _chains(text, mentions):
        sentence = layout.sentence_at(chain[0].start)
        if sentence.start not in cues:
            cues[sentence.start] = bool(SIGNING_CUES.search(text, sentence.start, sentence.end))
        if not cues[sentence.start] and not _list_under_heading(text, chain[0].list_start):
            found.others_named.extend(_describe(item) for item in chain)
            continue
        is_lead = _leads(text, chain, sentence.start)
        for item in chain:
            item.is_lead = is_lead
        found.signers.extend(chain)
    _read_signature_blocks(text, found)
    return found


def _list_under_heading(text: str, start: int) -> bool:
    """Whether a list set out line by line follows a line about signing ('Signed,')."""
    if start > 0 and text[start - 1] != "\n":
        return False
    line_end = start - 1
    line_start = text.rfind("\n", 0, max(line_end, 0)) + 1
    return line_end > 0 and bool(SIGNING_CUES.search(text, line_start, line_end))


def _describe(item: PrintedSigner) -> str:
    return f"{item.name} ({item.badge.printed})" if item.badge else item.name


def _badged_names(text: str) -> list[PrintedSigner]:
    """Names printed with a badge; title words before the name are trimmed ('Co-Chairs
    Rep.'), the last one kept in the passage where it is a member's title."""
    found: list[PrintedSigner] = []
    for match in NAMED_BADGE.finditer(text):
        badge = badge_from_match(match, match["badge"])
        if badge is None:
            continue
        words = list(re.finditer(r"\S+", match["name"]))
        keep = 0
        for index, word in enumerate(words):
            plain = word.group().rstrip(".,").casefold()
            if plain in TITLE_WORDS or plain.replace(".", "") in TITLE_WORDS:
                keep = index + 1
        if keep >= len(words) or re.fullmatch(r"(?:Jr|Sr|II|III|IV)\.?", words[keep].group()):
            continue
        name_start = match.start("name") + words[keep].start()
        passage_start, chamber = name_start, ""
        if keep:
            before = words[keep - 1].group().rstrip(".").casefold()
            chamber = TITLE_CHAMBERS.get(before, "")
            if before in PASSAGE_TITLES:
                passage_start = match.start("name") + words[keep - 1].start()
        found.append(
            PrintedSigner(
                name=text[name_start : match.end("name")],
                badge=badge,
                chamber=chamber,
                start=name_start,
                end=match.end(),
                passage_start=passage_start,
                list_start=match.start(),
            )
        )
    return found


def _titled_names(text: str, badged: set[int]) -> list[PrintedSigner]:
    """Names after a member's title, one or a list: 'Sen. Ed Markey', 'Senators Markey and
    Cassidy', 'Reps. Titus (D-NV) and Smith'. A list ends at a word no name has."""
    found: list[PrintedSigner] = []
    consumed = 0
    for title in MEMBER_TITLE.finditer(text):
        if title.start() < consumed:
            continue
        chamber = title_chamber(title["ptitle"] or title["title"] or "")
        party = normalise_party(title["party"] or "")
        state = STATE_FORMS.get(" ".join((title["state"] or "").split()).casefold(), "")
        # A plural title's party and delegation qualify the whole list; a party word
        # alone, only the name after it.
        whole_list = bool(re.search(r"(?:s|s\.|men)$", title["ptitle"] or ""))
        position, list_start = title.end(), title.start()
        while True:
            while position < len(text) and text[position] in " \t\u00a0":
                position += 1
            item, cut = _titled_item(text, position, chamber, list_start, title.start())
            if item is None:
                break
            item.party, item.state = party, state
            if item.start not in badged:
                found.append(item)
            consumed = item.end
            if cut:
                break  # the name ran into a word no name has: the list ends there
            separator = LIST_SEPARATOR.match(text, item.end)
            if separator is None:
                break
            next_title = re.search(r"(\S+)[ \t]+$", separator.group())
            if next_title and title_chamber(next_title.group(1)):
                chamber = title_chamber(next_title.group(1))
            if not whole_list:
                party, state = "", ""
            position, list_start = separator.end(), item.end
    return found


def _titled_item(
    text: str, position: int, chamber: str, list_start: int, title_start: int
) -> tuple[PrintedSigner | None, bool]:
    """The name at `position`, and whether it was cut short."""
    match = TITLED_NAME.match(text, position)
    if match is None:
        return None, True
    name = match["name"]
    words = name.split()
    kept: list[str] = []
    for index, word in enumerate(words):
        plain = word.strip(".,").casefold()
        if index == 0 and plain in GIVEN_NAME_MONTHS and len(words) > 1:
            kept.append(word)  # 'Rep. August Pfluger': a given name, not a date
            continue
        if plain in NOT_NAME_WORDS or POSSESSIVE.sub("", plain) in NOT_NAME_WORDS:
            break
        kept.append(word)
        if POSSESSIVE.search(word):
            break
    if not kept:
        return None, True
    cut = len(kept) < len(words) or bool(POSSESSIVE.search(kept[-1]))
    printed = POSSESSIVE.sub("", " ".join(kept))
    badge = None if cut or not match["badge"] else badge_from_match(match, match["badge"])
    end = match.end() if badge else match.start("name") + len(printed)
    item = PrintedSigner(
        name=printed,
        badge=badge,
        chamber=chamber,
        start=match.start("name"),
        end=end,
        passage_start=title_start if list_start == title_start else match.start("name"),
        list_start=list_start,
    )
    return item, cut


def _chains(text: str, mentions: list[PrintedSigner]) -> list[list[PrintedSigner]]:
    """Group names printed as one list ('A (D-NV), B (R-NJ) and C (D-CA)', one per line)."""
    chains: list[list[PrintedSigner]] = []
    for item in mentions:
        if chains and item.list_start >= chains[-1][-1].end:
            gap = LIST_GAP.fullmatch(text, chains[-1][-1].end, item.list_start)
            if gap is not None:
                chains[-1].append(item)
                continue
        chains.append([item])
    return chains


def _leads(text: str, chain: list[PrintedSigner], sentence_start: int) -> bool:
    first, last = chain[0], chain[-1]
    before_start = max(sentence_start, first.list_start - LEAD_REACH)
    if LEAD_BEFORE.search(text, before_start, first.list_start):
        return True
    after_end = min(len(text), last.end + LEAD_REACH)
    joined = JOINED_LEAD_BEFORE.search(text, before_start, first.list_start)
    if joined and JOINED_LEAD_AFTER.match(text, last.end, after_end):
        return True
    return bool(LEAD_AFTER.match(text, last.end, after_end))


def _read_signature_blocks(text: str, found: PrintedSigners) -> None:
    """Signature blocks: a name line over 'United States Senator' or 'Member of Congress';
    a block without a name is counted, never filled in."""
    for block in SIGNATURE_TITLE.finditer(text):
        found.block_titles.append(block["title"])
        previous_end = text.rfind("\n", 0, block.start())
        previous_start = text.rfind("\n", 0, max(previous_end, 0)) + 1
        line = text[previous_start:previous_end] if previous_end > 0 else ""
        named = SIGNATURE_NAME.match(line)
        if not named or SIGNATURE_TITLE.match(line):
            found.unnamed_blocks.append((block.start(), block.end(), block["title"]))
            continue
        name_start = previous_start + named.start("name")
        found.signers.append(
            PrintedSigner(
                name=named["name"],
                badge=None,
                chamber=Chamber.SENATE if "Senator" in block["title"] else Chamber.HOUSE,
                start=name_start,
                end=block.end("title"),
                passage_start=name_start,
                list_start=name_start,
                block_title=block["title"],
            )
        )
