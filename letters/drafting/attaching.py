"""Another source for a letter already in the archive: what a text adds to the letter (new
signers, leads and roles, recipients, detainees named, demands, the stated number of
signers, an exact date) and where it differs, each with its passage in that text;
attaching it as a source of the letter with what the editor takes; and removing a source
with everything it gave.

Nothing recorded is overwritten unless the editor chooses the new value, and then the old
one is kept as a DifferingFact of its own source, so the letter page shows both and removing
the new source puts the old one back: attaching a source and removing it leaves the archive
as it was.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, ProtectedError, QuerySet

from archive.provenance import passage_in
from letters.drafting.draft import (
    DraftDemand,
    DraftMention,
    DraftRecipient,
    DraftSigner,
    LetterDraft,
)
from letters.drafting.saving import (
    letter_part,
    save_part,
    save_source,
    save_valid,
    saving_revision,
    source_slug,
)
from letters.models import (
    DifferingFact,
    Letter,
    LetterPart,
    Signatory,
    SignatoryRole,
    Source,
)

KEEP, TAKE = "keep", "take"

# What the review page calls a part of a letter the text names and the letter does not.
NEW_PARTS = {
    "signer": "A signer not recorded",
    "recipient": "A recipient not recorded",
    "mention": "A detainee named, not recorded",
    "demand": "A demand not recorded",
}


@dataclass
class Addition:
    """One thing a text adds to a letter, or says otherwise than the letter's record.

    `key` names it in the editor's form; `differs` means the letter already records another
    value (the editor keeps it or takes the new one; either way both are kept)."""

    key: str
    fact: str
    says: str
    passage: str
    recorded: str = ""
    differs: bool = False
    signer: DraftSigner | None = None
    signatory: Signatory | None = None  # the recorded signer a party or role is about
    doubtful: bool = False  # that signer is known only as the one of the letter's who fits
    item: DraftRecipient | DraftMention | DraftDemand | None = None

    @property
    def default(self) -> str:
        return KEEP if self.differs or self.doubtful else TAKE

    @property
    def heading(self) -> str:
        """'A recipient not recorded' for a part the letter lacks; '' for a fact."""
        return NEW_PARTS.get(self.fact, "")


def compare_with_letter(draft: LetterDraft, letter: Letter) -> list[Addition]:
    """What the draft adds to the letter and where it differs, in the order a checklist
    reads: differences first, then the number, the date, the signers, and the recipients,
    detainees and demands the letter lacks. Queries the letter's parts."""
    additions = [
        *_count(draft, letter),
        *_date(draft, letter),
        *_signers(draft, letter),
        *_other_parts(draft, letter),
    ]
    return sorted(additions, key=lambda addition: not addition.differs)


def _count(draft: LetterDraft, letter: Letter) -> list[Addition]:
    if not draft.signers_stated or draft.signers_stated == letter.signers_stated:
        return []
    return [
        Addition(
            "count",
            DifferingFact.Kind.COUNT,
            f"{draft.signers_stated} signers",
            draft.signers_stated_passage,
            recorded=f"{letter.signers_stated} signers" if letter.signers_stated else "",
            differs=letter.signers_stated is not None,
        )
    ]


def _date(draft: LetterDraft, letter: Letter) -> list[Addition]:
    if draft.date is None:
        return []
    same_month = (draft.date.date.year, draft.date.date.month) == (
        letter.date.year,
        letter.date.month,
    )
    exact = draft.date.precision == Letter.DatePrecision.DAY
    if letter.date_precision == Letter.DatePrecision.DAY:
        if draft.date.date == letter.date or (same_month and not exact):
            return []
    elif same_month and not exact:
        return []
    refines = same_month and exact and letter.date_precision == Letter.DatePrecision.MONTH
    return [
        Addition(
            "date",
            DifferingFact.Kind.DATE,
            draft.date.display,
            draft.date.passage,
            recorded=letter.date_display,
            differs=not refines,
        )
    ]


def _signers(draft: LetterDraft, letter: Letter) -> list[Addition]:
    recorded = {s.legislator_id: s for s in letter.signatories.select_related("legislator")}
    additions = []
    for signer in draft.signers:
        signatory = _recorded_signatory(signer, recorded)
        if signatory is None and (not signer.is_resolved or signer.legislator is None):
            continue
        role = SignatoryRole(signer.role).label
        if signatory is None:
            additions.append(
                Addition(
                    f"signer_{signer.position}",
                    "signer",
                    f"{signer.describe()}, {role.lower()}",
                    signer.passage,
                    signer=signer,
                )
            )
            continue
        badge, printed = signer.printed_party_state, signatory.printed_party_state
        if badge and printed and badge != printed:
            additions.append(
                Addition(
                    f"party_{signer.position}",
                    DifferingFact.Kind.PARTY,
                    f"{signer.printed_name} ({badge})",
                    signer.passage,
                    recorded=f"{signatory.printed_name} ({printed})",
                    differs=True,
                    signer=signer,
                    signatory=signatory,
                    doubtful=not signer.is_resolved,
                )
            )
        if signer.role != SignatoryRole.SIGNER and signer.role != signatory.role:
            additions.append(
                Addition(
                    f"role_{signer.position}",
                    DifferingFact.Kind.ROLE,
                    f"{signer.printed_name}: {role.lower()}",
                    signer.passage,
                    recorded=f"{signatory.printed_name}: {signatory.get_role_display().lower()}",
                    # A recorded "signer" only says the source did not tell who led.
                    differs=signatory.role != SignatoryRole.SIGNER,
                    signer=signer,
                    signatory=signatory,
                    doubtful=not signer.is_resolved,
                )
            )
    return additions


