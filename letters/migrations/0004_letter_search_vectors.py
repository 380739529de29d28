"""Store the letters' search vectors (PostgreSQL only; see letters/search.py).

The search matched and ranked on vectors computed from the text of every matching letter:
a word found in most letters (the search page, the letters list's search and its facets)
recomputed thousands of vectors per query. Two generated columns now hold them, kept up to
date by PostgreSQL on every insert and update, and letter_search_idx indexes the stored
vector instead of the expression. The model does not declare the columns (SQLite has no
to_tsvector), so letters are loaded, exported and versioned as before.

PostgreSQL refuses to change the type of a column a generated column reads: to change
title, summary or full_text, drop both columns first (as backwards() does) and add them
again after (as forwards() does).
"""

from django.db import migrations

# The weights of letters.search: title A, summary B, the letter's text C.
TITLE_AND_SUMMARY = (
    "setweight(to_tsvector('english'::regconfig, COALESCE(title, '')), 'A')"
    " || setweight(to_tsvector('english'::regconfig, COALESCE(summary, '')), 'B')"
)
EVERYTHING = (
    f"{TITLE_AND_SUMMARY}"
    " || setweight(to_tsvector('english'::regconfig, COALESCE(full_text, '')), 'C')"
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS letter_search_idx")
    # STORAGE MAIN keeps the vectors in the row (the letter's text goes to TOAST first): a
    # search for a common word reads them from thousands of rows.
    schema_editor.execute(
        "ALTER TABLE letters_letter"
        f" ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({EVERYTHING}) STORED,"
        f" ADD COLUMN rank_vector tsvector GENERATED ALWAYS AS ({TITLE_AND_SUMMARY}) STORED,"
        " ALTER COLUMN search_vector SET STORAGE MAIN,"
        " ALTER COLUMN rank_vector SET STORAGE MAIN"
    )
    # Search page and letters list: the words searched.
    schema_editor.execute(
        "CREATE INDEX letter_search_idx ON letters_letter USING gin (search_vector)"
    )
    # Statistics on the new column, so the planner estimates how many letters match.
    schema_editor.execute("ANALYZE letters_letter")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS letter_search_idx")
    schema_editor.execute(
        "ALTER TABLE letters_letter DROP COLUMN search_vector, DROP COLUMN rank_vector"
    )
    schema_editor.execute(
        f"CREATE INDEX letter_search_idx ON letters_letter USING gin (({EVERYTHING}))"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("letters", "0003_archive_version"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
