"""Downloads are named after what they hold and say why when empty; the feed dates each
entry by the letter's own last change and sends summaries as text."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET

import pytest
import reversion
from django.test import Client
from django.urls import reverse

from letters.models import Letter
from tests.factories import make_legislator, make_letter
from tests.responses import content_of

pytestmark = pytest.mark.django_db
ATOM = {"atom": "http://www.w3.org/2005/Atom"}


@pytest.fixture
def letters() -> dict[str, Letter]:
    bilirakis = make_legislator("Gus Bilirakis", party="R", state="FL")
    titus = make_legislator("Dina Titus", party="D", state="NV")
    return {
        "named": make_letter("Titus-Bilirakis letter", signers=[titus, bilirakis]),
        "unnamed": make_letter(
            "Senate letter",
            "2025-11-21",
            chamber=Letter.Origin.SENATE,
            summary="Senators ask for <b>release</b> & sanctions.",
        ),
    }


def test_a_filtered_export_is_named_after_its_filters(
    client: Client, letters: dict[str, Letter]
) -> None:
    response = client.get(reverse("letters:letter_list_csv") + "?party=R&state=FL")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="letters-party-R-state-FL.csv"'
    rows = content_of(response).decode()
    assert "Titus-Bilirakis letter" in rows
    everyone = client.get(reverse("people:legislator_list_json") + "?party=D")
    assert everyone["Content-Disposition"] == 'inline; filename="legislators-party-D.json"'
    unfiltered = client.get(reverse("letters:letter_list_csv"))
    assert unfiltered["Content-Disposition"] == 'attachment; filename="letters.csv"'


def test_the_signers_export_of_a_letter_naming_no_signer_says_why(
    client: Client, letters: dict[str, Letter]
) -> None:
    url = reverse("letters:letter_signers_csv", args=[letters["unnamed"].slug])
    response = client.get(url)
    lines = content_of(response).decode().lstrip("\ufeff").splitlines()
    assert lines[0].startswith("position,name,")
    assert (
        lines[1]
        == "No signer of this letter is named in its sources (signers not named in the source)."
    )
    assert "No signer of this letter is named" in response["Archive-Empty-Note"]
    named = client.get(reverse("letters:letter_signers_csv", args=[letters["named"].slug]))
    assert "Archive-Empty-Note" not in named
    assert "No signer" not in content_of(named).decode()


def entries(client: Client) -> dict[str, ET.Element]:
    root = ET.fromstring(client.get(reverse("letters:letter_feed")).content)
    return {element_text(entry, "atom:title"): entry for entry in root.findall("atom:entry", ATOM)}


def element_text(entry: ET.Element, path: str) -> str:
    """The text of the element at `path` in the entry; the test fails where it is missing."""
    found = entry.find(path, ATOM)
    assert found is not None and found.text is not None, path
    return found.text


def test_feed_entries_are_updated_when_their_letter_changes_not_when_it_was_loaded(
    client: Client, letters: dict[str, Letter]
) -> None:
    for letter in letters.values():  # as the loader does: a first version of each
        with reversion.create_revision():
            reversion.add_to_revision(letter)
    found = entries(client)
    unnamed = found["Senate letter (November 21, 2025)"]
    assert element_text(unnamed, "atom:updated").startswith("2025-11-21T00:00:00")
    letter = letters["named"]
    letter.summary = "Corrected summary."
    with reversion.create_revision():
        letter.save()
        reversion.add_to_revision(letter)
    edited = entries(client)["Titus-Bilirakis letter (April 11, 2025)"]
    updated = datetime.datetime.fromisoformat(element_text(edited, "atom:updated"))
    assert updated.date() == datetime.date.today()


def test_feed_summaries_are_text_so_readers_show_an_editors_markup_as_written(
    client: Client, letters: dict[str, Letter]
) -> None:
    entry = entries(client)["Senate letter (November 21, 2025)"]
    summary = entry.find("atom:summary", ATOM)
    assert summary is not None and summary.get("type") == "text"
    assert element_text(entry, "atom:summary") == "Senators ask for <b>release</b> & sanctions."
