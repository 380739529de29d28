"""The letter's date, as exactly as the text gives it, with its precision and passage.

In order: the letter's own dateline (a date line over the address or salutation); a date the
text gives for sending the letter ('sent a letter on March 3', 'The February 6th letter');
'today', 'yesterday' or 'on Wednesday' in a sentence about sending it, counted from the
release's date; the release's month; a month the text gives for the letter. A date of another
event (a meeting, a hearing) is never taken: only dates tied to the letter by these forms.
"""

from __future__ import annotations

import calendar
import datetime
import re

from letters.drafting.draft import DraftDate, LetterDraft
from letters.drafting.layout import Layout, Span
from letters.drafting.patterns import DATE_HEADER, MONTH_OF_LETTER, MONTHS
from letters.models import Letter

_MONTH_FORMS: dict[str, int] = dict(MONTHS)
for _number, _abbr in enumerate(calendar.month_abbr):
    if _abbr:
        _MONTH_FORMS[_abbr.casefold()] = _number
_MONTH_FORMS["sept"] = 9
_MONTH = "(?:" + "|".join(sorted(_MONTH_FORMS, key=len, reverse=True)) + r")\.?"
_DAY_DATE = (
    rf"(?P<month>{_MONTH})[ \t]+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?![\d\-\u2013])"
    rf"(?:,?[ \t]+(?P<year>\d{{4}}))?"
)
DAY_DATE = re.compile(rf"\b{_DAY_DATE}", re.IGNORECASE)
# A date at the start of a line, with its year: a dateline.
DATELINE = re.compile(rf"^[ \t]*(?P<date>{_DAY_DATE})", re.MULTILINE | re.IGNORECASE)
LETTER_OPENING = re.compile(r"The Honorable|\bDear\b")
WEEKDAYS = {name.casefold(): number for number, name in enumerate(calendar.day_name)}
_WEEKDAY = "(?:" + "|".join(calendar.day_name) + ")"

# Forms that tie a date to the letter (the date is the group 'at').
LETTER_DATE_FORMS = re.compile(
    rf"\bletter[ \t]+(?:dated|sent[ \t]+on|of|on)[ \t]+(?P<at1>{_MONTH}[ \t]+\d)"
    rf"|\b(?:sent|wrote|signed|delivered|penned|issued|released)\b[^.;\n]{{0,80}}?\bon[ \t]+"
    rf"(?:{_WEEKDAY},?[ \t]+)?(?P<at2>{_MONTH}[ \t]+\d)"
    rf"|\b(?:the|their|this|a)[ \t]+(?P<at3>{_MONTH}[ \t]+\d{{1,2}}(?:st|nd|rd|th)?),?[ \t]+"
    rf"(?:[\w\-\u2019']+[ \t]+){{0,5}}?letter\b",
    re.IGNORECASE,
)
SENTENCE_OPENING_DATE = re.compile(
    rf"(?:On[ \t]+)?(?:{_WEEKDAY},?[ \t]+)?(?P<at>{_MONTH}[ \t]+\d)", re.IGNORECASE
)
SENDING = re.compile(r"\b(?:sent|wrote|writ(?:es|ing)|signed|penned|delivered|letter)\b", re.I)
RELATIVE_DAY = re.compile(
    rf"\b(?P<word>today|yesterday)\b|\b(?:on|this|last)[ \t]+(?P<weekday>{_WEEKDAY})\b",
    re.IGNORECASE,
)
RELEASE_REACH = 400
# Words naming the letter, and the events whose dates are never the letter's: a date is
# taken only where no such event stands between it and the letter.
LETTER_WORD = re.compile(r"\bletters?\b|\bwr(?:ote|ites|iting)\b", re.IGNORECASE)
OTHER_EVENT = re.compile(
    r"\b(?:agreements?|accords?|declarations?|deals?|treat(?:y|ies)|memorand(?:um|a)"
    r"|cease-?fires?|summits?|hearings?|meetings?|resolutions?|statements?|talks|elections?"
    r"|trials?|verdicts?|visits?|conferences?|bills?|laws?|orders?|initialed|signing"
    r"|courts?|sentenc(?:ed|es?|ing)|convicted|arrested)\b",
    re.IGNORECASE,
)
# What may stand before a text's own date on its line: nothing, or a place in capitals
# ('WASHINGTON (', 'WASHINGTON, DC, UNITED STATES, ').
RELEASE_DATELINE = re.compile(r"[ \t]*(?:[A-Z][A-Z.,' ]*+[ \t]*[(\u2013\u2014-]?[ \t]*)?")
# How far from a date the word tying it to the letter is looked for.
TIE_REACH = 200
# Verbs of reporting: 'today' or 'on Tuesday' next to them dates the report, not the letter.
REPORTING = re.compile(
    r"\b(?:reported|reports|said|says|announced|told|stated|published|posted|added|met|visited)\b",
    re.IGNORECASE,
)


