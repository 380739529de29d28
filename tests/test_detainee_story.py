"""Each detainee's story: dated events interleaved with the letters naming them, each event
quoting its source, internal events kept out of every public page."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from people.models import Detainee
from people.models.events import DetaineeEvent
from people.pages import views as people_views
from tests.factories import make_detainee, make_letter, make_source
from tests.responses import content_of

pytestmark = pytest.mark.django_db


def make_event(
    detainee: Detainee, kind: str = "detained", date: str = "2023-09-01", **fields: object
) -> DetaineeEvent:
    source = fields.pop("source", None) or make_source(
        "report", text="Reuters reported that he was detained at the Lachin checkpoint."
    )
    event = DetaineeEvent(
        **{
            "detainee": detainee,
            "kind": kind,
            "date": datetime.date.fromisoformat(date),
            "date_precision": "month",
            "description": "Detained at the checkpoint.",
            "source": source,
            "passage": "he was detained at the Lachin checkpoint",
            "is_public": True,
        }
        | fields
    )
    event.full_clean()
    event.save()
    return event


def story(client: Client, detainee: Detainee, **params: str | int) -> str:
    html = client.get(detainee.get_absolute_url(), params).content.decode()
    return html.split('id="story"')[1].split("</section>")[0]


def test_an_event_must_quote_its_source_and_date_at_its_precision() -> None:
    detainee = make_detainee("Ruben Vardanyan")
    with pytest.raises(ValidationError) as error:
        make_event(detainee, passage="he was released")
    assert "passage" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        make_event(detainee, date="2023-09-19")  # month precision on the 19th
    assert "date" in error.value.message_dict
    with pytest.raises(ValidationError):
        make_event(detainee, date_end="2023-10-01", timing="by")


def test_the_events_download_holds_the_public_events_with_their_passages(client: Client) -> None:
    detainee = make_detainee("Ruben Vardanyan")
    make_event(detainee, date_end=datetime.date(2023, 10, 1))
    make_event(detainee, kind="charged", is_public=False, description="Charged, unconfirmed.")
    response = client.get(reverse("people:detainee_events_csv", args=[detainee.slug]))
    body = content_of(response).decode("utf-8-sig")
    assert "2023-09,2023-10,September\N{EN DASH}October 2023" in body
    assert "he was detained at the Lachin checkpoint" in body
    assert "unconfirmed" not in body and "Charged" not in body


def test_events_fall_on_exactly_one_page_of_a_long_story(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(people_views, "LETTERS_PER_PAGE", 2)
    detainee = make_detainee("Ruben Vardanyan")
    for month in (1, 3, 5, 7, 9):
        make_letter(f"Letter {month}", datetime.date(2024, month, 1), detainees=[detainee])
    for month in (2, 3, 6, 10):
        make_event(detainee, kind="in_custody", date=f"2024-{month:02}-01", timing="as_of")
    pages = [story(client, detainee, page=number) for number in (1, 2, 3)]
    shown = [re.findall(r'class="event-date"><time datetime="([^"]+)"', page) for page in pages]
    # Page 1 holds letters of January and March; page 2 May and July; page 3 September.
    assert shown == [["2024-02", "2024-03"], ["2024-06"], ["2024-10"]]
    first = pages[0]
    assert first.index("Letter 3") < first.index('datetime="2024-03"')  # a letter first on a tie


def test_a_detainee_named_in_no_letter_still_has_their_events(client: Client) -> None:
    detainee = make_detainee("Vigen Euljekjian", category="pow")
    make_event(detainee)
    told = story(client, detainee)
    assert "Detained at the checkpoint." in told
    assert "No letter in the archive names" not in told
