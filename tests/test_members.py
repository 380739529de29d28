"""'Your members of Congress': a state's or a district's current members, and for each,
every letter of their chamber sent while they served, signed or not; never 'did not sign'
where the sources do not name every signer."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from people.models import Legislator, LegislatorTerm
from tests.factories import make_campaign, make_legislator, make_letter
from tests.responses import content_of, found
from tests.site_crawl import crawl

pytestmark = pytest.mark.django_db

SERVING = (datetime.date(2019, 1, 3), datetime.date(2030, 1, 3))


def serve(legislator: Legislator, start: str = "2019-01-03", **fields: object) -> Legislator:
    """Give a legislator a term covering today (the reference data's terms)."""
    LegislatorTerm.objects.create(
        **{
            "legislator": legislator,
            "chamber": legislator.chamber,
            "state": legislator.state,
            "district": legislator.district,
            "party": "Democrat" if legislator.party == "D" else "Republican",
            "start": datetime.date.fromisoformat(start),
            "end": SERVING[1],
        }
        | fields
    )
    return legislator


@pytest.fixture
def nevada() -> dict[str, object]:
    titus = serve(make_legislator("Dina Titus", "D", "NV", district=1))
    amodei = serve(make_legislator("Mark Amodei", "R", "NV", district=2))
    lee = serve(make_legislator("Susie Lee", "D", "NV", district=3), start="2025-01-03")
    rosen = serve(make_legislator("Jacky Rosen", "D", "NV", chamber="senate"))
    smith = make_legislator("Chris Smith", "R", "NJ", district=4)
    named = make_letter(  # every signer named: the others did not sign it
        "All named letter",
        "2024-06-01",
        signers=[(titus, "lead"), smith],
        signers_stated=2,
    )
    unnamed = make_letter(  # only the lead named: no one else can be said not to have signed
        "Leads only letter",
        "2025-02-06",
        signers=[(smith, "lead")],
        signers_note="The source names only the lead.",
    )
    senate = make_letter("Senate letter", "2025-11-21", chamber="senate", signers_stated=4)
    old = make_letter("Old letter", "2010-03-01", signers=[(smith, "lead")], signers_stated=1)
    return locals()


def row(html: str, title: str) -> str:
    """The table row of one letter in the first member's table that lists it."""
    return html.split(f">{title}</a></td>")[1].split("</tr>")[0]


def member(html: str, slug: str) -> str:
    return html.split(f'id="member-{slug}"')[1].split("</section>")[0]


def test_a_district_page_shows_its_representative_and_senators_and_where_each_stands(
    client: Client, nevada: dict[str, Any]
) -> None:
    html = client.get("/members/NV/1/").content.decode()
    titus = member(html, "dina-titus-nv")
    assert "Signed, as a lead" in row(titus, "All named letter")
    assert "Cannot be known" in row(titus, "Leads only letter")
    assert "Old letter" not in titus  # sent before her term (in the archive) began
    rosen = member(html, "jacky-rosen-nv")
    assert "Senate letter" in rosen and "All named letter" not in rosen  # her chamber only
    assert "Cannot be known" in row(rosen, "Senate letter")  # 4 stated, none named
    assert "mark-amodei" not in html  # another district's representative


def test_did_not_sign_only_where_every_signer_is_named_and_only_while_they_served(
    client: Client, nevada: dict[str, Any]
) -> None:
    html = client.get("/members/NV/2/").content.decode()
    amodei = member(html, "mark-amodei-nv")
    assert "Did not sign" in row(amodei, "All named letter")
    assert "Cannot be known" in row(amodei, "Leads only letter")
    lee = member(client.get("/members/NV/3/").content.decode(), "susie-lee-nv")
    assert "All named letter" not in lee  # sent before she took office
    assert "Leads only letter" in lee


def test_no_page_or_download_says_did_not_sign_a_letter_whose_signers_are_not_all_named(
    client: Client, nevada: dict[str, Any]
) -> None:
    make_campaign("Series", [nevada["named"], nevada["unnamed"], nevada["senate"]])
    unnamed = [nevada["unnamed"].get_absolute_url(), nevada["senate"].get_absolute_url()]
    named = nevada["named"].get_absolute_url()
    said_did_not_sign = []
    for url, response in crawl(client):
        text = content_of(response).decode("utf-8", "replace")
        # A table row, list item or CSV line about one letter says what it says of it.
        for part in re.split(r"<tr\b|<li\b|\n", text):
            if any(letter in part for letter in unnamed):
                assert "did not sign" not in part.lower(), (url, part)
                assert "not this time</dt>" not in part or "Cannot be known" in part
            if named in part and "did not sign" in part.lower():
                said_did_not_sign.append(url)
    # The crawl did reach pages that say it where it is true (so the check could fail).
    assert any(url.startswith("/members/NV/") for url in said_did_not_sign)
    assert any(url.endswith(".csv") for url in said_did_not_sign)


def test_a_member_who_signed_nothing_has_a_page_saying_so(
    client: Client, nevada: dict[str, Any]
) -> None:
    html = client.get(nevada["amodei"].get_absolute_url()).content.decode()
    assert "No letter in the archive names Mark Amodei as a signer." in html
    assert 'href="/members/NV/2/"' in html
    # The signatories list stays a list of those who signed.
    listing = client.get("/legislators/").content.decode()
    assert "Mark Amodei" not in listing and "Dina Titus" in listing


def test_a_current_members_page_links_to_their_members_page_whatever_they_signed(
    client: Client, nevada: dict[str, Any]
) -> None:
    former = make_legislator("Former Member", "D", "NV", district=4)
    serve(former, start="2013-01-03", end=datetime.date(2021, 1, 3))
    link = 'href="/members/{}/">Every letter of their chamber sent while they served'
    pages = {
        key: client.get(nevada[key].get_absolute_url()).content.decode()
        for key in ("titus", "amodei", "rosen", "smith")
    }
    assert link.format("NV/1") in pages["titus"]  # signed, as a lead
    assert link.format("NV/2") in pages["amodei"]  # signed nothing
    assert link.format("NV") in pages["rosen"]  # a senator: the state's page
    for html in (pages["smith"], client.get(former.get_absolute_url()).content.decode()):
        assert "Every letter of their chamber" not in html  # no current term
        assert "/members/NV/" not in html and "/members/NJ/" not in html


def test_finding_members_by_state_district_or_name(client: Client, nevada: dict[str, Any]) -> None:
    assert client.get("/members/?state=NV&district=1")["Location"] == "/members/NV/1/"
    assert client.get("/members/?state=NV")["Location"] == "/members/NV/"
    found = client.get("/members/?name=amodei").content.decode()
    assert 'href="/members/NV/2/"' in found
    state = client.get("/members/NV/").content.decode()
    assert 'href="/members/NV/1/"' in state and "jacky-rosen" in state
    csv = content_of(client.get("/members/NV/1.csv")).decode("utf-8-sig")
    assert "Dina Titus,D-NV,House,1," in csv and "Signed, as a lead" in csv


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/members/XX/", 404),
        ("/members/nv/", 404),
        ("/members/NV/99/", 404),
        ("/members/?state=ZZ", 400),
        ("/members/?district=abc", 400),
        ("/members/?name=" + "x" * 300, 400),
        ("/members/XX.csv", 404),
    ],
)
def test_bad_input_is_a_clear_error_never_a_500(
    client: Client, nevada: dict[str, Any], url: str, status: int
) -> None:
    response = client.get(url)
    assert response.status_code == status
    assert "<main" in response.content.decode()