def _recorded_signatory(signer: DraftSigner, recorded: dict[int, Signatory]) -> Signatory | None:
    """The letter's signatory the signer is: their match, or, where the text gives too little
    to match them alone (a last name only), the one legislator fitting it who signed the
    letter."""
    if signer.is_resolved and signer.legislator is not None:
        return recorded.get(signer.legislator.pk)
    on_letter = {c.pk for c in signer.choices} & recorded.keys()
    return recorded[on_letter.pop()] if len(on_letter) == 1 else None


def _other_parts(draft: LetterDraft, letter: Letter) -> list[Addition]:
    """Recipients, detainees named and kinds of demand the text gives and the letter lacks
    (only those matched to the archive: an unmatched one cannot be recorded)."""
    addressed = set(letter.addressees.values_list("recipient_id", flat=True))
    named = set(letter.mentions.values_list("detainee_id", flat=True))
    asked = set(letter.letter_demands.values_list("demand_id", flat=True))
    additions = [
        Addition(
            f"recipient_{r.position}",
            "recipient",
            f"{r.printed_title} {r.printed_name}".strip(),
            r.passage,
            item=r,
        )
        for r in draft.recipients
        if r.recipient is not None and r.recipient.pk not in addressed
    ]
    additions += [
        Addition(f"mention_{m.position}", "mention", m.printed_name, m.passage, item=m)
        for m in draft.mentions
        if m.detainee is not None and m.detainee.pk not in named
    ]
    additions += [
        Addition(f"demand_{d.position}", "demand", d.demand.name, d.wording, item=d)
        for d in draft.demands
        if d.demand.pk not in asked
    ]
    return additions


def attach_source(
    draft: LetterDraft,
    letter: Letter,
    *,
    source_title: str,
    source_kind: str,
    choices: dict[str, str],
    user: object | None = None,
) -> Source:
    """Save the draft's text as a new source of `letter` and take from it what the editor
    chose (`choices`: an addition's key -> KEEP or TAKE; missing keys take the default).
    A difference is always kept as a DifferingFact, of the new source where the letter
    keeps its value, of the old one where the editor takes the new. One transaction."""
    additions = compare_with_letter(draft, letter)
    with saving_revision("Another source attached from pasted text", user):
        slug = _new_source_slug(letter, source_kind)
        source = save_source(draft, slug=slug, title=source_title, kind=source_kind)
        letter.sources.add(source)
        for addition in additions:
            taken = choices.get(addition.key, addition.default) == TAKE
            _apply(addition, taken, draft, letter, source)
        letter.check_passages()
    return source


def _apply(
    addition: Addition, taken: bool, draft: LetterDraft, letter: Letter, source: Source
) -> None:
    if addition.fact in NEW_PARTS:
        if taken:
            _add_part(addition, letter, source)
        return
    if addition.fact in (DifferingFact.Kind.PARTY, DifferingFact.Kind.ROLE):
        signer, signatory = addition.signer, addition.signatory
        assert signer is not None and signatory is not None
        if addition.fact == DifferingFact.Kind.ROLE and taken:
            _take_role(signatory, signer.role, source, addition.passage)
        elif addition.differs:
            value = signer.printed_party_state if addition.fact == "party" else signer.role
            _note(letter, addition.fact, value, source, addition.passage, signatory=signatory)
        return
    if addition.differs and not taken:
        _note(letter, addition.fact, _new_value(addition.fact, draft), source, addition.passage)
        return
    if not taken:
        return
    _keep_old_value(letter, addition.fact)
    if addition.fact == DifferingFact.Kind.COUNT:
        letter.signers_stated = draft.signers_stated
        letter.signers_stated_passage = addition.passage
        letter.signers_stated_source = source
    else:
        assert draft.date is not None
        letter.date, letter.date_precision = draft.date.date, draft.date.precision
        letter.date_passage, letter.date_note = draft.date.passage, draft.date.note
        letter.date_source = source
    save_valid(letter)


def _add_part(addition: Addition, letter: Letter, source: Source) -> None:
    """The signer, recipient, detainee named or demand the text adds, after the letter's
    own, quoting the new source."""
    item = addition.item or addition.signer
    assert item is not None
    part = letter_part(item)
    last = type(part).objects.filter(letter=letter).aggregate(last=Max("position"))["last"]
    save_part(part, letter, source, (last or 0) + 1)


