"""The detainee story, demand follow-through, campaigns and 'your members' in a real browser:
each view walked at desktop and phone widths, light and dark, with no axe-core violation,
and the members finder used without JavaScript."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from people.models import LegislatorTerm
from tests.browser.accessibility import accessibility_failures
from tests.factories import (
    make_campaign,
    make_demand,
    make_detainee,
    make_event,
    make_legislator,
    make_letter,
    make_recipient,
    make_response,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def serve(legislator: Any) -> Any:
    LegislatorTerm.objects.create(
        legislator=legislator,
        chamber=legislator.chamber,
        state=legislator.state,
        district=legislator.district,
        party="Democrat" if legislator.party == "D" else "Republican",
        start=datetime.date(2019, 1, 3),
        end=datetime.date(2031, 1, 3),
    )
    return legislator


@pytest.fixture
def archive() -> dict[str, Any]:
    titus = serve(make_legislator("Dina Titus", "D", "NV", district=1))
    amodei = serve(make_legislator("Mark Amodei", "R", "NV", district=2))
    serve(make_legislator("Jacky Rosen", "D", "NV", chamber="senate"))
    smith = make_legislator("Chris Smith", "R", "NJ", district=4)
    vardanyan = make_detainee("Ruben Vardanyan", role="former State Minister")
    make_event(vardanyan, "detained", "2023-09-01", date_precision="month")
    sanctions = make_demand("Magnitsky sanctions")
    make_response(sanctions, "2025-06-02")
    rubio = make_recipient()
    first = make_letter(
        "Titus-Smith letter to Rubio",
        "2025-04-11",
        signers=[(titus, "lead"), smith],
        signers_stated=2,
        recipients=[rubio],
        demands=[(sanctions, "impose Magnitsky sanctions")],
        detainees=[(vardanyan, "former State Minister")],
    )
    second = make_letter(
        "Caucus letter to Rubio",
        "2025-11-21",
        signers=[(smith, "lead")],
        signers_note="The release names only the lead.",
        recipients=[rubio],
        demands=[(sanctions, "apply Global Magnitsky sanctions")],
    )
    campaign = make_campaign("Magnitsky letters to Rubio", [first, second])
    return locals()


def test_every_new_view_has_no_axe_violations_on_desktop_and_phone_in_both_themes(
    page: Any, live_server: Any, archive: dict[str, Any], axe_source: str
) -> None:
    urls = [
        archive["vardanyan"].get_absolute_url(),
        archive["sanctions"].get_absolute_url(),
        archive["first"].get_absolute_url(),
        reverse("letters:campaign_list"),
        archive["campaign"].get_absolute_url(),
        archive["titus"].get_absolute_url(),
        archive["amodei"].get_absolute_url(),
        reverse("people:members_index"),
        reverse("people:members_index") + "?name=titus",
        reverse("people:members_index") + "?district=abc",
        reverse("people:members_state", args=["NV"]),
        reverse("people:members_district", args=["NV", 1]),
        "/members/XX/",
    ]
    failures = accessibility_failures(page, live_server.url, urls, axe_source)
    assert failures == [], "\n".join(failures)


def test_a_visitor_finds_their_members_without_javascript(
    page_without_js: Any, live_server: Any, archive: dict[str, Any]
) -> None:
    page = page_without_js
    page.goto(live_server.url + reverse("people:members_index"))
    page.select_option("select[name=state]", "NV")
    page.fill("input[name=district]", "2")
    page.click("button:has-text('Show the members')")
    assert page.url.endswith("/members/NV/2/")
    amodei = page.locator("section.member", has_text="Mark Amodei")
    assert "Did not sign" in amodei.locator("tr", has_text="Titus-Smith letter").inner_text()
    assert "Cannot be known" in amodei.locator("tr", has_text="Caucus letter").inner_text()
    # The page prints: the navigation and search give way to the content.
    page.emulate_media(media="print")
    assert page.locator("section.member").first.is_visible()
