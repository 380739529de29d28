"""Every list downloads as CSV and JSON with the page's filters, safe for spreadsheets."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from django.http import StreamingHttpResponse
from django.test import Client
from django.urls import reverse

from archive.exports import FIRST_SEND_SIZE, SEND_SIZE, in_batches, joined, spreadsheet_safe
from letters.models import Letter
from tests.factories import make_demand, make_detainee, make_legislator, make_letter
from tests.responses import ClientResponse, content_of
from tests.seeded import load_seed_archive

pytestmark = pytest.mark.django_db


def body(response: ClientResponse) -> str:
    return content_of(response).decode("utf-8")


def csv_rows(response: ClientResponse) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(body(response).lstrip("\ufeff"))))


@pytest.fixture
def archive() -> dict[str, object]:
    titus = make_legislator("Dina Titus", "D", "NV")
    smith = make_legislator("Chris Smith", "R", "NJ")
    sanchez = make_legislator("Linda Sánchez", "D", "CA")
    vardanyan = make_detainee("Ruben Vardanyan", aliases=["Ruben Vardanian"])
    magnitsky = make_demand("Magnitsky sanctions")
    april = make_letter(
        '=HYPERLINK("http://evil") letter',
        "2025-04-11",
        signers=[(titus, "lead"), smith, sanchez],
        detainees=[(vardanyan, "former State Minister")],
        demands=[(magnitsky, "impose Magnitsky sanctions")],
    )
    older = make_letter("Older letter", "2024-04-01", date_precision="month", signers=[titus])
    return locals()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+2", "'=1+2"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Sánchez", "Sánchez"),
        (36, 36),
    ],
)
def test_cells_a_spreadsheet_would_run_as_formulas_are_made_inert(
    value: object, expected: object
) -> None:
    assert spreadsheet_safe(value) == expected


def test_letters_csv_streams_the_filtered_letters_with_formulas_made_safe(
    client: Client, archive: dict[str, Any]
) -> None:
    response = client.get(reverse("letters:letter_list_csv"), {"party": "R"})
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="letters-party-R.csv"'
    rows = csv_rows(response)
    assert len(rows) == 1
    row = rows[0]
    assert row["title"] == '\'=HYPERLINK("http://evil") letter'
    assert row["date"] == "2025-04-11"
    assert row["signers_named"] == "3"
    assert (row["democrats"], row["republicans"]) == ("2", "1")
    assert row["demands"] == "Magnitsky sanctions"
    assert row["detainees_named"] == "Ruben Vardanyan"
    assert row["url"] == "http://testserver" + archive["april"].get_absolute_url()


def test_letters_json_uses_the_same_filters_and_dates_at_the_sources_precision(
    client: Client, archive: dict[str, Any]
) -> None:
    response = client.get(reverse("letters:letter_list_json"), {"year": "2024"})
    assert response.status_code == 200
    records = json.loads(body(response))
    assert [record["title"] for record in records] == ["Older letter"]
    assert records[0]["date"] == "2024-04"


def test_signatories_csv_answers_who_signed_with_accents_kept(
    client: Client, archive: dict[str, Any]
) -> None:
    text = body(client.get(reverse("people:legislator_list_csv"), {"state": "CA"}))
    assert text.startswith("\ufeff")  # spreadsheets then read UTF-8 accents right
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert [(row["name"], row["party_state"], row["letters_signed"]) for row in rows] == [
        ("Linda Sánchez", "D-CA", "1")
    ]


def test_signatories_json_counts_republicans(client: Client, archive: dict[str, Any]) -> None:
    records = json.loads(body(client.get(reverse("people:legislator_list_json"), {"party": "R"})))
    assert [record["name"] for record in records] == ["Chris Smith"]


def test_detainees_and_demands_lists_download(client: Client, archive: dict[str, Any]) -> None:
    detainees = csv_rows(client.get(reverse("people:detainee_list_csv")))
    assert detainees[0]["name"] == "Ruben Vardanyan"
    assert detainees[0]["aliases"] == "Ruben Vardanian"
    demands = json.loads(body(client.get(reverse("letters:demand_list_json"))))
    assert demands[0]["demand"] == "Magnitsky sanctions"
    assert (demands[0]["letters"], demands[0]["legislators"]) == (1, 3)


def test_detainee_trace_downloads_what_each_letter_said(
    client: Client, archive: dict[str, Any]
) -> None:
    url = reverse("people:detainee_detail_csv", args=["ruben-vardanyan"])
    rows = csv_rows(client.get(url))
    assert [(row["date"], row["role_given"], row["passage"]) for row in rows] == [
        ("2025-04-11", "former State Minister", "the detention of Ruben Vardanyan")
    ]
    records = json.loads(
        body(client.get(reverse("people:detainee_detail_json", args=["ruben-vardanyan"])))
    )
    assert records[0]["printed_name"] == "Ruben Vardanyan"


@pytest.mark.parametrize(
    "url_name",
    ["letters:letter_list_csv", "people:legislator_list_csv", "people:detainee_list_csv"],
)
def test_a_bad_filter_value_in_a_csv_export_answers_400_saying_what_was_wrong(
    client: Client, archive: dict[str, Any], url_name: str
) -> None:
    params = {"party": "Q", "state": "ZZ", "category": "x", "year": "abc"}
    response = client.get(reverse(url_name), params)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert "Select a valid choice" in response.content.decode()


def test_a_bad_filter_value_in_a_json_export_answers_400_with_the_errors(
    client: Client, archive: dict[str, Any]
) -> None:
    response = client.get(reverse("letters:letter_list_json"), {"date_from": "2025-13-45"})
    assert response.status_code == 400
    assert response.json() == {"errors": ["From date: Enter a valid date."]}


def test_download_links_on_a_page_carry_its_filters(
    client: Client, archive: dict[str, Any]
) -> None:
    html = client.get(reverse("letters:letter_list"), {"party": "R", "page": "1"}).content.decode()
    assert 'href="/letters.csv?party=R"' in html
    assert 'href="/letters.json?party=R"' in html


def test_a_letters_signers_download_in_the_sources_order_with_roles(
    client: Client, archive: dict[str, Any]
) -> None:
    slug = archive["april"].slug
    rows = csv_rows(client.get(reverse("letters:letter_signers_csv", args=[slug])))
    assert [(row["name"], row["party_state"], row["role"]) for row in rows] == [
        ("Dina Titus", "D-NV", "Lead"),
        ("Chris Smith", "R-NJ", "Co-signer"),
        ("Linda Sánchez", "D-CA", "Co-signer"),
    ]
    records = json.loads(body(client.get(reverse("letters:letter_signers_json", args=[slug]))))
    assert records[0]["name"] == "Dina Titus"
    assert client.get(reverse("letters:letter_signers_csv", args=["nope"])).status_code == 404


def test_rows_are_sent_in_chunks_of_about_64_kB_not_one_by_one() -> None:
    rows = [f"row {n}," + "x" * 90 + "\n" for n in range(3000)]
    chunks = list(joined(iter(rows)))
    assert "".join(chunks) == "".join(rows)
    assert len(chunks) > 2
    # A small first chunk, so the download starts with the first rows.
    assert FIRST_SEND_SIZE <= len(chunks[0]) < FIRST_SEND_SIZE + 100
    assert all(SEND_SIZE <= len(chunk) < SEND_SIZE + 100 for chunk in chunks[1:-1])


def test_the_first_batch_of_rows_is_small_then_full_batches() -> None:
    load_seed_archive()
    letters = Letter.objects.order_by("date")
    batches = list(in_batches(letters, size=2, first=1))
    assert [len(batch) for batch in batches] == [1, 2, 2]
    assert [letter.slug for batch in batches for letter in batch] == list(
        letters.values_list("slug", flat=True)
    )
