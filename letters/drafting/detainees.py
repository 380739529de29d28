"""Detainees the text names, matched by name or alias across the usual romanisations."""

from __future__ import annotations

import functools
import itertools
import re
from bisect import bisect_right

from archive.names import name_tokens, normalise_name
from archive.provenance import normalise_space
from letters.drafting.draft import DraftMention, LetterDraft
from letters.drafting.layout import Layout, clause
from letters.drafting.patterns import (
    ARMENIAN_SURNAME,
    DETENTION_CUES,
    NOT_A_DETAINEE_BEFORE,
    NOT_GIVEN_NAMES,
    NOT_SURNAMES,
    WORD,
)
from people.models import Detainee, DetaineeAlias

TRANSLITERATION_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"(?:iy|i|y)an$", "yan"),
        (r"(?:iy|i|y)ants$", "yants"),
        (r"ounts$", "unts"),
        (r"gh", "g"),
        (r"kh", "k"),
        (r"tz", "ts"),
        (r"ou", "u"),
        (r"(?<=.)(?:iu|yu)(?=.)", "u"),
        (r"(?:iy|y)$", "i"),
        (r"d$", "t"),
        (r"(.)\1", r"\1"),
        (r"^ye", "e"),
    )
]


# A text repeats its words: each is worked out once.
@functools.lru_cache(maxsize=65536)
def transliteration_key(word: str) -> str:
    """Comparison form of one word of an Armenian name, so the usual romanisations meet:
    Arkadi / Arkady / Arkadiy, Ghukasyan / Gukasyan, Davit / David, Harutyunyan /
    Harutiunyan, Mnatsakanyan / Mnatzakanyan, -ian / -yan.

    Deterministic and small: accents and case dropped, then
    1. surname endings: -iyan / -ian / -yan -> 'yan'; -iants / -yants -> 'yants';
       -ounts -> 'unts';
    2. digraphs: gh -> g, kh -> k, tz -> ts, ou -> u, iu / yu -> u (inside the word);
    3. a final -iy / -y -> i (Arkady), a final d -> t (David);
    4. doubled letters single, initial ye- -> e- (Yerevan / Erevan).
    For comparison only: names are stored as printed."""
    key = normalise_name(word).replace(" ", "")
    for pattern, replacement in TRANSLITERATION_RULES:
        key = pattern.sub(replacement, key)
    return key


def name_key(name: str) -> tuple[str, ...]:
    """A name's transliteration keys, word by word ('Arkady Gukasyan' -> ('arkadi',
    'gukasyan'))."""
    return tuple(transliteration_key(word) for word in name_tokens(name))


# 'Ruben Vardanyan, former State Minister': the role printed after a name, up to the next
# stop (possessive: a run of spaces is read once, the trailing ones trimmed).
ROLE_AFTER = re.compile(r",\s++((?:former|current|ex-)\s[^,;.()]*+)(?=[,;.)]|$)")
# 'former Presidents A B, C D, and E F': the role printed before a list of names.
ROLE_BEFORE_LIST = re.compile(
    r"\b((?:former|current)\s++(?:[A-Za-z]++\s++){0,4}?)"
    r"(?:[^\W\d_][\w\u2019'\-]*+\s++[^\W\d_][\w\u2019'\-]*+,\s++(?:and\s++)?)*+$"
)
# How far before a name its list's role is looked for: a list of names is short.
ROLE_REACH = 300


