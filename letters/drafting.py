"""Draft a letter from pasted text (a press release, the letter's text, or both) for an editor
to review before anything is saved.

`draft_letter()` only reads: it parses the text and matches what it finds against the rows
already in the archive (legislators, recipients, detainees and their aliases, demand kinds).
Every item keeps the passage it was read from, quoted verbatim from the text, so the saved
rows pass the archive's quote checks. Signers are matched through `people.matching` (last
name + party + state, never the last name alone); anything unmatched or ambiguous is listed
for the editor, never guessed. `save_draft()` writes the draft, as the editor resolved it,
in one transaction.
"""

from __future__ import annotations

import calendar
import datetime
import itertools
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import reversion
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify

from letters.models import (
    Demand,
    DetaineeMention,
    Letter,
    LetterDemand,
    LetterOrigin,
    LetterRecipient,
    Recipient,
    Signatory,
    SignatoryRole,
    Source,
    SourceKind,
    WordingOrigin,
)
from letters.provenance import normalise_space
from people.matching import (
    HONORIFICS,
    MatchStatus,
    NameMatcher,
    name_tokens,
    normalise_name,
    parse_party_state,
)
from people.models import Chamber, Detainee, DetaineeAlias, Legislator

# --- Reading the text -------------------------------------------------------------------------

MONTH_NAMES = [name for name in calendar.month_name if name]
MONTHS: dict[str, int] = {name.casefold(): number for number, name in enumerate(MONTH_NAMES, 1)}
_MONTH = "(?:" + "|".join(MONTH_NAMES) + ")"

# 'April 11, 2025' at the start of a line: the letter's own dateline.
DATELINE = re.compile(
    rf"^[ \t]*(?P<date>(?P<month>{_MONTH})[ \t]+(?P<day>\d{{1,2}}),[ \t]*(?P<year>\d{{4}}))",
    re.MULTILINE,
)
# 'date 2025-04-08': a header line some press releases are received with.
DATE_HEADER = re.compile(
    r"^\s*(?P<date>date\s+(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2}))\b",
    re.MULTILINE | re.IGNORECASE,
)
# 'the April 2025 letter', 'a letter sent in April 2025': the month only.
MONTH_OF_LETTER = re.compile(
    rf"(?P<date>\bletter\b[^.\n]{{0,40}}?\b(?:in|of|dated|on)\s+(?P<month>{_MONTH})\s+"
    rf"(?P<year>\d{{4}})|\b(?P<month2>{_MONTH})\s+(?P<year2>\d{{4}})\s+letter\b)"
)

# A name printed before a party-state badge: 'Dina Titus (D-NV)', 'Robert Menendez, Jr.
# (D-NJ)', 'Rep. Frank Pallone (D-NJ)'. Words are capitalised; title words before the name
# ('Representatives', 'Co-Chairs Rep.') are trimmed afterwards.
_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
_NAME_WORD = rf"(?:[{_UPPER}][\w\u2019'\-]*\.?|[{_UPPER}]\.)"
_SUFFIX = r"(?:,?[ \t]+(?:Jr|Sr|II|III|IV)\.?)"
_BADGE = r"\([ \t]*[A-Za-z]{1,3}[ \t]*[-\u2013\u2014][ \t]*[A-Z]{2}[ \t]*\)"
NAMED_BADGE = re.compile(
    rf"(?P<name>(?:{_NAME_WORD}[ \t\u00a0]+){{0,5}}{_NAME_WORD}{_SUFFIX}?)"
    rf"[ \t\u00a0]*(?P<badge>{_BADGE})"
)
# Something like a party badge that the reader cannot take as one ('(D-N.Y.)', '(R-Texas)',
# '(D, CA)'): reported, so that no signer is left out silently.
BADGE_LIKE = re.compile(
    r"\([ \t]*(?:D|R|I|Dem|Rep|Ind)\.?[ \t]*[-\u2013\u2014,][ \t]*[^()\n]{1,14}\)"
)
# Words that introduce a name rather than belong to it.
TITLE_WORDS: frozenset[str] = HONORIFICS | frozenset(
    {
        "representatives",
        "senators",
        "sens",
        "congressmen",
        "congresswomen",
        "delegates",
        "co-chair",
        "co-chairs",
        "cochair",
        "cochairs",
        "chair",
        "chairs",
        "chairman",
        "chairwoman",
        "ranking",
        "member",
        "members",
        "leader",
        "leaders",
        "caucus",
        "congressional",
        "armenian",
        "house",
        "senate",
        "us",
        "u.s",
    }
)
# Titles kept in a signer's passage when printed right before the name ('Rep. Frank Pallone').
PASSAGE_TITLES: frozenset[str] = frozenset(
    {"rep", "sen", "representative", "senator", "congressman", "congresswoman", "del"}
)
# Between two names of one list: a comma, 'and', and perhaps a title ('Rep.').
LIST_GAP = re.compile(r"^[ \t]*(?:,|&|and|,[ \t]*and)?[ \t]*$")
LED_BY = re.compile(r"\bled[ \t]+by[ \t]+(?:[\w\u2019'.\-]+[ \t]+){0,6}$")
# A sentence that names signers: about the letter, its signing or its leads.
SIGNING_CUES = re.compile(
    r"\bletters?\b|\bled by\b|co-?sign|\bsign(?:ed|ing|atories|ers)\b|\bjoin(?:ed|ing)\b"
    r"|\bcalled on\b|\burg(?:ed|es|ing)\b",
    re.IGNORECASE,
)
SIGNATURE_TITLE = re.compile(
    r"^[ \t]*(?P<title>United States Senator|U\.S\. Senator|Member of Congress"
    r"|United States Representative)[ \t]*$",
    re.MULTILINE,
)
SIGNATURE_NAME = re.compile(
    rf"^[ \t]*(?P<name>(?:{_NAME_WORD}[ \t]+){{1,4}}{_NAME_WORD}{_SUFFIX}?)[ \t]*$"
)

