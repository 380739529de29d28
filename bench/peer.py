"""Datasette, the peer the benchmark compares with: the same data copied into a SQLite file
(schema made by the migrations, plus the full-text index Datasette's search uses), served
with `datasette serve --immutable`."""

from __future__ import annotations

import datetime
import os
import sqlite3
import sys
import uuid
from pathlib import Path

import psycopg

from bench.servers import HOST, ROOT, Server, log, manage, start, wait_until_up


def export_sqlite(
    database_url: str, path: Path, letters_expected: int, env: dict[str, str]
) -> None:
    """Copy the archive's tables into a SQLite file with the same schema (made by the
    migrations), plus a full-text index on letters as Datasette's search uses."""
    if path.exists():
        with sqlite3.connect(path) as conn:
            try:
                letters = conn.execute("select count(*) from letters_letter").fetchone()[0]
            except sqlite3.Error:
                letters = -1
        if letters == letters_expected:
            log(f"reusing the SQLite copy {path.relative_to(ROOT)}")
            return
        path.unlink()
    log(f"copying the archive into {path.relative_to(ROOT)} for Datasette")
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    manage(["migrate", "--noinput", "-v0"], {**env, "DATABASE_URL": f"sqlite:///{partial}"})
    with psycopg.connect(database_url) as source, sqlite3.connect(partial) as target:
        # The rows were checked on PostgreSQL; Django's check constraints call functions
        # only Django registers on SQLite.
        target.execute("pragma ignore_check_constraints = on")
        tables = [
            row[0]
            for row in target.execute(
                "select name from sqlite_master where type = 'table' and "
                "(name like 'letters\\_%' escape '\\' or name like 'people\\_%' escape '\\')"
            )
        ]
        for table in tables:
            columns = [row[1] for row in target.execute(f'pragma table_info("{table}")')]
            quoted = ", ".join(f'"{c}"' for c in columns)
            insert = f'insert into "{table}" ({quoted}) values ({", ".join("?" * len(columns))})'
            target.execute(f'delete from "{table}"')  # rows a migration made (the version)
            with source.cursor(name=f"copy_{table}") as cursor:
                cursor.itersize = 5_000
                cursor.execute(f'select {quoted} from "{table}"')
                while rows := cursor.fetchmany(5_000):
                    target.executemany(insert, [tuple(map(sqlite_value, row)) for row in rows])
        target.execute(
            'create virtual table "letters_letter_fts" using fts5('
            'title, summary, full_text, content="letters_letter", content_rowid="id")'
        )
        target.execute(
            "insert into letters_letter_fts (rowid, title, summary, full_text) "
            "select id, title, summary, full_text from letters_letter"
        )
        target.commit()
        target.execute("analyze")
    target.close()
    partial.rename(path)


def sqlite_value(value: object) -> object:
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, uuid.UUID):
        return value.hex  # as Django stores a UUIDField on SQLite: 32 hex digits
    return value


def start_datasette(path: Path, port: int, workdir: Path) -> Server:
    command = [sys.executable, "-m", "datasette", "serve", "--immutable", str(path)]
    server = start(
        "datasette", [*command, "--host", HOST, "--port", str(port)], dict(os.environ), workdir
    )
    wait_until_up(server, port, f"/{path.stem}")
    return server
