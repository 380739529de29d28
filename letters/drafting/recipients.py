"""Recipients: the officials a letter is addressed to, by title and name, known to the archive
or not: 'The Honorable Marco Rubio / Secretary of State', 'Dear President Biden', 'a letter
to Treasury Secretary Janet Yellen', 'called on Secretary of State Marco Rubio and National
Security Advisor Michael Waltz'. An official named elsewhere (a quotation about 'President
Aliyev', 'President Trump's peace initiatives') is not a recipient, and a signer never is.
"""

from __future__ import annotations

import re

from archive.names import name_tokens
from letters.drafting.draft import DraftRecipient, LetterDraft
from letters.drafting.layout import Layout
from letters.drafting.patterns import NOT_NAME_WORDS, TITLED_NAME
from letters.models import Recipient

_S = r"[ \t]+"
_DEPARTMENTS = (
    r"(?:State|Defense|War|the[ \t]+Treasury|Treasury|Commerce|Homeland[ \t]+Security|Energy"
    r"|Agriculture|the[ \t]+Interior|Labor|Education|Transportation|Veterans[ \t]+Affairs"
    r"|Health[ \t]+and[ \t]+Human[ \t]+Services)"
)
# Office words in any case ('a letter to US president Donald Trump'); the name after them
# is capitalised. An office starts a word, so no other position is tried.
OFFICE = re.compile(
    rf"\b(?i:(?:(?:U\.?S\.?|United{_S}States){_S})?(?:"
    rf"Vice{_S}President|President(?:{_S}of{_S}the{_S}United{_S}States)?"
    rf"|(?:Deputy{_S})?Secretary{_S}of{_S}{_DEPARTMENTS}"
    rf"|{_DEPARTMENTS}{_S}Secretary|Secretary-General|Secretary"
    rf"|National{_S}Security{_S}Advis[oe]r|Attorney{_S}General"
    rf"|Director{_S}of{_S}National{_S}Intelligence"
    rf"|Ambassador(?:{_S}to{_S}(?:the{_S})?(?:United{_S}Nations|U\.?N\.?|OSCE|NATO|Azerbaijan"
    rf"|Armenia|Turkey|T\u00fcrkiye|Russia|Georgia))?"
    rf"|(?:[A-Z]{{2,6}}{_S})?(?:Administrator|Director)|Special{_S}Envoy"
    rf"|Trade{_S}Representative))(?=[ \t]+[A-Z])"
)
HONORABLE = re.compile(r"The[ \t]+Honorable[ \t\n]+")
# Words before an office that address the letter to it (within the sentence).
ADDRESSED = re.compile(
    r"(?:\bDear|\b(?:wrote|writ(?:e|es|ing)|written|sent|addressed|appeal(?:ed|ing|s)?)"
    r"(?:[ \t]+(?:today|yesterday|jointly|also|directly))?[ \t]+to"
    r"|\bcall(?:ed|ing|s)?[ \t]+(?:on|upon)|\burg(?:e|es|ed|ing)|\bask(?:s|ed|ing)?"
    r"|\bpress(?:es|ed|ing)?|\binform(?:s|ed|ing)?|\bletters?[^.;\n]{0,40}?\bto)"
    r"[ \t,]+(?:(?:newly[ \t]+confirmed|incoming|then-|the|U\.S\.)[ \t]*)*$",
    re.IGNORECASE,
)
LIST_JOIN = re.compile(r"[ \t]*(?:,|and|&|,[ \t]*and)[ \t]+(?:the[ \t]+)?$")
POSSESSIVE = re.compile(r"^[\u2019']s\b")
CUE_REACH = 80


