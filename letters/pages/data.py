"""The whole archive to download: the data page (what the package holds, its licence, how
to cite it, and its data dictionary) and the package's files."""

from __future__ import annotations

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control

from letters.datapackage.building import DESCRIPTOR, SQLITE, ZIP, current_package, homepage
from letters.datapackage.descriptor import (
    REFERENCE_LICENCE,
    dataset_citation,
    licence,
    table_licence,
)
from letters.datapackage.tables import TABLES

# Each file of the package, by name, with its media type.
DATA_FILES = {
    ZIP: "application/zip",
    SQLITE: "application/vnd.sqlite3",
    DESCRIPTOR: "application/json",
    **{f"{table.name}.csv": "text/csv; charset=utf-8" for table in TABLES},
}


def data_page(request: HttpRequest) -> HttpResponse:
    """The data dictionary and the downloads (no query: read from the models' fields)."""
    return render(
        request,
        "letters/data.html",
        {
            "tables": [
                {"table": table, "columns": table.columns(), "licence": table_licence(table)}
                for table in TABLES
            ],
            "licence": licence(settings.ARCHIVE_DATA_LICENSE),
            "reference_licence": licence(REFERENCE_LICENCE),
            "dataset_citation": dataset_citation(homepage()),
            "files": {"zip": ZIP, "sqlite": SQLITE, "descriptor": DESCRIPTOR},
        },
    )


def data_file(request: HttpRequest, filename: str) -> FileResponse:
    """One file of the package of the archive as it is now, built first if it changed."""
    if filename not in DATA_FILES:
        raise Http404("No such file in the data package.")
    try:
        built = current_package()
        file = (built.folder / filename).open("rb")
    except FileNotFoundError:  # a newer version was built meanwhile, and this one removed
        built = current_package()
        file = (built.folder / filename).open("rb")
    response = FileResponse(
        file,
        content_type=DATA_FILES[filename],
        as_attachment=filename != DESCRIPTOR,
        filename=filename,
    )
    if not built.current:  # the previous version: no cache may keep it as the current one
        patch_cache_control(response, no_store=True)
    return response
