"""Signatories, legislator pages, detainees and detainee traces."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import make_demand, make_detainee, make_legislator, make_letter
from tests.responses import ClientResponse

pytestmark = pytest.mark.django_db

LEGISLATORS = reverse("people:legislator_list")
DETAINEES = reverse("people:detainee_list")


def row_names(response: ClientResponse) -> list[str]:
    """Names in the signatories table, in order."""
    return re.findall(
        r'<th scope="row"><a href="[^"]+">([^<]+)</a></th>', response.content.decode()
    )


@pytest.fixture
def people() -> dict[str, object]:
    titus = make_legislator("Dina Titus", "D", "NV")
    smith = make_legislator("Chris Smith", "R", "NJ")
    sanchez = make_legislator("Linda Sánchez", "D", "CA")
    valadao = make_legislator("David Valadao", "R", "CA")
    padilla = make_legislator("Alex Padilla", "D", "CA", chamber="senate")
    norton = make_legislator("Eleanor Holmes Norton", "D", "DC", title="Delegate")
    vardanyan = make_detainee(
        "Ruben Vardanyan", aliases=["Ruben Vardanian"], role="former State Minister"
    )
    harutyunyan = make_detainee("Arayik Harutyunyan", role="former President of Artsakh")
    pows = make_detainee("Vigen Euljekjian", category="pow")
    magnitsky = make_demand("Magnitsky sanctions")
    first = make_letter(
        "First letter",
        "2024-04-04",
        signers=[(titus, "lead"), smith, sanchez],
        detainees=[(vardanyan, "businessman"), pows],
        demands=[(magnitsky, "impose Magnitsky sanctions")],
    )
    second = make_letter(
        "Second letter",
        "2025-04-01",
        date_precision="month",
        signers=[(sanchez, "lead"), titus, valadao, norton],
        detainees=[(vardanyan, "former State Minister"), harutyunyan],
    )
    third = make_letter("Third letter", "2025-11-21", signers=[(padilla, "signer"), sanchez])
    return locals()


def test_signatories_list_everyone_who_signed_most_letters_first_with_lead_and_cosigner_counts(
    client: Client, people: dict[str, Any]
) -> None:
    response = client.get(LEGISLATORS)
    assert response.status_code == 200
    names = row_names(response)
    assert names[0] == "Linda Sánchez"
    assert set(names) == {
        "Dina Titus", "Chris Smith", "Linda Sánchez", "David Valadao", "Alex Padilla",
        "Eleanor Holmes Norton",
    }  # fmt: skip
    html = response.content.decode()
    sanchez_row = html.split("Linda Sánchez</a></th>")[1].split("</tr>")[0]
    assert re.findall(r'<td class="num">(\d+)</td>', sanchez_row) == ["3"]
    assert "1 as lead, 2 as co-signer" in sanchez_row


def test_filtering_by_state_lists_only_that_states_signers(
    client: Client, people: dict[str, Any]
) -> None:
    response = client.get(LEGISLATORS, {"state": "CA"})
    assert sorted(row_names(response)) == ["Alex Padilla", "David Valadao", "Linda Sánchez"]
    assert "3 legislators" in response.content.decode()


def test_filtering_by_party_answers_how_many_republicans_signed(
    client: Client, people: dict[str, Any]
) -> None:
    response = client.get(LEGISLATORS, {"party": "R"})
    assert sorted(row_names(response)) == ["Chris Smith", "David Valadao"]
    assert "2 legislators" in response.content.decode()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"chamber": "senate"}, ["Alex Padilla"]),
        ({"q": "sanchez"}, ["Linda Sánchez"]),  # accents ignored in search, kept in names
        ({"q": "sánchez"}, ["Linda Sánchez"]),
        ({"q": "holmes norton"}, ["Eleanor Holmes Norton"]),
        ({"state": "DC"}, ["Eleanor Holmes Norton"]),
        ({"letter": "2024-04-04-first-letter"}, ["Linda Sánchez", "Dina Titus", "Chris Smith"]),
        (
            {"state": "CA", "signed_from": "2025-04-01", "signed_to": "2025-04-30"},
            ["Linda Sánchez", "David Valadao"],
        ),
    ],
)
def test_each_signatories_filter_lists_only_the_legislators_it_describes(
    client: Client, people: dict[str, Any], params: dict[str, Any], expected: list[str]
) -> None:
    response = client.get(LEGISLATORS, params)
    assert response.status_code == 200
    assert row_names(response) == expected


def test_states_are_offered_by_full_name_including_dc_and_territories_with_counts(
    client: Client, people: dict[str, Any]
) -> None:
    html = client.get(LEGISLATORS).content.decode()
    assert '<option value="CA">California (3)</option>' in html
    assert '<option value="DC">District of Columbia (1)</option>' in html
    assert '<option value="PR">Puerto Rico (0)</option>' in html
    assert '<option value="R">Republican (2)</option>' in html


def test_state_map_shades_states_by_signers_and_links_each_to_its_filtered_list(
    client: Client, people: dict[str, Any]
) -> None:
    html = client.get(LEGISLATORS, {"party": "D"}).content.decode()
    assert '<svg class="tile-map"' in html
    california = re.search(
        r'<g class="tile shade-(\d)[^"]*">\s*<a href="([^"]+)" '
        r'aria-label="CA, California: (\d+) signator',
        html,
    )
    assert california is not None
    assert california.group(2) == "?party=D&amp;state=CA"
    assert california.group(1) == "4" and california.group(3) == "2"
    assert re.search(
        r'<g class="tile shade-0">\s*<a [^>]+aria-label="TX, Texas: 0 signatories"', html
    )


def test_signatories_bad_values_answer_400_saying_what_was_wrong(
    client: Client, people: dict[str, Any]
) -> None:
    response = client.get(LEGISLATORS, {"state": "Narnia", "signed_from": "2025-13-45"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "State or territory: Select a valid choice." in html
    assert "Signed a letter dated from: Enter a valid date." in html
    assert row_names(response) == []


def test_legislator_page_lists_every_letter_signed_in_date_order_with_role(
    client: Client, people: dict[str, Any]
) -> None:
    response = client.get(people["sanchez"].get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Linda Sánchez" in html and ">D-CA<" in html
    trace = html.split("Letters signed</h2>")[1]
    assert trace.index("First letter") < trace.index("Second letter") < trace.index("Third letter")
    assert "April 2025" in trace
    assert "3 letters (1 as lead, 2 as co-signer)" in html


def test_legislator_page_shows_who_they_sign_with_most(
    client: Client, people: dict[str, Any]
) -> None:
    html = client.get(people["sanchez"].get_absolute_url()).content.decode()
    together = html.split("Signs most often with")[1]
    assert together.index("Dina Titus") < together.index("Alex Padilla")
    assert "2 letters together" in together


def test_legislator_page_links_to_bioguide_where_the_id_is_known(client: Client) -> None:
    known = make_legislator("Dina Titus", "D", "NV", bioguide_id="T000468")
    unknown = make_legislator("New Member", "R", "TX")
    assert (
        "https://bioguide.congress.gov/search/bio/T000468"
        in client.get(known.get_absolute_url()).content.decode()
    )
    assert "bioguide.congress.gov" not in client.get(unknown.get_absolute_url()).content.decode()


def test_detainees_list_everyone_named_most_named_first_with_aliases(
    client: Client, people: dict[str, Any]
) -> None:
    html = client.get(DETAINEES).content.decode()
    names = re.findall(r'<h3><a href="/detainees/[^"]+">([^<]+)</a></h3>', html)
    assert names[0] == "Ruben Vardanyan"
    assert set(names) == {"Ruben Vardanyan", "Arayik Harutyunyan", "Vigen Euljekjian"}
    assert "Also written Ruben Vardanian" in html


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"category": "pow"}, ["Vigen Euljekjian"]),
        ({"q": "vardanian"}, ["Ruben Vardanyan"]),
        ({"sort": "name"}, ["Arayik Harutyunyan", "Ruben Vardanyan", "Vigen Euljekjian"]),
    ],
)
def test_detainee_filters_list_only_the_people_they_describe(
    client: Client, people: dict[str, Any], params: dict[str, Any], expected: list[str]
) -> None:
    html = client.get(DETAINEES, params).content.decode()
    assert re.findall(r'<h3><a href="/detainees/[^"]+">([^<]+)</a></h3>', html) == expected


def test_detainee_list_bad_category_answers_400(client: Client, people: dict[str, Any]) -> None:
    response = client.get(DETAINEES, {"category": "tourist"})
    assert response.status_code == 400
    assert "Held as: Select a valid choice." in response.content.decode()


def test_detainee_trace_shows_every_letter_naming_them_in_date_order_with_what_each_said(
    client: Client, people: dict[str, Any]
) -> None:
    html = client.get(people["vardanyan"].get_absolute_url()).content.decode()
    trace = html.split("Every letter naming Ruben Vardanyan")[1]
    assert trace.index("First letter") < trace.index("Second letter")
    assert "Third letter" not in trace
    assert "Calls them: <strong>businessman</strong>" in trace
    assert "Calls them: <strong>former State Minister</strong>" in trace
    assert trace.count("<blockquote><p>the detention of Ruben Vardanyan</p></blockquote>") == 2
    first_source = people["first"].sources.get()
    assert f'href="{first_source.get_absolute_url()}"' in trace


def test_detainee_trace_gives_first_and_latest_mention_legislators_behind_and_aliases(
    client: Client, people: dict[str, Any]
) -> None:
    html = client.get(people["vardanyan"].get_absolute_url()).content.decode()
    facts = html.split('<dl class="facts">')[1].split("</dl>")[0]
    assert "Ruben Vardanian" in facts
    assert re.search(r"First named</dt><dd><a [^>]+><time [^>]+>April 4, 2024</time>", facts)
    assert re.search(r"Latest named</dt><dd><a [^>]+><time [^>]+>April 2025</time>", facts)
    # Titus, Smith, Sánchez on the first; Valadao and Norton too on the second.
    assert "Legislators who signed letters naming them</dt><dd>5 legislators</dd>" in facts
    assert "2 letters" in facts


def test_unknown_people_are_404(client: Client) -> None:
    assert client.get(reverse("people:legislator_detail", args=["nobody"])).status_code == 404
    assert client.get(reverse("people:detainee_detail", args=["nobody"])).status_code == 404


def test_signatories_of_one_letter_are_listed_from_its_page_and_the_filter_stays_on(
    client: Client, people: dict[str, Any]
) -> None:
    letter = people["first"]
    letter_html = client.get(letter.get_absolute_url()).content.decode()
    assert f'href="/legislators/?letter={letter.slug}"' in letter_html
    html = client.get(LEGISLATORS, {"letter": letter.slug}).content.decode()
    assert f'<input type="hidden" name="letter" value="{letter.slug}"' in html
    assert "Signed the letter: <strong>First letter (April 4, 2024)</strong>" in html
