"""The one receiver of every change to a record of the archive (connected in
letters/apps.py): it replaces the version token in the change's own transaction, and
recounts the tallies the change moves. A signatory's letter and legislator before a change
are remembered by `signatory_before_save`, so both old and new get recounted."""

from __future__ import annotations

from collections.abc import Callable

from django.db.models.signals import post_save

from letters.models import ArchiveVersion, Letter, Signatory, refresh_tallies
from people.models import Legislator


def archive_changed(sender: type, instance: object = None, **kwargs: object) -> None:
    """A record was saved or deleted, or a many-to-many link changed (a restored
    ArchiveVersion row too: a token from a backup may be one a process still holds an
    index for). One UPDATE for the token, then the tallies' recount where one is due."""
    if str(kwargs.get("action", "post_")).startswith("pre_"):
        return  # m2m_changed fires before the change as well as after it
    using = str(kwargs.get("using") or "default")
    ArchiveVersion.bump(using=using)
    recount = RECOUNTS.get(sender)
    if recount is not None:
        recount(instance, using, kwargs)


def signatory_before_save(sender: type, instance: Signatory, **kwargs: object) -> None:
    """Remember the letter and legislator a changed signatory had (both get recounted)."""
    if instance.pk is None:
        return
    instance._tally_before = (  # type: ignore[attr-defined]
        Signatory.objects.filter(pk=instance.pk).values_list("letter_id", "legislator_id").first()
    )


def recount_signatory(instance: Signatory, using: str, kwargs: dict) -> None:
    """Recount the tallies a signatory counts in (raw saves too: a letter recovered from
    its history comes back through them)."""
    origin = kwargs.get("origin")
    # Deleting its letter: the letter's tally goes with it (recounting it here would
    # re-create it for a letter about to be deleted); its signers are still recounted.
    letter_deleted = isinstance(origin, Letter) or getattr(origin, "model", None) is Letter
    letters = set() if letter_deleted else {instance.letter_id}
    legislators = {instance.legislator_id}
    before = getattr(instance, "_tally_before", None)
    if before and not letter_deleted:
        letters.add(before[0])
        legislators.add(before[1])
    refresh_tallies(letters=letters, legislators=legislators, using=using)


def recount_letter(instance: Letter, using: str, kwargs: dict) -> None:
    """A new letter gets its tally; a changed stated number of signers changes its total
    (a deleted letter's tally goes with it)."""
    if kwargs.get("signal") is post_save:
        refresh_tallies(letters=[instance.pk], using=using)


def recount_legislator(instance: Legislator, using: str, kwargs: dict) -> None:
    """A new legislator gets a tally; a change of party changes the letters' party split."""
    if kwargs.get("signal") is post_save:
        signed = Signatory.objects.using(using).filter(legislator=instance).values("letter_id")
        refresh_tallies(letters=signed, legislators=[instance.pk], using=using)


RECOUNTS: dict[type, Callable[[object, str, dict], None]] = {
    Signatory: recount_signatory,  # type: ignore[dict-item]
    Letter: recount_letter,  # type: ignore[dict-item]
    Legislator: recount_legislator,  # type: ignore[dict-item]
}
