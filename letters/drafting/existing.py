"""Recognising a letter already in the archive from a draft of a text about it.

A text about a letter (a second press release, a news story, the letter's own text) shares
things with the letter's record: its date or month, its chamber, its recipients, its leads and
signers, the detainees it names, the demands it makes, its stated number of signers, and whole
phrases of its text. Each shared thing is evidence. Some differences rule a letter out
(another chamber, another exact date or month, other recipients, leads who did not lead it or
are not among its signers); another stated number of signers weighs against it (sources of
one letter may count differently). A letter is recognised only with evidence that singles it
out (or of three kinds, one its subject), nothing ruling it out, and clearly more than any
other letter: a text is never attached to a different letter, at the cost of sometimes not
recognising one (the editor is then shown the letters that came close, and those ruled out
with what rules them out).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q

from archive.dates import DateAtPrecision, DatePrecision
from letters.drafting.draft import DraftDate, LetterDraft
from letters.models import Letter, Signatory, SignatoryRole, Source

# Enough evidence to recognise a letter, and the lead it needs over the next candidate.
RECOGNISED = 5
MARGIN = 3
# Evidence that singles out one letter (a month, a recipient or a lead is shared by many):
# a letter is recognised only with one of these.
STRONG = frozenset({"title", "exact date", "wording", "count"})
# Or evidence of this many kinds, one of them the letter's subject (a month, the recipients
# and the demands of a letter whose record names no one are together as telling as one
# strong kind; a month, a recipient and the same leads are not: they write many letters).
KINDS = 3
SUBJECT = frozenset({"demands", "detainees"})
# What another stated number of signers weighs against a letter: sources of one letter may
# count differently (a late signer), so it does not rule the letter out.
DIFFERENT_COUNT = 3
# A letter ruled out is still shown where it shares this many kinds of evidence.
SHARED_KINDS = 2
# A candidate this close is named to the editor as possibly the same letter.
CLOSE = 3
# Letters looked at when the draft gives no date: those sharing most signers.
UNDATED_CANDIDATES = 50
# A phrase is this many words in a row; this many shared phrases found in no other
# candidate's text make the texts' wording evidence.
PHRASE_WORDS = 8
DISTINCTIVE_PHRASES = 3

_WORDS = re.compile(r"\w+")


@dataclass
class Recognition:
    """How well a letter of the archive fits a draft: the evidence for and against it."""

    letter: Letter
    score: int = 0
    evidence: list[str] = field(default_factory=list)
    kinds: set[str] = field(default_factory=set)
    against: list[str] = field(default_factory=list)
    # What the text says otherwise without ruling the letter out (a count one source gives
    # differently): it weighs against the letter and is shown beside the evidence.
    differs: list[str] = field(default_factory=list)

    def add(self, kind: str, points: int, why: str) -> None:
        self.score += points
        self.kinds.add(kind)
        self.evidence.append(why)

    @property
    def is_ruled_out(self) -> bool:
        return bool(self.against)

    @property
    def contrary(self) -> list[str]:
        """Everything the text says against the letter, what rules it out first."""
        return [*self.against, *self.differs]


def find_existing_letter(draft: LetterDraft) -> Letter | None:
    """The archive's letter this draft describes, or None (see recognise_letter)."""
    recognition = recognise_letter(draft)
    return recognition.letter if recognition else None


def recognise_letter(
    draft: LetterDraft, ranked: list[Recognition] | None = None
) -> Recognition | None:
    """The letter this draft is about, with the evidence, where one letter clearly fits and
    none other comes close (from `ranked`, weigh_candidates(), where given)."""
    ranked = weigh_candidates(draft) if ranked is None else ranked
    fitting = [r for r in ranked if not r.is_ruled_out]
    if not fitting:
        return None
    best = fitting[0]
    runner_up = fitting[1].score if len(fitting) > 1 else 0
    several = len(best.kinds) >= KINDS and bool(best.kinds & SUBJECT)
    enough = best.score >= RECOGNISED and bool(best.kinds & STRONG or several)
    if enough and best.score - runner_up >= MARGIN:
        return best
    return None


def close_letters(draft: LetterDraft, ranked: list[Recognition] | None = None) -> list[Recognition]:
    """Letters that fit the draft in part (nothing against them) without being recognised:
    the editor is shown them, to attach the text to one by choice."""
    ranked = weigh_candidates(draft) if ranked is None else ranked
    recognised = recognise_letter(draft, ranked)
    return [r for r in ranked if not r.is_ruled_out and r.score >= CLOSE and r is not recognised]


