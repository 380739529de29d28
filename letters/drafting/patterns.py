"""What the reader looks for: the regular expressions and word tables of every stage."""

from __future__ import annotations

import calendar
import re

import us

from archive.badges import COMMA_BADGE, PAREN_BADGE
from archive.names import HONORIFICS

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
    r"^[ \t]*+(?P<date>date[ \t]++(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2}))\b",
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
# Possessive and atomic, and never begun inside a word: a run of capitals or initials is
# tried once, not once per letter with every shorter split.
_NAME_WORD = rf"(?>(?<![\w\u2019'\-])[{_UPPER}][\w\u2019'\-]*+\.?|[{_UPPER}]\.)"
_SUFFIX = r"(?:,?[ \t]+(?:Jr|Sr|II|III|IV|M\.D|Ph\.D)\.?)"
# The first word's capital comes first, so the search skips to capitals without trying the
# pattern at every other character.
_FIRST_NAME_WORD = rf"[{_UPPER}](?<![\w\u2019'\-].)[\w\u2019'\-]*+\.?"
NAMED_BADGE = re.compile(
    rf"(?P<name>{_FIRST_NAME_WORD}(?:[ \t\u00a0]++{_NAME_WORD}){{0,5}}+{_SUFFIX}?)"
    rf"(?P<badge>[ \t\u00a0]*+{PAREN_BADGE}|{COMMA_BADGE})"
)
# Something like a party badge that the reader cannot take as one ('(D-Nowhere)'): reported,
# so that no signer is left out silently.
BADGE_LIKE = re.compile(
    r"\([ \t]*(?:D|R|I|ID|Dem|Rep|Ind)\.?[ \t]*[-\u2013\u2014,][ \t]*[^()\n]{1,18}\)"
)
# A title before one name or a list of names, without or with badges: 'Rep. Dina Titus',
# 'Senators Markey and Cassidy', 'Representatives Lawler, Pallone, Bilirakis and Amo'.
# Plural titles also lowercase, as news reports print them ('US senators Ed Markey and ...').
_MEMBER_TITLES = (
    r"Reps?\.|Sens?\.|Del\.|Representatives?|Senators?|Congresswom[ae]n"
    r"|Congressm[ae]n|Congressmembers?|Congress[ \t]+(?:wo)?m[ae]n|Delegates?"
    r"|Resident[ \t]+Commissioner|senators|representatives"
)
# A party word before a name, or before a title and a name: 'Republican Gus Bilirakis',
# 'Democratic Congressman Frank Pallone'.
PARTY_WORDS = r"Democrat(?:ic)?|Republican|Independent"
# Caucus offices before names ('Caucus co-chairs Frank Pallone, ...'), unless a member's
# title follows (the title then starts the list).
_CAUCUS_TITLES = rf"(?:Vice[- ])?[Cc]o-?[Cc]hairs?(?![ \t]+(?:{_MEMBER_TITLES}|U\.S\.)(?![\w]))"
# A member's title before any word, capitalised or not ('Rep. gus bilirakis' in an OCR'd
# text): where no name was read after it, a signer may be lost.
TITLE_BEFORE_WORD = re.compile(rf"\b(?P<title>{_MEMBER_TITLES})(?=[ \t\u00a0]+[^\W\d_])")
# A delegation before the party word: 'California Democratic Reps. Sherman, Chu and ...'.
_STATE_NAMES = "|".join(
    sorted((state.name.replace(" ", "[ \t]+") for state in us.states.STATES), key=len, reverse=True)
)
MEMBER_TITLE = re.compile(
    rf"\b(?:(?:(?P<state>{_STATE_NAMES})[ \t]+)?(?P<party>{PARTY_WORDS})[ \t]+"
    rf"(?:(?:U\.S\.[ \t]+)?(?P<ptitle>{_MEMBER_TITLES}))?"
    rf"|(?P<title>{_MEMBER_TITLES}|{_CAUCUS_TITLES}))(?=[ \t\u00a0]*+[A-Z\u00c0-\u024f])"
)
# A name after a title: capitalised words; a period only after an initial ('Edward J.
# Markey') or in a suffix, so a name never runs on into the next sentence.
# An initial is tried first, so 'Antony J. Blinken' is not cut at the initial's period.
_LOWER = "a-z\u00df-\u024f\u2019'\\-"
_TITLED_WORD = rf"(?:[{_UPPER}]\.|[{_UPPER}][{_LOWER}]*+(?:[{_UPPER}][{_LOWER}]++)*+)"
TITLED_NAME = re.compile(
    rf"(?P<name>{_TITLED_WORD}(?:[ \t\u00a0]+{_TITLED_WORD}){{0,3}}{_SUFFIX}?)"
    rf"(?:(?P<badge>[ \t\u00a0]*{PAREN_BADGE}|{COMMA_BADGE}))?"
)
# Between two names of one list: a comma, 'and', '&', perhaps a title ('and Rep.').
LIST_SEPARATOR = re.compile(
    r"(?:[ \t]*[,;][ \t]*(?:(?:and|&)[ \t]+)?|[ \t]+(?:and|&)[ \t]+)"
    r"(?:(?:Reps?\.|Sens?\.|Representative|Senator|Congresswoman|Congressman)[ \t]+)?"
)
# Words that are never part of a signer's name: a list that reaches one has ended.
NOT_NAME_WORDS: frozenset[str] = frozenset(
    [
        "the",
        "this",
        "that",
        "these",
        "those",
        "a",
        "an",
        "and",
        "or",
        "but",
        "for",
        "with",
        "who",
        "whose",
        "which",
        "in",
        "on",
        "at",
        "by",
        "of",
        "to",
        "from",
        "as",
        "has",
        "have",
        "had",
        "was",
        "were",
        "is",
        "are",
        "said",
        "stated",
        "wrote",
        "led",
        "also",
        "joined",
        "both",
        "all",
        "other",
        "others",
        "colleagues",
        "members",
        "member",
        "caucus",
        "congressional",
        "armenian",
        "american",
        "congress",
        "house",
        "senate",
        "committee",
        "commission",
        "administration",
        "department",
        "state",
        "states",
        "united",
        "u.s",
        "us",
        "representatives",
        "senators",
        "republicans",
        "democrats",
        "republican",
        "democratic",
        "bipartisan",
        "letter",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "yesterday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "washington",
        "azerbaijan",
        "armenia",
        "artsakh",
        "foreign",
        "affairs",
        "relations",
        "secretary",
        "president",
        "ambassador",
        "advisor",
        "adviser",
        "administrator",
        "director",
        "minister",
        "chairman",
        "chairwoman",
        "speaker",
        "ask",
        "asks",
        "urge",
        "urges",
        "call",
        "calls",
        "press",
        "demand",
        "demands",
        "welcome",
        "thank",
        "applaud",
        "praise",
        "join",
        "lead",
        "leads",
        "send",
        "sends",
        "write",
        "writes",
        "warn",
        "seek",
        "push",
        "co-chairs",
        "co-chair",
        "chair",
        "party",
        "leader",
        "leadership",
        "whip",
        "senator",
        "representative",
        "congressman",
        "congresswoman",
        "rep",
        "sen",
    ]
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
# Between two lists of names printed as one ('A (D-NV), B (R-NJ)' and a line break).
LIST_GAP = re.compile(r"[ \t]*(?:[,;&]|and|,[ \t]*and)?[ \t]*\n?[ \t]*")
# Before a list of leads: 'led by', 'spearheaded by', 'initiated by', 'co-led by' (with a few
# words such as 'Congressional Armenian Caucus leaders' between).
LEAD_BEFORE = re.compile(
    r"\b(?:co-?led|led|spearheaded|initiated|organized|authored|headed)[ \t]+by[ \t]+"
    r"(?:[\w\u2019'.\-]+[ \t]+){0,6}$",
    re.IGNORECASE,
)
# After a list of leads: 'X led the letter', 'X and Y co-led this bipartisan letter', 'X, who
# spearheaded the effort', 'X and Y were joined by ...'.
# An apposition may stand between ('X and Y, the leaders of the Caucus, led ...').
LEAD_AFTER = re.compile(
    r"[ \t]*,?[ \t]*(?:[^,.;\n]{1,80}+,[ \t]*)?(?:who[ \t]+)?(?:today[ \t]+)?"
    r"(?:(?:co-?led|led|spearheaded|initiated|authored|"
    r"organized)[ \t]+(?:the|this|a|their)[ \t]+(?:[\w\-]+[ \t]+){0,3}?"
    r"(?:letter|effort|push|appeal)|(?:were|was)[ \t]+joined[ \t]+by"
    r"|(?:today[ \t]+)?(?:co-?led|led)[ \t]+(?:[\w\-]+[ \t]+){0,8}?(?:in|on)[ \t]+"
    r"(?:(?:sending|writing|signing)[ \t]+)?(?:a|the|this)"
    r"[ \t]+(?:[\w\-]+[ \t]+){0,3}?letter)\b",
    re.IGNORECASE,
)
# 'X joined Y and 25 colleagues in writing': Y leads the letter X joined.
JOINED_LEAD_BEFORE = re.compile(r"\bjoined[ \t]+$", re.IGNORECASE)
JOINED_LEAD_AFTER = re.compile(
    r"[ \t]+and[ \t]+(?:\d{1,3}|[a-z]+(?:-[a-z]+)?)[ \t]+(?:other[ \t]+|of[ \t]+(?:his|her|their)"
    r"[ \t]+)?(?:colleagues|others|senators|representatives|members)\b",
    re.IGNORECASE,
)
# A sentence that names signers: about the letter, its signing or its leads.
SIGNING_CUES = re.compile(
    r"\bletters?\b|\bled by\b|\bco-?led\b|co-?sign|\bsign(?:ed|ing|atories|ers)\b"
    r"|\bjoin(?:ed|ing)\b|\bspearhead|\binitiated\b|\bcalled on\b|\burg(?:ed|es|ing)\b"
    r"|\bwr(?:ote|iting|itten) to\b|\bamong them\b",
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
    r"[ \t]+)*(?P<noun>Representatives|Senators|Members|lawmakers|legislators|Democrats"
    r"|Republicans)\b",
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
    | {"m.d", "ph.d"}
    | {"hon", "u.s", "h.r", "s", "res", "h.res", "s.res", "vs", "sept", "oct", "nov", "dec"}
    | {"jan", "feb", "mar", "apr", "aug", "inc", "co", "ltd", "e.g", "i.e", "mt", "ft"}
)
DETENTION_CUES = re.compile(
    r"detain|prisoner|hostage|captive|custody|imprison|jail|arrest|POW", re.IGNORECASE
)
# The capital first (then no word character before it), so the search skips to capitals.
ARMENIAN_SURNAME = re.compile(
    rf"(?P<name>[{_UPPER}](?<!\w.)[a-z]++[ \t]++[{_UPPER}][a-z]+"
    r"(?:yan|ian|yants|iants|unts|ounts))\b"
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
WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")


THIRD_PARTY = re.compile(
    r"\b(?:said|stated|added)\b[^.”]{0,80}\b(?:ANCA|Director|Chairman|Chair|spokes\w*)\b"
    r"|^\s*(?:Advocates|Participants)\b"
)


# A dateline's place and dash before a sentence ('WASHINGTON, D.C. — '), wherever the
# sentence starts (applied with match() at its start); possessive, so a run of spaces or
# capitals without a dash is read once.
LEADING_NOISE = re.compile(
    r"(?:date\s++\d{4}-\d{2}-\d{2}\s++)?(?:[A-Z][A-Z .,]{2,}+\s*+[\u2014\u2013-]++\s*+)?"
)
