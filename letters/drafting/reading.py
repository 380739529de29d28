"""Reading a pasted text into a draft: the entry point, and the facts about the letter as a
whole (headline, title, where the letter's own text starts, its date, chamber and the number
of signers the text states)."""

from __future__ import annotations

import datetime
import re

from letters.drafting.demands import read_demands
from letters.drafting.detainees import read_mentions
from letters.drafting.draft import DraftDate, LetterDraft
from letters.drafting.layout import Layout
from letters.drafting.patterns import (
    DATE_HEADER,
    DATELINE,
    HOUSE_WORDS,
    MONTH_OF_LETTER,
    MONTHS,
    NOT_THE_TOTAL,
    NUMBER_WORDS,
    SENATE_WORDS,
    SIGNERS_STATED,
)
from letters.drafting.recipients import read_recipients
from letters.drafting.signers import read_signers
from letters.models import Demand, Letter, LetterOrigin, Recipient
from people.models import Chamber, Detainee, DetaineeAlias, Legislator


def draft_letter(text: str, *, title: str = "") -> LetterDraft:
    """Read a press release and/or letter text into a draft matched against the archive.

    Reads legislators, recipients, detainees (with aliases) and demand kinds: five queries.
    Writes nothing."""
    draft = LetterDraft(text=text, title=title.strip())
    draft.headline = _headline(text)
    draft.letter_start = _letter_start(text)
    if not draft.title:
        draft.title = _title_from_heading(text)
    _read_date(draft)
    layout = Layout(text)
    legislators = list(Legislator.objects.all())
    read_signers(draft, legislators, layout)
    _read_signers_stated(draft)
    _read_chamber(draft)
    read_recipients(draft, list(Recipient.objects.all()))
    detainees = list(Detainee.objects.all())
    aliases = list(DetaineeAlias.objects.all())
    read_mentions(draft, detainees, aliases, layout)
    read_demands(draft, list(Demand.objects.all()), layout)
    return draft


def _headline(text: str) -> str:
    for line in text.splitlines():
        line = line.strip()
        if line:
            looks_like_headline = len(line) <= 250 and not line.endswith((".", ",", ":"))
            return line if looks_like_headline and not DATE_HEADER.match(line) else ""
    return ""


def _title_from_heading(text: str) -> str:
    """'Text of Titus-Smith Letter to Secretary of State Rubio' -> the title after 'Text of'."""
    found = re.search(
        r"^[ \t]*(?:Full )?Text of (?:the )?(?P<title>[^\n]{5,200}?)[ \t:]*$", text, re.M
    )
    if not found:
        return ""
    heading = found.group("title").strip()
    return heading[:1].upper() + heading[1:]


def _letter_start(text: str) -> int | None:
    """Where the reproduced letter begins: its 'Text of ...' heading, else its dateline
    followed by an address or a salutation."""
    heading = re.search(r"^[ \t]*(?:Full )?Text of\b", text, re.M)
    if heading:
        return heading.start()
    start: int | None = None
    for found in DATELINE.finditer(text):
        if re.search(r"The Honorable|Dear\b", text[found.end() : found.end() + 400]):
            start = found.start()
            break
    if start is None:
        salutation = re.search(r"^[ \t]*Dear [A-Z]", text, re.M)
        start = salutation.start() if salutation else None
    if start is not None and len(text[:start].strip()) < 200 and ". " not in text[:start]:
        return 0  # only a letterhead before: the whole text is the letter
    return start


def _read_date(draft: LetterDraft) -> None:
    text = draft.text
    header = DATE_HEADER.search(text)
    if header:
        draft.published_on = _safe_date(
            int(header["year"]), int(header["month"]), int(header["day"])
        )
    datelines = list(DATELINE.finditer(text))
    if datelines:
        chosen = next(
            (
                found
                for found in datelines
                if draft.letter_start is not None and found.start() >= draft.letter_start
            ),
            datelines[0],
        )
        day = _safe_date(
            int(chosen["year"]), MONTHS[chosen["month"].casefold()], int(chosen["day"])
        )
        if day:
            draft.date = DraftDate(day, Letter.DatePrecision.DAY, chosen["date"])
            return
    if header and draft.published_on:
        draft.date = DraftDate(
            draft.published_on.replace(day=1),
            Letter.DatePrecision.MONTH,
            header["date"],
            note=f"The source does not date the letter itself. The text is dated "
            f"{draft.published_on.isoformat()}; the draft therefore gives the month only.",
        )
        return
    month = MONTH_OF_LETTER.search(text)
    if month:
        name = month["month"] or month["month2"]
        year = int(month["year"] or month["year2"])
        draft.date = DraftDate(
            datetime.date(year, MONTHS[name.casefold()], 1),
            Letter.DatePrecision.MONTH,
            month["date"],
            note="The source gives the month of the letter, not the day.",
        )


def _safe_date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _read_signers_stated(draft: LetterDraft) -> None:
    for found in SIGNERS_STATED.finditer(draft.text):
        if NOT_THE_TOTAL.search(draft.text[max(0, found.start() - 20) : found.start()]):
            continue
        number = found["number"].casefold()
        draft.signers_stated = int(number) if number.isdigit() else NUMBER_WORDS[number]
        draft.signers_stated_passage = found.group()
        break
    if draft.signers_stated is None and draft.unnamed_signature_blocks:
        named_blocks = len(draft.signature_titles) - draft.unnamed_signature_blocks
        draft.signers_stated = draft.unnamed_signature_blocks + named_blocks
        draft.signers_stated_passage = draft.unnamed_signature_passage
    recorded = sum(1 for signer in draft.signers)
    if draft.signers_stated and recorded and recorded < draft.signers_stated:
        draft.warnings.append(
            f"The text states {draft.signers_stated} signers but names {recorded}."
        )


def _read_chamber(draft: LetterDraft) -> None:
    chambers = {signer.legislator.chamber for signer in draft.signers if signer.legislator}
    titles = draft.signature_titles
    if chambers:
        draft.chamber = LetterOrigin.BICAMERAL if len(chambers) > 1 else chambers.pop()
        return
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
