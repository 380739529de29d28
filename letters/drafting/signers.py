"""Signers: names printed with a party-state badge, grouped into the lists they are printed
in, and signature blocks; each matched through `people.matching` (last name + party + state,
never the last name alone)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from letters.drafting.draft import DraftSigner, LetterDraft
from letters.drafting.layout import Layout
from letters.drafting.patterns import (
    BADGE_LIKE,
    LED_BY,
    LIST_GAP,
    NAMED_BADGE,
    PASSAGE_TITLES,
    SIGNATURE_NAME,
    SIGNATURE_TITLE,
    SIGNING_CUES,
    TITLE_WORDS,
)
from letters.models import SignatoryRole
from letters.provenance import normalise_space
from people.matching import MatchStatus, NameMatcher, name_tokens, normalise_name, parse_party_state
from people.models import Chamber, Legislator


@dataclass
class _Printed:
    """One name with a badge, as found in the text."""

    name: str
    badge: str
    start: int  # start of the name (title words trimmed)
    match_start: int  # start of the whole match (title words included)
    end: int  # end of the badge
    passage_start: int


def _printed_names(text: str) -> list[_Printed]:
    found: list[_Printed] = []
    for match in NAMED_BADGE.finditer(text):
        if parse_party_state(match["badge"]) is None:
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
        passage_start = name_start
        if keep:
            before = words[keep - 1].group().rstrip(".").casefold()
            if before in PASSAGE_TITLES:
                passage_start = match.start("name") + words[keep - 1].start()
        found.append(
            _Printed(
                name=text[name_start : match.end("name")],
                badge=match["badge"],
                start=name_start,
                match_start=match.start(),
                end=match.end(),
                passage_start=passage_start,
            )
        )
    return found


def _chains(text: str, printed: list[_Printed]) -> list[list[_Printed]]:
    """Group names printed as one list ('A (D-NV), B (R-NJ) and C (D-CA)')."""
    chains: list[list[_Printed]] = []
    for item in printed:
        if chains and LIST_GAP.match(text[chains[-1][-1].end : item.match_start]):
            chains[-1].append(item)
        else:
            chains.append([item])
    return chains


def read_signers(draft: LetterDraft, legislators: list[Legislator], layout: Layout) -> None:
    """Signers named with a badge in a sentence about the letter, then signature blocks;
    each matched to one legislator, or listed with its candidates."""
    text = draft.text
    matcher: NameMatcher[Legislator] = NameMatcher.for_legislators(legislators)
    by_last_name: dict[str, list[Legislator]] = {}
    for legislator in legislators:
        by_last_name.setdefault(normalise_name(legislator.last_name), []).append(legislator)
    printed = _printed_names(text)
    _warn_unread_badges(draft, printed)
    found = _signing_names(draft, printed, layout)
    any_lead = any(is_lead for _, is_lead in found)
    by_key: dict[object, DraftSigner] = {}
    for item, is_lead in found:
        party, state = parse_party_state(item.badge) or ("", "")
        result = matcher.match(item.name, party, state)
        role = (
            SignatoryRole.LEAD
            if is_lead
            else SignatoryRole.COSIGNER
            if any_lead
            else SignatoryRole.SIGNER
        )
        legislator = result.match
        key: object = legislator.pk if legislator else (normalise_name(item.name), party, state)
        if key in by_key:
            if role == SignatoryRole.LEAD:
                by_key[key].role = role
            continue
        note = ""
        if legislator is not None and not result.is_certain:
            note = (
                f"the only {party}-{state} {legislator.last_name} is {legislator.name}, whose "
                "given name differs: check the match"
            )
        signer = DraftSigner(
            position=len(by_key) + 1,
            printed_name=item.name,
            printed_party_state=text[item.end - len(item.badge) : item.end].strip("() \t"),
            role=role,
            passage=text[item.passage_start : item.end],
            status=result.status,
            legislator=legislator,
            candidates=result.candidates if result.status == MatchStatus.AMBIGUOUS else (),
            alternatives=tuple(by_last_name.get(_last_word(item.name), ())),
            note=note,
        )
        by_key[key] = signer
    draft.signers = list(by_key.values())
    _read_signature_blocks(draft, matcher, by_last_name, any_lead)


def _warn_unread_badges(draft: LetterDraft, printed: list[_Printed]) -> None:
    """Something like a badge the reader could not take as one: a signer may be missing."""
    text = draft.text
    badge_ends = {item.end for item in printed}
    for unread in BADGE_LIKE.finditer(text):
        if unread.end() not in badge_ends:
            context = normalise_space(text[max(0, unread.start() - 40) : unread.end()])
            draft.warnings.append(
                f"Could not read “{unread.group()}” as a party and state (…{context}): "
                "a signer may be missing; add them in the admin if so."
            )


def _signing_names(
    draft: LetterDraft, printed: list[_Printed], layout: Layout
) -> list[tuple[_Printed, bool]]:
    """The names printed in lists about the letter, each with whether it leads; names in
    other sentences go to `others_named`."""
    text = draft.text
    found: list[tuple[_Printed, bool]] = []
    for chain in _chains(text, printed):
        first = chain[0]
        sentence_start = layout.sentence_at(first.start).start
        before = text[max(sentence_start, first.match_start - 120) : first.match_start]
        is_lead = bool(LED_BY.search(before))
        sentence = text[sentence_start : layout.sentence_at(chain[-1].start).end]
        if not is_lead and not SIGNING_CUES.search(sentence):
            draft.others_named.extend(f"{item.name} {item.badge}" for item in chain)
            continue
        found.extend((item, is_lead) for item in chain)
    return found


def _last_word(name: str) -> str:
    tokens = name_tokens(name)
    return tokens[-1] if tokens else ""


def _read_signature_blocks(
    draft: LetterDraft,
    matcher: NameMatcher[Legislator],
    by_last_name: dict[str, list[Legislator]],
    any_lead: bool,
) -> None:
    """Signature blocks: a name line over 'United States Senator' or 'Member of Congress'.
    A name already read with its badge is the same signer; a name without one is listed
    with its candidates for the editor (a name alone never matches); a block without a
    name is counted, never filled in."""
    text = draft.text
    unnamed: list[re.Match[str]] = []
    block_titles: list[str] = []
    for block in SIGNATURE_TITLE.finditer(text):
        block_titles.append(block["title"])
        previous_end = text.rfind("\n", 0, block.start())
        previous_start = text.rfind("\n", 0, max(previous_end, 0)) + 1
        line = text[previous_start:previous_end] if previous_end > 0 else ""
        named = SIGNATURE_NAME.match(line)
        if not named or SIGNATURE_TITLE.match(line):
            unnamed.append(block)
            continue
        name = named["name"]
        chamber = Chamber.SENATE if "Senator" in block["title"] else Chamber.HOUSE
        same = _same_signer(name, draft.signers, matcher, chamber)
        if same is not None:
            continue
        candidates: list[Legislator] = []
        for legislator in by_last_name.get(_last_word(name), []):
            if legislator.chamber != chamber:
                continue
            result = matcher.match(name, legislator.party, legislator.state, chamber=chamber)
            if legislator in result.candidates and result.first_name_agrees is not False:
                candidates.append(legislator)
        passage_start = previous_start + named.start("name")
        draft.signers.append(
            DraftSigner(
                position=len(draft.signers) + 1,
                printed_name=name,
                printed_party_state="",
                role=SignatoryRole.COSIGNER if any_lead else SignatoryRole.SIGNER,
                passage=text[passage_start : block.end("title")],
                status=MatchStatus.AMBIGUOUS if candidates else MatchStatus.NOT_FOUND,
                candidates=tuple(candidates),
                alternatives=tuple(by_last_name.get(_last_word(name), ())),
                note="the signature block prints no party or state: choose the legislator",
            )
        )
    if unnamed:
        draft.unnamed_signature_blocks = len(unnamed)
        draft.unnamed_signature_passage = text[unnamed[0].start() : unnamed[-1].end()]
        draft.warnings.append(
            f"{len(unnamed)} unnamed signature block{'s' if len(unnamed) > 1 else ''} "
            f"(“{unnamed[0]['title']}”): the text does not name these signers, so none is "
            "recorded for them."
        )
    draft.signature_titles = block_titles


def _same_signer(
    name: str, signers: list[DraftSigner], matcher: NameMatcher[Legislator], chamber: str
) -> DraftSigner | None:
    """The signer already read with a badge whom this signature block names, if any."""
    for signer in signers:
        legislator = signer.legislator
        if legislator is None:
            continue
        result = matcher.match(name, legislator.party, legislator.state, chamber=chamber)
        if result.match == legislator and result.first_name_agrees is not False:
            return signer
    return None
