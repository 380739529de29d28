"""Signal receivers that keep the tallies and the version token up to date (connected in
letters/apps.py)."""

from __future__ import annotations

from letters.models import ArchiveVersion, Letter, Signatory, refresh_tallies
from people.models import Legislator


def archive_version_changed(sender: type, **kwargs: object) -> None:
    """Signal receiver: a record of the archive changed (a restored ArchiveVersion row
    too: a token from a backup may be one a process still holds an index for)."""
    ArchiveVersion.bump(using=str(kwargs.get("using") or "default"))


def signatory_before_save(sender: type, instance: Signatory, **kwargs: object) -> None:
    """Remember the letter and legislator a changed signatory had (both get recounted)."""
    if instance.pk is None:
        return
    instance._tally_before = (  # type: ignore[attr-defined]
        Signatory.objects.filter(pk=instance.pk).values_list("letter_id", "legislator_id").first()
    )


def signatory_changed(sender: type, instance: Signatory, **kwargs: object) -> None:
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
    using = kwargs.get("using") or "default"
    refresh_tallies(letters=letters, legislators=legislators, using=using)  # type: ignore[arg-type]


def letter_saved(sender: type, instance: Letter, raw: bool, using: str, **kwargs: object) -> None:
    """A new letter gets its tally; a changed stated number of signers changes its total."""
    refresh_tallies(letters=[instance.pk], using=using)


def legislator_saved(
    sender: type, instance: Legislator, raw: bool, using: str, **kwargs: object
) -> None:
    """A new legislator gets a tally; a change of party changes the letters' party split."""
    signed = Signatory.objects.using(using).filter(legislator=instance).values("letter_id")
    refresh_tallies(letters=signed, legislators=[instance.pk], using=using)
