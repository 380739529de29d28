"""The whole archive in one download: a Frictionless Data Package that validates, holds every
row of every table (never an internal event or an editor's note), says its licences and
how to cite it, and is rebuilt when the archive changes; the same tables in one SQLite
file; and a data dictionary page read from the models' help_text."""

from __future__ import annotations

import fcntl
import io
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, override_settings
from django.urls import reverse
from frictionless import Package, validate
from frictionless.resources import TableResource

from letters.datapackage.building import current_package
from letters.datapackage.tables import TABLES
from letters.models import Letter, Signatory
from people.models import Detainee, Legislator
from people.models.events import DetaineeEvent
from tests.factories import first_row
from tests.responses import content_of
from tests.test_internal_events import INTERNAL, NOTE, PUBLIC, add_event

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed_archive")]


@pytest.fixture
def events() -> None:
    add_event(INTERNAL, is_public=False, note=NOTE)
    add_event(PUBLIC, is_public=True)


def body(client: Client, name: str) -> bytes:
    response = client.get(reverse("letters:data_file", args=[name]))
    assert response.status_code == 200, name
    return content_of(response)


def unzip(client: Client, folder: Path) -> Path:
    zipfile.ZipFile(io.BytesIO(body(client, "archive-data.zip"))).extractall(folder)
    return folder / "datapackage.json"


def test_the_package_validates_and_holds_every_row_of_the_database(
    client: Client, events: None, tmp_path: Path
) -> None:
    descriptor = unzip(client, tmp_path)
    report = validate(str(descriptor))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = Package(str(descriptor))
    rows = {r.name: len(r.read_rows()) for r in package.resources if isinstance(r, TableResource)}
    expected = {table.name: table.queryset().count() for table in TABLES}
    assert rows == expected
    assert rows["letters"] == Letter.objects.count() > 0
    assert rows["signatures"] == Signatory.objects.count() > 0
    assert rows["events"] == DetaineeEvent.objects.filter(is_public=True).count() > 0
    assert rows["legislators"] == Legislator.objects.count()


def test_the_package_states_its_keys_licences_and_citation(client: Client, events: None) -> None:
    described = json.loads(body(client, "datapackage.json"))
    assert described["licenses"][0]["name"] == "CC-BY-4.0"
    resources = {resource["name"]: resource for resource in described["resources"]}
    assert resources["legislators"]["licenses"][0]["name"] == "CC0-1.0"
    assert resources["terms"]["licenses"][0]["name"] == "CC0-1.0"
    assert resources["letters"]["licenses"][0]["name"] == "CC-BY-4.0"
    assert "http://testserver/data/" in described["citation"]
    signatures = resources["signatures"]["schema"]
    assert signatures["primaryKey"] == ["id"]
    assert {
        "fields": ["legislator_id"],
        "reference": {"resource": "legislators", "fields": ["id"]},
    } in signatures["foreignKeys"]
    fields = {field["name"]: field for field in signatures["fields"]}
    assert fields["printed_name"]["description"] == "The name exactly as the source printed it."
    assert fields["role"]["constraints"]["enum"] == ["lead", "cosigner", "signer"]


def test_no_internal_event_or_note_is_in_any_file_of_the_package(
    client: Client, events: None, tmp_path: Path
) -> None:
    unzip(client, tmp_path)
    files = {path.name: path.read_bytes() for path in tmp_path.iterdir()}
    files["archive.sqlite3"] = body(client, "archive.sqlite3")
    assert PUBLIC.encode() in files["events.csv"] and PUBLIC.encode() in files["archive.sqlite3"]
    for name, content in files.items():
        assert INTERNAL.encode() not in content, name
        assert NOTE.encode() not in content, name
    described = json.loads(files["datapackage.json"])
    events_fields = next(r for r in described["resources"] if r["name"] == "events")["schema"]
    assert {f["name"] for f in events_fields["fields"]}.isdisjoint({"internal_note", "is_public"})


