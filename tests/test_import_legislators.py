"""Importing legislators from congress-legislators YAML: create or update by bioguide id,
one transaction, dry run, and a second run that changes nothing (linking the legislators
entered from the seeds: tests/test_import_linking.py)."""

from __future__ import annotations

import datetime
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from letters.models import Letter, Signatory, Source
from people.importing import (
    PROGRESS_EVERY,
    LegislatorImportError,
    import_legislators,
    read_legislators_file,
)
from people.models import Legislator
from tests.factories import make_legislator
from tests.legislator_records import (
    person,
    reference_people,
    seed_legislator,
    snapshot,
    term,
    write_yaml,
)

pytestmark = pytest.mark.django_db


# Creating and updating


def test_import_creates_each_person_from_their_latest_term(reference_file: Path) -> None:
    report = import_legislators(reference_file)

    assert (report.created, report.updated, report.unchanged) == (22, 0, 0)
    markey = Legislator.objects.get(bioguide_id="M000133")
    assert (markey.chamber, markey.title, markey.party, markey.state, markey.district) == (
        "senate",
        "Senator",
        "D",
        "MA",
        None,
    )
    chris = Legislator.objects.get(bioguide_id="S000522")
    assert (chris.chamber, chris.title, chris.party_state, chris.district) == (
        "house",
        "Representative",
        "R-NJ",
        4,
    )
    assert Legislator.objects.get(bioguide_id="S000033").party_state == "I-VT"


def test_delegates_and_the_resident_commissioner_get_their_titles(
    reference_file: Path,
) -> None:
    import_legislators(reference_file)

    titles = dict(Legislator.objects.values_list("state", "title").filter(district=0))
    assert titles == {"DC": "Delegate", "VI": "Delegate", "PR": "Resident Commissioner"}


def test_names_keep_accents_and_use_the_nickname(reference_file: Path) -> None:
    import_legislators(reference_file)

    def names(bioguide: str) -> tuple[str, str, str]:
        row = Legislator.objects.get(bioguide_id=bioguide)
        return row.name, row.official_name, row.last_name

    assert names("S001156") == ("Linda Sánchez", "Linda T. Sánchez", "Sánchez")
    assert names("M000133") == ("Ed Markey", "Edward J. Markey", "Markey")
    assert names("S000522") == ("Chris Smith", "Christopher H. Smith", "Smith")
    assert names("N000147") == ("Eleanor Holmes Norton", "Eleanor Holmes Norton", "Norton")
    assert names("H001103") == (
        "Pablo José Hernández",
        "Pablo José Hernández",
        "Hernández Rivera",
    )
    assert names("M001226")[0] == "Robert Menendez"


def test_slugs_are_names_with_the_state_only_on_collision(reference_file: Path) -> None:
    make_legislator("Dina Titus", "D", "NV", slug="dina-titus", bioguide_id="T000468")
    import_legislators(reference_file)

    slugs = dict(Legislator.objects.values_list("bioguide_id", "slug"))
    assert slugs["S001156"] == "linda-sanchez"
    assert slugs["N000147"] == "eleanor-holmes-norton"
    assert slugs["T000468"] == "dina-titus"
    assert {slugs["X000001"], slugs["X000002"]} == {"james-smith", "james-smith-tx"}


def test_namesakes_in_the_same_state_get_distinct_slugs(tmp_path: Path) -> None:
    path = write_yaml(
        tmp_path,
        [
            person("X000001", "James", "Smith", term("rep", "TX", "Republican", 3)),
            person("X000002", "James", "Smith", term("rep", "TX", "Republican", 5)),
            person("X000003", "James", "Smith", term("rep", "TX", "Republican", 7)),
        ],
    )
    import_legislators(path)

    assert sorted(Legislator.objects.values_list("slug", flat=True)) == [
        "james-smith",
        "james-smith-tx",
        "james-smith-tx-x000003",
    ]


def test_importing_twice_changes_nothing(reference_file: Path) -> None:
    import_legislators(reference_file)
    before = snapshot()

    report = import_legislators(reference_file)

    assert (report.created, report.updated, report.unchanged) == (0, 0, 22)
    assert snapshot() == before  # `modified` included: unchanged rows are not saved


def test_a_changed_record_updates_only_that_legislator(
    tmp_path: Path, reference_file: Path
) -> None:
    import_legislators(reference_file)
    before = {row[0]: row for row in snapshot()}
    people = reference_people()
    people[-1]["terms"].append(term("rep", "NV", district=4, start="2027-01-03"))

    report = import_legislators(write_yaml(tmp_path, people, "changed.yaml"))

    assert (report.created, report.updated, report.unchanged) == (0, 1, 21)
    titus = Legislator.objects.get(bioguide_id="T000468")
    assert titus.district == 4
    changed = [row for row in snapshot() if before[row[0]] != row]
    assert [row[0] for row in changed] == [titus.pk]


