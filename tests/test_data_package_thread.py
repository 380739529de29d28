"""A download after a change starts the new version's build in a thread of the server
process, on that thread's own database connection, and is sent the new version once it
is built (the data committed, as a thread sees only what is)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from letters.models import ArchiveVersion
from tests.responses import content_of

pytestmark = pytest.mark.django_db(transaction=True)


def cache_control(client: Client) -> str:
    response = client.get(reverse("letters:data_file", args=["datapackage.json"]))
    assert response.status_code == 200
    content_of(response)  # the whole file sent
    return response.get("Cache-Control", "")


def test_the_new_version_is_built_in_a_thread_and_sent_once_built(
    client: Client, tmp_path: Path
) -> None:
    ArchiveVersion.bump()
    with override_settings(
        ARCHIVE_DATA_PACKAGE_DIR=tmp_path, ARCHIVE_DATA_PACKAGE_IN_BACKGROUND=True
    ):
        assert "no-store" not in cache_control(client)  # the first: built by the request
        first = {p.name for p in tmp_path.iterdir()}
        ArchiveVersion.bump()
        assert "no-store" in cache_control(client)  # the previous, while the thread builds
        for thread in threading.enumerate():
            if thread.name == "data-package-build":
                thread.join(timeout=120)
        assert "no-store" not in cache_control(client)
        assert {p.name for p in tmp_path.iterdir()} - first == {str(ArchiveVersion.current())}
