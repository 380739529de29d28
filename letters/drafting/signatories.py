"""From the names the text prints to the draft's signers: the letter's chamber read from the
text first (titles, signature blocks, '38 Senators'), each name matched within it on the
letter's date (where the text states no chamber, a second pass with the one its certain
matches share), mentions of one person merged, leads marked, and the losses noted."""

from __future__ import annotations

import datetime
import re
from dataclasses import replace

from archive.names import MatchStatus, normalise_name
from letters.drafting.counts import numbers_of_members
from letters.drafting.draft import DraftSigner, LetterDraft
from letters.drafting.layout import Layout
from letters.drafting.losses import read_losses
from letters.drafting.matching import SignerMatch, SignerMatcher
from letters.drafting.patterns import HOUSE_WORDS, SENATE_WORDS, SIGNERS_STATED
from letters.drafting.signers import PrintedSigner, PrintedSigners, read_printed_signers
from letters.models import LetterOrigin, SignatoryRole
from people.models import Chamber, Legislator, LegislatorTerm

# The chamber a number of signers names ('38 Senators', '36 House members').
STATED_CHAMBERS: dict[str, str] = {
    "senat": Chamber.SENATE,
    "representatives": Chamber.HOUSE,
    "house": Chamber.HOUSE,
}


def read_signers(
    draft: LetterDraft,
    legislators: list[Legislator],
    terms: list[LegislatorTerm],
    layout: Layout,
) -> None:
    printed = read_printed_signers(draft.text, layout)
    matcher = SignerMatcher(legislators, terms, _matching_date(draft))
    # Chamber first: a signer is matched among the members of the chamber the text names,
    # so a namesake in the other chamber is never linked by default.
    stated, stated_note = _chamber_in_text(draft.text, printed)
    within = "" if stated == LetterOrigin.BICAMERAL else stated
    matches = [matcher.match(item, within) for item in printed.signers]
    for index, (item, match) in enumerate(zip(printed.signers, matches, strict=True)):
        if match.status == MatchStatus.NOT_FOUND:
            printed.signers[index], matches[index] = _shortened(item, match, matcher, within)
    chamber = "" if stated else _letter_chamber(printed.signers, matches)
    if chamber:
        matches = [
            matcher.match(item, chamber) if _uncertain(match) and not item.chamber else match
            for item, match in zip(printed.signers, matches, strict=True)
        ]
    draft.signers = _merged(draft, printed.signers, matches, matcher)
    _record_blocks_and_warnings(draft, printed)
    read_losses(draft, printed, layout)
    if stated:
        draft.chamber, draft.chamber_note = stated, stated_note
    else:
        _read_chamber(draft, printed, matches)


def _chamber_in_text(text: str, printed: PrintedSigners) -> tuple[str, str]:
    """The letter's chamber as the text states it, before any name is matched: the titles
    printed before its signers (both chambers: bicameral), its signature blocks, or the
    number of signers it states ('38 Senators'); ('', '') where it states none."""
    titled = {item.chamber for item in printed.signers if item.chamber}
    if titled:
        chamber = LetterOrigin.BICAMERAL if len(titled) > 1 else titled.pop()
        return chamber, "Read from the titles the text prints before the signers' names."
    titles = printed.block_titles
    senate = [title for title in titles if "Senator" in title]
    if titles and len(senate) in (0, len(titles)):
        chamber = Chamber.SENATE if senate else Chamber.HOUSE
        plural = "s" if len(titles) > 1 else ""
        return (
            chamber,
            f"Read from the {len(titles)} signature block{plural}, reading “{titles[0]}”.",
        )
    for stated in numbers_of_members(SIGNERS_STATED, text):
        words = stated.group().casefold()
        chamber = next((c for word, c in STATED_CHAMBERS.items() if word in words), "")
        if chamber:
            return chamber, f"Read from “{stated.group()}”."
    return "", ""


def _shortened(
    item: PrintedSigner, match: SignerMatch, matcher: SignerMatcher, chamber: str
) -> tuple[PrintedSigner, SignerMatch]:
    """A titled name that matches nobody but whose first words do is that shorter name:
    a headline runs a member's name into its next words ('Senators Markey, Whitehouse
    Spearhead Letter')."""
    ends = [word.end() for word in re.finditer(r"\S+", item.name)]
    if item.badge is not None or item.block_title or len(ends) < 2:
        return item, match
    for end in reversed(ends[:-1]):
        name = item.name[:end]
        shorter = replace(item, name=name, end=item.start + len(name))
        found = matcher.match(shorter, chamber)
        if found.status != MatchStatus.NOT_FOUND:
            return shorter, found
    return item, match


def _matching_date(draft: LetterDraft) -> datetime.date | None:
    """The date to match on: the letter's day, or the middle of its month."""
    if draft.date is None:
        return None
    if draft.date.precision == "day":
        return draft.date.date
    return draft.date.date.replace(day=15)


def _uncertain(match: SignerMatch) -> bool:
    return match.status != MatchStatus.MATCHED or bool(match.note)


def _letter_chamber(printed: list[PrintedSigner], matches: list[SignerMatch]) -> str:
    """One chamber where the certain matches (else the titles printed) all say so."""
    chambers = {m.office.chamber for m in matches if m.office and not m.note}
    if not chambers:
        chambers = {item.chamber for item in printed if item.chamber}
    return chambers.pop() if len(chambers) == 1 else ""


