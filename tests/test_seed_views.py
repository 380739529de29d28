"""The four views on the seed archive: what the seeds say of each detainee's story, the
caucus campaign, suggestions to editors, and demands no response is recorded for."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from letters.campaigns.suggestions import suggest_campaigns
from letters.models import Campaign, Demand
from people.models.events import DetaineeEvent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed_archive")]


def test_seed_story_of_ruben_vardanyan_runs_from_detention_to_custody_in_date_order(
    client: Client,
) -> None:
    html = client.get(reverse("people:detainee_detail", args=["ruben-vardanyan"])).content.decode()
    told = html.split('id="story"')[1]
    order = [
        told.index("September\N{EN DASH}October 2023"),
        told.index("Markey-Cassidy-Peters-Tillis letter"),
        told.index("Titus-Smith letter"),
        told.index("by April 11, 2025"),
        told.index("Senate letter to Secretary of State Rubio"),
        told.index("as of November 21, 2025"),
    ]
    assert order == sorted(order)
    assert "In late September and early October, current and former leaders" in told
    assert "The passage gives no year" in told  # how the year was read is said
    assert "month only: the source gives no day" in told
    # What no source says is said, never guessed.
    assert "No source in the archive records any charge against them" in told
    assert "any release" in told


def test_seed_events_only_where_the_sources_say_them(client: Client) -> None:
    detained = set(
        DetaineeEvent.objects.filter(kind="detained").values_list("detainee__slug", flat=True)
    )
    # The 2024 letter dates the detention of six; Manukyan and Mnatsakanyan are not among them.
    assert "davit-manukyan" not in detained and len(detained) == 6
    html = client.get(reverse("people:detainee_detail", args=["davit-manukyan"])).content.decode()
    assert "No source in the archive records when they were detained" in html
    for event in DetaineeEvent.objects.select_related("source"):
        event.full_clean()  # every seed event quotes its source verbatim


def test_the_seed_caucus_campaign_cannot_say_who_is_new_after_a_letter_naming_only_its_leads(
    client: Client,
) -> None:
    campaign = Campaign.objects.get()
    html = client.get(campaign.get_absolute_url()).content.decode()
    april = html.split("<dt>New to the campaign</dt>")[1].split("</dd>")[0]
    assert "Cannot be known" in april
    came_back = html.split("<dt>Came back</dt>")[1].split("</dd>")[0]
    for lead in ("Frank Pallone", "Gus Bilirakis", "Brad Sherman", "David Valadao"):
        assert lead in came_back
    assert client.get(reverse("letters:campaign_list")).status_code == 200


def test_suggestions_group_letters_by_shared_recipient_and_lead_or_demands() -> None:
    Campaign.objects.all().delete()
    suggested = {
        frozenset(letter.slug for letter in s.letters): s.reason for s in suggest_campaigns()
    }
    caucus = frozenset({"2025-02-06-armenian-caucus-rubio", "2025-04-armenian-caucus-rubio-waltz"})
    assert "led by the same legislator" in suggested[caucus]
    same_asks = frozenset({"2025-04-11-titus-smith-rubio", "2025-11-21-senators-rubio"})
    assert "asking the same things" in suggested[same_asks]


def test_editors_see_suggestions_in_the_admin_not_visitors(client: Client) -> None:
    url = reverse("admin:letters_campaign_suggestions")
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(User.objects.create_superuser("editor", "e@example.org", "pw"))
    html = client.get(url).content.decode()
    assert "Titus-Smith letter to Secretary of State Rubio" in html
    assert "asking the same things" in html


def test_where_nothing_is_recorded_the_seed_archive_never_says_no_response(
    client: Client,
) -> None:
    for demand in Demand.objects.all():
        html = client.get(demand.get_absolute_url()).content.decode()
        assert "No response recorded in the archive." in html
        assert "No response." not in html and "no response." not in html
