"""A backup restores to identical contents: dumpdata with natural keys, and pg_dump/pg_restore."""

import io
import json
import os
import shutil
import subprocess
import uuid
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.utils.dateparse import parse_datetime

from letters.loading import load_archive

pytestmark = pytest.mark.django_db(transaction=True)

APPS = ["people", "letters"]


def dump() -> str:
    out = io.StringIO()
    call_command(
        "dumpdata",
        *APPS,
        exclude=["letters.ArchiveVersion"],  # not archive data: see the README
        natural_foreign=True,
        natural_primary=True,
        indent=1,
        stdout=out,
    )
    return out.getvalue()


def contents(dumped: str) -> list[dict[str, Any]]:
    """The dumped records, timestamps compared as instants (JSON keeps milliseconds)."""
    records: list[dict[str, Any]] = json.loads(dumped)
    for record in records:
        for name in ("created", "modified"):
            if name in record["fields"]:
                record["fields"][name] = parse_datetime(record["fields"][name])
    return list(records)


def test_a_natural_key_dump_loaded_into_an_empty_database_is_identical(tmp_path: Path) -> None:
    load_archive()
    backup = tmp_path / "archive.json"
    backup.write_text(dump(), encoding="utf-8")
    call_command("flush", interactive=False, verbosity=0)
    assert json.loads(dump()) == []
    call_command("loaddata", str(backup), verbosity=0)
    assert contents(dump()) == contents(backup.read_text(encoding="utf-8"))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump needs PostgreSQL")
def test_pg_dump_restored_into_a_fresh_database_is_identical() -> None:
    if not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.skip("pg_dump/pg_restore are not installed")
    load_archive()
    params = connection.get_connection_params()
    env = {**os.environ, "PGPASSWORD": params.get("password") or ""}
    common = [
        "-h",
        params.get("host") or "127.0.0.1",
        "-p",
        str(params.get("port") or 5432),
        "-U",
        params.get("user") or "postgres",
    ]
    source_db = params["dbname"]
    restored_db = f"restore_{uuid.uuid4().hex[:8]}"
    dump_file = subprocess.run(
        ["pg_dump", *common, "-Fc", source_db], capture_output=True, check=True, env=env
    ).stdout
    subprocess.run(["createdb", *common, restored_db], check=True, env=env)
    try:
        subprocess.run(
            ["pg_restore", *common, "--no-owner", "-d", restored_db],
            input=dump_file,
            check=True,
            env=env,
            capture_output=True,
        )
        tables = [
            model._meta.db_table for app in APPS for model in apps.get_app_config(app).get_models()
        ]

        def table_dump(database: str) -> str:
            copy = "".join(
                f"COPY (SELECT * FROM {table} ORDER BY 1) TO STDOUT;" for table in tables
            )
            return subprocess.run(
                ["psql", *common, "-d", database, "-X", "-q", "-c", copy],
                capture_output=True,
                text=True,
                check=True,
                env=env,
            ).stdout

        restored = table_dump(restored_db)
        assert restored == table_dump(source_db)
        assert "2025-04-11-titus-smith-rubio" in restored
        assert restored.count("\n") >= 215
    finally:
        subprocess.run(["dropdb", *common, "--if-exists", restored_db], check=False, env=env)