def read_mentions(
    draft: LetterDraft, detainees: list[Detainee], aliases: list[DetaineeAlias], layout: Layout
) -> None:
    text = draft.text
    by_id = {detainee.pk: detainee for detainee in detainees}
    known: dict[tuple[str, ...], set[int]] = {}
    for detainee in detainees:
        known.setdefault(name_key(detainee.name), set()).add(detainee.pk)
    for alias in aliases:
        known.setdefault(name_key(alias.name), set()).add(alias.detainee_id)
    lengths = sorted({len(key) for key in known}, reverse=True)
    words = list(WORD.finditer(text))
    # Only capitalised words begin a name; the others never need a key.
    keys = [transliteration_key(w.group()) if w.group()[0].isupper() else "" for w in words]
    occurrences: dict[tuple[int, ...], list[tuple[int, int]]] = {}
    # Most words begin no known name: they are passed over at the cost of one look-up.
    first_keys = {key[0] for key in known if key}
    index = 0
    while index < len(words):
        if keys[index] not in first_keys:
            index += 1
            continue
        for length in lengths:
            ids = known.get(tuple(keys[index : index + length]))
            window = words[index : index + length]
            if not ids or len(window) < length:
                continue
            if any(text[a.end() : b.start()].strip() for a, b in itertools.pairwise(window)):
                continue
            occurrences.setdefault(tuple(sorted(ids)), []).append(
                (window[0].start(), window[-1].end())
            )
            index += length - 1
            break
        index += 1
    mentions: list[tuple[int, DraftMention]] = []
    letter_start = draft.letter_start if draft.letter_start is not None else len(text)
    for pks, spans in occurrences.items():
        in_letter = [span for span in spans if span[0] >= letter_start]
        start, end = (in_letter or spans)[0]
        clause_start, clause_end = clause(layout, start)
        mention = DraftMention(
            position=0,
            printed_name=normalise_space(text[start:end]),
            role_given=_role_given(text, start, end, clause_start, clause_end),
            passage=text[clause_start:clause_end],
        )
        if len(pks) == 1:
            mention.detainee = by_id[pks[0]]
        else:
            mention.candidates = tuple(by_id[pk] for pk in pks)
        mentions.append((start, mention))
    mentions.sort(key=lambda pair: pair[0])
    for position, (_, mention) in enumerate(mentions, start=1):
        mention.position = position
    draft.mentions = [mention for _, mention in mentions]
    _possible_detainees(draft, occurrences, layout)


def _role_given(text: str, start: int, end: int, clause_start: int, clause_end: int) -> str:
    after = ROLE_AFTER.match(text, end, clause_end)
    if after:
        return normalise_space(after.group(1))
    before_text = text[max(clause_start, start - ROLE_REACH) : start]
    # A name in a list takes the role printed before the list.
    list_head = ROLE_BEFORE_LIST.search(before_text)
    if not list_head:
        return ""
    role = normalise_space(list_head.group(1))
    words = role.split()
    if len(words) <= 3 and words[-1].endswith("s") and not words[-1].endswith("ss"):
        words[-1] = words[-1][:-1]
    return " ".join(words)


def _possible_detainees(
    draft: LetterDraft, occurrences: dict[tuple[int, ...], list[tuple[int, int]]], layout: Layout
) -> None:
    """Armenian-looking names near words of detention that match no known detainee: listed
    for the editor to check (they may be detainees the archive does not have yet)."""
    text = draft.text
    matched = sorted(span for spans in occurrences.values() for span in spans)
    starts = [start for start, _ in matched]
    seen: set[str] = set()
    cued: dict[int, bool] = {}
    for found in ARMENIAN_SURNAME.finditer(text):
        name = found["name"]
        if name in seen:
            continue
        index = bisect_right(starts, found.start()) - 1
        if index >= 0 and found.start() < matched[index][1]:
            continue  # inside a known detainee's name
        if NOT_A_DETAINEE_BEFORE.search(text[max(0, found.start() - 40) : found.start()]):
            continue
        if name.split()[0] in NOT_GIVEN_NAMES or name.split()[-1] in NOT_SURNAMES:
            continue
        sentence = layout.sentence_at(found.start())
        if sentence.start not in cued:
            cued[sentence.start] = bool(DETENTION_CUES.search(text, sentence.start, sentence.end))
        if cued[sentence.start]:
            seen.add(name)
            draft.warnings.append(
                f"“{name}” is named near words of detention but is not a known detainee: "
                "add them (or an alias) in the admin if the letter names them as one."
            )
