"""The seed archive for tests that read it: loaded for real the first time in a test
process (and after a flush), then written again from the rows that load created, in a
hundredth of the time.

Loading the fixtures validates and matches every record (about two seconds); most modules
only need its result. The rows are the loader's own output in this process, timestamps
included, so a test reads exactly what `load_archive()` gives. The loading itself is
tested in tests/test_loading.py, which calls it directly; tests/test_seeded.py checks
that the rows written again are those a load gives.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.backends.utils import CursorWrapper

from letters.loading import load_archive
from letters.models import ArchiveVersion

# The apps whose tables the loader writes (the version token aside: it is replaced afresh).
LOADED_APPS = ("letters", "people", "reversion")


class TableRows:
    """A model's rows as the database stores them, to insert again as they are."""

    def __init__(self, model: type[models.Model]) -> None:
        self.model = model
        self.fields = [field for field in model._meta.concrete_fields if not field.generated]
        self.rows = [
            tuple(
                field.get_db_prep_save(getattr(obj, field.attname), connection)
                for field in self.fields
            )
            for obj in model._base_manager.order_by("pk")
        ]

    def insert(self, cursor: CursorWrapper) -> None:
        quote = connection.ops.quote_name
        columns = ", ".join(
            quote(field.attname if field.column is None else field.column) for field in self.fields
        )
        values = ", ".join(["%s"] * len(self.fields))
        sql = f"INSERT INTO {quote(self.model._meta.db_table)} ({columns}) VALUES ({values})"
        cursor.executemany(sql, self.rows)


def loaded_models() -> list[type[models.Model]]:
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in LOADED_APPS and model is not ArchiveVersion
    ]


def content_types() -> list[tuple[int, str, str]]:
    """The versions' content types, which a flushed database numbers afresh."""
    return list(ContentType.objects.order_by("pk").values_list("pk", "app_label", "model"))


_tables: list[TableRows] | None = None
_content_types: list[tuple[int, str, str]] = []


def load_seed_archive() -> None:
    """The archive loaded from fixtures/ inside the caller's transaction."""
    global _tables, _content_types
    if any(model._base_manager.exists() for model in loaded_models()):
        load_archive()  # some records are there already: the loader matches them
        return
    if _tables is None or content_types() != _content_types:
        # Django keeps content types in memory: after a flush, or one undone by a rollback,
        # that copy holds another numbering than the database's.
        ContentType.objects.clear_cache()
        load_archive()
        _tables = [TableRows(model) for model in loaded_models()]
        _content_types = content_types()
        return
    # In one transaction: the rows refer to each other, checked at its end.
    with transaction.atomic(), connection.cursor() as cursor:
        for table in _tables:
            if table.rows:
                table.insert(cursor)
        for sql in connection.ops.sequence_reset_sql(no_style(), [t.model for t in _tables]):
            cursor.execute(sql)
        # What a process keeps in memory is keyed by the token: a new one, as a load makes.
        ArchiveVersion.bump()