_NUMBER_UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_NUMBER_TEENS = [
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_NUMBER_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
NUMBER_WORDS: dict[str, int] = {word: n for n, word in enumerate(_NUMBER_UNITS, 1)} | {
    word: n for n, word in enumerate(_NUMBER_TEENS, 10)
}
for _tens, _word in enumerate(_NUMBER_TENS, 2):
    NUMBER_WORDS[_word] = _tens * 10
    for _unit, _unit_word in enumerate(_NUMBER_UNITS, 1):
        NUMBER_WORDS[f"{_word}-{_unit_word}"] = _tens * 10 + _unit
_NUMBER = "(?:" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r"|\d{1,3})"
SIGNERS_STATED = re.compile(
    rf"\b(?P<number>{_NUMBER})[ \t]+(?:(?:U\.S\.|bipartisan|Democratic|Republican|House|Senate)"
    r"[ \t]+)*(?:Representatives|Senators|Members|lawmakers|legislators)\b",
    re.IGNORECASE,
)
NOT_THE_TOTAL = re.compile(r"(?:joined by|other|additional|another)[ \t]+$", re.IGNORECASE)

SENATE_WORDS = re.compile(r"\b(?:Senators?|Sen\.|United States Senate)\b")
HOUSE_WORDS = re.compile(
    r"\b(?:Representatives?|Rep\.|House Members|Members of Congress|Congress(?:wo)?man)\b"
)

# Offices a recipient is addressed by, for names the archive does not know yet.
RECIPIENT_OFFICE = re.compile(
    r"(?:U\.S\.\s+)?(?:Secretary of (?:State|Defense|the Treasury|Commerce)|National Security "
    r"Advisor|Secretary-General|Ambassador|Administrator)"
)
_PERSON = rf"{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{1,3}}"
HONORABLE = re.compile(rf"The Honorable\s+(?P<name>{_PERSON})")
OFFICE_THEN_NAME = re.compile(rf"(?P<office>{RECIPIENT_OFFICE.pattern})[ \t]+(?P<name>{_PERSON})")

# A bullet of the letter's list of asks; OCR reads some bullets as '¢' or 'e'.
BULLET = re.compile(r"^[ \t]*(?:[\u2014\u2013\-\u2022\u00b7*\u00a2]|e(?=[ \t][a-z]))[ \t]+")
ASK_WORDS = re.compile(
    r"\b(?:urge|urges|urging|demand|insist|call(?:s|ed)? on|calls? for|ask|press|impose|"
    r"secure|must|should|advocate|label|ensure|enforc\w*|deny|denial|safeguard|accelerate)\b",
    re.IGNORECASE,
)
# Where a demand kind is asked for, by slug of the Demand rows the fixtures define. A kind
# the table lacks is never matched automatically: the editor adds it in the admin.
DEMAND_RULES: dict[str, re.Pattern[str]] = {
    "release-of-prisoners": re.compile(
        r"\breleas\w*\b[^.;]{0,80}\b(?:prisoners?|POWs?|hostages|captives|detain\w*|"
        r"political leaders)",
        re.IGNORECASE,
    ),
    "global-magnitsky-sanctions": re.compile(r"\bMagnitsky\b", re.IGNORECASE),
    "sanctions-on-those-responsible": re.compile(
        r"\bsanctions?\b[^.;]{0,40}\b(?:against|on)\b[^.;]{0,40}\bresponsible\b", re.IGNORECASE
    ),
    "trial-observers": re.compile(
        r"\bobservers\b|\bmonitor\w*\s+(?:the\s+)?(?:legal\s+)?(?:proceedings|trials)",
        re.IGNORECASE,
    ),
    "right-of-return": re.compile(
        r"\bright (?:of|to) return\b|\b(?:protected|safe|collective\w*) return\b|"
        r"\bto return to their (?:homes|homeland)",
        re.IGNORECASE,
    ),
    "section-907-enforcement": re.compile(r"\bSection 907\b", re.IGNORECASE),
    "ethnic-cleansing-determination": re.compile(
        r"\b(?:label|determin\w*|designat\w*|recogni\w*)\b[^.;]{0,80}\bethnic cleansing\b",
        re.IGNORECASE,
    ),
    "deny-exim-financing": re.compile(r"\bEXIM\b|\bExport-Import Bank\b", re.IGNORECASE),
    "protect-armenian-heritage": re.compile(
        r"\b(?:safeguard|protect|preserv)\w*\b[^.;]{0,60}\b(?:cultural|religious|heritage)\b",
        re.IGNORECASE,
    ),
    "security-for-armenia": re.compile(
        r"\banti-(?:aircraft|drone)\b|\bair[- ]defen[cs]e\b|\bsecurity-building\b",
        re.IGNORECASE,
    ),
    "economic-support-for-armenia": re.compile(r"\beconomic support\b", re.IGNORECASE),
    "civil-nuclear-cooperation": re.compile(r"\bcivil nuclear\b|\b123 Agreement\b", re.IGNORECASE),
}

# A kind not matched in a sentence that asks for a more specific one.
DEMAND_UNLESS: dict[str, re.Pattern[str]] = {
    "sanctions-on-those-responsible": re.compile(r"\bMagnitsky\b", re.IGNORECASE),
}

# A sentence ends at . ! or ? (perhaps inside a closing quote) before a capital or a quote,
# unless the word before the stop is an abbreviation.
SENTENCE_END = re.compile(r"[.!?][”\"\u2019)]*(?=\s+[“\"(]?[A-Z])")
ABBREVIATIONS: frozenset[str] = frozenset(
    {"rep", "reps", "sen", "sens", "jr", "sr", "dr", "mr", "mrs", "ms", "st", "no", "gen", "gov"}
    | {"hon", "u.s", "h.r", "s", "res", "h.res", "s.res", "vs", "sept", "oct", "nov", "dec"}
    | {"jan", "feb", "mar", "apr", "aug", "inc", "co", "ltd", "e.g", "i.e", "mt", "ft"}
)
DETENTION_CUES = re.compile(
    r"detain|prisoner|hostage|captive|custody|imprison|jail|arrest|POW", re.IGNORECASE
)
ARMENIAN_SURNAME = re.compile(
    rf"\b(?P<name>[{_UPPER}][a-z]+[ \t]+[{_UPPER}][a-z]+(?:yan|ian|yants|iants|unts|ounts))\b"
)
NOT_A_DETAINEE_BEFORE = re.compile(
    r"(?:Director|Chairman|Chair|President of the ANCA|ANCA|spokesperson|said|stated)[ \t,]+$"
)
# Capitalised words an Armenian-looking name never is (nationalities, sentence openers).
NOT_SURNAMES: frozenset[str] = frozenset(
    [
        "Armenian",
        "Christian",
        "Russian",
        "Iranian",
        "Georgian",
        "Italian",
        "Indian",
        "Canadian",
        "Egyptian",
        "Syrian",
        "Australian",
        "Brazilian",
        "Norwegian",
        "Ukrainian",
        "Civilian",
        "Guardian",
        "Historian",
        "Librarian",
    ]
)
NOT_GIVEN_NAMES: frozenset[str] = frozenset(
    [
        "The",
        "A",
        "An",
        "And",
        "Release",
        "Free",
        "Congressional",
        "Former",
        "Current",
        "President",
        "Minister",
        "Speaker",
        "Secretary",
        "Senator",
        "Representative",
        "Prisoner",
        "Prisoners",
        "Political",
        "State",
        "Foreign",
    ]
)
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")


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
    ):
        key = re.sub(pattern, replacement, key)
    return key