def _last_word(name: str) -> str:
    tokens = name.split()
    return normalise_name(tokens[-1]) if tokens else ""


def _group_key(item: PrintedSigner, match: SignerMatch) -> object:
    if match.legislator is not None:
        return match.legislator.pk
    return ("?", normalise_name(item.name), item.badge.state if item.badge else "")


def _merged(
    draft: LetterDraft,
    printed: list[PrintedSigner],
    matches: list[SignerMatch],
    matcher: SignerMatcher,
) -> list[DraftSigner]:
    """One signer per person, in the order first named, printed as most fully named
    (a badge over a title, a full name over a last name)."""
    by_last_name: dict[str, object] = {}
    for item, match in zip(printed, matches, strict=True):
        if len(item.words) > 1 or item.badge is not None:
            last = normalise_name(match.legislator.last_name) if match.legislator else ""
            for word in {last, _last_word(item.name)} - {""}:
                by_last_name.setdefault(word, _group_key(item, match))
    groups: dict[object, list[tuple[PrintedSigner, SignerMatch]]] = {}
    for item, match in zip(printed, matches, strict=True):
        key = _group_key(item, match)
        if (len(item.words) <= 1 and item.badge is None) or (
            item.block_title and key not in groups
        ):
            key = by_last_name.get(_last_word(item.name), key)
        elif len(item.words) <= 1 and match.legislator is None:
            # One unmatched person named again by last name ('Jackie Speier (D-CA)', then
            # 'Speier (D-CA)'), where the state agrees.
            named = by_last_name.get(_last_word(item.name))
            if isinstance(named, tuple) and item.badge and named[2] == item.badge.state:
                key = named
        groups.setdefault(key, []).append((item, match))
        draft.signer_spans.append((item.passage_start, item.end, key))
    text = draft.text
    any_lead = any(item.is_lead for item in printed)
    signers: list[DraftSigner] = []
    for group in groups.values():
        item, match = max(group, key=lambda pair: (pair[0].badge is not None, len(pair[0].words)))
        role = (
            SignatoryRole.LEAD
            if any(i.is_lead for i, _ in group)
            else (SignatoryRole.COSIGNER if any_lead else SignatoryRole.SIGNER)
        )
        signers.append(_draft_signer(text, len(signers) + 1, item, match, role, matcher))
    return signers


def _draft_signer(
    text: str,
    position: int,
    item: PrintedSigner,
    match: SignerMatch,
    role: str,
    matcher: SignerMatcher,
) -> DraftSigner:
    alternatives = [m.legislator for m in matcher.by_last_name.get(_last_word(item.name), [])]
    note = match.note
    if match.status == MatchStatus.AMBIGUOUS and item.block_title and not note:
        note = "the signature block prints no party or state: choose the legislator"
    return DraftSigner(
        position=position,
        printed_name=item.name,
        printed_party_state=item.printed_party_state,
        role=role,
        passage=text[item.passage_start : item.end],
        status=match.status,
        legislator=match.legislator,
        candidates=match.candidates if match.status != MatchStatus.MATCHED else (),
        alternatives=tuple(alternatives),
        note=note,
        party=item.badge.party if item.badge else "",
        state=item.badge.state if item.badge else "",
        district=item.badge.district if item.badge else None,
        chamber=match.office.chamber if match.office else item.chamber,
    )


def _record_blocks_and_warnings(draft: LetterDraft, printed: PrintedSigners) -> None:
    text = draft.text
    draft.others_named.extend(printed.others_named)
    draft.signature_titles = printed.block_titles
    unnamed = printed.unnamed_blocks
    if unnamed:
        draft.unnamed_signature_blocks = len(unnamed)
        draft.unnamed_signature_passage = text[unnamed[0][0] : unnamed[-1][1]]
        draft.warnings.append(
            f"{len(unnamed)} unnamed signature block{'s' if len(unnamed) > 1 else ''} "
            f"(“{unnamed[0][2]}”): the text does not name these signers, so none is "
            "recorded for them."
        )


def _read_chamber(draft: LetterDraft, printed: PrintedSigners, matches: list[SignerMatch]) -> None:
    """The chambers the signers sat in on the letter's date; else the titles printed, the
    signature blocks, or how the text names the members."""
    chambers = {s.chamber for s in draft.signers if s.legislator is not None and s.chamber}
    if chambers:
        draft.chamber = LetterOrigin.BICAMERAL if len(chambers) > 1 else chambers.pop()
        return
    titled = {item.chamber for item in printed.signers if item.chamber}
    if titled:
        draft.chamber = LetterOrigin.BICAMERAL if len(titled) > 1 else titled.pop()
        draft.chamber_note = "Read from the titles the text prints before the signers' names."
        return
    titles = printed.block_titles
    if titles:
        senate = all("Senator" in title for title in titles)
        house = not any("Senator" in title for title in titles)
        if senate or house:
            draft.chamber = Chamber.SENATE if senate else Chamber.HOUSE
            draft.chamber_note = (
                f"Read from the {len(titles)} signature block"
                f"{'s' if len(titles) > 1 else ''}, reading “{titles[0]}”."
            )
            return
    senate_words = len(SENATE_WORDS.findall(draft.text))
    house_words = len(HOUSE_WORDS.findall(draft.text))
    if senate_words != house_words:
        draft.chamber = Chamber.SENATE if senate_words > house_words else Chamber.HOUSE
        draft.chamber_note = "Read from how the text names the members who signed."
