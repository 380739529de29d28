"""Questions a visitor answers from the pages alone, asked of the real archive
(fixtures/*.json and the current members of Congress, as the README's first command loads
them)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoDbBlocker

from tests.conftest import kept_for_module
from tests.responses import content_of

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def archive(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[None]:
    """Loaded once for the module; each test's changes are rolled back."""
    with kept_for_module(django_db_blocker):
        call_command("load_archive", verbosity=0, stdout=io.StringIO())
        yield


def table_names(html: str) -> list[str]:
    return re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a></th>', html)


def test_who_signed_the_april_2025_letters_from_california(client: Client, archive: None) -> None:
    params = {"state": "CA", "signed_from": "2025-04-01", "signed_to": "2025-04-30"}
    html = client.get(reverse("people:legislator_list"), params).content.decode()
    names = table_names(html)
    assert {"Linda Sánchez", "David Valadao", "Brad Sherman", "Judy Chu"} <= set(names)
    assert "Alex Padilla" not in names
    rows = list(
        csv.DictReader(
            io.StringIO(
                content_of(client.get(reverse("people:legislator_list_csv"), params))
                .decode()
                .lstrip("\ufeff")
            )
        )
    )
    assert sorted(row["name"] for row in rows) == sorted(names)
    assert {row["state"] for row in rows} == {"California"}


def test_which_letters_named_ruben_vardanyan_and_what_each_said(
    client: Client, archive: None
) -> None:
    html = client.get(reverse("people:detainee_detail", args=["ruben-vardanyan"])).content.decode()
    trace = html.split("Every letter naming")[1]
    dates = re.findall(r'<p class="letter-date"><time datetime="([^"]+)">', trace)
    assert dates == ["2024-04-04", "2025-04-11", "2025-11-21"]
    assert trace.count("<blockquote>") == 3
    assert "Calls them: <strong>former State Minister</strong>" in trace


def test_which_letters_asked_for_magnitsky_sanctions(client: Client, archive: None) -> None:
    response = client.get(reverse("letters:letter_list"), {"demand": "global-magnitsky-sanctions"})
    html = response.content.decode()
    assert "3 letters" in html
    for slug in (
        "2025-02-06-armenian-caucus-rubio",
        "2025-04-11-titus-smith-rubio",
        "2025-11-21-senators-rubio",
    ):
        assert f'href="/letters/{slug}/"' in html
    demand = client.get(reverse("letters:demand_detail", args=["global-magnitsky-sanctions"]))
    assert demand.content.decode().count("<blockquote>") >= 3


def test_how_many_republicans_signed(client: Client, archive: None) -> None:
    from people.models import Legislator

    # The signatories list is of those who signed (every current member is loaded too).
    republicans = Legislator.objects.signers().filter(party="R").count()
    assert Legislator.objects.filter(party="R").count() > republicans
    html = client.get(reverse("people:legislator_list"), {"party": "R"}).content.decode()
    assert f"{republicans} legislators</h2>" in html
    assert all(">R-" in row for row in html.split("<tbody>")[1].split("</tr>")[:-1])


def test_every_page_of_the_real_archive_renders(client: Client, archive: None) -> None:
    from letters.models import Demand, Letter, Source
    from people.models import Detainee, Legislator

    urls = [reverse("letters:home"), reverse("letters:letter_list")]
    for model in (Letter, Legislator, Detainee, Demand, Source):
        urls += [obj.get_absolute_url() for obj in model.objects.all()]
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_a_letter_whose_source_names_no_signer_says_so(client: Client, archive: None) -> None:
    html = client.get(
        reverse("letters:letter_detail", args=["2025-11-21-senators-rubio"])
    ).content.decode()
    assert "No signer is named in the source." in html
    assert "At least 4 signers" in html
    assert "4 signature blocks without names" in html
    assert "Not every signer is named" not in html
    assert "stated by the source" not in html
