"""The one receiver of every change to a record of the archive (connected in
letters/apps.py): it replaces the version token in the change's own transaction, and
recounts the tallies the change moves (once for a whole batch of changes, see
archive/changes.py). A signatory's letter and legislator before a change are remembered by
`signatory_before_save`, so both old and new get recounted."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import Q, QuerySet
from django.db.models.signals import post_save

from archive.changes import current_batch
from letters.models import ArchiveVersion, Letter, Signatory, refresh_tallies
from people.models import Legislator


@dataclass
class Recount:
    """The tallies that changes move: these letters', these legislators', and those of
    every letter these signers signed (a change of party moves their letters' split)."""

    letters: set[int] = field(default_factory=set)
    legislators: set[int] = field(default_factory=set)
    signers_letters: set[int] = field(default_factory=set)
    everything: bool = False  # records written in bulk: which ones is not known

    def add(self, other: Recount) -> None:
        self.letters |= other.letters
        self.legislators |= other.legislators
        self.signers_letters |= other.signers_letters
        self.everything |= other.everything

    def run(self, using: str) -> None:
        if self.everything:
            refresh_tallies(letters=None, legislators=None, using=using)
            return
        letters: set[int] | QuerySet[Letter] = self.letters
        if self.signers_letters:
            signed = Signatory.objects.using(using).filter(legislator__in=self.signers_letters)
            letters = Letter.objects.using(using).filter(
                Q(pk__in=self.letters) | Q(pk__in=signed.values("letter_id"))
            )
        refresh_tallies(letters=letters, legislators=self.legislators, using=using)


@dataclass
class ArchiveChanges:
    """Changes made within a batch: the token is replaced and the tallies recounted once,
    when the batch ends."""

    using: str
    recount: Recount = field(default_factory=Recount)

    def finish(self) -> None:
        ArchiveVersion.bump(using=self.using)
        self.recount.run(self.using)


def archive_changed(sender: type, instance: object = None, **kwargs: object) -> None:
    """A record was saved or deleted, or a many-to-many link changed (a restored
    ArchiveVersion row too: a token from a backup may be one a process still holds an
    index for). One UPDATE for the token, then the tallies' recount where one is due."""
    if str(kwargs.get("action", "post_")).startswith("pre_"):
        return  # m2m_changed fires before the change as well as after it
    using = str(kwargs.get("using") or "default")
    recount = RECOUNTS.get(sender)
    note_change(using, recount(instance, kwargs) if recount is not None else None)


def archive_changed_in_bulk(sender: type, using: str = "default", **kwargs: object) -> None:
    """Records written in bulk (archive.changes.records_changed_in_bulk): the token is
    replaced as for any change, and the tallies recounted whole where the model counts."""
    note_change(using, Recount(everything=True) if sender in RECOUNTS else None)


def note_change(using: str, due: Recount | None) -> None:
    """Replace the token and run the recount now, or at the end of the open batch."""
    batch = current_batch()
    if batch is not None:
        changes = batch.setdefault(("archive changed", using), ArchiveChanges(using))
        assert isinstance(changes, ArchiveChanges)
        if due is not None:
            changes.recount.add(due)
        return
    ArchiveVersion.bump(using=using)
    if due is not None:
        due.run(using)


def signatory_before_save(sender: type, instance: Signatory, **kwargs: object) -> None:
    """Remember the letter and legislator a changed signatory had (both get recounted)."""
    if instance.pk is None:
        return
    instance._tally_before = (  # type: ignore[attr-defined]  # read back after the save
        Signatory.objects.filter(pk=instance.pk).values_list("letter_id", "legislator_id").first()
    )


def recount_signatory(instance: Signatory, kwargs: dict[str, Any]) -> Recount:
    """The tallies a signatory counts in (raw saves too: a letter recovered from its
    history comes back through them)."""
    origin = kwargs.get("origin")
    # Deleting its letter: the letter's tally goes with it (recounting it here would
    # re-create it for a letter about to be deleted); its signers are still recounted.
    letter_deleted = isinstance(origin, Letter) or getattr(origin, "model", None) is Letter
    due = Recount(
        letters=set() if letter_deleted else {instance.letter_id},
        legislators={instance.legislator_id},
    )
    before = getattr(instance, "_tally_before", None)
    if before and not letter_deleted:
        due.letters.add(before[0])
        due.legislators.add(before[1])
    return due


def recount_letter(instance: Letter, kwargs: dict[str, Any]) -> Recount | None:
    """A new letter gets its tally; a changed stated number of signers changes its total
    (a deleted letter's tally goes with it)."""
    if kwargs.get("signal") is post_save:
        return Recount(letters={instance.pk})
    return None


def recount_legislator(instance: Legislator, kwargs: dict[str, Any]) -> Recount | None:
    """A new legislator gets a tally; a change of party changes the letters' party split."""
    if kwargs.get("signal") is post_save:
        return Recount(legislators={instance.pk}, signers_letters={instance.pk})
    return None


RECOUNTS: dict[type[models.Model], Callable[[Any, dict[str, Any]], Recount | None]] = {
    Signatory: recount_signatory,
    Letter: recount_letter,
    Legislator: recount_legislator,
}