def name_key(name: str) -> tuple[str, ...]:
    """A name's transliteration keys, word by word ('Arkady Gukasyan' -> ('arkadi',
    'gukasyan'))."""
    return tuple(transliteration_key(word) for word in name_tokens(name))


# --- The draft --------------------------------------------------------------------------------


@dataclass
class DraftSigner:
    """A signer as printed, with the legislator matched to them (or the candidates)."""

    position: int
    printed_name: str
    printed_party_state: str
    role: str
    passage: str
    status: MatchStatus
    legislator: Legislator | None = None
    candidates: tuple[Legislator, ...] = ()
    alternatives: tuple[Legislator, ...] = ()
    note: str = ""

    @property
    def is_resolved(self) -> bool:
        return self.legislator is not None and not self.note

    @property
    def choices(self) -> list[Legislator]:
        """Legislators the editor may choose from: the match or candidates first, then
        everyone in the archive with the same last name."""
        seen: dict[int, Legislator] = {}
        for legislator in (
            *([self.legislator] if self.legislator else []),
            *self.candidates,
            *self.alternatives,
        ):
            seen.setdefault(legislator.pk, legislator)
        return list(seen.values())

    def describe(self) -> str:
        badge = f" ({self.printed_party_state})" if self.printed_party_state else ""
        return f"{self.printed_name}{badge}"


@dataclass
class DraftRecipient:
    position: int
    printed_name: str
    printed_title: str
    passage: str
    recipient: Recipient | None = None


@dataclass
class DraftMention:
    position: int
    printed_name: str
    role_given: str
    passage: str
    detainee: Detainee | None = None
    candidates: tuple[Detainee, ...] = ()


@dataclass
class DraftDemand:
    position: int
    demand: Demand
    wording: str
    wording_origin: str


@dataclass
class DraftDate:
    date: datetime.date
    precision: str
    passage: str
    note: str = ""

    @property
    def display(self) -> str:
        month = calendar.month_name[self.date.month]
        if self.precision == Letter.DatePrecision.MONTH:
            return f"{month} {self.date.year}"
        return f"{month} {self.date.day}, {self.date.year}"


