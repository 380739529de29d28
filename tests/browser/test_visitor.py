"""A visitor using the site in a real browser, and every page type checked by axe-core."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.accessibility import accessibility_failures
from tests.factories import (
    ThreeLetters,
    make_letter,
    make_source,
    make_three_letters,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def archive() -> ThreeLetters:
    return make_three_letters()


def test_visitor_goes_from_home_to_a_detainee_trace_through_a_party_filtered_letter(
    page_without_js: Any, live_server: Any, archive: ThreeLetters
) -> None:
    """On a phone, without JavaScript."""
    page = page_without_js
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Letters").click()
    page.get_by_label("Signer's party").select_option("R")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("heading", name="2 letters")).to_be_visible()
    assert "party=R" in page.url
    assert page.get_by_role("link", name="Senators to Blinken").count() == 0
    page.get_by_role("link", name="Titus-Smith letter to Rubio").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Titus-Smith letter to Rubio")
    page.get_by_role("link", name="Ruben Vardanyan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ruben Vardanyan")
    trace = page.locator("ol.trace")
    assert trace.locator("> li").count() == 2
    assert "the detention of Ruben Vardanyan" in trace.inner_text()


def test_visitor_filters_signatories_by_state_from_the_map(
    page_without_js: Any, live_server: Any, archive: ThreeLetters
) -> None:
    page = page_without_js
    page.goto(live_server.url + reverse("people:legislator_list"))
    page.locator('.tile-map a[aria-label^="CA, California:"]').click()
    assert page.url.endswith("?state=CA")
    names = page.locator("table.legislators tbody th").all_inner_texts()
    assert sorted(names) == ["David Valadao", "Linda Sánchez"]
    assert page.get_by_label("State or territory").input_value() == "CA"


def test_visitor_downloads_the_filtered_letters_as_csv(
    page: Any, live_server: Any, archive: ThreeLetters
) -> None:
    page.goto(live_server.url + reverse("letters:letter_list") + "?state=CA")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV", exact=True).click()
    download = download_info.value
    assert download.suggested_filename == "letters-state-CA.csv"
    text = Path(download.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert sorted(row["title"] for row in rows) == [
        "Caucus letter to Rubio",
        "Titus-Smith letter to Rubio",
    ]


def test_every_page_type_has_no_axe_violations(
    page: Any, live_server: Any, archive: ThreeLetters, axe_source: str
) -> None:
    april = archive.april
    ocr = make_source("ocr", text="Held in custody,' then the Red Cross* left.\n\n! A note.")
    make_letter("OCR letter", source=ocr, footnotes=["! A note."])
    urls = [
        "/",
        ocr.get_absolute_url(),  # footnote marks printed as glyphs, linked
        reverse("letters:letter_list"),
        reverse("letters:letter_list") + "?party=R&year=2025",
        reverse("letters:letter_list") + "?year=abc",
        reverse("letters:letter_list") + "?q=prisoners",  # each row's match, marked
        april.get_absolute_url(),
        april.sources.get().get_absolute_url(),
        reverse("letters:recipient_letters", args=["marco-rubio"]),
        reverse("letters:demand_list"),
        archive.magnitsky.get_absolute_url(),
        reverse("people:legislator_list"),
        reverse("people:legislator_list") + "?state=CA",
        archive.titus.get_absolute_url(),
        reverse("people:detainee_list"),
        archive.vardanyan.get_absolute_url(),
        reverse("letters:search") + "?q=rubio",
        reverse("letters:about"),
        "/no-such-page/",
    ]
    failures = accessibility_failures(page, live_server.url, urls, axe_source)
    assert failures == [], "\n".join(failures)


def test_a_facts_from_link_opens_its_source_at_the_passage_marked_and_in_view(
    page: Any, live_server: Any, archive: ThreeLetters
) -> None:
    source = archive.april.sources.get()
    filler = "\n\n".join(f"Paragraph {n} of the release, before the letter." for n in range(40))
    source.full_text = (
        f"{filler}\n\nWe urge you to impose sanctions under the Global\nMagnitsky Act."
    )
    source.save()
    page.set_viewport_size({"width": 390, "height": 740})
    page.goto(live_server.url + archive.april.get_absolute_url())
    demands = page.locator("#demands")
    demands.get_by_role("link", name=source.title).click()
    page.wait_for_url("**/sources/**#q-*")
    anchor = page.locator(":target")
    passage = page.locator(":target + mark")
    assert (
        " ".join(passage.inner_text().split()) == "impose sanctions under the Global Magnitsky Act"
    )
    assert anchor.count() == 1 and passage.is_visible()
    box = passage.bounding_box()
    assert box is not None and 0 <= box["y"] < 740  # scrolled into view


def test_the_citation_can_be_copied_and_selected_without_javascript(
    page: Any, page_without_js: Any, live_server: Any, archive: ThreeLetters
) -> None:
    url = live_server.url + archive.april.get_absolute_url()
    page_without_js.goto(url)
    plain = page_without_js.get_by_label("Citation", exact=True)
    assert "Dina Titus et al." in plain.input_value()
    assert page_without_js.get_by_role("button", name="Copy citation").count() == 0  # hidden
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(url)
    page.get_by_role("button", name="Copy citation").click()
    # Writing to the clipboard is asynchronous: wait for the announcement, not a fixed instant.
    expect(page.get_by_role("status")).to_have_text("Copied to the clipboard.")
    assert "Dina Titus et al." in page.evaluate("navigator.clipboard.readText()")


def test_the_accessibility_check_finds_what_it_looks_for(page: Any, axe_source: str) -> None:
    broken = (
        "data:text/html,<!DOCTYPE html><title>t</title>"
        "<style>@media (prefers-color-scheme: dark) {p {color: %23333; background: %23111}}</style>"
        "<img src='x.png'><p>Dim in the dark</p><div style='width:1000px'>wide</div>"
    )
    failures = accessibility_failures(page, "", [broken], axe_source)
    assert any("390px light" in f and "image-alt" in f for f in failures)
    contrast = [f.split(" ", 2)[:2] for f in failures if "color-contrast" in f]
    assert contrast == [["1280px", "dark"], ["390px", "dark"]]
    too_wide = [f.split(" ", 2)[:2] for f in failures if f.endswith("px wide")]
    assert too_wide == [["390px", "light"], ["390px", "dark"]]


def test_public_pages_run_under_the_strict_policy_without_a_violation(
    strict_page: tuple[Any, list[str]], live_server: Any, archive: ThreeLetters
) -> None:
    """No 'unsafe-inline' for styles: the party splits and the timeline are still drawn
    (to scale, without an inline style), and the browser refuses nothing."""
    page, violations = strict_page
    april = archive.april
    for url in (
        "/",
        reverse("letters:letter_list"),
        april.get_absolute_url(),
        archive.vardanyan.get_absolute_url(),
        archive.titus.get_absolute_url(),
    ):
        page.goto(live_server.url + url)
    assert violations == []
    page.goto(live_server.url + april.get_absolute_url())
    split = page.locator(".split-bar").first.bounding_box()
    democrats = page.locator(".split-bar .split-D").first.bounding_box()
    assert split["width"] > 100 and split["height"] > 5
    # Two of the three signers named are Democrats: two thirds of the bar, give or take
    # the stroke that keeps a small share visible.
    assert abs(democrats["width"] / split["width"] - 2 / 3) < 0.03
