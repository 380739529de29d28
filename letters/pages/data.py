"""The whole archive to download: the data page (what the package holds, its licence, how
to cite it, and its data dictionary) and the package's files."""

from __future__ import annotations

from typing import BinaryIO

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils.cache import patch_cache_control

from letters.datapackage.building import (
    DESCRIPTOR,
    RETRY_FAILED_SECONDS,
    SQLITE,
    ZIP,
    Built,
    PackageUnavailable,
    current_package,
    homepage,
)
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


def opened(filename: str) -> tuple[Built, BinaryIO]:
    try:
        built = current_package()
        return built, (built.folder / filename).open("rb")
    except FileNotFoundError:  # a newer version was built meanwhile, and this one removed
        built = current_package()
        return built, (built.folder / filename).open("rb")


def being_prepared() -> HttpResponse:
    """No version of the package could be built yet (the failure is logged)."""
    response = HttpResponse(
        "The data package is being prepared; please try again in a few minutes.",
        status=503,
        content_type="text/plain; charset=utf-8",
    )
    response["Retry-After"] = str(RETRY_FAILED_SECONDS)  # when a download builds again
    patch_cache_control(response, no_store=True)
    return response


def data_file(request: HttpRequest, filename: str) -> HttpResponseBase:
    """One file of the package of the archive as it is now, or the previous version while
    the current one is built; a 503 if no version could be built yet."""
    if filename not in DATA_FILES:
        raise Http404("No such file in the data package.")
    try:
        built, file = opened(filename)
    except PackageUnavailable:
        return being_prepared()
    response = FileResponse(
        file,
        content_type=DATA_FILES[filename],
        as_attachment=filename != DESCRIPTOR,
        filename=filename,
    )
    if not built.current:  # the previous version: no cache may keep it as the current one
        patch_cache_control(response, no_store=True)
    return response
