"""Loading the archive is one command, idempotent and atomic, with errors that name the record."""

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command
from django.forms.models import model_to_dict
from django.test import override_settings

from letters.loading import ArchiveLoadError, fixture_paths, load_archive
from letters.models import Letter, Signatory
from people.models import Legislator

pytestmark = pytest.mark.django_db


def snapshot() -> dict[str, list[dict[str, object]]]:
    """Every row of the project's models, timestamps included."""
    rows = {}
    for model in [
        *apps.get_app_config("letters").get_models(),
        *apps.get_app_config("people").get_models(),
    ]:
        rows[model._meta.label] = [
            {
                **model_to_dict(obj),
                "pk": obj.pk,
                **{f: getattr(obj, f, None) for f in ("created", "modified")},
            }
            for obj in model._default_manager.order_by("pk")
        ]
    return rows


@pytest.fixture
def fixture_copy(tmp_path: Path) -> Path:
    """A writable copy of fixtures/ to break in a test."""
    target = tmp_path / "fixtures"
    shutil.copytree(settings.ARCHIVE_FIXTURES_DIR, target)
    return target


def edit(path: Path, change: Callable[[list[dict[str, Any]]], None]) -> None:
    rows = json.loads(path.read_text(encoding="utf-8"))
    change(rows)
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")


def test_load_archive_command_loads_every_letter(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("load_archive")
    assert Letter.objects.count() == 5
    assert Signatory.objects.count() == 69
    out = capsys.readouterr().out
    assert "Loaded 239 records from 5 files." in out
    # Then every current member of Congress, from the reference data the project carries.
    assert "Imported legislators-current.yaml: 537 people" in out
    assert Legislator.objects.filter(bioguide_id__gt="").count() == 537


def test_loading_twice_gives_the_same_rows() -> None:
    load_archive()
    first = snapshot()
    report = load_archive()
    assert snapshot() == first
    assert sum(report.created.values()) == sum(report.updated.values()) == 0
    assert sum(report.unchanged.values()) == 239


def test_reloading_after_an_edit_restores_the_fixture_value() -> None:
    load_archive()
    Legislator.objects.filter(slug="dina-titus").update(name="Someone Else")
    report = load_archive()
    assert Legislator.objects.get(slug="dina-titus").name == "Dina Titus"
    assert report.updated["people.legislator"] == 1


def test_a_bad_party_code_fails_naming_the_record_and_writes_nothing(fixture_copy: Path) -> None:
    def bad_party(rows: list[dict[str, Any]]) -> None:
        titus = next(r for r in rows if r["fields"].get("slug") == "dina-titus")
        titus["fields"]["party"] = "X"

    edit(fixture_copy / "10_people.json", bad_party)
    with pytest.raises(CommandError) as error:
        call_command("load_archive", *fixture_paths(fixture_copy))
    message = str(error.value)
    assert "Nothing was loaded" in message
    assert "people.legislator ['dina-titus']" in message
    assert "party" in message
    assert Legislator.objects.count() == 0


def test_a_dangling_reference_fails_and_leaves_the_database_as_it_was(fixture_copy: Path) -> None:
    load_archive()
    before = snapshot()

    def rename_and_dangle(rows: list[dict[str, Any]]) -> None:
        # An earlier record that would change, then a later one pointing at no one.
        rows[0]["fields"]["title"] = "Changed title"
        signatory = next(r for r in rows if r["model"] == "letters.signatory")
        signatory["fields"]["legislator"] = ["nobody-at-all"]

    edit(fixture_copy / "30_letters.json", rename_and_dangle)
    with pytest.raises(ArchiveLoadError) as error:
        load_archive(fixture_paths(fixture_copy))
    assert "30_letters.json" in str(error.value)
    assert "nobody-at-all" in str(error.value)
    assert snapshot() == before


def test_a_passage_not_in_its_source_is_refused(fixture_copy: Path) -> None:
    def misquote(rows: list[dict[str, Any]]) -> None:
        mention = next(r for r in rows if r["model"] == "letters.detaineemention")
        mention["fields"]["passage"] = "Ruben Vardanyan was released"

    edit(fixture_copy / "30_letters.json", misquote)
    with pytest.raises(ArchiveLoadError, match="Not found in the cited source"):
        load_archive(fixture_paths(fixture_copy))
    assert Letter.objects.count() == 0


def test_malformed_json_is_a_clear_error(fixture_copy: Path) -> None:
    (fixture_copy / "20_sources.json").write_text("[{not json", encoding="utf-8")
    with pytest.raises(CommandError, match=r"20_sources\.json"):
        call_command("load_archive", *fixture_paths(fixture_copy))
    assert Legislator.objects.count() == 0


def test_dry_run_checks_everything_and_writes_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("load_archive", "--dry-run")
    assert Letter.objects.count() == 0
    assert "dry run, nothing written" in capsys.readouterr().out


def test_serve_archive_setup_prepares_a_loaded_database(tmp_path: Path) -> None:
    with override_settings(STATIC_ROOT=tmp_path / "static"):
        call_command("serve_archive", "--setup-only", verbosity=0)
    assert Letter.objects.count() == 5
