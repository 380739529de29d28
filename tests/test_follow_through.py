"""Demand follow-through: what answered each kind of demand, recorded with its source; where
nothing is recorded the archive says so, and never that there was no response."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from letters.models import Demand, DemandResponse
from tests.factories import make_demand, make_letter, make_source

pytestmark = pytest.mark.django_db


def record_response(demand: Demand, date: str, **fields: object) -> DemandResponse:
    source = make_source(
        "treasury-press-release",
        text="Treasury today designated two Azerbaijani officials under the Global Magnitsky Act.",
    )
    response = DemandResponse(
        **{
            "demand": demand,
            "kind": DemandResponse.Kind.ACTION,
            "responder": "U.S. Department of the Treasury",
            "summary": "Sanctions imposed on two officials.",
            "date": datetime.date.fromisoformat(date),
            "source": source,
            "passage": "designated two Azerbaijani officials under the Global Magnitsky Act",
        }
        | fields
    )
    response.full_clean()
    response.save()
    return response


def test_a_letter_shows_for_each_demand_what_is_recorded_since(client: Client) -> None:
    sanctions = make_demand("Magnitsky sanctions")
    release = make_demand("Release of prisoners")
    letter = make_letter(
        "Titus letter",
        "2025-04-11",
        demands=[(sanctions, "impose sanctions"), (release, "release them")],
    )
    record_response(sanctions, "2025-06-02")
    record_response(sanctions, "2025-01-15", kind=DemandResponse.Kind.STATEMENT)  # before it
    html = client.get(letter.get_absolute_url()).content.decode()
    asks = html.split('id="demands-heading"')[1].split("</section>")[0]
    sanctions_part, release_part = asks.split('class="quote demand"')[1:3]
    assert "June 2, 2025" in sanctions_part
    assert "Sanctions imposed on two officials." in sanctions_part
    assert "January 15, 2025" not in sanctions_part  # recorded before the letter
    assert "No response recorded in the archive." in release_part


def test_a_demand_page_lists_its_responses_with_their_sources(client: Client) -> None:
    sanctions = make_demand("Magnitsky sanctions")
    make_letter("Titus letter", "2025-04-11", demands=[(sanctions, "impose sanctions")])
    response = record_response(sanctions, "2025-06-01", date_precision="month")
    html = client.get(sanctions.get_absolute_url()).content.decode()
    answered = html.split('id="responses"')[1]
    assert "June 2025" in answered
    assert "designated two Azerbaijani officials" in answered
    assert response.source.get_absolute_url() in answered
    assert "No response recorded" not in answered


def test_a_response_must_quote_its_source_and_date_at_its_precision() -> None:
    sanctions = make_demand("Magnitsky sanctions")
    with pytest.raises(ValidationError) as error:
        record_response(sanctions, "2025-06-02", passage="lifted all sanctions")
    assert "passage" in error.value.message_dict
    with pytest.raises(ValidationError, match="1st of the month"):
        record_response(sanctions, "2025-06-02", date_precision="month")


def test_a_demand_made_by_many_letters_lists_them_a_page_at_a_time(client: Client) -> None:
    sanctions = make_demand("Magnitsky sanctions")
    for day in range(1, 28):
        make_letter(
            f"Letter of day {day:02d}", f"2025-01-{day:02d}", demands=[(sanctions, f"ask {day}")]
        )
    first_page = client.get(sanctions.get_absolute_url()).content.decode()
    assert "<strong>27 letters</strong> make this demand" in first_page
    assert "Wordings 1 to 25 of 27, in date order." in first_page
    assert "Letter of day 25</a>" in first_page and "Letter of day 26" not in first_page
    second_page = client.get(sanctions.get_absolute_url() + "?page=2").content.decode()
    assert "<strong>27 letters</strong> make this demand" in second_page
    assert "Letter of day 26</a>" in second_page and "Letter of day 25<" not in second_page
    assert 'rel="prev"' in second_page
