"""Campaigns: letters grouped by an editor, followed letter by letter; what the sources do
not say about who signed is said to be unknowable, never guessed."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from letters.models import Campaign, Letter
from tests.factories import make_demand, make_legislator, make_letter

pytestmark = pytest.mark.django_db


def campaign_of(*letters: Letter, slug: str = "release-campaign") -> Campaign:
    campaign = Campaign.objects.create(
        slug=slug, title="Release campaign", description="Letters asking for the release."
    )
    campaign.letters.set(letters)
    return campaign


def step(html: str, title: str) -> str:
    """The part of the campaign page about one letter."""
    return html.split(f">{title}</a></h2>")[1].split("</li>")[0]


def answer(section: str, term: str) -> str:
    return section.split(f"<dt>{term}</dt>")[1].split("</dd>")[0].split("<dd>", 1)[1].strip()


def key_facts(html: str) -> str:
    """A page's key-facts panel."""
    return html.split('id="facts-heading"')[1].split("</aside>")[0]


@pytest.fixture
def series() -> dict[str, object]:
    titus = make_legislator("Dina Titus", "D", "NV")
    smith = make_legislator("Chris Smith", "R", "NJ")
    chu = make_legislator("Judy Chu", "D", "CA")
    costa = make_legislator("Jim Costa", "D", "CA")
    padilla = make_legislator("Alex Padilla", "D", "CA", chamber="senate")
    release = make_demand("Release of prisoners")
    sanctions = make_demand("Magnitsky sanctions")
    observers = make_demand("Observers at trials")
    text = "Dear Secretary,\n\nWe write."
    first = make_letter(
        "First letter",
        "2024-04-04",
        signers=[(titus, "lead"), smith, chu, padilla],
        demands=[(release, "release them"), (sanctions, "impose sanctions")],
        chamber="bicameral",
        signers_stated=4,
        full_text=text,
    )
    second = make_letter(
        "Second letter",
        "2025-02-06",
        signers=[(titus, "lead"), smith, costa],
        demands=[(release, "release them"), (observers, "let observers in")],
        signers_stated=3,
        full_text=text,
    )
    third = make_letter(
        "Third letter",
        "2025-04-11",
        signers=[(titus, "lead")],
        demands=[(release, "release them")],
        signers_note="The press release names only the lead.",
    )
    fourth = make_letter(
        "Fourth letter",
        "2025-11-21",
        signers=[(titus, "lead"), chu],
        signers_stated=2,
        full_text=text,
    )
    return locals()


def test_a_campaign_says_who_came_back_who_is_new_and_who_did_not_sign_this_time(
    client: Client, series: dict[str, Any]
) -> None:
    campaign = campaign_of(series["first"], series["second"], series["third"], series["fourth"])
    html = client.get(campaign.get_absolute_url()).content.decode()
    second = step(html, "Second letter")
    came_back = answer(second, "Came back")
    assert "Dina Titus" in came_back and "Chris Smith" in came_back
    assert "Jim Costa" in answer(second, "New to the campaign")
    # Chu signed the first letter, not this one; Padilla (a senator) could not sign a House letter.
    assert "Judy Chu" in answer(second, "Signed before, not this time")
    assert "Alex Padilla" not in answer(second, "Signed before, not this time")
    assert "Observers at trials" in answer(second, "Demands added")
    assert "Magnitsky sanctions" in answer(second, "Demands dropped")
    assert "Release of prisoners" in answer(second, "Demands repeated")


def test_a_campaign_never_says_who_did_not_sign_a_letter_whose_signers_are_not_all_named(
    client: Client, series: dict[str, Any]
) -> None:
    campaign = campaign_of(series["first"], series["second"], series["third"], series["fourth"])
    html = client.get(campaign.get_absolute_url()).content.decode()
    third = step(html, "Third letter")
    assert answer(third, "Signed before, not this time").startswith(
        "Cannot be known: this letter\N{RIGHT SINGLE QUOTATION MARK}s signers are not all named."
    )
    assert "Smith" not in answer(third, "Signed before, not this time")
    # Its text is not reproduced: dropped demands cannot be known either.
    assert answer(third, "Demands dropped").startswith("Cannot be known")
    # After a letter whose signers are not all named, no one can be called new.
    fourth = step(html, "Fourth letter")
    assert "Cannot be known" in answer(fourth, "New to the campaign")
    assert "Third letter" in answer(fourth, "New to the campaign")
    assert "Judy Chu" in answer(fourth, "Came back")


