"""A current member's office on their pages: phone (a tel: link), website and contact form as
the congress-legislators data gives them, dated by the import that read them; nothing for a
former member, nothing the data does not give."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from letters.models import ArchiveVersion
from people.importing import import_legislators
from people.models import Legislator, LegislatorTerm
from tests.legislator_records import person, term, write_yaml

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2026, 6, 15)
LATER = datetime.date(2026, 9, 1)
TITUS_OFFICE: dict[str, Any] = {
    "url": "https://titus.house.gov",
    "phone": "202-225-5965",
    "address": "2370 Rayburn House Office Building Washington DC 20515-2801",
    "office": "2370 Rayburn House Office Building",
}
ROSEN_OFFICE: dict[str, Any] = {
    "url": "https://www.rosen.senate.gov",
    "phone": "202-224-6244",
    "contact_form": "https://www.rosen.senate.gov/contact_form/",
    "address": "713 Hart Senate Office Building Washington DC 20510",
    "office": "713 Hart Senate Office Building",
}
SERVING: dict[str, Any] = {"start": "2025-01-03", "end": "2099-01-03"}


def nevadans(titus_office: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    return [
        person(
            "T000468",
            "Dina",
            "Titus",
            term("rep", "NV", district=1, start="2019-01-03", end="2021-01-03", phone="1"),
            term("rep", "NV", district=1, **SERVING, **(titus_office or TITUS_OFFICE)),
        ),
        person("R000608", "Jacky", "Rosen", term("sen", "NV", **SERVING, **ROSEN_OFFICE)),
        person(
            "H001066",
            "Steven",
            "Horsford",
            term("rep", "NV", district=4, start="2019-01-03", end="2021-01-03", **TITUS_OFFICE),
        ),
    ]


@pytest.fixture
def imported(tmp_path: Path) -> Path:
    path = write_yaml(tmp_path, nevadans())
    import_legislators(path, imported_on=MONDAY)
    return path


def current(bioguide_id: str) -> LegislatorTerm:
    return LegislatorTerm.objects.filter(legislator__bioguide_id=bioguide_id).latest("start")


def test_the_import_keeps_each_terms_office_as_the_file_gives_it_dated_by_the_import(
    imported: Path,
) -> None:
    rosen = current("R000608")
    assert (rosen.phone, rosen.website, rosen.contact_form) == (
        "202-224-6244",
        "https://www.rosen.senate.gov",
        "https://www.rosen.senate.gov/contact_form/",
    )
    assert rosen.office == "713 Hart Senate Office Building"
    assert rosen.contact_as_of == MONDAY
    titus = current("T000468")
    assert titus.contact_form == ""  # the file gives none: none is made up
    assert titus.phone_url == "tel:+12022255965"


def test_importing_the_same_file_again_changes_nothing_and_keeps_the_date(
    imported: Path,
) -> None:
    before = list(LegislatorTerm.objects.order_by("pk").values_list())
    token = ArchiveVersion.current()
    report = import_legislators(imported, imported_on=LATER)
    assert report.contacts_updated == 0 and report.terms_created == 0
    assert list(LegislatorTerm.objects.order_by("pk").values_list()) == before
    assert ArchiveVersion.current() == token


def test_a_changed_phone_is_updated_in_place_dated_anew_and_pages_are_refreshed(
    imported: Path, tmp_path: Path
) -> None:
    pk, token = current("T000468").pk, ArchiveVersion.current()
    moved = write_yaml(tmp_path, nevadans(TITUS_OFFICE | {"phone": "202-225-0000"}), "new.yaml")
    report = import_legislators(moved, imported_on=LATER)
    titus = current("T000468")
    assert (titus.pk, titus.phone, titus.contact_as_of) == (pk, "202-225-0000", LATER)
    assert report.contacts_updated == 1 and report.terms_created == 0
    assert current("R000608").contact_as_of == MONDAY
    assert ArchiveVersion.current() != token  # cached pages showing the old number go


def test_a_web_address_that_is_not_http_is_left_out_and_noted(tmp_path: Path) -> None:
    typo = TITUS_OFFICE | {"contact_form": "hhttps://titus.house.gov/contact"}
    report = import_legislators(write_yaml(tmp_path, nevadans(typo)), imported_on=MONDAY)
    assert current("T000468").contact_form == ""
    assert any("hhttps://titus.house.gov/contact" in note for note in report.notes)


def test_a_members_page_offers_the_call_link_website_and_contact_form_with_the_date(
    client: Client, imported: Path
) -> None:
    html = client.get("/members/NV/1/").content.decode()
    titus = html.split('id="member-dina-titus"')[1].split("</section>")[0]
    assert '<a href="tel:+12022255965">202-225-5965</a>' in titus
    assert '<a href="https://titus.house.gov">titus.house.gov</a>' in titus
    assert "gives no contact form for this office" in titus
    assert 'as of <time datetime="2026-06-15">June 15, 2026</time>' in titus
    rosen = html.split('id="member-jacky-rosen"')[1].split("</section>")[0]
    assert '<a href="https://www.rosen.senate.gov/contact_form/">Contact form</a>' in rosen
    assert '<a href="tel:+12022246244">' in rosen


def test_a_legislators_page_shows_the_office_only_while_they_serve(
    client: Client, imported: Path
) -> None:
    titus = client.get(Legislator.objects.get(bioguide_id="T000468").get_absolute_url())
    assert '<a href="tel:+12022255965">' in titus.content.decode()
    # A former member: their old term carries an office in the file, the page shows none.
    horsford = client.get(Legislator.objects.get(bioguide_id="H001066").get_absolute_url())
    assert horsford.status_code == 200
    assert "tel:" not in horsford.content.decode()
    assert "Contact the office" not in horsford.content.decode()