def read_date(draft: LetterDraft, layout: Layout) -> None:
    draft.published_on, draft.published_passage = _release_date(draft)
    for read in (_dateline, _date_in_prose, _relative_date, _release_month, _month_only):
        found = read(draft, layout)
        if found is not None:
            draft.date = found
            return


def _day(found: re.Match[str], default_year: int | None) -> datetime.date | None:
    month = _MONTH_FORMS.get(found["month"].rstrip(".").casefold())
    year = int(found["year"]) if found["year"] else default_year
    if month is None or year is None:
        return None
    try:
        return datetime.date(year, month, int(found["day"]))
    except ValueError:
        return None


def _release_date(draft: LetterDraft) -> tuple[datetime.date | None, str]:
    """The date the text itself was published: a 'date 2025-04-08' header, or a dated line
    at its top (a press dateline) that does not open the letter."""
    text = draft.text
    header = DATE_HEADER.search(text)
    if header:
        try:
            day = datetime.date(int(header["year"]), int(header["month"]), int(header["day"]))
        except ValueError:
            return None, ""
        return day, header["date"]
    letter_start = len(text) if draft.letter_start is None else draft.letter_start
    for found in DAY_DATE.finditer(text, 0, min(len(text), RELEASE_REACH, letter_start)):
        line_start = text.rfind("\n", 0, found.start()) + 1
        if not RELEASE_DATELINE.fullmatch(text, line_start, found.start()):
            continue  # a date in a sentence: an event's, not the text's own
        if found["year"] and not LETTER_OPENING.search(text, found.end(), found.end() + 400):
            return _day(found, None), found.group().strip()
    return None, ""


def _dateline(draft: LetterDraft, layout: Layout) -> DraftDate | None:
    """The letter's own dateline: a dated line followed by the address or salutation, or
    the first dated line of the letter's text."""
    text = draft.text
    for found in DATELINE.finditer(text):
        in_letter = draft.letter_start is not None and found.start() >= draft.letter_start
        opens = LETTER_OPENING.search(text, found.end(), found.end() + 400)
        if not found["year"] or not (in_letter or opens):
            continue
        day = _day(found, None)
        if day is not None:
            return DraftDate(day, Letter.DatePrecision.DAY, found["date"].strip())
    return None


def _year_for(draft: LetterDraft, month: int) -> int | None:
    release = draft.published_on
    if release is None:
        return None
    return release.year if month <= release.month else release.year - 1