def ruled_out_letters(
    draft: LetterDraft, ranked: list[Recognition] | None = None
) -> list[Recognition]:
    """Letters that share much with the draft but that something in it contradicts (another
    count, date, recipient or leads): shown with both, for the editor to judge."""
    ranked = weigh_candidates(draft) if ranked is None else ranked
    return [r for r in ranked if r.is_ruled_out and len(r.kinds) >= SHARED_KINDS]


def weigh_candidates(draft: LetterDraft) -> list[Recognition]:
    """Every candidate letter weighed against the draft, best first. Queries the candidates
    once with their recipients, signers, detainees, demands and sources."""
    letters = list(_candidates(draft))
    draft_phrases = _phrases(draft.text)
    letter_phrases = {letter.pk: _phrases(_texts_of(letter)) & draft_phrases for letter in letters}
    # How many candidates share each phrase with the draft: one means it is distinctive.
    sharing = Counter(phrase for phrases in letter_phrases.values() for phrase in phrases)
    ranked = []
    for letter in letters:
        recognition = Recognition(letter)
        _weigh_title(draft, recognition)
        _weigh_date(draft, recognition)
        _weigh_chamber(draft, recognition)
        _weigh_recipients(draft, recognition)
        _weigh_signers(draft, recognition)
        _weigh_detainees(draft, recognition)
        _weigh_demands(draft, recognition)
        _weigh_count(draft, recognition)
        _weigh_phrases(letter_phrases[letter.pk], sharing, recognition)
        ranked.append(recognition)
    return sorted(ranked, key=lambda r: (r.is_ruled_out, -r.score))


def _candidates(draft: LetterDraft) -> list[Letter]:
    """Letters of the draft's month (a month-only letter of that month too), those titled
    as the draft is, and (where the draft has no date) those sharing most of its signers."""
    titles = [title for title in (draft.title, draft.headline) if title]
    found = Q(pk__in=[])
    for title in titles:
        found |= Q(title__iexact=title) | Q(sources__title__iexact=title)
    if draft.date is not None:
        found |= Q(date__year=draft.date.date.year, date__month=draft.date.date.month)
    else:
        signers = [s.legislator.pk for s in draft.signers if s.legislator]
        sharing = (
            Signatory.objects.filter(legislator_id__in=signers)
            .values_list("letter_id", flat=True)
            .distinct()[:UNDATED_CANDIDATES]
        )
        found |= Q(pk__in=list(sharing))
    texts = Source.objects.only("title", "full_text")
    return list(
        Letter.objects.filter(found)
        .distinct()
        .prefetch_related(
            "addressees",
            Prefetch(
                "signatories", queryset=Signatory.objects.only("letter", "legislator", "role")
            ),
            "mentions",
            "letter_demands",
            Prefetch("sources", queryset=texts),
        )
    )


def _texts_of(letter: Letter) -> str:
    return "\n".join([letter.full_text, *(source.full_text for source in letter.sources.all())])


def _weigh_title(draft: LetterDraft, recognition: Recognition) -> None:
    titles = {t.casefold() for t in (draft.title, draft.headline) if t}
    letter = recognition.letter
    known = {letter.title.casefold(), *(s.title.casefold() for s in letter.sources.all())}
    if titles & known:
        recognition.add("title", RECOGNISED, "the same title")


def _weigh_date(draft: LetterDraft, recognition: Recognition) -> None:
    letter = recognition.letter
    if draft.date is None:
        return
    day, exact = draft.date.date, draft.date.precision == Letter.DatePrecision.DAY
    if draft.date.is_the_texts:
        _weigh_month_of_text(draft.date, recognition)
        return
    if (day.year, day.month) != (letter.date.year, letter.date.month):
        recognition.against.append(f"dated {draft.date.display}, the letter {letter.date_display}")
    elif exact and letter.date_precision == Letter.DatePrecision.DAY:
        if day == letter.date:
            recognition.add("exact date", 3, f"the same date, {letter.date_display}")
        else:
            recognition.against.append(
                f"dated {draft.date.display}, the letter {letter.date_display}"
            )
    else:
        month = DateAtPrecision(letter.date, DatePrecision.MONTH).shown()
        recognition.add("date", 1, f"the same month, {month}")


def _weigh_month_of_text(date: DraftDate, recognition: Recognition) -> None:
    """The month of a text that does not date the letter: the letter's month, or the month
    before (a release may follow its letter by days), never a later one."""
    letter = recognition.letter
    published = (date.date.year, date.date.month)
    previous = (date.date.year - (date.date.month == 1), (date.date.month - 2) % 12 + 1)
    month = (letter.date.year, letter.date.month)
    if month == published:
        recognition.add("date", 1, f"the month of the text, {date.display}")
    elif month != previous:
        recognition.against.append(
            f"the text is of {date.display}, the letter of {letter.date_display}"
        )


