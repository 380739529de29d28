"""What the data package says of itself (datapackage.json): its tables with their schemas,
keys and licences, where the data come from, and how to cite it.

The archive's own data (letters, sources, detainees, ...) are under ARCHIVE_DATA_LICENSE;
the legislators and their terms come from the congress-legislators project, dedicated to
the public domain (CC0 1.0), and stay so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from letters.datapackage.tables import TABLES, Column, Table
from letters.pages.citing import Citation, bibtex

PACKAGE_NAME = "congressional-letters-armenian-detainees"
REFERENCE_LICENCE = "CC0-1.0"
CONGRESS_LEGISLATORS = "https://github.com/unitedstates/congress-legislators"
# The licences ARCHIVE_DATA_LICENSE may name (SPDX ids), with their titles and texts.
LICENCES = {
    "CC0-1.0": (
        "Creative Commons Zero v1.0 Universal",
        "https://creativecommons.org/publicdomain/zero/1.0/",
    ),
    "CC-BY-4.0": (
        "Creative Commons Attribution 4.0 International",
        "https://creativecommons.org/licenses/by/4.0/",
    ),
    "CC-BY-SA-4.0": (
        "Creative Commons Attribution Share Alike 4.0 International",
        "https://creativecommons.org/licenses/by-sa/4.0/",
    ),
    "ODC-By-1.0": (
        "Open Data Commons Attribution License v1.0",
        "https://opendatacommons.org/licenses/by/1-0/",
    ),
    "ODbL-1.0": (
        "Open Data Commons Open Database License v1.0",
        "https://opendatacommons.org/licenses/odbl/1-0/",
    ),
    "PDDL-1.0": (
        "Open Data Commons Public Domain Dedication and License v1.0",
        "https://opendatacommons.org/licenses/pddl/1-0/",
    ),
}


@dataclass(frozen=True)
class FileFacts:
    """What the descriptor says of a built file: its size and SHA-256."""

    bytes: int
    sha256: str


def licence(spdx: str) -> dict[str, str]:
    if spdx not in LICENCES:
        raise ImproperlyConfigured(
            f"ARCHIVE_DATA_LICENSE must be one of {', '.join(LICENCES)}, not {spdx!r}."
        )
    title, path = LICENCES[spdx]
    return {"name": spdx, "title": title, "path": path}


@checks.register()
def data_licence_is_known(**kwargs: Any) -> list[checks.CheckMessage]:
    """`manage.py check` (and migrate, which every deployment runs) refuses an unknown
    ARCHIVE_DATA_LICENSE before a visitor meets it."""
    try:
        licence(settings.ARCHIVE_DATA_LICENSE)
    except ImproperlyConfigured as unknown:
        return [checks.Error(str(unknown), id="letters.E001")]
    return []


def table_licence(table: Table) -> dict[str, str]:
    return licence(REFERENCE_LICENCE if table.reference_data else settings.ARCHIVE_DATA_LICENSE)


def dataset_citation(homepage: str, version: str = "") -> Citation:
    """How to cite the data package; `version` is the day it was built, where known."""
    own = licence(settings.ARCHIVE_DATA_LICENSE)
    built = f", version of {version}" if version else ""
    terms = (
        f"Licence: {own['title']} ({own['name']}); legislators and their terms from "
        f"congress-legislators, {REFERENCE_LICENCE}"
    )
    title = f"{settings.SITE_NAME}: the whole archive as a data package"
    plain = f"{title}{built}. {homepage}. {terms}."
    fields = {
        "title": title,
        "year": version[:4],
        "version": version,
        "howpublished": homepage,
        "note": terms,
    }
    return Citation(plain, bibtex("misc", PACKAGE_NAME, fields))


def field_schema(column: Column) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "name": column.name,
        "type": column.type,
        "description": column.description,
    }
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    if column.choices:
        constraints["enum"] = list(column.choices)
    if constraints:
        schema["constraints"] = constraints
    return schema


def resource(table: Table, facts: FileFacts | None) -> dict[str, Any]:
    columns = table.columns()
    described: dict[str, Any] = {
        "name": table.name,
        "path": f"{table.name}.csv",
        "profile": "tabular-data-resource",
        "description": table.about(),
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "licenses": [table_licence(table)],
        "schema": {
            "fields": [field_schema(column) for column in columns],
            "missingValues": [""],
            "primaryKey": ["id"],
            "foreignKeys": [
                {"fields": [c.name], "reference": {"resource": c.refers_to, "fields": ["id"]}}
                for c in columns
                if c.refers_to
            ],
        },
    }
    if facts is not None:
        described |= {"bytes": facts.bytes, "hash": f"sha256:{facts.sha256}"}
    return described


def descriptor(
    homepage: str, files: Mapping[str, FileFacts] | None = None, created: str = ""
) -> dict[str, Any]:
    """datapackage.json: `files` (by table) and `created` (ISO 8601) once built."""
    files = files or {}
    described: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": settings.SITE_NAME,
        "description": (
            "Letters from members of the U.S. Congress about Armenian prisoners of war and "
            "political prisoners held by Azerbaijan: who signed each, whom it was addressed "
            "to, what it asked and whom it named, every fact with the passage of the source "
            "document it was taken from (the sources table holds each document's text)."
        ),
        "homepage": homepage,
        "licenses": [licence(settings.ARCHIVE_DATA_LICENSE)],
        "sources": [
            {"title": "Press releases and letter texts (the sources table)", "path": homepage},
            {"title": "congress-legislators (legislators and terms)", "path": CONGRESS_LEGISLATORS},
        ],
        "contributors": [
            {"title": settings.SITE_NAME, "role": "publisher", "path": settings.ARCHIVE_SITE_URL}
        ],
        "citation": dataset_citation(homepage, created[:10]).plain,
        "resources": [resource(table, files.get(table.name)) for table in TABLES],
    }
    if created:
        described["created"] = created
    return described