@pytest.mark.parametrize("url", ["/members/", "/members/NV/", "/members/NV/1/", "/members/NV.csv"])
def test_members_pages_run_a_fixed_number_of_queries(
    client: Client,
    nevada: dict[str, Any],
    django_assert_max_num_queries: DjangoAssertNumQueries,
    url: str,
) -> None:
    """Guards: letters and signatures per member (read once for all of them, and the
    letters shown once more), terms per member, members per district link."""
    for index in range(20):  # more letters and more of Nevada's representatives
        make_letter(f"Extra letter {index}", datetime.date(2024, 1, 1 + index), signers_stated=1)
        serve(make_legislator(f"Extra Rep{index}", "R", "NV", district=5 + index))
    with django_assert_max_num_queries(6):
        response = client.get(url + ("?name=titus" if url == "/members/" else ""))
        if response.streaming:
            content_of(response)
    assert response.status_code == 200


# What the letter page says when the sources do not name every signer (its notice).
NOT_ALL_NAMED_ON_LETTER_PAGE = (
    "No signer is named in the source.",
    "Not every signer is named.",
    "The source does not say how many signed.",
)


@pytest.mark.parametrize(
    ("kind", "fields", "named", "all_named"),
    [
        ("every signer named, as many as stated", {"signers_stated": 2}, 2, True),
        ("more named than the source states", {"signers_stated": 1}, 2, True),
        ("every signature block named, no count", {"signature_blocks": 2}, 2, True),
        ("named, no count, nothing noted left out", {}, 2, True),
        ("count stated and fewer named", {"signers_stated": 3}, 2, False),
        ("named blocks and blocks without names", {"signature_blocks": 3}, 2, False),
        ("no count and some named", {"signers_note": "The source names only the leads."}, 1, False),
        ("count stated and none named", {"signers_stated": 4}, 0, False),
        ("no count and none named", {}, 0, False),
    ],
)
def test_the_letter_page_and_the_members_page_agree_on_whether_every_signer_is_named(
    client: Client, kind: str, fields: dict[str, Any], named: int, all_named: bool
) -> None:
    signers = [make_legislator(f"Signer {n}", "R", "NJ", district=n) for n in (1, 2)][:named]
    letter = make_letter(kind, "2025-03-01", signers=signers, **fields)
    serve(make_legislator("Mark Amodei", "R", "NV", district=2))

    letter_page = client.get(letter.get_absolute_url()).content.decode()
    says_not_all_named = any(words in letter_page for words in NOT_ALL_NAMED_ON_LETTER_PAGE)
    members = row(client.get("/members/NV/2/").content.decode(), kind)
    assert ("Did not sign" in members) is all_named
    assert ("Cannot be known" in members) is not all_named
    assert says_not_all_named is not all_named