@dataclass
class LetterDraft:
    """What the text says about a letter, matched against the archive; nothing saved."""

    text: str
    title: str = ""
    headline: str = ""
    letter_start: int | None = None
    date: DraftDate | None = None
    published_on: datetime.date | None = None
    chamber: str = ""
    chamber_note: str = ""
    signers: list[DraftSigner] = field(default_factory=list)
    recipients: list[DraftRecipient] = field(default_factory=list)
    mentions: list[DraftMention] = field(default_factory=list)
    demands: list[DraftDemand] = field(default_factory=list)
    signers_stated: int | None = None
    signers_stated_passage: str = ""
    unnamed_signature_blocks: int = 0
    unnamed_signature_passage: str = ""
    signature_titles: list[str] = field(default_factory=list)
    others_named: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def leads(self) -> list[DraftSigner]:
        return [signer for signer in self.signers if signer.role == SignatoryRole.LEAD]

    @property
    def unresolved(self) -> list[str]:
        """What the editor must resolve before saving: unmatched or ambiguous items, and a
        date or chamber the text does not give."""
        problems: list[str] = []
        for signer in self.signers:
            if signer.status == MatchStatus.NOT_FOUND:
                problems.append(f"Signer {signer.describe()}: no legislator in the archive.")
            elif signer.status == MatchStatus.AMBIGUOUS or signer.legislator is None:
                names = ", ".join(str(candidate) for candidate in signer.candidates) or "none"
                why = signer.note or "more than one legislator fits"
                problems.append(f"Signer {signer.describe()}: {why} (candidates: {names}).")
            elif signer.note:
                problems.append(f"Signer {signer.describe()}: {signer.note}")
        for recipient in self.recipients:
            if recipient.recipient is None:
                problems.append(
                    f"Recipient {recipient.printed_title} {recipient.printed_name}: not in the "
                    "archive (add them as a Recipient first)."
                )
        for mention in self.mentions:
            if mention.detainee is None:
                names = ", ".join(str(candidate) for candidate in mention.candidates)
                problems.append(f"Detainee {mention.printed_name}: ambiguous ({names}).")
        if self.date is None:
            problems.append("Date: the text gives no date for the letter.")
        if not self.chamber:
            problems.append("Chamber: the text does not say whether House or Senate.")
        return problems

    @property
    def letter_text(self) -> str:
        """The part of the text that reproduces the letter ('' where it does not)."""
        return self.text[self.letter_start :].strip() if self.letter_start is not None else ""

    @property
    def letter_text_is_partial(self) -> bool:
        return bool(self.letter_text) and not re.search(r"^\s*Dear\b", self.letter_text, re.M)

    @property
    def suggested_slug(self) -> str:
        """'2025-04-11-titus-smith-rubio': date, leads (or first signers), recipients."""
        if self.date is None:
            return ""
        matched = [signer.legislator for signer in self.signers if signer.legislator]
        leads = [signer.legislator for signer in self.leads if signer.legislator]
        recipients = [item.recipient for item in self.recipients if item.recipient]
        parts = [self.date.date.isoformat()[: 10 if self.date.precision == "day" else 7]]
        parts += [legislator.last_name for legislator in (leads or matched)[:4]]
        parts += [recipient.name.split()[-1] for recipient in recipients[:2]]
        return slugify(" ".join(parts))

    @property
    def suggested_source_kind(self) -> str:
        if self.letter_start == 0:
            return SourceKind.LETTER_TEXT
        return SourceKind.PRESS_RELEASE

    @property
    def suggested_title(self) -> str:
        """The title the text gives the letter, else 'Titus-Smith letter to Secretary of
        State Rubio' from the leads and recipients."""
        if self.title:
            return self.title
        named = [r for r in self.recipients if r.recipient is not None]
        to = " and ".join(f"{r.recipient.office} {r.recipient.name.split()[-1]}" for r in named)
        leads = "-".join(s.legislator.last_name for s in self.leads if s.legislator)
        by = f"{leads} letter" if leads else "Letter"
        return f"{by} to {to}" if to else by

    @property
    def suggested_source_title(self) -> str:
        return self.headline or f"Text received for: {self.suggested_title}"


# --- Parsing ----------------------------------------------------------------------------------


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
    layout = _Layout(text)
    legislators = list(Legislator.objects.all())
    _read_signers(draft, legislators, layout)
    _read_signers_stated(draft)
    _read_chamber(draft)
    _read_recipients(draft, list(Recipient.objects.all()))
    detainees = list(Detainee.objects.all())
    aliases = list(DetaineeAlias.objects.all())
    _read_mentions(draft, detainees, aliases, layout)
    _read_demands(draft, list(Demand.objects.all()), layout)
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


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    is_bullet: bool = False