def test_an_update_never_changes_the_archive_name_last_name_or_slug(
    reference_file: Path,
) -> None:
    Legislator.objects.create(
        slug="rob-menendez-nj",
        name="Robert Menendez, Jr.",
        last_name="Menendez",
        party="D",
        state="NJ",
        chamber="house",
        title="Representative",
        bioguide_id="M001226",
    )
    report = import_legislators(reference_file)

    row = Legislator.objects.get(bioguide_id="M001226")
    assert (row.slug, row.name, row.last_name) == (
        "rob-menendez-nj",
        "Robert Menendez, Jr.",
        "Menendez",
    )
    assert (row.district, row.official_name) == (8, "Robert Menendez")
    assert (report.created, report.updated) == (21, 1)


def test_a_signers_party_change_is_kept_and_noted(tmp_path: Path) -> None:
    """Signatures were checked against the party-state printed on the letter."""
    titus = make_legislator(
        "Dina Titus",
        "D",
        "NV",
        slug="dina-titus",
        bioguide_id="T000468",
        district=1,
        official_name="Dina Titus",
    )
    source = Source.objects.create(
        slug="release", title="Release", kind="press_release", full_text="Dina Titus (D-NV)"
    )
    letter = Letter.objects.create(
        slug="letter",
        title="Letter",
        date=datetime.date(2025, 4, 11),
        chamber="house",
        summary="A letter.",
    )
    Signatory.objects.create(
        letter=letter,
        legislator=titus,
        role="lead",
        printed_name="Dina Titus",
        printed_party_state="D-NV",
        position=1,
        source=source,
        passage="Dina Titus (D-NV)",
    )
    path = write_yaml(
        tmp_path, [person("T000468", "Dina", "Titus", term("rep", "NV", "Independent", 1))]
    )

    report = import_legislators(path)

    titus.refresh_from_db()
    assert titus.party_state == "D-NV"
    assert report.unchanged == 1
    assert "kept D-NV" in report.notes[0]
    assert "I-NV" in report.notes[0]


# One transaction, dry run, errors


def test_a_bad_record_rolls_back_everything(tmp_path: Path) -> None:
    seed_legislator("Dina Titus", "Titus", "D", "NV")
    before = snapshot()
    people = reference_people()
    people[5]["terms"][-1]["state"] = "ZZ"

    with pytest.raises(LegislatorImportError, match=r"record 6 \(James Smith, X000002\).*'ZZ'"):
        import_legislators(write_yaml(tmp_path, people))

    assert snapshot() == before


def test_historical_parties_are_skipped_and_reported_not_imported(tmp_path: Path) -> None:
    people = reference_people()
    people[5]["terms"][-1]["party"] = "Whig"

    report = import_legislators(write_yaml(tmp_path, people))

    assert report.skipped_party == 1
    assert not Legislator.objects.filter(bioguide_id="X000002").exists()
    assert report.created == len(people) - 1
    assert any("Whig" in note and "X000002" in note for note in report.notes)
    assert "1 skipped (party not recorded)" in report.summary()


def test_a_party_outside_d_r_i_is_mapped_to_the_caucus_and_noted(tmp_path: Path) -> None:
    path = write_yaml(
        tmp_path,
        [
            person(
                "K000383",
                "Angus",
                "King",
                term("sen", "ME", "Independent"),
                suffix="Jr.",
                official="Angus S. King, Jr.",
            ),
            person(
                "P000001",
                "Pedro",
                "Pierluisi",
                term("rep", "PR", "New Progressive", 0, caucus="Democrat"),
            ),
        ],
    )

    report = import_legislators(path)

    assert Legislator.objects.get(bioguide_id="P000001").party == "D"
    assert report.notes == [
        "record 2 (Pedro Pierluisi, P000001): party 'New Progressive' recorded as D (caucus)"
    ]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda p: p["id"].pop("bioguide"), r"record 3 \(Jason Smith\): id.bioguide"),
        (lambda p: p["terms"][-1].update(state="ZZ"), r"Jason Smith, S001195.*state 'ZZ'"),
        (lambda p: p["terms"][-1].update(type="gov"), r"S001195.*term type 'gov'"),
        (lambda p: p["terms"][-1].update(district="one"), r"S001195.*district 'one'"),
        (lambda p: p.update(terms=[]), r"S001195.*no terms"),
        (lambda p: p["name"].pop("last"), r"record 3 \(Jason, S001195\).*name.last"),
    ],
)
def test_a_bad_record_is_named_and_nothing_is_written(
    tmp_path: Path, change: Any, message: str
) -> None:
    people = reference_people()
    change(people[2])

    with pytest.raises(LegislatorImportError, match=message):
        import_legislators(write_yaml(tmp_path, people))

    assert not Legislator.objects.exists()


def test_a_repeated_bioguide_id_is_an_error(tmp_path: Path) -> None:
    people = reference_people()
    people[1]["id"]["bioguide"] = "S000522"

    with pytest.raises(LegislatorImportError, match="also record 1"):
        read_legislators_file(write_yaml(tmp_path, people))


def test_a_file_that_is_not_a_list_of_people_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text("people: 1\n")
    with pytest.raises(LegislatorImportError, match="expected a list of people"):
        read_legislators_file(path)


def test_dry_run_writes_nothing(reference_file: Path) -> None:
    seed_legislator("Chris Smith", "Smith", "R", "NJ")
    before = snapshot()

    report = import_legislators(reference_file, dry_run=True)

    assert report.dry_run
    assert (report.created, report.updated) == (21, 1)
    assert snapshot() == before


def test_progress_is_reported_every_hundred_people(tmp_path: Path) -> None:
    people = [
        person(f"Z{number:06d}", "Pat", f"Member{number}", term("rep", "OH", district=1))
        for number in range(2 * PROGRESS_EVERY + 37)
    ]
    calls: list[tuple[int, int]] = []

    import_legislators(write_yaml(tmp_path, people), progress=lambda *call: calls.append(call))

    total = 2 * PROGRESS_EVERY + 37
    assert calls == [(PROGRESS_EVERY, total), (2 * PROGRESS_EVERY, total), (total, total)]


# The management command


def test_command_prints_progress_and_summary(reference_file: Path) -> None:
    seed_legislator("James Smith", "Smith", "R", "TX")
    out = StringIO()

    call_command("import_legislators", str(reference_file), stdout=out)

    output = out.getvalue()
    assert "22/22 people" in output
    assert "ambiguous, not linked: James Smith (R-TX)" in output
    assert "X000001" in output
    assert "X000002" in output
    assert "Imported people.yaml: 22 people: 20 created, 0 updated, 0 unchanged" in output


def test_command_dry_run_says_so_and_writes_nothing(reference_file: Path) -> None:
    out = StringIO()

    call_command("import_legislators", str(reference_file), "--dry-run", stdout=out)

    assert "Checked (dry run, nothing written) people.yaml: 22 people: 22 created" in out.getvalue()
    assert not Legislator.objects.exists()


def test_command_reads_the_settings_file_by_default(reference_file: Path, settings: Any) -> None:
    settings.CONGRESS_LEGISLATORS_FILE = reference_file
    out = StringIO()

    call_command("import_legislators", stdout=out, verbosity=0)

    assert "22 created" in out.getvalue()
    assert "/22 people" not in out.getvalue()  # no progress at verbosity 0


def test_command_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=r"No congress-legislators file at .*absent\.yaml"):
        call_command("import_legislators", str(tmp_path / "absent.yaml"))


def test_command_malformed_yaml_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("- id: {bioguide: [\n")

    with pytest.raises(
        CommandError, match=r"Nothing was imported\. .*broken\.yaml is not valid YAML"
    ):
        call_command("import_legislators", str(path))


def test_command_bad_record_is_a_clear_error(tmp_path: Path) -> None:
    people = reference_people()
    people[0]["terms"][-1]["type"] = "delegate"

    with pytest.raises(CommandError, match=r"record 1 \(Christopher Smith, S000522\)"):
        call_command("import_legislators", str(write_yaml(tmp_path, people)))
    assert not Legislator.objects.exists()


# The full reference file


@pytest.mark.skipif(
    not Path(settings.CONGRESS_LEGISLATORS_FILE).is_file(),
    reason=f"congress-legislators file not present at {settings.CONGRESS_LEGISLATORS_FILE}",
)
def test_full_congress_legislators_file_imports_cleanly_twice() -> None:
    path = Path(settings.CONGRESS_LEGISLATORS_FILE)
    people = len(read_legislators_file(path))

    first = import_legislators(path)
    before = snapshot()
    second = import_legislators(path)

    assert (first.created, first.updated, first.unchanged) == (people, 0, 0)
    assert (second.created, second.updated, second.unchanged) == (0, 0, people)
    assert snapshot() == before
    assert Legislator.objects.count() == people
    assert Legislator.objects.filter(chamber="senate").count() == 100
    if people == 537:  # the shared file as of its README
        assert Legislator.objects.filter(chamber="house").count() == 437
