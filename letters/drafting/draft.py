"""The draft: what a text says about a letter, matched against the archive, nothing saved."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.utils.text import slugify

from archive.dates import DateAtPrecision
from archive.names import MatchStatus
from letters.models import Demand, Recipient, SignatoryRole, SourceKind
from people.models import Detainee, Legislator


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
    party: str = ""  # party code the badge gives ('' where none is printed)
    state: str = ""  # state code the badge gives
    district: int | None = None  # district the badge gives
    chamber: str = ""  # the chamber the signer sat in on the date, or their title gives

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
class DraftLoss:
    """Signers the text names or counts that the draft does not hold: what, in plain words
    with what the editor can do, and the passage."""

    text: str
    passage: str = ""


@dataclass
class DraftDate:
    date: datetime.date
    precision: str
    passage: str
    note: str = ""
    # The month of the text itself (a dated release that does not date the letter): the
    # letter may be of the month before.
    is_the_texts: bool = False

    @property
    def dated(self) -> DateAtPrecision:
        return DateAtPrecision(self.date, self.precision)

    @property
    def display(self) -> str:
        return self.dated.shown()


@dataclass
class LetterDraft:
    """What the text says about a letter, matched against the archive; nothing saved."""

    text: str
    title: str = ""
    headline: str = ""
    letter_start: int | None = None
    date: DraftDate | None = None
    published_on: datetime.date | None = None
    published_passage: str = ""
    signer_spans: list[tuple[int, int, object]] = field(default_factory=list)
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
    # Signature blocks shown without a name are not a number stated: the letter may have
    # had more (letters/pages/wording.py words it "at least").
    signature_blocks: int | None = None
    signature_blocks_passage: str = ""
    signature_titles: list[str] = field(default_factory=list)
    others_named: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Signers the text names or counts that the draft does not hold, in plain words: a
    # draft never loses a signer without saying so.
    losses: list[DraftLoss] = field(default_factory=list)

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
                why = f" ({signer.note})" if signer.note else ""
                problems.append(f"Signer {signer.describe()}: no legislator in the archive{why}.")
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
        parts = [self.date.dated.iso()]
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
        named = [r.recipient for r in self.recipients if r.recipient is not None]
        to = " and ".join(f"{r.office} {r.name.split()[-1]}" for r in named)
        leads = "-".join(s.legislator.last_name for s in self.leads if s.legislator)
        by = f"{leads} letter" if leads else "Letter"
        return f"{by} to {to}" if to else by

    @property
    def suggested_source_title(self) -> str:
        return self.headline or f"Text received for: {self.suggested_title}"