def test_a_legislators_page_shows_the_campaigns_they_took_part_in_and_how(
    client: Client, series: dict[str, Any]
) -> None:
    campaign_of(series["first"], series["second"], series["third"])
    titus = client.get(series["titus"].get_absolute_url()).content.decode()
    assert "Release campaign" in titus
    assert "named as a signer on 3 of its 3 letters, as lead on 3 (a repeat signer)" in titus
    costa = client.get(series["costa"].get_absolute_url()).content.decode()
    assert "named as a signer on 1 of its 3 letters." in costa


def test_a_letters_page_links_to_each_campaign_it_belongs_to_in_its_key_facts(
    client: Client, series: dict[str, Any]
) -> None:
    campaign_of(series["first"], series["second"], series["third"])
    campaign_of(series["second"], slug="second-only")
    facts = key_facts(client.get(series["second"].get_absolute_url()).content.decode())
    assert answer(facts, "Campaigns").count("<li>") == 2
    assert '<a href="/campaigns/release-campaign/">Release campaign</a>' in facts
    assert "(one of its 3 letters)" in facts
    assert '<a href="/campaigns/second-only/">' in facts and "(its only letter)" in facts
    alone = key_facts(client.get(series["fourth"].get_absolute_url()).content.decode())
    assert "Campaign" not in alone and "/campaigns/" not in alone


def test_an_unknown_campaign_is_a_styled_404(client: Client) -> None:
    response = client.get("/campaigns/no-such-campaign/")
    assert response.status_code == 404
    assert "<main" in response.content.decode()


def test_a_long_campaign_is_read_a_page_of_letters_at_a_time_each_compared_with_all_before(
    client: Client,
) -> None:
    titus = make_legislator("Dina Titus", "D", "NV")
    first_only = make_legislator("Chris Smith", "R", "NJ")
    letters = [
        make_letter(
            f"Letter {number:02d}",
            f"2024-{number:02d}-01",
            signers=[titus, first_only] if number == 1 else [titus],
            signers_stated=2 if number == 1 else 1,
        )
        for number in range(1, 13)
    ]
    campaign = campaign_of(*letters)
    first_page = client.get(campaign.get_absolute_url()).content.decode()
    assert "12 letters; letters 1 to 10 here." in first_page
    assert "Letter 10</a></h2>" in first_page and "Letter 11</a>" not in first_page
    assert 'href="?page=2" rel="next"' in first_page
    second_page = client.get(campaign.get_absolute_url() + "?page=2").content.decode()
    assert "Letter 10</a>" not in second_page and "letters 11 to 12 here" in second_page
    # Letter 11 is still compared with letter 1, on the page before.
    eleventh = step(second_page, "Letter 11")
    assert "Chris Smith" in answer(eleventh, "Signed before, not this time")
    assert "The first letter of the campaign" not in second_page
    # A page past the end shows the last page, not an error.
    assert "Letter 12</a>" in client.get(campaign.get_absolute_url() + "?page=99").content.decode()


def test_every_legislator_a_campaign_names_links_to_their_page(
    client: Client, series: dict[str, Any]
) -> None:
    """Leads, those who came back, the new ones and those who did not sign this time."""
    campaign = campaign_of(series["first"], series["second"], series["third"], series["fourth"])
    second = step(client.get(campaign.get_absolute_url()).content.decode(), "Second letter")
    for role, who in (
        ("led by", "titus"),
        ("Came back", "smith"),
        ("New to the campaign", "costa"),
        ("Signed before, not this time", "chu"),
    ):
        part = second.split("</p>")[0] if role == "led by" else answer(second, role)
        legislator = series[who]
        assert f'<a href="{legislator.get_absolute_url()}">{legislator.name}</a>' in part, role
