"""A current member's one-page brief: their office, and each letter of their chamber sent
while they served as signed, did not sign or cannot be known, with its demands and the
detainees it names; none for a former member."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from people.models import Legislator
from people.pages.brief import LETTERS_PER_KIND
from tests.factories import make_demand, make_detainee, make_legislator, make_letter
from tests.test_members import serve

pytestmark = pytest.mark.django_db


@pytest.fixture
def amodei() -> Legislator:
    titus = serve(make_legislator("Dina Titus", "D", "NV", district=1), phone="202-225-5965")
    amodei = serve(make_legislator("Mark Amodei", "R", "NV", district=2), phone="202-225-6155")
    sanctions = make_demand("Global Magnitsky sanctions")
    vardanyan = make_detainee("Ruben Vardanyan")
    make_letter(
        "All named letter",
        "2024-06-01",
        signers=[(titus, "lead")],
        signers_stated=1,
        demands=[(sanctions, "impose sanctions")],
        detainees=[vardanyan],
    )
    make_letter("Leads only letter", "2025-02-06", signers=[(titus, "lead")], signers_note="x")
    make_letter("Amodei letter", "2025-03-01", signers=[(amodei, "cosigner")], signers_stated=1)
    return amodei


def section(html: str, kind: str) -> str:
    return html.split(f'id="{kind}-heading"')[1].split("</section>")[0]


def test_the_brief_sorts_every_letter_into_what_the_archive_can_say_with_its_asks(
    client: Client, amodei: Legislator
) -> None:
    html = client.get(f"/legislators/{amodei.slug}/brief/").content.decode()
    not_signed = section(html, "not_signed")
    assert "All named letter" in not_signed
    assert "Asks: Global Magnitsky sanctions." in not_signed
    assert "Names: Ruben Vardanyan." in not_signed
    assert "1 signer" in not_signed
    assert "Leads only letter" in section(html, "unknown")
    assert "Amodei letter" in section(html, "signed")
    assert "signed <strong>1</strong>, did not sign <strong>1</strong>, cannot be known" in html
    assert '<a href="tel:+12022256155">202-225-6155</a>' in html


def test_the_brief_lists_the_latest_letters_of_each_kind_and_says_so(
    client: Client, amodei: Legislator
) -> None:
    for day in range(LETTERS_PER_KIND + 2):
        make_letter(f"Unnamed {day}", datetime.date(2025, 5, 1 + day), signers_note="x")
    unknown = section(client.get(f"/legislators/{amodei.slug}/brief/").content.decode(), "unknown")
    assert f"Cannot be known: {LETTERS_PER_KIND + 3} letters" in unknown
    assert f"(the latest {LETTERS_PER_KIND})" in unknown
    assert unknown.count("<li>") == LETTERS_PER_KIND
    assert "Unnamed 6" in unknown and "Leads only letter" not in unknown


def test_a_former_member_has_no_brief(client: Client, amodei: Legislator) -> None:
    former = make_legislator("Former Member", "D", "NV", district=3)
    assert client.get(f"/legislators/{former.slug}/brief/").status_code == 404
    assert client.get("/legislators/no-such-member/brief/").status_code == 404
    assert "/brief/" not in client.get(former.get_absolute_url()).content.decode()


def test_the_members_page_and_the_legislators_page_link_to_the_brief(
    client: Client, amodei: Legislator
) -> None:
    brief = f'href="/legislators/{amodei.slug}/brief/"'
    assert brief in client.get("/members/NV/2/").content.decode()
    assert brief in client.get(amodei.get_absolute_url()).content.decode()


def test_the_sitemap_lists_the_brief_of_each_member_serving_today(
    client: Client, amodei: Legislator
) -> None:
    former = make_legislator("Former Member", "D", "NV", district=3)
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"http://testserver/legislators/{amodei.slug}/brief/</loc>" in sitemap
    assert f"/legislators/{former.slug}/brief/" not in sitemap