def _date_in_prose(draft: LetterDraft, layout: Layout) -> DraftDate | None:
    text = draft.text
    for sentence in layout.sentences:
        if not SENDING.search(text, sentence.start, sentence.end):
            continue
        starts = [
            m.start(g)
            for m in LETTER_DATE_FORMS.finditer(text, sentence.start, sentence.end)
            for g in ("at1", "at2", "at3")
            if m.start(g) != -1
        ]
        opening = SENTENCE_OPENING_DATE.match(text, sentence.start, sentence.end)
        if opening and re.match(r"[^,]{0,12},", text[opening.end("at") : sentence.end]):
            starts.append(opening.start("at"))
        for start in sorted(starts):
            found = DAY_DATE.match(text, start)
            if found is None or not _tied_to_letter(text, sentence, found.start(), found.end()):
                continue
            month = _MONTH_FORMS.get(found["month"].rstrip(".").casefold(), 0)
            day = _day(found, _year_for(draft, month))
            if day is None:
                continue
            note = (
                ""
                if found["year"]
                else (
                    f"The text gives the day without a year; the year is that of the text's date "
                    f"({draft.published_on.isoformat() if draft.published_on else ''})."
                )
            )
            return DraftDate(day, Letter.DatePrecision.DAY, found.group().strip(), note=note)
    return None


def _tied_to_letter(text: str, sentence: Span, start: int, end: int) -> bool:
    """Whether the sentence ties the date at start:end to the letter: a word naming the
    letter, with no other event (an agreement, a hearing) between the two."""
    window = (max(sentence.start, start - TIE_REACH), min(sentence.end, end + TIE_REACH))
    for word in LETTER_WORD.finditer(text, *window):
        gap = (end, word.start()) if word.start() >= end else (word.end(), start)
        if not OTHER_EVENT.search(text, *gap):
            return True
    return False


def _tied_to_sending(text: str, sentence: Span, start: int, end: int) -> bool:
    """Whether 'today' / 'on Tuesday' at start:end dates the sending: the nearest word of
    sending is not behind a verb of reporting ('a news agency reported on Tuesday')."""
    nearest: tuple[int, int, int] | None = None
    window = (max(sentence.start, start - TIE_REACH), min(sentence.end, end + TIE_REACH))
    for word in SENDING.finditer(text, *window):
        gap = (end, word.start()) if word.start() >= end else (word.end(), start)
        if nearest is None or gap[1] - gap[0] < nearest[0]:
            nearest = (gap[1] - gap[0], *gap)
    return nearest is not None and not REPORTING.search(text, nearest[1], nearest[2])


def _relative_date(draft: LetterDraft, layout: Layout) -> DraftDate | None:
    """'sent a letter today' / 'on Wednesday' in a text dated by its release."""
    release = draft.published_on
    if release is None:
        return None
    text = draft.text
    for sentence in layout.sentences:
        if not SENDING.search(text, sentence.start, sentence.end):
            continue
        found = RELATIVE_DAY.search(text, sentence.start, sentence.end)
        if found is None or not _tied_to_sending(text, sentence, found.start(), found.end()):
            continue
        if found["word"]:
            back = 0 if found["word"].casefold() == "today" else 1
        else:
            back = (release.weekday() - WEEKDAYS[found["weekday"].casefold()]) % 7
        day = release - datetime.timedelta(days=back)
        note = (
            f"“{found.group()}” in a text dated {release.isoformat()}: the letter is dated "
            f"{day.isoformat()}."
        )
        return DraftDate(day, Letter.DatePrecision.DAY, found.group(), note=note)
    return None


def _release_month(draft: LetterDraft, layout: Layout) -> DraftDate | None:
    if draft.published_on is None:
        return None
    return DraftDate(
        draft.published_on.replace(day=1),
        Letter.DatePrecision.MONTH,
        draft.published_passage,
        note=f"The source does not date the letter itself. The text is dated "
        f"{draft.published_on.isoformat()}; the draft therefore gives the month only.",
        is_the_texts=True,
    )


def _month_only(draft: LetterDraft, layout: Layout) -> DraftDate | None:
    month = MONTH_OF_LETTER.search(draft.text)
    if month is None:
        return None
    name = month["month"] or month["month2"]
    year = int(month["year"] or month["year2"])
    return DraftDate(
        datetime.date(year, MONTHS[name.casefold()], 1),
        Letter.DatePrecision.MONTH,
        month["date"],
        note="The source gives the month of the letter, not the day.",
    )