def read_recipients(draft: LetterDraft, recipients: list[Recipient], layout: Layout) -> None:
    """Each official the letter is addressed to, once, in the text's order, matched to a
    known recipient by name where the archive has them."""
    text = draft.text
    signer_names = {_last(signer.printed_name) for signer in draft.signers}
    known = _known_by_last_name(recipients)
    found: dict[object, tuple[int, int, DraftRecipient]] = {}
    for start, rank, title, name_start, name_end, passage_end in _addressed(text, layout):
        name = text[name_start:name_end]
        last = _last(name)
        if not last or last in signer_names:
            continue
        recipient = _known(known, name)
        key: object = recipient.pk if recipient else last
        item = DraftRecipient(0, name, title, text[start:passage_end], recipient)
        held = found.get(key)
        if held is None:
            found[key] = (start, rank, item)
        elif (rank, -len(name)) < (held[1], -len(held[2].printed_name)):
            found[key] = (held[0], rank, item)
    ordered = sorted(found.values(), key=lambda entry: entry[0])
    for position, (_, _, item) in enumerate(ordered, start=1):
        item.position = position
    draft.recipients = [item for _, _, item in ordered]


def _last(name: str) -> str:
    tokens = name_tokens(name)
    return tokens[-1] if tokens else ""


def _known_by_last_name(recipients: list[Recipient]) -> dict[str, list[Recipient]]:
    by_last: dict[str, list[Recipient]] = {}
    for recipient in recipients:
        by_last.setdefault(_last(recipient.name), []).append(recipient)
    return by_last


def _known(known: dict[str, list[Recipient]], name: str) -> Recipient | None:
    """The known recipient of this name: the last name, and any given name printed."""
    tokens = name_tokens(name)
    fitting = [
        recipient
        for recipient in known.get(tokens[-1] if tokens else "", [])
        if len(tokens) == 1 or name_tokens(recipient.name)[0] == tokens[0]
    ]
    return fitting[0] if len(fitting) == 1 else None


def _name_after(text: str, position: int) -> tuple[int, int] | None:
    """The span of a person's name at `position`, ending before any word no name has."""
    match = TITLED_NAME.match(text, position)
    if match is None:
        return None
    end = match.start("name")
    for word in re.finditer(r"\S+", match["name"]):
        if word.group().strip(".,").casefold() in NOT_NAME_WORDS:
            break
        end = match.start("name") + word.end()
    if end == match.start("name") or POSSESSIVE.match(text, end):
        return None
    return match.start("name"), end


def _addressed(text: str, layout: Layout) -> list[tuple[int, int, str, int, int, int]]:
    """(passage start, rank, title, name start, name end, passage end) of each official
    the text addresses: an address block ranks 0, a title before a name 1."""
    found: list[tuple[int, int, str, int, int, int]] = []
    for block in HONORABLE.finditer(text):
        span = _name_after(text, block.end())
        if span is None:
            continue
        line_end = text.find("\n", span[1])
        line_end = len(text) if line_end == -1 else line_end
        title = text[span[1] : line_end].strip(" \t,")
        title_end = line_end
        if not title:
            next_end = text.find("\n", line_end + 1)
            next_end = len(text) if next_end == -1 else next_end
            title = text[line_end:next_end].strip()
            title_end = next_end if title else span[1]
        if len(title) > 80:
            title, title_end = "", span[1]
        passage_end = title_end if title else span[1]
        while passage_end > span[1] and text[passage_end - 1].isspace():
            passage_end -= 1
        found.append((block.start(), 0, title, span[0], span[1], passage_end))
    previous_end = -1
    for office in OFFICE.finditer(text):
        position = office.end()
        while position < len(text) and text[position] in " \t":
            position += 1
        span = _name_after(text, position)
        if span is None:
            continue
        sentence = layout.sentence_at(office.start())
        cue_start = max(sentence.start, office.start() - CUE_REACH)
        chained = previous_end >= sentence.start and LIST_JOIN.fullmatch(
            text, previous_end, office.start()
        )
        if not chained and not ADDRESSED.search(text, cue_start, office.start()):
            continue
        title = re.sub(r"\s+", " ", office.group())
        found.append((office.start(), 1, title, span[0], span[1], span[1]))
        previous_end = span[1]
    return found