class _Layout:
    """The text's paragraphs and sentences, found once per draft.

    A paragraph ends at a blank line or at a line break, except where an OCR'd letter wraps
    a line mid-sentence (a line of typical page width without closing punctuation). A
    bullet of a list of asks is a paragraph and a sentence of its own. Sentences end at
    . ! or ? before a capital, except after an abbreviation ('Rep.', 'Jr.', 'U.S.') or an
    initial ('Edward J. Markey')."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.paragraphs = self._paragraphs()
        self.sentences = [s for p in self.paragraphs for s in self._sentences(p)]
        self._sentence_starts = [sentence.start for sentence in self.sentences]
        self._paragraph_starts = [paragraph.start for paragraph in self.paragraphs]

    def sentence_at(self, position: int) -> _Span:
        index = bisect_right(self._sentence_starts, position) - 1
        return self.sentences[max(index, 0)] if self.sentences else _Span(0, len(self.text))

    def paragraph_at(self, position: int) -> _Span:
        index = bisect_right(self._paragraph_starts, position) - 1
        return self.paragraphs[max(index, 0)] if self.paragraphs else _Span(0, len(self.text))

    def _paragraphs(self) -> list[_Span]:
        paragraphs: list[_Span] = []
        start: int | None = None
        end = 0
        is_bullet = False
        joins = False
        offset = 0
        for line in self.text.split("\n"):
            line_start, line_end = offset, offset + len(line)
            offset = line_end + 1
            bullet = BULLET.match(line)
            if start is not None and (not line.strip() or bullet or not joins):
                paragraphs.append(_Span(start, end, is_bullet))
                start = None
            if not line.strip():
                continue
            if start is None:
                start = line_start + (bullet.end() if bullet else len(line) - len(line.lstrip()))
                is_bullet = bool(bullet)
            end = line_start + len(line.rstrip())
            stripped = line.rstrip()
            joins = 50 <= len(stripped.strip()) <= 120 and stripped[-1] not in '.!?:;,”"\u2019'
        if start is not None:
            paragraphs.append(_Span(start, end, is_bullet))
        return paragraphs

    def _sentences(self, paragraph: _Span) -> Iterator[_Span]:
        if paragraph.is_bullet:
            yield paragraph
            return
        start = paragraph.start
        for stop in SENTENCE_END.finditer(self.text, paragraph.start, paragraph.end):
            word = re.search(r"([\w.]+)\.$", self.text[start : stop.start() + 1])
            if word and (word.group(1).casefold() in ABBREVIATIONS or len(word.group(1)) == 1):
                continue
            yield _Span(start, stop.end())
            start = stop.end()
            while start < paragraph.end and self.text[start].isspace():
                start += 1
        if start < paragraph.end:
            yield _Span(start, paragraph.end)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in ' \t\n\u2014\u2013-•·*¢;:,“”"':
        start += 1
    while end > start and text[end - 1] in ' \t\n;:,“”"':
        end -= 1
    trailing_and = re.search(r"[;,]\s*(?:and|or)$", text[start:end])
    if trailing_and:
        end = start + trailing_and.start()
    return start, end


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


def _read_signers(draft: LetterDraft, legislators: list[Legislator], layout: _Layout) -> None:
    text = draft.text
    matcher: NameMatcher[Legislator] = NameMatcher.for_legislators(legislators)
    by_last_name: dict[str, list[Legislator]] = {}
    for legislator in legislators:
        by_last_name.setdefault(normalise_name(legislator.last_name), []).append(legislator)
    found: list[tuple[_Printed, bool]] = []
    printed = _printed_names(text)
    badge_ends = {item.end for item in printed}
    for unread in BADGE_LIKE.finditer(text):
        if unread.end() not in badge_ends:
            context = normalise_space(text[max(0, unread.start() - 40) : unread.end()])
            draft.warnings.append(
                f"Could not read “{unread.group()}” as a party and state (…{context}): "
                "a signer may be missing; add them in the admin if so."
            )
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


def _read_recipients(draft: LetterDraft, recipients: list[Recipient]) -> None:
    text = draft.text
    found: list[tuple[int, DraftRecipient]] = []
    known_spans: list[tuple[int, int]] = []
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
    # Officials addressed whom the archive does not know yet.
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
    found.extend(unknown.values())
    found.sort(key=lambda pair: pair[0])
    for position, (_, recipient) in enumerate(found, start=1):
        recipient.position = position
    draft.recipients = [recipient for _, recipient in found]


def _flexible(name: str) -> str:
    """A pattern for a name as printed: any white space between words, accents optional."""
    return r"\b" + r"\s+".join(re.escape(word) for word in name.split()) + r"\b"


def _read_mentions(
    draft: LetterDraft, detainees: list[Detainee], aliases: list[DetaineeAlias], layout: _Layout
) -> None:
    text = draft.text
    by_id = {detainee.pk: detainee for detainee in detainees}
    known: dict[tuple[str, ...], set[int]] = {}
    for detainee in detainees:
        known.setdefault(name_key(detainee.name), set()).add(detainee.pk)
    for alias in aliases:
        known.setdefault(name_key(alias.name), set()).add(alias.detainee_id)
    lengths = sorted({len(key) for key in known}, reverse=True)
    words = list(_WORD.finditer(text))
    keys = [transliteration_key(word.group()) for word in words]
    occurrences: dict[tuple[int, ...], list[tuple[int, int]]] = {}
    index = 0
    while index < len(words):
        for length in lengths:
            window = words[index : index + length]
            if len(window) < length or not window[0].group()[0].isupper():
                continue
            if any(text[a.end() : b.start()].strip() for a, b in itertools.pairwise(window)):
                continue
            ids = known.get(tuple(keys[index : index + length]))
            if ids:
                occurrences.setdefault(tuple(sorted(ids)), []).append(
                    (window[0].start(), window[-1].end())
                )
                index += length - 1
                break
        index += 1
    mentions: list[tuple[int, DraftMention]] = []
    letter_start = draft.letter_start if draft.letter_start is not None else len(text)
    for ids, spans in occurrences.items():
        in_letter = [span for span in spans if span[0] >= letter_start]
        start, end = (in_letter or spans)[0]
        clause_start, clause_end = _clause(layout, start)
        mention = DraftMention(
            position=0,
            printed_name=normalise_space(text[start:end]),
            role_given=_role_given(text, start, end, clause_start, clause_end),
            passage=text[clause_start:clause_end],
        )
        if len(ids) == 1:
            mention.detainee = by_id[ids[0]]
        else:
            mention.candidates = tuple(by_id[pk] for pk in ids)
        mentions.append((start, mention))
    mentions.sort(key=lambda pair: pair[0])
    for position, (_, mention) in enumerate(mentions, start=1):
        mention.position = position
    draft.mentions = [mention for _, mention in mentions]
    _possible_detainees(draft, occurrences, layout)


def _clause(layout: _Layout, position: int) -> tuple[int, int]:
    """The sentence around `position`, narrowed to its clause between semicolons."""
    sentence = layout.sentence_at(position)
    start, end = sentence.start, sentence.end
    semicolon = layout.text.rfind(";", start, position)
    if semicolon != -1:
        start = semicolon + 1
    after = layout.text.find(";", position, end)
    if after != -1:
        end = after
    return _trimmed(layout.text, start, end)


def _role_given(text: str, start: int, end: int, clause_start: int, clause_end: int) -> str:
    after = re.match(
        r",\s+((?:former|current|ex-)\s[^,;.()]+?)\s*(?=[,;.)]|$)", text[end:clause_end]
    )
    if after:
        return normalise_space(after.group(1))
    before_text = text[clause_start:start]
    # A name in a list takes the role printed before the list.
    list_head = re.search(
        r"\b((?:former|current)\s+(?:[A-Za-z]+\s+){0,4}?)(?:[^\W\d_][\w\u2019'\-]*\s+[^\W\d_][\w\u2019'\-]*"
        r",\s+(?:and\s+)?)*$",
        before_text,
    )
    if not list_head:
        return ""
    role = normalise_space(list_head.group(1))
    words = role.split()
    if len(words) <= 3 and words[-1].endswith("s") and not words[-1].endswith("ss"):
        words[-1] = words[-1][:-1]
    return " ".join(words)


def _possible_detainees(
    draft: LetterDraft, occurrences: dict[tuple[int, ...], list[tuple[int, int]]], layout: _Layout
) -> None:
    """Armenian-looking names near words of detention that match no known detainee: listed
    for the editor to check (they may be detainees the archive does not have yet)."""
    text = draft.text
    matched = [span for spans in occurrences.values() for span in spans]
    seen: set[str] = set()
    for found in ARMENIAN_SURNAME.finditer(text):
        if any(start <= found.start() < end for start, end in matched):
            continue
        if NOT_A_DETAINEE_BEFORE.search(text[max(0, found.start() - 40) : found.start()]):
            continue
        sentence = layout.sentence_at(found.start())
        name = found["name"]
        if name.split()[0] in NOT_GIVEN_NAMES or name.split()[-1] in NOT_SURNAMES:
            continue
        if DETENTION_CUES.search(text[sentence.start : sentence.end]) and name not in seen:
            seen.add(name)
            draft.warnings.append(
                f"“{name}” is named near words of detention but is not a known detainee: "
                "add them (or an alias) in the admin if the letter names them as one."
            )


def _read_demands(draft: LetterDraft, demands: list[Demand], layout: _Layout) -> None:
    """Each known kind of demand, where the letter (or the press release, quoting or
    paraphrasing it) asks for it. Where the text reproduces the letter in full, only the
    letter is read; statements by the publisher or advocates are never the letter's."""
    text = draft.text
    full_letter = draft.letter_start is not None and not draft.letter_text_is_partial
    area_start = draft.letter_start if full_letter and draft.letter_start is not None else 0
    skipped = _third_party_paragraphs(layout)
    sentences = [
        sentence
        for sentence in layout.sentences
        if sentence.start >= area_start and layout.paragraph_at(sentence.start) not in skipped
    ]
    found: list[tuple[int, DraftDemand]] = []
    for demand in demands:
        rule = DEMAND_RULES.get(demand.slug)
        if rule is None:
            continue
        best: tuple[int, int, int, int, str] | None = None
        for sentence in sentences:
            hit = rule.search(text, sentence.start, sentence.end)
            unless = DEMAND_UNLESS.get(demand.slug)
            if not hit or (unless and unless.search(text, sentence.start, sentence.end)):
                continue
            start, end, origin = _wording_span(draft, layout, sentence, hit.start())
            score = (2 if sentence.is_bullet else 0) + (2 if origin != "paraphrase" else 0)
            score += 1 if ASK_WORDS.search(text, start, end) else 0
            candidate = (-score, start, start, end, origin)
            best = min(best, candidate) if best else candidate
        if best is not None:
            _, _, start, end, origin = best
            found.append((start, DraftDemand(0, demand, text[start:end], origin)))
    found.sort(key=lambda pair: pair[0])
    for position, (_, demand) in enumerate(found, start=1):
        demand.position = position
    draft.demands = [demand for _, demand in found]