def _weigh_chamber(draft: LetterDraft, recognition: Recognition) -> None:
    letter = recognition.letter
    bicameral = Letter.Origin.BICAMERAL
    differs = draft.chamber and draft.chamber != letter.chamber
    if differs and bicameral not in (draft.chamber, letter.chamber):
        recognition.against.append(
            f"from the {Letter.Origin(draft.chamber).label}, the letter from the "
            f"{letter.get_chamber_display()}"
        )


def _weigh_recipients(draft: LetterDraft, recognition: Recognition) -> None:
    drafted = {item.recipient.pk: item.recipient for item in draft.recipients if item.recipient}
    recorded = {item.recipient_id for item in recognition.letter.addressees.all()}
    if not drafted or not recorded:
        return
    shared = [str(drafted[pk]) for pk in drafted if pk in recorded]
    if set(drafted) == recorded:
        recognition.add("recipients", 2, f"the same recipients ({', '.join(shared)})")
    elif shared:
        recognition.add("recipients", 1, f"a recipient in common ({', '.join(shared)})")
    else:
        others = ", ".join(str(recipient) for recipient in drafted.values())
        recognition.against.append(f"addressed to {others}, not to the letter's recipients")


def _weigh_signers(draft: LetterDraft, recognition: Recognition) -> None:
    signatories = {s.legislator_id: s for s in recognition.letter.signatories.all()}
    matched = [signer for signer in draft.signers if signer.legislator]
    if not signatories or not matched:
        return
    for signer in draft.leads:
        if signer.legislator and signer.legislator.pk not in signatories:
            recognition.against.append(f"led by {signer.printed_name}, not among its signers")
            return
    leads = [
        signer.printed_name
        for signer in draft.leads
        if signer.legislator and signatories[signer.legislator.pk].role == SignatoryRole.LEAD
    ]
    recorded_leads = [s for s in signatories.values() if s.role == SignatoryRole.LEAD]
    drafted_leads = [signer.printed_name for signer in draft.leads if signer.legislator]
    if drafted_leads and recorded_leads and not leads:
        recognition.against.append(
            f"led by {', '.join(drafted_leads)}, who did not lead the letter"
        )
        return
    if leads:
        recognition.add("leads", min(2 * len(leads), 4), f"the same leads ({', '.join(leads)})")
    shared = [s for s in matched if s.legislator.pk in signatories]  # type: ignore[union-attr]  # matched ones have one
    if shared:
        recognition.add(
            "signers", min(len(shared), 3), f"{_count(len(shared), 'signer')} in common"
        )


def _weigh_detainees(draft: LetterDraft, recognition: Recognition) -> None:
    recorded = {mention.detainee_id for mention in recognition.letter.mentions.all()}
    shared = {m.detainee.pk for m in draft.mentions if m.detainee and m.detainee.pk in recorded}
    if shared:
        points = 2 if len(shared) >= 3 else 1
        recognition.add("detainees", points, f"{_count(len(shared), 'detainee')} named in both")


def _weigh_count(draft: LetterDraft, recognition: Recognition) -> None:
    stated = recognition.letter.signers_stated
    if draft.signers_stated and stated:
        if draft.signers_stated == stated:
            recognition.add("count", 2, f"the same number of signers ({stated})")
        else:
            recognition.score -= DIFFERENT_COUNT
            recognition.differs.append(
                f"{draft.signers_stated} signers stated, the letter {stated}"
            )


def _weigh_demands(draft: LetterDraft, recognition: Recognition) -> None:
    recorded = {item.demand_id for item in recognition.letter.letter_demands.all()}
    shared = {item.demand.pk for item in draft.demands if item.demand.pk in recorded}
    if shared:
        points = 2 if len(shared) >= 2 else 1
        recognition.add("demands", points, f"{_count(len(shared), 'demand')} asked in both")


def _weigh_phrases(shared: set[int], sharing: Counter[int], recognition: Recognition) -> None:
    distinctive = {phrase for phrase in shared if sharing[phrase] == 1}
    if len(distinctive) >= DISTINCTIVE_PHRASES:
        recognition.add("wording", 3, f"{len(distinctive)} phrases of its text word for word")
    elif shared:
        recognition.add("wording", 1, "phrases it shares with other letters too")


def _phrases(text: str) -> set[int]:
    """Every run of PHRASE_WORDS words, lowercased and without accents, each kept as its
    hash (linear in the text)."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    words = _WORDS.findall("".join(c for c in plain if not unicodedata.combining(c)))
    return {hash(tuple(words[i : i + PHRASE_WORDS])) for i in range(len(words) - PHRASE_WORDS + 1)}


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
