"""Reading a pasted text into a draft: the entry point, which runs every stage in order, and
the text's headline, title and where the letter's own text starts."""

from __future__ import annotations

import re

from letters.drafting.counts import read_signers_stated
from letters.drafting.dates import read_date
from letters.drafting.demands import read_demands
from letters.drafting.detainees import read_mentions
from letters.drafting.draft import LetterDraft
from letters.drafting.intake import check_text
from letters.drafting.layout import Layout
from letters.drafting.patterns import DATE_HEADER, DATELINE
from letters.drafting.recipients import read_recipients
from letters.drafting.signatories import read_signers
from letters.models import Demand, Recipient
from people.models import Detainee, DetaineeAlias, Legislator, LegislatorTerm


def draft_letter(text: str, *, title: str = "") -> LetterDraft:
    """Read a press release and/or letter text into a draft matched against the archive.

    Reads legislators and their terms, recipients, detainees (with aliases) and demand
    kinds: six queries. Writes nothing.

    Raises ValidationError where the text is empty, binary or over the size limit."""
    check_text(text)
    draft = LetterDraft(text=text, title=title.strip())
    draft.headline = _headline(text)
    draft.letter_start = _letter_start(text)
    if not draft.title:
        draft.title = _title_from_heading(text)
    layout = Layout(text)
    read_date(draft, layout)
    read_signers(draft, list(Legislator.objects.all()), list(LegislatorTerm.objects.all()), layout)
    read_signers_stated(draft, layout)
    read_recipients(draft, list(Recipient.objects.all()), layout)
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