THIRD_PARTY = re.compile(
    r"\b(?:said|stated|added)\b[^.”]{0,80}\b(?:ANCA|Director|Chairman|Chair|spokes\w*)\b"
    r"|^\s*(?:Advocates|Participants)\b"
)


def _third_party_paragraphs(layout: _Layout) -> set[_Span]:
    """Paragraphs that quote the publisher or advocates (and the quotes continuing them)."""
    skipped: set[_Span] = set()
    previous_skipped = False
    for paragraph in layout.paragraphs:
        body = layout.text[paragraph.start : paragraph.end]
        if THIRD_PARTY.search(body) or (previous_skipped and body.startswith("“")):
            skipped.add(paragraph)
            previous_skipped = True
        else:
            previous_skipped = False
    return skipped


LEADING_NOISE = re.compile(
    r"^(?:date\s+\d{4}-\d{2}-\d{2}\s+)?(?:[A-Z][A-Z .,]{2,}\s*[\u2014\u2013-]+\s*)?"
)


def _wording_span(
    draft: LetterDraft, layout: _Layout, sentence: _Span, position: int
) -> tuple[int, int, str]:
    """The words of an ask: the sentence (or bullet); in a press release, only the quoted
    words where the ask stands inside a quotation of the letter."""
    text = draft.text
    if draft.letter_start is not None and sentence.start >= draft.letter_start:
        start, end = _trimmed(text, sentence.start, sentence.end)
        return start, end, WordingOrigin.LETTER_TEXT
    paragraph = layout.paragraph_at(position)
    before = text[paragraph.start : position]
    if before.count("“") > before.count("”"):
        opening = text.rfind("“", paragraph.start, position)
        closing = text.find("”", position, sentence.end)
        start = max(opening + 1, sentence.start)
        end = closing if closing != -1 else sentence.end
        start, end = _trimmed(text, start, end)
        return start, end, WordingOrigin.QUOTED
    start, end = _trimmed(text, sentence.start, sentence.end)
    noise = LEADING_NOISE.match(text, start, end)
    return (noise.end() if noise else start), end, WordingOrigin.PARAPHRASE