def test_a_member_with_more_letters_than_shown_is_counted_on_all_and_the_csv_has_all(
    client: Client, nevada: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("people.pages.member_records.LETTERS_SHOWN", 1)
    html = client.get("/members/NV/2/").content.decode()
    amodei = member(html, "mark-amodei-nv")
    shown = amodei.count("<tr") - 1  # the header row
    assert shown == 1
    total = int(found(r"Of the <strong>(\d+)</strong> letters", amodei))
    assert total > 1 and f"(the latest 1; the CSV has all {total})" in amodei
    download = client.get("/members/NV/2.csv")
    csv_rows = content_of(download).decode().strip().splitlines()
    assert sum(1 for line in csv_rows if "Mark Amodei" in line) == total


def test_a_member_who_served_twice_is_answered_for_both_terms_newest_first(
    client: Client,
) -> None:
    """Letters of both periods of service, newest first across them; none of the gap."""
    kind = make_legislator("Ron Kind", "D", "WI", district=3)
    serve(kind, start="2011-01-03", end=datetime.date(2015, 1, 3))
    serve(kind, start="2019-01-03")
    for title, date in (
        ("First term letter", "2013-05-01"),
        ("Gap letter", "2017-05-01"),
        ("Second term letter", "2024-05-01"),
    ):
        make_letter(title, date, signers_stated=1, signers=[make_legislator(title, "R", "TX")])
    html = member(client.get("/members/WI/3/").content.decode(), "ron-kind-wi")
    assert "Gap letter" not in html
    assert html.index("Second term letter") < html.index("First term letter")
    assert "Did not sign" in row(html, "First term letter")


def test_of_the_letters_of_one_day_those_shown_are_the_first_by_title(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only the latest letters are shown: on a day with more, the first by title."""
    monkeypatch.setattr("people.pages.member_records.LETTERS_SHOWN", 1)
    serve(make_legislator("Dina Titus", "D", "NV", district=1))
    for title in ("A first letter", "B second letter"):  # B is recorded after A
        make_letter(
            title, "2025-04-11", signers_stated=1, signers=[make_legislator(title, "R", "TX")]
        )
    html = member(client.get("/members/NV/1/").content.decode(), "dina-titus-nv")
    assert "A first letter" in html and "B second letter" not in html
