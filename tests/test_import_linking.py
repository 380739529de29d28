"""Importing legislators links those entered from the seeds by last name + party + state,
and the chamber they sat in, never guessing: a doubtful or ambiguous one is reported, not
linked."""

from __future__ import annotations

from pathlib import Path

import pytest

from people.importing import import_legislators
from people.models import Legislator
from tests.legislator_records import (
    seed_legislator,
    snapshot,
)

pytestmark = pytest.mark.django_db


def test_seed_legislator_is_linked_by_last_name_party_and_state(reference_file: Path) -> None:
    sanchez = seed_legislator("Linda Sánchez", "Sánchez", "D", "CA", slug="linda-sanchez-ca")
    menendez = seed_legislator("Robert Menendez, Jr.", "Menendez", "D", "NJ")
    norton = seed_legislator(
        "Eleanor Holmes Norton", "Norton", "D", "DC", title="Delegate", slug="ehn"
    )
    markey = seed_legislator("Ed Markey", "Markey", "D", "MA", chamber="senate", title="Senator")

    report = import_legislators(reference_file)

    for row, bioguide in [
        (sanchez, "S001156"),
        (menendez, "M001226"),
        (norton, "N000147"),
        (markey, "M000133"),
    ]:
        name, slug = row.name, row.slug
        row.refresh_from_db()
        assert row.bioguide_id == bioguide
        assert (row.name, row.slug) == (name, slug)  # as printed in the sources
    assert (sanchez.district, sanchez.official_name) == (38, "Linda T. Sánchez")
    assert (norton.district, norton.official_name) == (0, "Eleanor Holmes Norton")
    assert (report.created, report.updated, report.unchanged) == (18, 4, 0)
    assert len(report.linked) == 4
    assert Legislator.objects.count() == 22
    assert report.ambiguous == []


def test_linking_then_importing_again_changes_nothing(reference_file: Path) -> None:
    seed_legislator("Chris Smith", "Smith", "R", "NJ")
    import_legislators(reference_file)
    before = snapshot()

    report = import_legislators(reference_file)

    assert (report.created, report.updated, report.unchanged) == (0, 0, 22)
    assert snapshot() == before


def test_seed_namesakes_are_told_apart_by_first_name(reference_file: Path) -> None:
    loretta = seed_legislator("Loretta Sanchez", "Sanchez", "D", "CA")
    linda = seed_legislator("Linda Sánchez", "Sánchez", "D", "CA")

    report = import_legislators(reference_file)

    linda.refresh_from_db()
    loretta.refresh_from_db()
    assert (linda.bioguide_id, loretta.bioguide_id) == ("S001156", "S000030")
    assert report.ambiguous == []


def test_ambiguous_seed_legislator_is_reported_not_guessed(reference_file: Path) -> None:
    smith = seed_legislator("James Smith", "Smith", "R", "TX")
    before = snapshot()

    report = import_legislators(reference_file)

    smith.refresh_from_db()
    assert smith.bioguide_id == ""
    assert [entry.legislator for entry in report.ambiguous] == [smith]
    assert {record.bioguide_id for record in report.ambiguous[0].candidates} == {
        "X000001",
        "X000002",
    }
    assert "several people share" in str(report.ambiguous[0])
    # Neither James Smith is created: either could be this archive legislator.
    assert not Legislator.objects.filter(bioguide_id__in=["X000001", "X000002"]).exists()
    assert (report.created, report.skipped) == (20, 2)
    assert snapshot()[0] == before[0]

    again = import_legislators(reference_file)
    assert (again.created, again.updated, again.unchanged, again.skipped) == (0, 0, 20, 2)
    assert len(again.ambiguous) == 1


def test_seed_legislator_with_another_first_name_is_reported_not_linked(
    reference_file: Path,
) -> None:
    titus = seed_legislator("Paul Titus", "Titus", "D", "NV")

    report = import_legislators(reference_file)

    titus.refresh_from_db()
    assert titus.bioguide_id == ""
    assert "another first name" in str(report.ambiguous[0])
    assert not Legislator.objects.filter(bioguide_id="T000468").exists()


def test_two_seed_rows_for_one_person_are_reported_not_linked(reference_file: Path) -> None:
    seed_legislator("Dina Titus", "Titus", "D", "NV")
    seed_legislator("D. Titus", "Titus", "D", "NV", slug="d-titus")

    report = import_legislators(reference_file)

    assert len(report.ambiguous) == 2
    assert "2 archive legislators match the same person" in str(report.ambiguous[0])
    assert Legislator.objects.filter(last_name="Titus", bioguide_id="").count() == 2
    assert Legislator.objects.filter(last_name="Titus").count() == 2


def test_last_name_alone_never_links(reference_file: Path) -> None:
    """Lees, Smiths and Peters exist, but none with this party and state."""
    lee = seed_legislator("Susie Lee", "Lee", "D", "CA")
    smith = seed_legislator("Adam Smith", "Smith", "R", "WA")
    peters = seed_legislator("Gary Peters", "Peters", "D", "MN", chamber="senate")

    report = import_legislators(reference_file)

    for row in (lee, smith, peters):
        row.refresh_from_db()
        assert row.bioguide_id == ""
    assert sorted(report.not_in_file) == [
        "Adam Smith (R-WA)",
        "Gary Peters (D-MN)",
        "Susie Lee (D-CA)",
    ]
    assert report.created == 22


def test_seed_senator_is_not_linked_to_a_namesake_who_never_sat_in_the_senate(
    reference_file: Path,
) -> None:
    menendez = seed_legislator(
        "Bob Menendez", "Menendez", "D", "NJ", chamber="senate", title="Senator"
    )

    report = import_legislators(reference_file)

    menendez.refresh_from_db()
    assert menendez.bioguide_id == ""
    assert report.not_in_file == ["Bob Menendez (D-NJ)"]