# --- Recognising a letter already in the archive ----------------------------------------------


def find_existing_letter(draft: LetterDraft) -> Letter | None:
    """The archive's letter this draft describes, if any: the same title (of the letter or
    of one of its sources), or the same date at the draft's precision with the same
    recipients and at least one signer in common (any signer, where the draft names none).

    Queries letters by title and by date, then their recipients and signers."""
    titles = {title for title in (draft.title, draft.headline) if title}
    if titles:
        by_title = Q()
        for title in titles:
            by_title |= Q(title__iexact=title) | Q(sources__title__iexact=title)
        same_title = Letter.objects.filter(by_title).distinct().first()
        if same_title is not None:
            return same_title
    if draft.date is None:
        return None
    day = draft.date.date
    same_month = Q(date__year=day.year, date__month=day.month)
    if draft.date.precision == Letter.DatePrecision.DAY:
        same_date = Q(date=day) | (same_month & Q(date_precision=Letter.DatePrecision.MONTH))
    else:
        same_date = same_month
    recipients = {item.recipient.pk for item in draft.recipients if item.recipient}
    signers = {signer.legislator.pk for signer in draft.signers if signer.legislator}
    best: tuple[int, Letter] | None = None
    for letter in Letter.objects.filter(same_date).prefetch_related("addressees", "signatories"):
        if {item.recipient_id for item in letter.addressees.all()} != recipients:
            continue
        shared = len(signers & {item.legislator_id for item in letter.signatories.all()})
        if signers and not shared:
            continue
        if best is None or shared > best[0]:
            best = (shared, letter)
    return best[1] if best else None


# --- Saving what the editor confirmed ---------------------------------------------------------


@dataclass
class Resolutions:
    """The editor's decisions on a draft: a legislator chosen for a signer (by position),
    roles changed, and items left out (by kind and position)."""

    legislators: dict[int, Legislator] = field(default_factory=dict)
    roles: dict[int, str] = field(default_factory=dict)
    excluded: set[tuple[str, int]] = field(default_factory=set)

    def keeps(self, kind: str, position: int) -> bool:
        return (kind, position) not in self.excluded