def _take_role(signatory: Signatory, role: str, source: Source, passage: str) -> None:
    """Give a signer the role another source states, quoting it there; the role it replaces
    is kept as a DifferingFact of the source that gave it."""
    _note(
        signatory.letter,
        DifferingFact.Kind.ROLE,
        signatory.role,
        signatory.role_source or signatory.source,
        signatory.role_passage or signatory.passage,
        signatory=signatory,
    )
    signatory.role, signatory.role_source, signatory.role_passage = role, source, passage
    save_valid(signatory)


def _new_value(fact: str, draft: LetterDraft) -> str:
    if fact == DifferingFact.Kind.COUNT:
        return str(draft.signers_stated)
    assert draft.date is not None
    return draft.date.dated.iso()


def _keep_old_value(letter: Letter, fact: str) -> None:
    """Before a letter's count or date is replaced: keep the old one as a DifferingFact of
    the source it came from (a count nobody stated leaves nothing to keep)."""
    if fact == DifferingFact.Kind.COUNT:
        if letter.signers_stated is None:
            return
        value, passage = str(letter.signers_stated), letter.signers_stated_passage
        source = letter.signers_stated_source or _source_quoting(letter, passage)
        note = ""
    else:
        value, passage = letter.date_iso, letter.date_passage
        source = letter.date_source or _source_quoting(letter, passage)
        note = letter.date_note
    _note(letter, fact, value, source, passage, note=note)


def _source_quoting(letter: Letter, passage: str) -> Source:
    for source in letter.sources.all():
        if passage_in(passage, source.full_text):
            return source
    raise ValidationError(f"No source of the letter quotes “{passage}”.")


def _note(
    letter: Letter,
    fact: str,
    value: str,
    source: Source,
    passage: str,
    *,
    signatory: Signatory | None = None,
    note: str = "",
) -> None:
    last = letter.differing_facts.aggregate(last=Max("position"))["last"] or 0
    save_valid(
        DifferingFact(
            letter=letter,
            position=last + 1,
            fact=fact,
            value=value,
            signatory=signatory,
            source=source,
            passage=passage,
            note=note,
        )
    )


def remove_source(letter: Letter, source: Source, user: object | None = None) -> None:
    """Take a source off a letter with everything it gave: the signers and other parts it
    names, its differing facts, and the date, count or signers' roles it gave (the value it
    replaced, kept as a DifferingFact, comes back). The source itself is deleted when
    nothing else cites it. Refused where it is the letter's only source, or where it alone
    dates the letter."""
    if not letter.sources.exclude(pk=source.pk).exists():
        raise ValidationError("This is the letter's only source: delete the letter instead.")
    with saving_revision(f"Source “{source.title}” removed with what it gave", user):
        # What this source's facts replaced came from sources attached before it (a later
        # source's differing value was never the letter's); the latest is the one replaced.
        facts = letter.differing_facts.filter(source_id__lt=source.pk).order_by("pk")
        if letter.signers_stated_source_id == source.pk:
            _restore_count(letter, facts.filter(fact=DifferingFact.Kind.COUNT).last())
        if letter.date_source_id == source.pk:
            _restore_date(letter, facts.filter(fact=DifferingFact.Kind.DATE).last())
        save_valid(letter)
        for signatory in letter.signatories.filter(role_source=source).exclude(source=source):
            _restore_role(signatory, facts.filter(fact=DifferingFact.Kind.ROLE))
        for part in LetterPart.__subclasses__():
            part.objects.filter(letter=letter, source=source).delete()
        letter.sources.remove(source)
        letter.check_passages()
        if not source.letters.exists():
            try:
                with transaction.atomic():
                    source.delete()
            except ProtectedError:
                pass  # cited elsewhere (a detainee's story, a response): kept


def _restore_count(letter: Letter, old: DifferingFact | None) -> None:
    if old is None:
        letter.signers_stated, letter.signers_stated_passage = None, ""
        letter.signers_stated_source = None
        return
    letter.signers_stated, letter.signers_stated_passage = int(old.value), old.passage
    letter.signers_stated_source = old.source
    old.delete()


def _restore_role(signatory: Signatory, facts: QuerySet[DifferingFact]) -> None:
    """The role a removed source gave a signer goes; the one it replaced (always kept, see
    _take_role()) comes back, with its own source where that is not the signer's."""
    old = facts.filter(signatory=signatory).last()
    assert old is not None
    own = (old.source_id, old.passage) == (signatory.source_id, signatory.passage)
    signatory.role = old.value
    signatory.role_source = None if own else old.source
    signatory.role_passage = "" if own else old.passage
    save_valid(signatory)
    old.delete()


def _restore_date(letter: Letter, old: DifferingFact | None) -> None:
    if old is None:
        raise ValidationError(
            "This source alone dates the letter: date it from another source first."
        )
    dated = old.date_value()
    assert dated is not None
    letter.date, letter.date_precision = dated
    letter.date_passage, letter.date_note, letter.date_source = old.passage, old.note, old.source
    old.delete()


def _new_source_slug(letter: Letter, source_kind: str) -> str:
    base = source_slug(letter.slug, source_kind)[:150]
    slug, number = base, 1
    while Source.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug
