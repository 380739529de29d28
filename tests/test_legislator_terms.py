"""Legislator terms: every term of congress-legislators kept, idempotently, and the question
drafting and "my members of Congress" ask: who served in chamber C for state S on date D."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.conf import settings

from people.importing import LegislatorImportError, import_legislators
from people.models import Legislator, LegislatorTerm
from tests.legislator_records import person, term, write_yaml

pytestmark = pytest.mark.django_db

CARRIED = Path(settings.BASE_DIR) / "people" / "data" / "congress-legislators"


def menendezes() -> list[dict[str, Any]]:
    """The senator (2006-2024) and his son, the representative (2023-)."""
    senator = person(
        "M000639",
        "Robert",
        "Menendez",
        term("rep", "NJ", district=13, start="1993-01-05", end="2006-01-17"),
        term("sen", "NJ", start="2006-01-18", end="2007-01-03"),
        term("sen", "NJ", start="2007-01-04", end="2013-01-03"),
        term("sen", "NJ", start="2013-01-03", end="2019-01-03"),
        term("sen", "NJ", start="2019-01-03", end="2024-08-20"),
        official="Robert Menendez",
        nickname="Bob",
    )
    son = person(
        "M001226",
        "Robert",
        "Menendez",
        term("rep", "NJ", district=8, start="2023-01-03", end="2025-01-03"),
        term("rep", "NJ", district=8, start="2025-01-03", end="2027-01-03"),
        suffix="Jr.",
        official="Robert Menendez",
        nickname="Rob",
    )
    return [senator, son]


def test_import_keeps_every_term_of_each_person(tmp_path: Path) -> None:
    report = import_legislators(write_yaml(tmp_path, menendezes()))

    senator = Legislator.objects.get(bioguide_id="M000639")
    terms = list(senator.terms.values_list("chamber", "state", "district", "start", "end"))
    assert terms[0] == ("house", "NJ", 13, datetime.date(1993, 1, 5), datetime.date(2006, 1, 17))
    assert terms[-1] == (
        "senate",
        "NJ",
        None,
        datetime.date(2019, 1, 3),
        datetime.date(2024, 8, 20),
    )
    assert len(terms) == 5
    assert report.terms_created == 7
    assert "terms: 7 added" in report.summary()


def test_a_second_import_changes_no_term(tmp_path: Path) -> None:
    path = write_yaml(tmp_path, menendezes())
    import_legislators(path)
    before = list(LegislatorTerm.objects.order_by("pk").values_list())

    second = import_legislators(path)

    assert (second.created, second.updated, second.unchanged) == (0, 0, 2)
    assert (second.terms_created, second.terms_removed) == (0, 0)
    assert list(LegislatorTerm.objects.order_by("pk").values_list()) == before


def test_a_term_corrected_in_the_file_replaces_the_old_one(tmp_path: Path) -> None:
    people = menendezes()
    import_legislators(write_yaml(tmp_path, people))
    people[1]["terms"][-1]["end"] = "2026-06-30"

    report = import_legislators(write_yaml(tmp_path, people))

    son = Legislator.objects.get(bioguide_id="M001226")
    assert son.terms.order_by("start").reverse()[0].end == datetime.date(2026, 6, 30)
    assert son.terms.count() == 2
    assert (report.unchanged, report.terms_created, report.terms_removed) == (2, 1, 1)


def test_who_served_for_a_state_on_a_date_tells_namesakes_apart(tmp_path: Path) -> None:
    import_legislators(write_yaml(tmp_path, menendezes()))
    senator = Legislator.objects.get(bioguide_id="M000639")
    son = Legislator.objects.get(bioguide_id="M001226")

    in_2021 = datetime.date(2021, 6, 1)
    assert list(Legislator.objects.serving(in_2021, chamber="senate", state="NJ")) == [senator]
    assert not Legislator.objects.serving(in_2021, chamber="house", state="NJ").exists()
    in_2025 = datetime.date(2025, 4, 11)
    assert list(Legislator.objects.serving(in_2025, chamber="house", state="NJ")) == [son]
    assert not Legislator.objects.serving(in_2025, chamber="senate", state="NJ").exists()
    # A term's first and last days are both inside it.
    last_day = datetime.date(2024, 8, 20)
    assert list(Legislator.objects.serving(last_day, chamber="senate", state="NJ")) == [senator]
    assert list(Legislator.objects.serving(datetime.date(2023, 1, 3))) == [senator, son]


def test_a_term_ending_before_it_starts_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    people = menendezes()
    people[0]["terms"][1]["end"] = "2005-01-01"

    with pytest.raises(LegislatorImportError, match=r"Robert Menendez, M000639.*ends before"):
        import_legislators(write_yaml(tmp_path, people))
    assert not Legislator.objects.exists()
    assert not LegislatorTerm.objects.exists()


def test_a_term_with_a_party_the_archive_does_not_record_keeps_its_name(tmp_path: Path) -> None:
    people = [
        person(
            "X000010",
            "Angus",
            "King",
            term("sen", "ME", "Independent", caucus="Democrat", start="2013-01-03"),
        ),
        person(
            "X000011",
            "Henry",
            "Clayton",
            term("rep", "VA", "Whig", start="1839-12-02", end="1841-03-03"),
            term("rep", "VA", "Democrat", start="1841-05-31", end="1843-03-03"),
        ),
    ]

    import_legislators(write_yaml(tmp_path, people))

    king = LegislatorTerm.objects.get(legislator__bioguide_id="X000010")
    assert (king.party, king.caucus, king.party_code) == ("Independent", "Democrat", "I")
    whig, democrat = LegislatorTerm.objects.filter(legislator__bioguide_id="X000011")
    assert (whig.party, whig.party_code, democrat.party_code) == ("Whig", "", "D")


def test_the_project_carries_the_reference_data_with_its_licence_and_origin() -> None:
    data = CARRIED / "legislators-current.yaml"
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    people = yaml.load(data.read_text("utf-8"), Loader=loader)

    assert len(people) == 537
    assert all(person["terms"] for person in people)
    assert "CC0 1.0 Universal" in (CARRIED / "LICENSE").read_text("utf-8")
    readme = (CARRIED / "README.md").read_text("utf-8")
    assert "github.com/unitedstates/congress-legislators" in readme
    assert "CC0" in readme


def test_the_importer_reads_the_carried_file() -> None:
    report = import_legislators(CARRIED / "legislators-current.yaml")

    assert report.created == 537
    assert LegislatorTerm.objects.count() == report.terms_created > 537
    senators_now = Legislator.objects.serving(datetime.date(2026, 6, 1), chamber="senate")
    assert senators_now.count() == 100