def save_draft(
    draft: LetterDraft,
    *,
    slug: str,
    title: str,
    summary: str,
    source_title: str,
    source_kind: str,
    resolutions: Resolutions | None = None,
    user: object | None = None,
) -> Letter:
    """Create the source (the text as received), the letter and its signers, recipients,
    demands and mentions, each quoting that source; every row is validated (full_clean,
    which checks the quotes). One transaction: any invalid row saves nothing.

    Raises ValidationError where a kept item is unresolved or a row is invalid."""
    resolutions = resolutions or Resolutions()
    if draft.date is None:
        raise ValidationError({"date": "The draft has no date: the text must give one."})
    if not draft.chamber:
        raise ValidationError({"chamber": "The draft does not say House or Senate."})
    signers: list[tuple[DraftSigner, Legislator]] = []
    problems: list[str] = []
    for signer in draft.signers:
        if not resolutions.keeps("signer", signer.position):
            continue
        legislator = resolutions.legislators.get(signer.position)
        if legislator is None and signer.is_resolved:
            legislator = signer.legislator
        if legislator is None:
            problems.append(f"Choose the legislator for {signer.describe()}, or leave it out.")
            continue
        signers.append((signer, legislator))
    for recipient in draft.recipients:
        if resolutions.keeps("recipient", recipient.position) and recipient.recipient is None:
            problems.append(f"Add {recipient.printed_name} as a recipient first, or leave out.")
    for mention in draft.mentions:
        if resolutions.keeps("mention", mention.position) and mention.detainee is None:
            problems.append(f"{mention.printed_name} is ambiguous: leave it out or add later.")
    if problems:
        raise ValidationError(problems)
    with transaction.atomic(), reversion.create_revision():
        reversion.set_comment("Drafted from pasted text")
        if user is not None:
            reversion.set_user(user)
        source = Source(
            slug=_source_slug(slug, source_kind),
            title=source_title,
            kind=source_kind,
            published_on=draft.published_on,
            full_text=draft.text,
        )
        _save(source)
        letter = Letter(
            slug=slug,
            title=title,
            date=draft.date.date,
            date_precision=draft.date.precision,
            date_passage=draft.date.passage,
            date_note=draft.date.note,
            chamber=draft.chamber,
            chamber_note=draft.chamber_note,
            summary=summary,
            full_text=draft.letter_text,
            full_text_is_partial=draft.letter_text_is_partial,
            signers_stated=draft.signers_stated,
            signers_stated_passage=draft.signers_stated_passage if draft.signers_stated else "",
            signers_note=_signers_note(draft, len(signers)),
        )
        _save(letter)
        letter.sources.set([source])
        letter.check_passages([source])
        for position, (signer, legislator) in enumerate(signers, start=1):
            _save(
                Signatory(
                    letter=letter,
                    legislator=legislator,
                    role=resolutions.roles.get(signer.position, signer.role),
                    printed_name=signer.printed_name,
                    printed_party_state=signer.printed_party_state,
                    position=position,
                    source=source,
                    passage=signer.passage,
                )
            )
        kept_recipients = [
            item
            for item in draft.recipients
            if resolutions.keeps("recipient", item.position) and item.recipient
        ]
        for position, item in enumerate(kept_recipients, start=1):
            _save(
                LetterRecipient(
                    letter=letter,
                    recipient=item.recipient,
                    printed_title=item.printed_title,
                    position=position,
                    passage=item.passage,
                    source=source,
                )
            )
        kept_demands = [d for d in draft.demands if resolutions.keeps("demand", d.position)]
        for position, item in enumerate(kept_demands, start=1):
            _save(
                LetterDemand(
                    letter=letter,
                    demand=item.demand,
                    position=position,
                    wording=item.wording,
                    wording_origin=item.wording_origin,
                    source=source,
                )
            )
        kept_mentions = [
            m for m in draft.mentions if resolutions.keeps("mention", m.position) and m.detainee
        ]
        for position, item in enumerate(kept_mentions, start=1):
            _save(
                DetaineeMention(
                    letter=letter,
                    detainee=item.detainee,
                    printed_name=item.printed_name,
                    role_given=item.role_given,
                    position=position,
                    passage=item.passage,
                    source=source,
                )
            )
    return letter


def _save(row: object) -> None:
    row.full_clean()  # type: ignore[attr-defined]
    row.save()  # type: ignore[attr-defined]


def _source_slug(slug: str, source_kind: str) -> str:
    return slugify(f"{slug}-{source_kind.replace('_', '-')}")[:160]


def _signers_note(draft: LetterDraft, recorded: int) -> str:
    if draft.unnamed_signature_blocks:
        return (
            f"The text's {draft.unnamed_signature_blocks} signature blocks carry no names, so "
            "those signers are not recorded."
        )
    if draft.signers_stated and recorded < draft.signers_stated:
        return f"The source names {recorded} of the {draft.signers_stated} signers it states."
    return ""


def draft_summary_lines(draft: LetterDraft, existing: Letter | None) -> Iterable[str]:
    """The draft as plain lines, for the management command."""
    yield f"Title: {draft.title or '(none given)'}"
    yield f"Date: {draft.date.display if draft.date else '(not found)'}" + (
        f"  [{draft.date.passage!r}]" if draft.date else ""
    )
    if draft.date and draft.date.note:
        yield f"  {draft.date.note}"
    yield f"Chamber: {draft.chamber or '(not found)'}" + (
        f"  ({draft.chamber_note})" if draft.chamber_note else ""
    )
    stated = f"{draft.signers_stated} [{draft.signers_stated_passage!r}]"
    yield f"Signers stated: {stated if draft.signers_stated else '(not stated)'}"
    yield f"Signers ({len(draft.signers)}; leads: {len(draft.leads)}):"
    for signer in draft.signers:
        if signer.legislator is not None:
            outcome = f"-> {signer.legislator} [{signer.legislator.slug}]"
        elif signer.candidates:
            outcome = "AMBIGUOUS: " + ", ".join(f"{c} [{c.slug}]" for c in signer.candidates)
        else:
            outcome = "UNMATCHED"
        yield f"  {signer.position:>2}. {signer.describe():<40} {signer.role:<9} {outcome}"
    if draft.unnamed_signature_blocks:
        yield f"  + {draft.unnamed_signature_blocks} unnamed signature blocks"
    yield "Recipients:"
    for recipient in draft.recipients:
        outcome = f"-> {recipient.recipient.slug}" if recipient.recipient else "UNMATCHED"
        yield f"  {recipient.printed_title} {recipient.printed_name} {outcome}"
    yield "Detainees:"
    for mention in draft.mentions:
        outcome = f"-> {mention.detainee.slug}" if mention.detainee else "AMBIGUOUS"
        role = f" ({mention.role_given})" if mention.role_given else ""
        yield f"  {mention.printed_name}{role} {outcome}"
    yield "Demands:"
    for demand in draft.demands:
        yield f"  {demand.demand.slug} [{demand.wording_origin}]: {normalise_space(demand.wording)}"
    for name in draft.others_named:
        yield f"Also named, not taken as a signer: {name}"
    for warning in draft.warnings:
        yield f"Warning: {warning}"
    if existing is not None:
        yield f"Already in the archive: {existing.title} ({existing.slug})"
    unresolved = draft.unresolved
    yield f"To resolve ({len(unresolved)}):" if unresolved else "Nothing to resolve."
    for problem in unresolved:
        yield f"  - {problem}"