def test_the_sqlite_file_holds_the_same_tables_and_describes_itself(
    client: Client, tmp_path: Path
) -> None:
    path = tmp_path / "archive.sqlite3"
    path.write_bytes(body(client, "archive.sqlite3"))
    database = sqlite3.connect(path)
    for table in TABLES:
        (count,) = database.execute(f'SELECT count(*) FROM "{table.name}"').fetchone()
        assert count == table.queryset().count(), table.name
    (name,) = database.execute(
        "SELECT name FROM detainees JOIN mentions ON mentions.detainee_id = detainees.id "
        "WHERE detainees.slug = 'ruben-vardanyan' LIMIT 1"
    ).fetchone()
    assert name == Detainee.objects.get(slug="ruben-vardanyan").name
    meaning = database.execute(
        "SELECT description FROM data_dictionary WHERE table_name = 'letters' AND field = 'title'"
    ).fetchone()
    assert meaning == ("Title of the letter.",)
    licence = dict(database.execute("SELECT fact, value FROM about_this_file").fetchall())
    assert licence["licence"] == "CC-BY-4.0"
    database.close()


def test_the_package_is_rebuilt_when_the_archive_changes_and_kept_until_then(
    client: Client,
) -> None:
    first = current_package().folder
    assert current_package().folder == first
    before = body(client, "letters.csv").decode()
    letter = first_row(Letter.objects.order_by("date"))
    letter.title = "A corrected title"
    letter.save()
    after = body(client, "letters.csv").decode()
    assert "A corrected title" in after and "A corrected title" not in before
    assert current_package().folder != first and not first.exists()  # the old one removed


def test_while_one_process_builds_the_new_version_the_others_send_the_previous_uncached(
    client: Client,
) -> None:
    previous = body(client, "letters.csv").decode()
    letter = first_row(Letter.objects.order_by("date"))
    letter.title = "A title changed during the build"
    letter.save()
    lock = Path(settings.ARCHIVE_DATA_PACKAGE_DIR) / ".lock"
    with lock.open("a") as held, override_settings(ARCHIVE_PAGE_CACHE=True):
        fcntl.flock(held, fcntl.LOCK_EX)  # as a process building the package holds it
        for _ in range(2):
            response = client.get(reverse("letters:data_file", args=["letters.csv"]))
            assert content_of(response).decode() == previous
            assert "no-store" in response["Cache-Control"]
            assert not response.has_header("X-Archive-Cache")  # not kept as the new version
        fcntl.flock(held, fcntl.LOCK_UN)
        assert "A title changed during the build" in body(client, "letters.csv").decode()


def test_the_data_page_is_the_data_dictionary(client: Client) -> None:
    response = client.get(reverse("letters:data"))
    assert response.status_code == 200
    html = response.content.decode()
    for table in TABLES:
        assert f'id="table-{table.name}"' in html
        assert reverse("letters:data_file", args=[f"{table.name}.csv"]) in html
    assert "Title of the letter." in html  # a help_text
    assert "internal_note" not in html
    assert "Creative Commons Attribution 4.0 International" in html
    assert "Cite this data" in html
    footer = client.get(reverse("letters:home")).content.decode()
    assert f'href="{reverse("letters:data")}"' in footer
    about = client.get(reverse("letters:about")).content.decode()
    assert f'href="{reverse("letters:data")}"' in about


def test_an_unknown_file_is_a_404_and_an_unknown_licence_is_refused(client: Client) -> None:
    assert client.get(reverse("letters:data_file", args=["secrets.csv"])).status_code == 404
    assert client.get("/data/../settings.py").status_code == 404
    with override_settings(ARCHIVE_DATA_LICENSE="MIT-ish"):
        with pytest.raises(ImproperlyConfigured):
            client.get(reverse("letters:data"))
        errors = [message.id for message in checks.run_checks()]
        assert "letters.E001" in errors
    assert "letters.E001" not in [message.id for message in checks.run_checks()]
