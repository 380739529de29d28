"""A constituent and a sharer in a real browser: finding a member who did not sign a letter,
calling their office from the page, printing their brief on one A4 or Letter page; reading
a letter page's preview metadata and its card; and the new pages with no axe-core violation."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from tests.browser.accessibility import accessibility_failures
from tests.factories import make_demand, make_detainee, make_legislator, make_letter
from tests.test_members import serve

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Paper sizes in CSS pixels (96 per inch), less print.css's 12 mm margins on each side.
PAPER_WIDTHS = {"A4": round((210 - 24) / 25.4 * 96), "Letter": round(8.5 * 96 - 24 / 25.4 * 96)}
AMODEI_OFFICE = {
    "phone": "202-225-6155",
    "website": "https://amodei.house.gov",
    "contact_form": "https://amodei.house.gov/contact",
    "address": "104 Cannon House Office Building Washington DC 20515-2802",
}


@pytest.fixture
def archive() -> dict[str, Any]:
    titus = serve(make_legislator("Dina Titus", "D", "NV", district=1), phone="202-225-5965")
    amodei = serve(make_legislator("Mark Amodei", "R", "NV", district=2), **AMODEI_OFFICE)
    serve(make_legislator("Jacky Rosen", "D", "NV", chamber="senate"), phone="202-224-6244")
    smith = make_legislator("Chris Smith", "R", "NJ", district=4)
    sanctions = make_demand("Global Magnitsky sanctions")
    release = make_demand("Release of prisoners")
    vardanyan = make_detainee("Ruben Vardanyan", role="former State Minister")
    letter = make_letter(
        "Titus-Smith letter to Rubio",
        "2025-04-11",
        signers=[(titus, "lead"), smith],
        signers_stated=2,
        demands=[(sanctions, "impose sanctions"), (release, "release them")],
        detainees=[(vardanyan, "former State Minister")],
    )
    for day in range(1, 6):  # more letters than the brief lists of a kind
        make_letter(
            f"Caucus letter {day} to Rubio",
            f"2025-11-{day:02d}",
            signers=[(smith, "lead")],
            signers_note="The release names only the lead.",
            demands=[(sanctions, "apply Global Magnitsky sanctions"), (release, "free them")],
            detainees=[vardanyan],
        )
    return locals()


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


def test_a_constituent_finds_who_did_not_sign_calls_the_office_and_prints_the_brief(
    page: Any, live_server: Any, archive: dict[str, Any]
) -> None:
    page.goto(live_server.url + reverse("people:members_index"))
    page.select_option("select[name=state]", "NV")
    page.fill("input[name=district]", "2")
    page.click("button:has-text('Show the members')")
    amodei = page.locator("section.member", has_text="Mark Amodei")
    assert "Did not sign" in amodei.locator("tr", has_text="Titus-Smith letter").inner_text()
    call = amodei.locator("a[href^='tel:']")
    assert call.get_attribute("href") == "tel:+12022256155"
    assert call.inner_text() == "202-225-6155"
    assert amodei.get_by_role("link", name="Contact form").get_attribute("href") == (
        "https://amodei.house.gov/contact"
    )
    amodei.get_by_role("link", name="One-page brief to print").click()
    assert page.url.endswith("/legislators/mark-amodei-nv/brief/")
    not_signed = page.locator("section.answer-not_signed")
    assert "Titus-Smith letter to Rubio" in not_signed.inner_text()
    assert "Ruben Vardanyan" in not_signed.inner_text()

    page.emulate_media(media="print")
    for paper, width in PAPER_WIDTHS.items():
        assert pdf_pages(page.pdf(format=paper)) == 1, paper
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate("document.documentElement.scrollWidth") <= width, paper
    assert not page.locator(".site-header nav").is_visible()


def test_the_members_page_prints_without_navigation_or_overflow(
    page: Any, live_server: Any, archive: dict[str, Any]
) -> None:
    page.goto(live_server.url + "/members/NV/2/")
    page.emulate_media(media="print")
    page.set_viewport_size({"width": PAPER_WIDTHS["Letter"], "height": 900})
    assert page.evaluate("document.documentElement.scrollWidth") <= PAPER_WIDTHS["Letter"]
    assert not page.locator(".site-header nav").is_visible()
    assert not page.get_by_role("link", name="One-page brief to print").first.is_visible()
    assert page.locator("section.member a[href^='tel:']").first.is_visible()


def test_a_sharer_reads_a_letters_preview_metadata_and_its_card(
    page: Any, live_server: Any, archive: dict[str, Any], settings: Any
) -> None:
    settings.ARCHIVE_SITE_URL = live_server.url
    letter = archive["letter"].get_absolute_url()
    page.goto(live_server.url + letter)

    def meta(key: str) -> str:
        tag = page.locator(f"meta[property='{key}'], meta[name='{key}']")
        content: str | None = tag.get_attribute("content")
        assert content is not None, key
        return content

    assert meta("og:title") == "Titus-Smith letter to Rubio"
    assert meta("og:description").startswith("April 11, 2025, House: 2 signers")
    assert meta("og:url") == live_server.url + letter
    assert meta("twitter:card") == "summary_large_image"
    card = page.request.get(meta("og:image"))
    assert (card.status, card.headers["content-type"]) == (200, "image/png")
    assert card.body()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_new_pages_have_no_axe_violations_on_desktop_and_phone_in_both_themes(
    page: Any, live_server: Any, archive: dict[str, Any], axe_source: str
) -> None:
    urls = [
        "/legislators/mark-amodei-nv/brief/",
        "/legislators/dina-titus-nv/brief/",
        "/legislators/mark-amodei-nv/",
        "/members/NV/2/",
        "/members/NV/",
    ]
    failures = accessibility_failures(page, live_server.url, urls, axe_source)
    assert failures == []
