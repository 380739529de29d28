"""The archive's version token: replaced by every change to a record."""

from __future__ import annotations

import uuid

from django.db import connections, models


class ArchiveVersion(models.Model):
    """One row whose token is replaced, in the same transaction, by every change to the
    archive's records (letters/apps.py). What a process derives from the records and keeps
    in memory (the letters list's facet index, letters/pages/facets.py) is valid exactly as long
    as the token it was built under: a rolled-back change rolls the token back with it."""

    token = models.UUIDField(default=uuid.uuid4, help_text="Replaced on every change.")

    SINGLE_ROW = 1

    class Meta:
        default_permissions = ()

    def __str__(self) -> str:
        return str(self.token)

    @classmethod
    def current(cls, using: str = "default") -> uuid.UUID | None:
        """The token, or None when the row is missing (a flushed database). One query,
        written as SQL: every request for a public page runs it, cached page or not, and
        the ORM would take longer to build it than the database takes to answer it."""
        sql = f"SELECT token FROM {cls._meta.db_table} WHERE id = %s"
        with connections[using].cursor() as cursor:
            cursor.execute(sql, [cls.SINGLE_ROW])
            row = cursor.fetchone()
        return uuid.UUID(str(row[0])) if row else None

    @classmethod
    def bump(cls, using: str = "default") -> None:
        """Replace the token (an update: no signal, so no receiver runs again)."""
        token = uuid.uuid4()
        if not cls.objects.using(using).filter(pk=cls.SINGLE_ROW).update(token=token):
            ArchiveVersion.objects.using(using).bulk_create(
                [ArchiveVersion(pk=cls.SINGLE_ROW, token=token)], ignore_conflicts=True
            )
