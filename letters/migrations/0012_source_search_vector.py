"""Store the sources' search vector (PostgreSQL only; see letters/search.py).

The search page matched sources by a regular expression over every source's text: at
10,000 sources, 0.4 s a search. A generated column now holds the vector of each source's
title (weight A) and text (C), kept up to date by PostgreSQL, indexed by source_search_idx.
The model does not declare it, as with the letters' vectors (migration 0004).
"""

from django.db import migrations

VECTOR = (
    "setweight(to_tsvector('english'::regconfig, COALESCE(title, '')), 'A')"
    " || setweight(to_tsvector('english'::regconfig, COALESCE(full_text, '')), 'C')"
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE letters_source"
        f" ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({VECTOR}) STORED,"
        " ALTER COLUMN search_vector SET STORAGE MAIN"
    )
    schema_editor.execute(
        "CREATE INDEX source_search_idx ON letters_source USING gin (search_vector)"
    )
    schema_editor.execute("ANALYZE letters_source")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS source_search_idx")
    schema_editor.execute("ALTER TABLE letters_source DROP COLUMN search_vector")


class Migration(migrations.Migration):
    dependencies = [
        ("letters", "0011_signatory_role_source"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
